// The habits users bring from ruff, squawk and git: --version, a suggestion for a mistyped
// command or rule, the rules listed and explained from the terminal.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>

#include "rules/rule.h"
#include "tests/support/git_repo.h"
#include "tests/support/temp_dir.h"

namespace ds {
namespace {

struct Outcome {
  int status;
  std::string out;  ///< stdout and stderr
};

Outcome Run(const std::string& args) {
  std::string output;
  int status = test::RunCommand(std::string(DOWNSTREAM_BINARY) + " " + args + " 2>&1", &output);
  return {status, output};
}

}  // namespace

TEST_CASE("--version prints the version, as the version command does") {
  Outcome flag = Run("--version");
  CHECK(flag.status == 0);
  CHECK(flag.out.starts_with("downstream "));
  CHECK(flag.out == Run("version").out);
}

TEST_CASE("a mistyped command is named, with the command meant; exit 2") {
  Outcome typo = Run("chek --base main");
  CHECK(typo.status == 2);
  CHECK(typo.out == "downstream: unknown command 'chek'; did you mean 'check'? (see downstream --help)\n");
  CHECK(Run("lineag").out.find("did you mean 'lineage'?") != std::string::npos);
  Outcome far = Run("deploy");
  CHECK(far.status == 2);
  CHECK(far.out == "downstream: unknown command 'deploy' (see downstream --help)\n");
}

TEST_CASE("downstream rules lists every rule with its default severity") {
  Outcome listed = Run("rules");
  REQUIRE(listed.status == 0);
  for (const rules::RuleInfo& rule : rules::AllRules()) {
    CAPTURE(rule.id);
    std::string line_start = std::string(rule.id) + "  ";
    size_t at = listed.out.find("\n" + line_start);
    if (listed.out.starts_with(line_start)) at = 0;
    REQUIRE(at != std::string::npos);
    std::string line = listed.out.substr(at == 0 ? 0 : at + 1);
    line = line.substr(0, line.find('\n'));
    CHECK(line.find(ir::SeverityName(rule.default_severity)) != std::string::npos);
    CHECK(line.ends_with(rule.summary));
  }
}

TEST_CASE("downstream explain prints each rule's page as the repository has it") {
  for (const rules::RuleInfo& rule : rules::AllRules()) {
    std::string id(rule.id), file = id;
    std::replace(file.begin(), file.end(), '-', '_');
    CAPTURE(id);
    Outcome page = Run("explain " + id);
    CHECK(page.status == 0);
    CHECK(page.out == test::ReadFile(std::string(DOWNSTREAM_SOURCE_DIR) + "/rules/" + file + ".md"));
  }
  Outcome unknown = Run("explain drop-colum-in-use");
  CHECK(unknown.status == 2);
  CHECK(unknown.out ==
        "downstream: no rule named 'drop-colum-in-use'; did you mean 'drop-column-in-use'? (`downstream rules` lists "
        "them)\n");
  CHECK(Run("explain").status == 2);  // the rule is required
}

TEST_CASE("-q leaves out the notes, not the report nor the errors") {
  test::GitRepo repo;  // no downstream.yml: detection says what it found
  repo.Write("db/migrations/V1__users.sql", "CREATE TABLE users (id bigint, email text);\n");
  repo.Write("analytics/views/contacts.sql", "CREATE VIEW contacts AS SELECT id, emial FROM users;\n");
  repo.Commit("init");
  Outcome loud = Run("lineage --repo " + repo.path());
  REQUIRE(loud.status == 0);
  CHECK(loud.out.find("downstream: ") != std::string::npos);  // the detection notes
  CHECK(loud.out.find("emial") != std::string::npos);
  for (const char* args : {"lineage -q --repo ", "-q lineage --repo ", "lineage --quiet --repo "}) {
    CAPTURE(args);
    Outcome quiet = Run(args + repo.path());
    CHECK(quiet.status == 0);
    CHECK(quiet.out.find("downstream: ") == std::string::npos);
    CHECK(quiet.out.find("emial") != std::string::npos);  // the diagnostic is part of the report
  }
  Outcome error = Run("-q lineage --repo " + repo.path() + " --rev no-such-rev");
  CHECK(error.status == 2);
  CHECK(error.out.find("downstream: ") != std::string::npos);
}

}  // namespace ds
