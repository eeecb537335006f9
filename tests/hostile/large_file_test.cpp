// Very large files: a 100 MB SQL migration is refused before it is read (a diagnostic), a large
// schema dump under the limit is read in chunks, a single statement over 1 MB is refused; time
// and memory stay bounded and the rest of the analysis goes on.
#include <doctest/doctest.h>

#include <chrono>
#include <fstream>

#include "tests/hostile/hostile.h"
#include "tests/support/git_repo.h"

namespace ds {
namespace {

// Writes `count` copies of `line` to `path` without building the whole text in memory.
void WriteRepeated(const std::string& path, const std::string& head, const std::string& line, size_t count) {
  std::ofstream out(path, std::ios::binary);
  out << head;
  for (size_t i = 0; i < count; ++i) out << line;
}

}  // namespace

TEST_CASE("a 100 MB SQL file is refused with a diagnostic; the check goes on, bounded") {
  test::GitRepo repo;
  repo.Write("db/migrations/V1__init.sql", "CREATE TABLE users (id bigint, email text);\n");
  WriteRepeated(repo.path() + "/db/migrations/V1_5__seed.sql", "",
                "INSERT INTO users (id, email) VALUES (1, 'someone@example.com');\n", 1600000);  // 100 MB
  repo.Write("analytics/views/contacts.sql", "CREATE VIEW contacts AS SELECT id, email FROM users;\n");
  repo.Commit("base");
  repo.Write("db/migrations/V2__drop.sql", "ALTER TABLE users DROP COLUMN email;\n");
  repo.Commit("head");

  auto start = std::chrono::steady_clock::now();
  // 300 MB of address space would do without sanitizers; libgit2 and threads reserve some more.
  test::Bounded run = test::RunBounded("check --repo " + repo.path() + " --base HEAD~1", 60, 600);
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  CAPTURE(run.out.substr(0, 2000));
  CAPTURE(run.err);
  CHECK(run.status == 1);
  CHECK(run.out.find("[drop-column-in-use]") != std::string::npos);
  CHECK(run.out.find("db/migrations/V1_5__seed.sql: warning: not read: 104000000 bytes, over the limit of 16 MB "
                     "for one source file") != std::string::npos);
  CHECK(seconds < 30);
}

TEST_CASE("a large schema dump under the limit is read whole, in chunks") {
  test::GitRepo repo;
  repo.Write("downstream.yml", "migrations:\n  - path: db/structure.sql\n  - path: db/migrations\nviews:\n"
                               "  - path: analytics/views\n");
  repo.Write("db/migrations/V1__noop.sql", "SELECT 1;\n");
  // About 4 MB of DDL; the table the view reads comes last.
  WriteRepeated(repo.path() + "/db/structure.sql", "SET statement_timeout = 0;\n",
                "CREATE TABLE IF NOT EXISTS filler (id bigint PRIMARY KEY, name text NOT NULL, at timestamptz);\n"
                "CREATE INDEX IF NOT EXISTS filler_name ON filler (name);\n",
                30000);
  std::ofstream(repo.path() + "/db/structure.sql", std::ios::app) << "CREATE TABLE users (id bigint, email text);\n";
  REQUIRE(test::ReadFile(repo.path() + "/db/structure.sql").size() > (4u << 20));
  repo.Write("analytics/views/contacts.sql", "CREATE VIEW contacts AS SELECT id, email FROM users;\n");
  repo.Commit("base");
  repo.Write("db/migrations/V2__drop.sql", "ALTER TABLE users DROP COLUMN email;\n");
  repo.Commit("head");
  engine::CheckRun run = test::CheckLastCommit(repo.path());
  CAPTURE(test::DiagnosticLines(run));
  REQUIRE(run.report.findings.size() == 1);
  CHECK(run.report.findings[0].impacts.size() == 1);
}

TEST_CASE("a single statement over 1 MB is refused; the statements around it are read") {
  test::GitRepo repo;
  std::string huge = "CREATE VIEW huge AS SELECT id";
  for (int i = 0; i < 120000; ++i) huge += ", email AS e" + std::to_string(i);
  huge += " FROM users;\n";
  REQUIRE(huge.size() > (1u << 20));
  repo.Write("db/migrations/V1__init.sql", "CREATE TABLE users (id bigint, email text);\n");
  repo.Write("analytics/views/all.sql", "CREATE VIEW contacts AS SELECT id, email FROM users;\n" + huge +
                                            "CREATE VIEW emails AS SELECT email FROM users;\n");
  repo.Commit("base");
  repo.Write("db/migrations/V2__drop.sql", "ALTER TABLE users DROP COLUMN email;\n");
  repo.Commit("head");
  engine::CheckRun run = test::CheckLastCommit(repo.path());
  CAPTURE(test::DiagnosticLines(run));
  REQUIRE(run.report.findings.size() == 1);
  CHECK(run.report.findings[0].impacts.size() == 2);  // contacts and emails, not huge
  CHECK(test::HasDiagnostic(run, "analytics/views/all.sql", "over the limit of 1048576 bytes for one statement"));
}

}  // namespace ds
