// `check --staged` before the first commit (the pre-commit hook in a fresh repository): the index
// is compared with nothing, so everything staged is new; never an environment error.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "tests/support/git_repo.h"

namespace ds {

TEST_CASE("check --staged in a repository with no commit compares the index with nothing") {
  test::GitRepo repo;
  repo.Write("downstream.yml", "migrations:\n  - path: db/migrations\nviews:\n  - path: analytics/views\n");
  repo.Write("db/migrations/V1__users.sql", "CREATE TABLE users (id bigint PRIMARY KEY, email text);\n");
  repo.Write("analytics/views/contacts.sql", "CREATE VIEW contacts AS SELECT id, email FROM users;\n");
  repo.Git("add -A");
  std::string output;
  int status = test::RunCommand("timeout 60 " + std::string(DOWNSTREAM_BINARY) + " check --staged --format json --repo " +
                                    repo.path() + " 2>/dev/null",
                                &output);
  CAPTURE(output);
  CHECK(status == 0);
  nlohmann::json report = nlohmann::json::parse(output);
  CHECK(report["base"] == "");
  CHECK(report["head"] == "staged");
  CHECK(report["findings"].empty());

  // A dropped column in the same first commit breaks nothing that existed before.
  repo.Write("db/migrations/V2__drop.sql", "ALTER TABLE users DROP COLUMN email;\n");
  repo.Git("add -A");
  CHECK(test::RunCommand(std::string(DOWNSTREAM_BINARY) + " check --staged --repo " + repo.path(), &output) != 2);
}

}  // namespace ds
