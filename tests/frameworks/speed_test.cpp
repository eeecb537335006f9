// Speed: a generated 2,000-file history (Alembic, Django and Rails, realistic sizes) parsed on
// two threads and ordered, as the engine does. No interpreter runs; the budget is well under a
// second on two cores (the bound here is loose, so that a loaded CI machine does not fail it;
// the time is printed).
#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include "tests/hostile/hostile.h"
#include "parsers/migrations/framework_history.h"
#include "parsers/python/parse_alembic.h"
#include "parsers/python/parse_django.h"
#include "parsers/ruby/parse_rails.h"

namespace ds::parsers {
namespace {

std::string Alembic(int i) {
  std::string id = "r" + std::to_string(i), down = i == 0 ? "None" : "\"r" + std::to_string(i - 1) + "\"";
  std::string t = "t" + std::to_string(i);
  return "\"\"\"revision " + id + "\"\"\"\nfrom alembic import op\nimport sqlalchemy as sa\n\n"
         "revision = \"" + id + "\"\ndown_revision = " + down + "\n\n\ndef upgrade():\n"
         "    op.create_table(\n        \"" + t + "\",\n"
         "        sa.Column(\"id\", sa.Integer(), primary_key=True),\n"
         "        sa.Column(\"name\", sa.String(length=100), nullable=False),\n"
         "        sa.Column(\"created_at\", sa.DateTime(timezone=True), nullable=False),\n"
         "        sa.Column(\"price\", sa.Numeric(10, 2)),\n    )\n"
         "    op.add_column(\"" + t + "\", sa.Column(\"note\", sa.Text()))\n"
         "    op.create_index(op.f(\"ix_" + t + "_name\"), \"" + t + "\", [\"name\"])\n"
         "    op.execute(\"ALTER TABLE " + t + " ADD COLUMN flag boolean\")\n\n\n"
         "def downgrade():\n    op.drop_table(\"" + t + "\")\n";
}

std::string Django(int i) {
  std::string deps = i == 0 ? "" : "(\"app\", \"" + std::to_string(10000 + i - 1).substr(1) + "_m\")";
  std::string m = "M" + std::to_string(i);
  return "from django.db import migrations, models\nimport django.db.models.deletion\n\n\n"
         "class Migration(migrations.Migration):\n    dependencies = [" + deps + "]\n\n"
         "    operations = [\n        migrations.CreateModel(\n            name=\"" + m + "\",\n"
         "            fields=[\n"
         "                (\"id\", models.BigAutoField(auto_created=True, primary_key=True, serialize=False)),\n"
         "                (\"title\", models.CharField(max_length=200)),\n"
         "                (\"body\", models.TextField(blank=True)),\n"
         "                (\"when\", models.DateTimeField(auto_now_add=True)),\n            ],\n        ),\n"
         "        migrations.AddField(model_name=\"" + m + "\", name=\"score\", field=models.IntegerField(default=0)),\n"
         "    ]\n";
}

std::string Rails(int i) {
  std::string t = "things_" + std::to_string(i);
  return "class Create" + std::to_string(i) + " < ActiveRecord::Migration[6.1]\n  def change\n"
         "    create_table :" + t + " do |t|\n      t.string :name, null: false\n"
         "      t.references :owner, foreign_key: true\n      t.decimal :price, precision: 10, scale: 2\n"
         "      t.timestamps\n    end\n    add_column :" + t + ", :note, :text\n"
         "    add_index :" + t + ", :name\n  end\nend\n";
}

}  // namespace

TEST_CASE("a 2,000-file framework history parses and orders well under a second on two cores") {
  struct Input {
    Framework framework;
    std::string path, text;
  };
  std::vector<Input> inputs;
  for (int i = 0; i < 700; ++i) inputs.push_back({Framework::kAlembic, "alembic/versions/r" + std::to_string(i) + ".py", Alembic(i)});
  for (int i = 0; i < 700; ++i) {
    inputs.push_back({Framework::kDjango, "app/migrations/" + std::to_string(10000 + i).substr(1) + "_m.py", Django(i)});
  }
  for (int i = 0; i < 600; ++i) {
    inputs.push_back({Framework::kRails, "db/migrate/" + std::to_string(20240000000000LL + i) + "_c.rb", Rails(i)});
  }
  auto start = std::chrono::steady_clock::now();
  std::vector<ir::ParsedFile> parsed(inputs.size());
  std::atomic<size_t> next{0};
  auto worker = [&] {
    for (size_t i = next++; i < inputs.size(); i = next++) {
      const Input& in = inputs[i];
      parsed[i] = in.framework == Framework::kAlembic  ? ParseAlembicFile(in.path, in.text)
                  : in.framework == Framework::kDjango ? ParseDjangoFile(in.path, in.text)
                                                       : ParseRailsFile(in.path, in.text);
    }
  };
  std::thread second(worker);
  worker();
  second.join();
  size_t ops = 0;
  std::vector<ir::Diagnostic> diagnostics;
  for (Framework framework : {Framework::kAlembic, Framework::kDjango, Framework::kRails}) {
    std::vector<HistoryFile> files;
    for (size_t i = 0; i < inputs.size(); ++i) {
      if (inputs[i].framework == framework) files.push_back({inputs[i].path, &parsed[i]});
    }
    for (const ReplayStep& step : OrderHistory(framework, files, diagnostics)) ops += step.ops.size();
  }
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  MESSAGE("2000 framework files parsed and ordered in " << seconds * 1000 << " ms on 2 threads");
  size_t file_diagnostics = 0;
  for (const ir::ParsedFile& p : parsed) file_diagnostics += p.diagnostics.size();
  CHECK(file_diagnostics == 0);
  CHECK(diagnostics.empty());
  CHECK(ops == 700 * 3 + 700 * 2 + 600 * 2);
  // A sanity bound, not a benchmark (bench/ measures): instrumented builds run several times slower.
  CHECK(seconds < (test::kSanitized ? 15.0 : 3.0));
}

}  // namespace ds::parsers
