// Configuration globs written to be slow (`*a*a*a...b`: exponential for a backtracking matcher)
// match in time linear in pattern x path; a whole check with one stays fast.
#include <doctest/doctest.h>

#include <chrono>

#include "src/config/config.h"
#include "tests/hostile/hostile.h"
#include "tests/support/git_repo.h"

namespace ds {

TEST_CASE("pathological globs are matched quickly, with the same answers") {
  std::string many_stars;
  for (int i = 0; i < 40; ++i) many_stars += "*a";
  struct Row {
    std::string name;
    std::string pattern;
    std::string path;
    bool matches;
  };
  const Row rows[] = {
      {"stars, no match", many_stars + "*b", std::string(200, 'a'), false},
      {"stars, match", many_stars + "*b", std::string(200, 'a') + "b", true},
      {"globstars, no match", "**/**/**/**/**/**/**/**/**/**/x", "a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/y", false},
      {"globstars, match", "**/**/**/**/**/**/**/**/**/**/x", "a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/x", true},
      {"star stays in its segment", "db/*a*a*a*a*a*a*a*a*b", "db/aaaaaaaaaaaaaaaaaaaaaaaa/b", false},
  };
  for (const Row& row : rows) {
    SUBCASE(row.name.c_str()) {
      auto start = std::chrono::steady_clock::now();
      CHECK(config::PathMatches(row.pattern, row.path) == row.matches);
      CHECK(config::NameMatches(row.pattern, row.path) == row.matches);
      CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(1));
    }
  }
}

TEST_CASE("a check whose configuration holds a pathological glob finishes quickly") {
  test::GitRepo repo;
  std::string pattern;
  for (int i = 0; i < 30; ++i) pattern += "*a";
  repo.Write("downstream.yml", "migrations:\n  - path: db/migrations\n  - path: \"" + pattern +
                                   "*b\"\n    kind: sql\nviews:\n  - path: analytics/views\n"
                                   "owners:\n  \"" + pattern + "*b\": \"@acme/x\"\n");
  repo.Write("db/migrations/V1__init.sql", "CREATE TABLE users (id bigint, email text);\n");
  repo.Write(std::string(100, 'a') + "/" + std::string(100, 'a') + ".sql", "SELECT 1;\n");
  repo.Write(std::string(30, 'a') + "b", "");  // what the glob matches: a path matching nothing is an error
  repo.Write("analytics/views/contacts.sql", "CREATE VIEW contacts AS SELECT id, email FROM users;\n");
  repo.Commit("base");
  repo.Write("db/migrations/V2__drop.sql", "ALTER TABLE users DROP COLUMN email;\n");
  repo.Commit("head");
  test::Bounded run = test::RunBounded("check --repo " + repo.path() + " --base HEAD~1", 30);
  CAPTURE(run.err);
  CHECK(run.status == 1);
  CHECK(run.out.find("[drop-column-in-use]") != std::string::npos);
}

}  // namespace ds
