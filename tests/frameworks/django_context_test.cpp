// Django through the whole pipeline with the project's own field classes: the engine reads the
// project's fields.py as context (never a migration: editing it is no migration-edited finding,
// it is not counted), and a column of a project field class has its real type, so changing it
// to the same type is no retype and changing it to another is.
#include <doctest/doctest.h>

#include <string>

#include "src/engine/check.h"
#include "tests/support/git_repo.h"

namespace ds {
namespace {

const char* const kFields = R"(from django.db import models


class CodeField(models.CharField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 12)
        super().__init__(*args, **kwargs)
)";

const char* const kInitial = R"(from django.db import migrations, models

import shop.fields


class Migration(migrations.Migration):
    initial = True
    dependencies = []
    operations = [
        migrations.CreateModel(
            name="Customer",
            fields=[
                ("id", models.AutoField(primary_key=True)),
                ("code", shop.fields.CodeField()),
            ],
        ),
    ]
)";

std::string AlterCode(const std::string& field) {
  return "from django.db import migrations, models\n\n\nclass Migration(migrations.Migration):\n"
         "    dependencies = [(\"shop\", \"0001_initial\")]\n"
         "    operations = [\n        migrations.AlterField(model_name=\"customer\", name=\"code\", field=" +
         field + "),\n    ]\n";
}

// Findings as "rule file:line", then diagnostics as "! file: message" (none expected).
std::string Outcome(const engine::CheckRun& run) {
  std::string out;
  for (const ir::Finding& f : run.report.findings) out += f.rule + " " + f.span.file + ":" + std::to_string(f.span.line) + "\n";
  for (const ir::Diagnostic& d : run.report.diagnostics) out += "! " + d.span.file + ": " + d.message + "\n";
  return out;
}

}  // namespace

TEST_CASE("a project's field class is typed from its fields.py, which is context, not a migration") {
  struct Row {
    const char* name;
    std::string field;
    std::string expected;
  };
  const Row rows[] = {
      {"to another type: a retype", "models.IntegerField()",
       "retype-column-in-use shop/migrations/0002_code.py:7\n"},
      {"to the type the class already stores: nothing", "models.CharField(max_length=12)", ""},
  };
  for (const Row& row : rows) {
    SUBCASE(row.name) {
      test::GitRepo repo;
      repo.Write("shop/fields.py", kFields);
      repo.Write("shop/migrations/__init__.py", "");
      repo.Write("shop/migrations/0001_initial.py", kInitial);
      repo.Write("analytics/views/codes.sql",
                 "CREATE SCHEMA IF NOT EXISTS analytics;\nCREATE VIEW analytics.codes AS SELECT code FROM shop_customer;\n");
      repo.Commit("base");
      repo.Git("checkout -q -b change");
      repo.Write("shop/fields.py", std::string(kFields) + "\n\nclass Unused(models.TextField):\n    pass\n");
      repo.Write("shop/migrations/0002_code.py", AlterCode(row.field));
      repo.Commit("head");
      engine::CheckOptions options;
      options.repo_dir = repo.path();
      options.base = "main";
      Result<engine::CheckRun> run = engine::RunCheck(options);
      REQUIRE_MESSAGE(run.ok(), run.error().message);
      CHECK(Outcome(*run) == row.expected);
      CHECK(run->report.migrations_read == 2);
    }
  }
}

}  // namespace ds
