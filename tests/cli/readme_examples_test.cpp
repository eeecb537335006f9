// The README shows output the product really prints: each example is compared with what the
// binary writes for the command the README names (or with the golden file a test compares with
// the binary's output).
#include <doctest/doctest.h>

#include <regex>

#include "tests/support/git_repo.h"
#include "tests/support/temp_dir.h"

namespace ds {
namespace {

const std::string kSource = DOWNSTREAM_SOURCE_DIR;

std::string Readme() { return test::ReadFile(kSource + "/README.md"); }

// The fenced block that starts with `opening` (e.g. "```mermaid\n"), after `anchor`.
std::string Block(const std::string& readme, const std::string& anchor, const std::string& opening) {
  size_t at = readme.find(anchor);
  REQUIRE_MESSAGE(at != std::string::npos, anchor);
  size_t start = readme.find(opening, at);
  REQUIRE(start != std::string::npos);
  start += opening.size();
  size_t end = readme.find("\n```\n", start);
  REQUIRE(end != std::string::npos);
  return readme.substr(start, end + 1 - start);
}

std::string Run(const std::string& command) {
  std::string output;
  test::RunCommand(command, &output);
  return output;
}

}  // namespace

TEST_CASE("README: the check report at the top is the shop example's, as the golden test pins it") {
  std::string block = Block(Readme(), "It is a static analyzer", "```\n$ downstream check\n");
  CHECK(block == test::ReadFile(kSource + "/tests/golden/shop-check.text"));
}

TEST_CASE("README: the lineage diagram is what the command it names prints on the example") {
  std::string readme = Readme();
  std::smatch m;
  REQUIRE(std::regex_search(readme, m, std::regex("`downstream (lineage [^`]*)` on the example:")));
  std::string args = m[1].str();
  std::string block = Block(readme, m[0].str(), "```mermaid\n");
  test::TempDir dir;
  REQUIRE(test::RunCommand(kSource + "/examples/make-example-repo.sh " + kSource + "/examples/shop " + dir.path() +
                           "/shop >/dev/null 2>&1") == 0);
  CHECK(Run(std::string(DOWNSTREAM_BINARY) + " -q " + args + " --repo " + dir.path() + "/shop") == block);
}

TEST_CASE("README: each configuration mistake shown is the sentence printed") {
  std::string readme = Readme();
  const std::vector<std::pair<std::string, std::string>> configs = {
      {"key 'migrations[0].kind'", "migrations:\n  - path: db/migrations\n    kind: flyway\n"},
      {"key 'migrations[0]' names", "migrations: [db/migratons]\nviews: [analytics/views]\n"},
      {"key 'views[0].dialect'", "migrations: [db/migrations]\nviews:\n  - path: analytics/views\n    dialect: oracle\n"},
  };
  for (const auto& mistake : configs) {
    const std::string& key = mistake.first;  // not a structured binding: CAPTURE takes it (clang 14)
    const std::string& config = mistake.second;
    CAPTURE(key);
    size_t at = readme.find("    downstream: downstream.yml:");
    size_t line = std::string::npos;
    for (; at != std::string::npos; at = readme.find("    downstream: downstream.yml:", at + 1)) {
      size_t end = readme.find('\n', at);
      if (readme.substr(at, end - at).find(key) != std::string::npos) {
        line = at;
        break;
      }
    }
    REQUIRE(line != std::string::npos);
    std::string shown = readme.substr(line + 4, readme.find('\n', line) + 1 - line - 4);
    test::GitRepo repo;
    repo.Write("db/migrations/V1__users.sql", "CREATE TABLE users (id bigint);\n");
    repo.Write("analytics/views/v.sql", "CREATE VIEW v AS SELECT id FROM users;\n");
    repo.Write("downstream.yml", config);
    repo.Commit("init");
    CHECK(Run(std::string(DOWNSTREAM_BINARY) + " check --repo " + repo.path() + " --base HEAD") == shown);
  }
}

}  // namespace ds
