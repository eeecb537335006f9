// Identifiers, file names and configuration values that are terminal escape sequences or GitHub
// workflow commands, through every text-like output and stderr of the real binary: nothing
// reaches the terminal as a control character, and no line reads as a workflow command.
#include <doctest/doctest.h>

#include <sstream>

#include "tests/hostile/hostile.h"
#include "tests/support/git_repo.h"

namespace ds {
namespace {

// A table whose name carries a colour escape, a newline and a workflow command; a column whose
// name sets the terminal's title; a view in a schema named like a command. The head drops it.
void MakeRepo(const test::GitRepo& repo) {
  const std::string table = "\"t\x1b[31mred\n::error title=pwned::injected\"";
  const std::string column = "\"e\x1b]0;owned\x07\"";
  repo.Write("downstream.yml", "migrations:\n  - path: db/migrations\nviews:\n  - path: analytics/views\n");
  repo.Write("db/migrations/V1__init.sql", "CREATE SCHEMA \"::warning::s\";\nCREATE TABLE " + table + " (id bigint, " +
                                              column + " text);\n");
  repo.Write("analytics/views/v.sql", "CREATE VIEW \"::warning::s\".v AS SELECT id, " + column +
                                          " AS \"c\xe2\x80\xae" "gpj.exe\" FROM " + table + ";\n");
  repo.Commit("base");
  repo.Write("db/migrations/V2__drop.sql", "ALTER TABLE " + table + " DROP COLUMN " + column + ";\n");
  repo.Commit("head");
}

// The first line that holds a control character (tab aside) or reads as a workflow command
// (after blanks; `commands_allowed` for the github format, whose every line is one of ours).
std::string FirstUnsafeLine(const std::string& text, bool commands_allowed) {
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    for (unsigned char c : line) {
      if ((c < 0x20 && c != '\t') || c == 0x7f) return line;
    }
    if (line.find("\xe2\x80\xae") != std::string::npos || line.find("##[") != std::string::npos) return line;
    size_t start = line.find_first_not_of(" \t");
    bool command = start != std::string::npos && line.compare(start, 2, "::") == 0;
    bool ours = line.starts_with("::error ") || line.starts_with("::warning ");
    if (command && !(commands_allowed && ours)) return line;
  }
  return "";
}

}  // namespace

TEST_CASE("escape sequences and workflow commands in names reach no output raw") {
  test::GitRepo repo;
  MakeRepo(repo);
  struct Row {
    std::string name;
    std::string args;
    bool commands_allowed;
  };
  const Row rows[] = {
      {"check text", "check --format text", false},
      {"check github", "check --format github", true},
      {"lineage text", "lineage --format text", false},
      {"lineage mermaid", "lineage --format mermaid", false},
      {"lineage dot", "lineage --format dot", false},
      {"schema text", "schema --format text", false},
  };
  for (const Row& row : rows) {
    SUBCASE(row.name.c_str()) {
      std::string args = row.args + " --repo " + repo.path();
      if (row.args.starts_with("check")) args += " --base HEAD~1 --fail-on never";
      test::Bounded run = test::RunBounded(args, 60, 1024);
      CAPTURE(run.out);
      CAPTURE(run.err);
      REQUIRE(run.status == 0);
      CHECK(!run.out.empty());
      CHECK(FirstUnsafeLine(run.out, row.commands_allowed) == "");
      CHECK(FirstUnsafeLine(run.err, false) == "");
      // The names are still there, readable.
      if (row.name != "check github") CHECK(run.out.find("\\x1b[31mred") != std::string::npos);
    }
  }
  SUBCASE("check text shows the finding") {
    test::Bounded run = test::RunBounded("check --format text --fail-on never --base HEAD~1 --repo " + repo.path());
    CHECK(run.out.find("[drop-column-in-use]") != std::string::npos);
    CHECK(run.out.find("\\x1b]0;owned\\x07") != std::string::npos);
  }
}

TEST_CASE("a configuration value with a newline and a workflow command: one safe sentence on stderr") {
  test::GitRepo repo;
  repo.Write("downstream.yml",
             "migrations:\n  - path: db/migrations\n    kind: \"x\\n::error title=pwned::injected\\e[2J\"\n");
  repo.Write("db/migrations/V1__init.sql", "CREATE TABLE users (id bigint);\n");
  repo.Commit("base");
  test::Bounded run = test::RunBounded("check --repo " + repo.path() + " --base HEAD");
  CAPTURE(run.err);
  CHECK(run.status == 2);
  CHECK(run.out.empty());
  CHECK(std::count(run.err.begin(), run.err.end(), '\n') == 1);  // one sentence
  CHECK(run.err.starts_with("downstream: "));
  CHECK(FirstUnsafeLine(run.err, false) == "");
}

TEST_CASE("command line arguments echoed in a usage error are made safe") {
  test::Bounded run = test::RunBounded("check --format \"$(printf 'x\\n::error ::pwned\\033[2J')\"");
  CAPTURE(run.err);
  CHECK(run.status == 2);
  CHECK(std::count(run.err.begin(), run.err.end(), '\n') == 1);
  CHECK(FirstUnsafeLine(run.err, false) == "");
}

}  // namespace ds
