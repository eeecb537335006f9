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

namespace {

// A pull request renaming a column a view reads: one error in the text report.
struct BreakingChange {
  test::GitRepo repo;
  std::string base;
  BreakingChange() {
    repo.Write("downstream.yml", "migrations: [db/migrations]\nviews: [analytics/views]\n");
    repo.Write("db/migrations/V1__users.sql", "CREATE TABLE users (id bigint, email text);\n");
    repo.Write("analytics/views/contacts.sql", "CREATE VIEW contacts AS SELECT id, email FROM users;\n");
    base = repo.Commit("init");
    repo.Write("db/migrations/V2__rename.sql", "ALTER TABLE users RENAME COLUMN email TO email_address;\n");
    repo.Commit("rename");
  }
  Outcome Check(const std::string& env, const std::string& flags) const {
    return Run("check --repo " + repo.path() + " --base " + base + " " + flags, env);
  }
  static Outcome Run(const std::string& args, const std::string& env) {
    std::string output;
    // stdout only: the report
    int status = test::RunCommand("{ env -u NO_COLOR -u FORCE_COLOR " + env + " " + std::string(DOWNSTREAM_BINARY) +
                                      " " + args + " 2>/dev/null; }",
                                  &output);
    return {status, output};
  }
};

bool Painted(const std::string& text) { return text.find("\x1b[") != std::string::npos; }

}  // namespace

TEST_CASE("colour: --color always|never|auto, NO_COLOR and FORCE_COLOR, never into a file") {
  BreakingChange change;
  Outcome plain = change.Check("", "");  // auto, and stdout is a pipe here
  REQUIRE(plain.status == 1);
  CHECK_FALSE(Painted(plain.out));
  CHECK(plain.out.find("contacts") != std::string::npos);

  Outcome always = change.Check("", "--color always");
  CHECK(always.status == 1);
  CHECK(Painted(always.out));
  CHECK(always.out.find("\x1b[1;31merror\x1b[0m") != std::string::npos);
  CHECK(change.Run("--color always check --repo " + change.repo.path() + " --base " + change.base, "").out == always.out);

  CHECK(Painted(change.Check("FORCE_COLOR=1", "").out));
  CHECK_FALSE(Painted(change.Check("FORCE_COLOR=1 NO_COLOR=1", "").out));  // NO_COLOR wins
  CHECK_FALSE(Painted(change.Check("FORCE_COLOR=0", "").out));
  CHECK_FALSE(Painted(change.Check("FORCE_COLOR=1", "--color never").out));
  CHECK_FALSE(Painted(change.Check("", "--color always --format json").out));

  test::TempDir out;
  std::string file = out.path() + "/report.txt";
  CHECK(change.Check("", "--color always --output " + file).status == 1);
  std::string written = test::ReadFile(file);
  CHECK_FALSE(Painted(written));
  CHECK(written == plain.out);

  Outcome bad = change.Run("--color sometimes check", "");
  CHECK(bad.status == 2);
  Outcome typo = Run("--color always chek");
  CHECK(typo.status == 2);
  CHECK(typo.out.find("did you mean 'check'?") != std::string::npos);
}

TEST_CASE("the github format is the text report for the log, then the workflow commands") {
  BreakingChange change;
  Outcome github = change.Check("", "--format github");
  REQUIRE(github.status == 1);
  Outcome text = change.Check("", "");
  REQUIRE(github.out.starts_with(text.out));
  CHECK(github.out.substr(text.out.size()).starts_with("::error file=db/migrations/V2__rename.sql,line=1,"));
  Outcome painted = change.Check("", "--color always --format github");
  size_t annotation = painted.out.find("\n::error ");
  REQUIRE(annotation != std::string::npos);
  CHECK(Painted(painted.out.substr(0, annotation)));
  CHECK_FALSE(Painted(painted.out.substr(annotation)));  // workflow commands stay plain
}

TEST_CASE("--help shows defaults and the environment variables read") {
  Outcome top = Run("--help");
  CHECK(top.status == 0);
  CHECK(top.out.find("{auto,always,never}=auto") != std::string::npos);
  CHECK(top.out.find("NO_COLOR") != std::string::npos);
  Outcome check = Run("check --help");
  CHECK(check.status == 0);
  CHECK(check.out.find("=text") != std::string::npos);   // --format
  CHECK(check.out.find("{error,warning,never}=error") != std::string::npos);  // --fail-on
  for (const char* variable : {"GITHUB_EVENT_PATH", "GITHUB_TOKEN", "GITHUB_STEP_SUMMARY", "GITHUB_OUTPUT",
                               "DOWNSTREAM_THREADS", "DOWNSTREAM_COMMENT_AUTHOR"}) {
    CAPTURE(variable);
    CHECK(check.out.find(variable) != std::string::npos);
  }
  CHECK(Run("lineage --help").out.find("DOWNSTREAM_THREADS") != std::string::npos);
  CHECK(Run("schema --help").out.find("=text") != std::string::npos);
}

}  // namespace ds
