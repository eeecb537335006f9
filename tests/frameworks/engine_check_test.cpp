// The frameworks through the whole pipeline: real two-commit git repositories with no
// downstream.yml (the layout is detected), checked by engine::RunCheck. A migration that drops
// a column a SQL view reads is a drop-column-in-use finding on the migration call's line; a
// near miss (a column no view reads) is not.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "src/engine/check.h"
#include "tests/support/git_repo.h"

namespace ds {
namespace {

struct Case {
  const char* name;
  std::vector<std::pair<std::string, std::string>> base_files;
  std::pair<std::string, std::string> head_file;
  std::string expected;  ///< "rule file:line:col" lines, or "" for no finding
  std::string detected;  ///< a note detection must give
};

const char* const kView = "CREATE SCHEMA IF NOT EXISTS analytics;\nCREATE VIEW analytics.emails AS SELECT email FROM %s;\n";

std::string View(const std::string& table) {
  std::string text = kView;
  return text.replace(text.find("%s"), 2, table);
}

const char* const kAlembicBase = R"(from alembic import op
import sqlalchemy as sa

revision = "a1"
down_revision = None


def upgrade():
    op.create_table("users", sa.Column("id", sa.Integer, primary_key=True),
                    sa.Column("email", sa.Text), sa.Column("nickname", sa.Text))
)";

std::string AlembicHead(const std::string& column) {
  return "from alembic import op\n\nrevision = \"b2\"\ndown_revision = \"a1\"\n\n\n"
         "def upgrade():\n    op.drop_column(\"users\", \"" + column + "\")\n";
}

const char* const kDjangoBase = R"(from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True
    dependencies = []
    operations = [
        migrations.CreateModel(
            name="Customer",
            fields=[
                ("id", models.AutoField(primary_key=True)),
                ("email", models.EmailField()),
                ("nickname", models.CharField(max_length=20)),
            ],
        ),
    ]
)";

std::string DjangoHead(const std::string& field) {
  return "from django.db import migrations\n\n\nclass Migration(migrations.Migration):\n"
         "    dependencies = [(\"shop\", \"0001_initial\")]\n"
         "    operations = [\n        migrations.RemoveField(model_name=\"customer\", name=\"" + field +
         "\"),\n    ]\n";
}

const char* const kRailsBase = R"(class CreateUsers < ActiveRecord::Migration[6.1]
  def change
    create_table :users do |t|
      t.string :email
      t.string :nickname
    end
  end
end
)";

std::string RailsHead(const std::string& column) {
  return "class DropColumn < ActiveRecord::Migration[6.1]\n  def change\n"
         "    remove_column :users, :" + column + ", :string\n  end\nend\n";
}

std::string Findings(const engine::CheckRun& run) {
  std::string out;
  for (const ir::Finding& f : run.report.findings) {
    out += f.rule + " " + f.span.file + ":" + std::to_string(f.span.line) + ":" + std::to_string(f.span.column) + "\n";
  }
  return out;
}

std::string Diagnostics(const engine::CheckRun& run) {
  std::string out;
  for (const ir::Diagnostic& d : run.report.diagnostics) out += d.span.file + ": " + d.message + "\n";
  return out;
}

}  // namespace

TEST_CASE("a framework migration dropping a column a view reads is found on its line") {
  const std::string views = "analytics/views/emails.sql";
  const std::vector<Case> cases = {
      {"alembic drops a read column",
       {{"alembic/env.py", ""}, {"alembic/versions/a1_users.py", kAlembicBase}, {views, View("users")}},
       {"alembic/versions/b2_drop.py", AlembicHead("email")},
       "drop-column-in-use alembic/versions/b2_drop.py:8:5\n",
       "found 2 alembic migration file(s) in alembic/versions/"},
      {"alembic drops an unread column",
       {{"alembic/env.py", ""}, {"alembic/versions/a1_users.py", kAlembicBase}, {views, View("users")}},
       {"alembic/versions/b2_drop.py", AlembicHead("nickname")}, "", ""},
      {"django removes a read field",
       {{"shop/migrations/__init__.py", ""}, {"shop/migrations/0001_initial.py", kDjangoBase},
        {views, View("shop_customer")}},
       {"shop/migrations/0002_remove.py", DjangoHead("email")},
       "drop-column-in-use shop/migrations/0002_remove.py:7:9\n",
       "found 2 django migration file(s) in shop/migrations/"},
      {"django removes an unread field",
       {{"shop/migrations/0001_initial.py", kDjangoBase}, {views, View("shop_customer")}},
       {"shop/migrations/0002_remove.py", DjangoHead("nickname")}, "", ""},
      {"rails removes a read column",
       {{"db/migrate/20240101000000_create_users.rb", kRailsBase}, {views, View("users")}},
       {"db/migrate/20240102000000_drop_column.rb", RailsHead("email")},
       "drop-column-in-use db/migrate/20240102000000_drop_column.rb:3:5\n",
       "found 2 rails migration file(s) in db/migrate/"},
      {"rails removes an unread column",
       {{"db/migrate/20240101000000_create_users.rb", kRailsBase}, {views, View("users")}},
       {"db/migrate/20240102000000_drop_column.rb", RailsHead("nickname")}, "", ""},
  };
  for (const Case& c : cases) {
    SUBCASE(c.name) {
      test::GitRepo repo;
      for (const auto& [path, text] : c.base_files) repo.Write(path, text);
      repo.Commit("base");
      repo.Git("checkout -q -b change");
      repo.Write(c.head_file.first, c.head_file.second);
      repo.Commit("head");
      engine::CheckOptions options;
      options.repo_dir = repo.path();
      options.base = "main";
      Result<engine::CheckRun> run = engine::RunCheck(options);
      REQUIRE_MESSAGE(run.ok(), run.error().message);
      CHECK_MESSAGE(run->report.diagnostics.empty(), Diagnostics(*run));
      CHECK(Findings(*run) == c.expected);
      CHECK(run->report.migrations_read == 2);
      if (!std::string(c.detected).empty()) {
        bool said = false;
        for (const std::string& note : run->notes) said = said || note == c.detected;
        CHECK_MESSAGE(said, "notes lack: " << c.detected);
      }
    }
  }
}

TEST_CASE("two Alembic heads are an error naming them, and both branches are still read") {
  test::GitRepo repo;
  repo.Write("alembic/env.py", "");
  repo.Write("alembic/versions/a1.py", kAlembicBase);
  repo.Write("views/v.sql", View("users"));
  repo.Commit("base");
  repo.Write("alembic/versions/b2.py", AlembicHead("nickname"));
  std::string other = AlembicHead("email");
  other.replace(other.find("\"b2\""), 4, "\"c3\"");
  repo.Write("alembic/versions/c3.py", other);
  repo.Commit("two heads");
  engine::CheckOptions options;
  options.repo_dir = repo.path();
  options.base = "HEAD~1";
  Result<engine::CheckRun> run = engine::RunCheck(options);
  REQUIRE(run.ok());
  CHECK(Diagnostics(*run) ==
        "alembic/versions/b2.py: the Alembic history has 2 heads (b2, c3): `alembic upgrade head` "
        "refuses to run; merge them with `alembic merge heads` (every branch is replayed here)\n");
  REQUIRE(run->report.diagnostics.size() == 1);
  CHECK(run->report.diagnostics[0].severity == ir::Severity::kError);
  CHECK(Findings(*run) == "drop-column-in-use alembic/versions/c3.py:8:5\n");
}

}  // namespace ds
