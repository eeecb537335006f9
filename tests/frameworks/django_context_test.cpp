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

namespace ds {

// `kind:` left out of a configured entry: a numbered file beside Flask-Migrate's env.py does
// not make the folder Django (the revisions are read, the drop is found).
TEST_CASE("a stray numbered file in an Alembic migrations folder keeps it Alembic") {
  test::GitRepo repo;
  repo.Write("downstream.yml", "migrations:\n  - path: migrations\nviews:\n  - path: analytics\n");
  repo.Write("migrations/env.py", "from alembic import context\n");
  repo.Write("migrations/0001_backfill.py", "def backfill():\n    return None\n");
  repo.Write("migrations/versions/a1_users.py",
             "from alembic import op\nimport sqlalchemy as sa\n\nrevision = \"a1\"\ndown_revision = None\n\n\n"
             "def upgrade():\n    op.create_table(\"users\", sa.Column(\"id\", sa.Integer, primary_key=True),\n"
             "                    sa.Column(\"email\", sa.Text))\n");
  repo.Write("analytics/emails.sql", "CREATE SCHEMA IF NOT EXISTS analytics;\nCREATE VIEW analytics.emails AS SELECT email FROM users;\n");
  repo.Commit("base");
  repo.Git("checkout -q -b change");
  repo.Write("migrations/versions/b2_drop.py",
             "from alembic import op\n\nrevision = \"b2\"\ndown_revision = \"a1\"\n\n\ndef upgrade():\n"
             "    op.drop_column(\"users\", \"email\")\n");
  repo.Commit("head");
  engine::CheckOptions options;
  options.repo_dir = repo.path();
  options.base = "main";
  Result<engine::CheckRun> run = engine::RunCheck(options);
  REQUIRE_MESSAGE(run.ok(), run.error().message);
  std::string outcome = Outcome(*run);
  CHECK_MESSAGE(outcome.find("drop-column-in-use migrations/versions/b2_drop.py:8\n") == 0, outcome);
}

}  // namespace ds
