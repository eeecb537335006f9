// Bad input gets a diagnostic with file:line and loses nothing: the rest is still analysed.
#include <doctest/doctest.h>

#include "src/engine/check.h"
#include "tests/support/git_repo.h"

namespace ds {

namespace {

bool HasDiagnostic(const engine::CheckRun& run, const std::string& file, int line,
                   const std::string& text) {
  for (const ir::Diagnostic& d : run.report.diagnostics) {
    if (d.span.file == file && d.span.line == line && d.message.find(text) != std::string::npos) {
      return true;
    }
  }
  return false;
}

std::string Dump(const engine::CheckRun& run) {
  std::string out;
  for (const ir::Diagnostic& d : run.report.diagnostics) {
    out += d.span.file + ":" + std::to_string(d.span.line) + " " + d.message + "\n";
  }
  return out;
}

}  // namespace

TEST_CASE("broken files become diagnostics and the analysis goes on") {
  test::GitRepo repo;
  repo.Write("downstream.yml",
             "migrations:\n  - path: db/migrations\n  - path: db/seeds\nviews:\n"
             "  - path: analytics/views\n");
  repo.Write("db/migrations/V1__init.sql",
             "CREATE TABLE users (id bigint, email text);\n"
             "CREATE TABLE orders (id bigint, user_id bigint, total numeric);\n");
  repo.Write("db/seeds/users.csv", "id,email\n");  // a source holding no migration file
  repo.Write("analytics/views/contacts.sql", "CREATE VIEW contacts AS SELECT id, email FROM users;\n");
  repo.Write("analytics/views/broken.sql", "CREATE VIEW broken AS\nSELEC id FROM users;\n");
  repo.Write("analytics/views/ghost.sql",
             "CREATE VIEW ghost AS\nSELECT g.id FROM no_such_table g;\n");
  repo.Write("analytics/views/blob.sql", std::string("\x89PNG\r\n\x1a\n\0\0\0", 11));
  repo.Commit("base");
  repo.Write("db/migrations/V2__drop.sql",
             "DO $$ BEGIN EXECUTE 'ALTER TABLE orders DROP COLUMN total'; END $$;\n"
             "ALTER TABLE users DROP COLUMN email;\n");
  repo.Commit("head");

  engine::CheckOptions options;
  options.repo_dir = repo.path();
  options.base = "HEAD~1";
  Result<engine::CheckRun> run = engine::RunCheck(options);
  REQUIRE(run.ok());
  CAPTURE(Dump(*run));
  // The finding is still made, on the right line, despite everything around it.
  REQUIRE(run->report.findings.size() == 1);
  CHECK(run->report.findings[0].rule == "drop-column-in-use");
  CHECK(run->report.findings[0].span == ir::SourceSpan{"db/migrations/V2__drop.sql", 2, 1});
  // And each thing not understood is said, with its place.
  CHECK(HasDiagnostic(*run, "analytics/views/broken.sql", 2, "could not parse"));
  CHECK(HasDiagnostic(*run, "analytics/views/blob.sql", 0, "binary file"));
  CHECK(HasDiagnostic(*run, "db/seeds", 0, "no .sql migration files found under db/seeds"));
  CHECK(HasDiagnostic(*run, "db/migrations/V2__drop.sql", 1, "DO"));
  CHECK(HasDiagnostic(*run, "analytics/views/ghost.sql", 2, "no_such_table"));
}

}  // namespace ds
