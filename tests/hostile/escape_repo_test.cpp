// Attempts to make downstream read outside the repository: symlinks (the git snapshot skips
// them, whether they point inside or out) and configured paths that climb out (refused with one
// clear sentence, exit 2).
#include <doctest/doctest.h>

#include <filesystem>

#include "src/config/config.h"
#include "tests/hostile/hostile.h"
#include "tests/support/git_repo.h"

namespace ds {

TEST_CASE("symlinks pointing outside the repository are never followed") {
  test::TempDir outside;
  outside.Write("secret/views/stolen.sql", "CREATE VIEW stolen AS SELECT id, email FROM users;\n");
  outside.Write("secret.sql", "CREATE VIEW secret AS SELECT id, email FROM users;\n");
  test::GitRepo repo;
  repo.Write("db/migrations/V1__init.sql", "CREATE TABLE users (id bigint, email text);\n");
  repo.Write("analytics/views/contacts.sql", "CREATE VIEW contacts AS SELECT id, email FROM users;\n");
  namespace fs = std::filesystem;
  fs::create_symlink(outside.path() + "/secret.sql", repo.path() + "/analytics/views/secret.sql");
  fs::create_directories(repo.path() + "/analytics/more");
  fs::create_directory_symlink(outside.path() + "/secret/views", repo.path() + "/analytics/more/views");
  fs::create_symlink("/etc/passwd", repo.path() + "/db/migrations/V0__passwd.sql");
  fs::create_symlink(outside.path() + "/secret.sql", repo.path() + "/downstream.yml");
  repo.Commit("base");
  REQUIRE(repo.Git("ls-files -s analytics/views/secret.sql").starts_with("120000"));  // a symlink
  repo.Write("db/migrations/V2__drop.sql", "ALTER TABLE users DROP COLUMN email;\n");
  repo.Commit("head");

  SUBCASE("check between commits") {
    engine::CheckRun run = test::CheckLastCommit(repo.path());
    CAPTURE(test::DiagnosticLines(run));
    REQUIRE(run.report.findings.size() == 1);
    REQUIRE(run.report.findings[0].impacts.size() == 1);  // contacts only: no stolen, no secret
    CHECK(run.report.findings[0].impacts[0].view.name == "contacts");
    for (const ir::Diagnostic& d : run.report.diagnostics) {
      CHECK(d.message.find("root:") == std::string::npos);  // /etc/passwd was not parsed
      CHECK(d.span.file != "db/migrations/V0__passwd.sql");
    }
  }
  SUBCASE("check --staged") {
    fs::create_symlink(outside.path() + "/secret.sql", repo.path() + "/analytics/views/staged.sql");
    repo.Stage("analytics/views/staged.sql");
    engine::CheckOptions options;
    options.repo_dir = repo.path();
    options.staged = true;
    Result<engine::CheckRun> run = engine::RunCheck(options);
    REQUIRE(run.ok());
    CAPTURE(test::DiagnosticLines(*run));
    CHECK(run->report.findings.empty());
    for (const ir::Diagnostic& d : run->report.diagnostics) CHECK(d.span.file != "analytics/views/staged.sql");
  }
  SUBCASE("lineage") {
    test::Bounded run = test::RunBounded("lineage --repo " + repo.path() + " --format json");
    CAPTURE(run.err);
    REQUIRE(run.status == 0);
    CHECK(run.out.find("contacts") != std::string::npos);
    CHECK(run.out.find("stolen") == std::string::npos);
    CHECK(run.out.find("secret") == std::string::npos);
  }
}

TEST_CASE("configured paths that try to leave the repository are refused") {
  struct Row {
    std::string name;
    std::string yaml;
    std::string says;
  };
  // Migrations are the production schema's history: always read from git, inside the repository.
  // (A views source may name a folder outside it on purpose: a second checkout read from disk.)
  const Row rows[] = {
      {"parent", "migrations:\n  - path: ../other\n", "must not leave the repository"},
      {"parent inside", "migrations:\n  - path: db/../../other\n", "must not leave the repository"},
      {"globstar parent", "migrations:\n  - path: \"**/../../etc\"\n", "must not leave the repository"},
      {"glob then parent", "migrations:\n  - path: \"db/*/../../..\"\n", "must not leave the repository"},
      {"absolute", "migrations:\n  - path: /etc\n", "relative to the repository root"},
      {"absolute glob", "migrations:\n  - path: \"/**/*.sql\"\n", "relative to the repository root"},
      {"parent with kind", "migrations:\n  - path: ../app/alembic/versions\n    kind: alembic\n",
       "must not leave the repository"},
  };
  for (const Row& row : rows) {
    SUBCASE(row.name.c_str()) {
      Result<config::Config> config = config::ParseConfig("downstream.yml", row.yaml, {});
      REQUIRE_FALSE(config.ok());
      CHECK(config.error().message.find(row.says) != std::string::npos);
      CHECK(config.error().message.find("downstream.yml") != std::string::npos);
    }
  }
  SUBCASE("through the binary: exit 2, one sentence") {
    test::GitRepo repo;
    repo.Write("downstream.yml", "migrations:\n  - path: \"db/**/../../../etc\"\n");
    repo.Write("db/migrations/V1__init.sql", "CREATE TABLE users (id bigint);\n");
    repo.Commit("base");
    test::Bounded run = test::RunBounded("check --repo " + repo.path() + " --base HEAD");
    CHECK(run.status == 2);
    CHECK(run.out.empty());
    CHECK(run.err.find("must not leave the repository") != std::string::npos);
  }
  SUBCASE("near miss: dots inside names are fine") {
    Result<config::Config> config = config::ParseConfig(
        "downstream.yml", "migrations:\n  - path: db/..migrations../v1..2\n", {});
    CHECK(config.ok());
  }
}

}  // namespace ds
