// Migration histories with a cycle: the files in it are named in an error and left out; the rest
// of the history still replays, the check still finds what the pull request breaks, in bounded time.
#include <doctest/doctest.h>

#include "tests/hostile/hostile.h"
#include "tests/support/git_repo.h"

namespace ds {
namespace {

std::string Alembic(const std::string& revision, const std::string& down, const std::string& body) {
  return "from alembic import op\nimport sqlalchemy as sa\n\nrevision = \"" + revision +
         "\"\ndown_revision = " + down + "\n\n\ndef upgrade():\n" + body + "\n";
}

std::string Django(const std::string& deps, const std::string& operations) {
  return "from django.db import migrations, models\n\n\nclass Migration(migrations.Migration):\n"
         "    dependencies = [" + deps + "]\n    operations = [\n" + operations + "    ]\n";
}

}  // namespace

TEST_CASE("an Alembic down_revision cycle is an error naming it; the rest goes on") {
  test::GitRepo repo;
  repo.Write("downstream.yml", "migrations:\n  - path: migrations/versions\n    kind: alembic\n"
                               "views:\n  - path: analytics/views\n");
  repo.Write("migrations/versions/c1_users.py",
             Alembic("c1", "None", "    op.create_table(\"users\", sa.Column(\"id\", sa.BigInteger()), "
                                   "sa.Column(\"email\", sa.Text()))"));
  // x1 -> x2 -> x3 -> x1: none of them can ever run.
  repo.Write("migrations/versions/x1.py", Alembic("x1", "\"x3\"", "    op.drop_table(\"users\")"));
  repo.Write("migrations/versions/x2.py", Alembic("x2", "\"x1\"", "    op.drop_table(\"users\")"));
  repo.Write("migrations/versions/x3.py", Alembic("x3", "\"x2\"", "    op.drop_table(\"users\")"));
  // A revision that is its own parent.
  repo.Write("migrations/versions/self.py", Alembic("self", "\"self\"", "    op.drop_table(\"users\")"));
  repo.Write("analytics/views/contacts.sql", "CREATE VIEW contacts AS SELECT id, email FROM users;\n");
  repo.Commit("base");
  repo.Write("migrations/versions/c2_drop.py", Alembic("c2", "\"c1\"", "    op.drop_column(\"users\", \"email\")"));
  repo.Commit("head");

  engine::CheckRun run = test::CheckLastCommit(repo.path());
  CAPTURE(test::DiagnosticLines(run));
  REQUIRE(run.report.findings.size() == 1);
  CHECK(run.report.findings[0].rule == "drop-column-in-use");
  CHECK(run.report.findings[0].span.file == "migrations/versions/c2_drop.py");
  bool cycle_said = false;
  for (const ir::Diagnostic& d : run.report.diagnostics) {
    if (d.message.find("cycle") != std::string::npos && d.message.find("x1") != std::string::npos &&
        d.message.find("x3") != std::string::npos) {
      cycle_said = true;
      CHECK(d.severity == ir::Severity::kError);
    }
  }
  CHECK(cycle_said);
  // The cycle's drop_table never ran: users is still there for the view.
  CHECK(run.report.findings[0].impacts.size() == 1);
}

TEST_CASE("a Django dependency cycle across apps is an error naming it; the rest goes on") {
  test::GitRepo repo;
  repo.Write("downstream.yml", "migrations:\n  - path: shop\n    kind: django\nviews:\n  - path: analytics/views\n");
  repo.Write("shop/users/migrations/0001_initial.py",
             Django("", "        migrations.CreateModel(name=\"User\", fields=[(\"id\", models.BigAutoField(primary_key=True)), "
                        "(\"email\", models.TextField())]),\n"));
  repo.Write("shop/a/migrations/0001_initial.py",
             Django("(\"b\", \"0001_initial\")", "        migrations.CreateModel(name=\"A\", fields=[(\"id\", models.BigAutoField(primary_key=True))]),\n"));
  repo.Write("shop/b/migrations/0001_initial.py",
             Django("(\"a\", \"0001_initial\")", "        migrations.CreateModel(name=\"B\", fields=[(\"id\", models.BigAutoField(primary_key=True))]),\n"));
  repo.Write("analytics/views/contacts.sql", "CREATE VIEW contacts AS SELECT id, email FROM users_user;\n");
  repo.Commit("base");
  repo.Write("shop/users/migrations/0002_drop_email.py",
             Django("(\"users\", \"0001_initial\")", "        migrations.RemoveField(model_name=\"user\", name=\"email\"),\n"));
  repo.Commit("head");

  engine::CheckRun run = test::CheckLastCommit(repo.path());
  CAPTURE(test::DiagnosticLines(run));
  REQUIRE(run.report.findings.size() == 1);
  CHECK(run.report.findings[0].span.file == "shop/users/migrations/0002_drop_email.py");
  bool cycle_said = false;
  for (const ir::Diagnostic& d : run.report.diagnostics) {
    if (d.message.find("cycle") != std::string::npos && d.message.find("a.0001_initial") != std::string::npos &&
        d.message.find("b.0001_initial") != std::string::npos) {
      cycle_said = true;
    }
  }
  CHECK(cycle_said);
}

}  // namespace ds
