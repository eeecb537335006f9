// Configuration mistakes are errors (#10): a configured path or glob that matches nothing exits 2
// with one sentence naming the file, the line, the key and a did-you-mean; every configuration file
// name is read; a configuration left out of the revision is said, with how to pass it.
#include <doctest/doctest.h>

#include <string>

#include "tests/support/git_repo.h"

namespace ds {
namespace {

struct Outcome {
  int status;
  std::string out;  // stdout, or stderr alone when asked
};

Outcome Run(const std::string& args, bool stderr_only = false) {
  std::string output;
  std::string command = std::string(DOWNSTREAM_BINARY) + " " + args;
  if (stderr_only) command = "{ " + command + " >/dev/null; }";
  int status = test::RunCommand(command, &output);
  return {status, output};
}

// A shop: one view reading users.email; the head drops it. `config` is committed at both.
void MakeShop(const test::GitRepo& repo, const std::string& name = "", const std::string& config = "") {
  repo.Write("db/migrations/V1__users.sql", "CREATE TABLE users (id bigint, email text);\n");
  repo.Write("analytics/views/contacts.sql", "CREATE VIEW contacts AS SELECT id, email FROM users;\n");
  if (!name.empty()) repo.Write(name, config);
  repo.Commit("base");
  repo.Git("checkout -q -b change");
  repo.Write("db/migrations/V2__drop_email.sql", "ALTER TABLE users DROP COLUMN email;\n");
  repo.Commit("drop email");
}

}  // namespace

TEST_CASE("a configured path that matches nothing: exit 2, the file, line, key and a did-you-mean") {
  struct Row {
    const char* name;
    std::string yaml;
    std::string sentence;
  };
  const Row rows[] = {
      {"a migrations folder with a typo", "migrations: [db/migratons]\n",
       "downstream.yml:1: key 'migrations[0]' names 'db/migratons', which matches nothing at HEAD; did you mean "
       "'db/migrations'?"},
      {"a migrations path entry", "migrations:\n  - path: db/migrations/V1__user.sql\n    kind: sql\n",
       "downstream.yml:2: key 'migrations[0].path' names 'db/migrations/V1__user.sql', which matches nothing at "
       "HEAD; did you mean 'db/migrations/V1__users.sql'?"},
      {"a glob", "migrations: [db/migrations]\nviews:\n  - path: \"analytics/*/reports/*.sql\"\n",
       "downstream.yml:3: key 'views[0].path' names 'analytics/*/reports/*.sql', which matches nothing at HEAD"},
      {"a dbt project", "migrations: [db/migrations]\nviews:\n  - dbt: analytic\n",
       "downstream.yml:3: key 'views[0].dbt' names 'analytic', which matches nothing at HEAD; did you mean "
       "'analytics'?"},
      {"a lea folder far from anything", "views:\n  - lea: warehouse/lea/models\n",
       "downstream.yml:2: key 'views[0].lea' names 'warehouse/lea/models', which matches nothing at HEAD"},
  };
  for (const Row& row : rows) {
    SUBCASE(row.name) {
      test::GitRepo repo;
      MakeShop(repo, "downstream.yml", row.yaml);
      Outcome run = Run("check --repo " + repo.path());
      CHECK(run.status == 2);
      CHECK(run.out == "downstream: " + row.sentence + "\n");
    }
  }
}

TEST_CASE("a dialect no warehouse has: exit 2, the file, line, key and the names accepted") {
  test::GitRepo repo;
  MakeShop(repo, "downstream.yml", "migrations: [db/migrations]\nviews:\n  - path: analytics/views\n    dialect: oracle\n");
  Outcome run = Run("check --repo " + repo.path());
  CHECK(run.status == 2);
  CHECK(run.out == "downstream: downstream.yml:4: key 'views[0].dialect' must be one of postgres, snowflake, "
                   "bigquery, redshift, databricks, trino, duckdb (or postgresql, spark, sparksql, athena, presto), "
                   "not 'oracle'\n");
}

TEST_CASE("a path outside the repository is judged on disk") {
  test::GitRepo repo;
  test::TempDir analytics;
  analytics.Write("views/contacts.sql", "CREATE VIEW c AS SELECT id FROM users;\n");
  std::string yaml = "migrations: [db/migrations]\nviews:\n  - path: " + analytics.path() + "/view\n";
  MakeShop(repo, "downstream.yml", yaml);
  Outcome run = Run("check --repo " + repo.path() + " --config " + repo.path() + "/downstream.yml");
  CHECK(run.status == 2);
  CHECK(run.out == "downstream: " + repo.path() + "/downstream.yml:3: key 'views[0].path' names '" +
                       analytics.path() + "/view', which matches nothing on disk; did you mean '" + analytics.path() +
                       "/views'?\n");
}

TEST_CASE("with --staged, paths are judged in the index") {
  test::GitRepo repo;
  MakeShop(repo);
  repo.Write("downstream.yml", "migrations: [db/migrations]\nviews: [analytics/view]\n");
  repo.Stage("downstream.yml");
  Outcome run = Run("check --repo " + repo.path() + " --staged");
  CHECK(run.status == 2);
  CHECK(run.out == "downstream: downstream.yml:2: key 'views[0]' names 'analytics/view', which matches nothing in "
                   "the index; did you mean 'analytics/views'?\n");
}

TEST_CASE("every configuration file name is read") {
  for (const char* name : {"downstream.yml", ".downstream.yml", "downstream.yaml", ".downstream.yaml"}) {
    SUBCASE(name) {
      test::GitRepo repo;
      MakeShop(repo, name, "rules:\n  drop-column-in-use: off\n");
      Outcome run = Run("check --repo " + repo.path());
      CHECK(run.status == 0);  // the rule is off: the file was read
      CHECK(run.out.find("drops column") == std::string::npos);
    }
  }
}

TEST_CASE("a configuration in the working tree but not in the revision is said, with --config") {
  test::GitRepo repo;
  MakeShop(repo);
  repo.Write("downstream.yml", "rules:\n  drop-column-in-use: off\n");
  Outcome run = Run("check --repo " + repo.path(), true);
  CHECK(run.status == 1);  // not read: the rule still fires
  std::string file = repo.path() + "/downstream.yml";
  CHECK(run.out.find("downstream: downstream.yml is in the working tree but not committed at HEAD, so it is not "
                     "used: commit it (`git add downstream.yml` and `git commit`), or pass it with --config " +
                     file + "\n") != std::string::npos);
  CHECK(Run("check --repo " + repo.path() + " --config " + file).status == 0);
  Outcome staged = Run("check --repo " + repo.path() + " --staged", true);
  CHECK(staged.out.find("downstream: downstream.yml is in the working tree but not in the index, so it is not "
                        "used: stage it with `git add downstream.yml`, or pass it with --config " + file + "\n") !=
        std::string::npos);
}

}  // namespace ds
