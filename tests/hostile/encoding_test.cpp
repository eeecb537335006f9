// Files that are not UTF-8 and files with NUL bytes: every output format stays valid (JSON is
// valid UTF-8), a NUL byte gets a diagnostic, and the rest of the analysis goes on.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "tests/hostile/hostile.h"
#include "tests/support/git_repo.h"

namespace ds {
namespace {

// Latin-1 bytes in identifiers, a comment and a string literal; a lone UTF-8 continuation byte;
// an overlong encoding. None of it is valid UTF-8.
const std::string kLatin1Column = "caf\xe9";
const std::string kBadBytes = "\x80\xc0\xaf\xff";

void MakeRepo(const test::GitRepo& repo) {
  repo.Write("db/migrations/V1__init.sql",
             "-- r\xe9sum\xe9 of the schema " + kBadBytes + "\n"
             "CREATE TABLE menu (id bigint, \"" + kLatin1Column + "\" text, price numeric);\n");
  repo.Write("analytics/views/menu_view.sql",
             "CREATE VIEW \"m\xe9nu_view\" AS\nSELECT id, \"" + kLatin1Column + "\" AS \"pr" + kBadBytes +
             "\", price FROM menu WHERE \"" + kLatin1Column + "\" <> '" + kBadBytes + "';\n");
  repo.Write("analytics/views/clean.sql", "CREATE VIEW clean AS SELECT id, price FROM menu;\n");
  repo.Commit("base");
  repo.Write("db/migrations/V2__drop.sql", "-- \xe9\nALTER TABLE menu DROP COLUMN \"" + kLatin1Column + "\";\n");
  repo.Commit("head");
}

}  // namespace

TEST_CASE("non-UTF-8 bytes: every format is produced and JSON stays valid UTF-8") {
  test::GitRepo repo;
  MakeRepo(repo);
  struct Row {
    std::string name;
    std::string args;
    bool json;
  };
  const Row rows[] = {
      {"check text", "check --format text", false},
      {"check json", "check --format json", true},
      {"check github", "check --format github", false},
      {"check markdown", "check --format markdown", false},
      {"check sarif", "check --format sarif", true},
      {"lineage json", "lineage --format json", true},
      {"lineage openlineage", "lineage --format openlineage", true},
      {"lineage text", "lineage --format text", false},
      {"lineage mermaid", "lineage --format mermaid", false},
      {"lineage dot", "lineage --format dot", false},
      {"schema json", "schema --format json", true},
  };
  for (const Row& row : rows) {
    SUBCASE(row.name.c_str()) {
      std::string args = row.args + " --repo " + repo.path();
      if (row.args.starts_with("check")) args += " --base HEAD~1 --fail-on never";
      test::Bounded run = test::RunBounded(args, 60);
      CAPTURE(run.err);
      REQUIRE(run.status == 0);
      CHECK(!run.out.empty());
      if (row.json) {
        nlohmann::json parsed = nlohmann::json::parse(run.out, nullptr, false);  // strict UTF-8
        CHECK_FALSE(parsed.is_discarded());
      }
      if (row.name == "check json") {
        nlohmann::json parsed = nlohmann::json::parse(run.out);
        REQUIRE(parsed["findings"].size() == 1);
        CHECK(parsed["findings"][0]["rule"] == "drop-column-in-use");
        CHECK(parsed["findings"][0]["impacts"].size() == 1);
      }
    }
  }
}

TEST_CASE("a NUL byte in any kind of file is a diagnostic; the other files are still read") {
  struct Row {
    std::string name;
    std::string path;
  };
  const Row rows[] = {
      {"SQL migration", "db/migrations/V0__nul.sql"},
      {"view file", "analytics/views/nul.sql"},
      {"Alembic revision", "migrations/versions/nul.py"},
  };
  for (const Row& row : rows) {
    SUBCASE(row.name.c_str()) {
      test::GitRepo repo;
      repo.Write("downstream.yml",
                 "migrations:\n  - path: db/migrations\n  - path: migrations/versions\n    kind: alembic\n"
                 "views:\n  - path: analytics/views\n");
      repo.Write("db/migrations/V1__init.sql", "CREATE TABLE users (id bigint, email text);\n");
      repo.Write("migrations/versions/a1.py",
                 "from alembic import op\nimport sqlalchemy as sa\nrevision = \"a1\"\ndown_revision = None\n\n"
                 "def upgrade():\n    op.create_table(\"things\", sa.Column(\"id\", sa.BigInteger()))\n");
      repo.Write("analytics/views/contacts.sql", "CREATE VIEW contacts AS SELECT id, email FROM users;\n");
      repo.Write(row.path, std::string("CREATE VIEW x AS SELECT 1\0 AS one;\n", 35));
      repo.Commit("base");
      repo.Write("db/migrations/V2__drop.sql", "ALTER TABLE users DROP COLUMN email;\n");
      repo.Commit("head");
      engine::CheckRun run = test::CheckLastCommit(repo.path());
      CAPTURE(test::DiagnosticLines(run));
      CHECK(test::HasDiagnostic(run, row.path, "NUL byte"));
      REQUIRE(run.report.findings.size() == 1);
      CHECK(run.report.findings[0].impacts.size() == 1);
    }
  }
}

TEST_CASE("a NUL byte in downstream.yml is a clear configuration error") {
  test::GitRepo repo;
  repo.Write("downstream.yml", std::string("migrations:\n  - path: db\0/migrations\n", 37));
  repo.Write("db/migrations/V1__init.sql", "CREATE TABLE users (id bigint);\n");
  repo.Commit("base");
  test::Bounded run = test::RunBounded("check --repo " + repo.path() + " --base HEAD");
  CAPTURE(run.out);
  CAPTURE(run.err);
  CHECK(run.status == 2);
  CHECK(run.err.find("downstream.yml") != std::string::npos);
  CHECK(std::count(run.err.begin(), run.err.end(), '\n') == 1);  // one sentence
}

}  // namespace ds
