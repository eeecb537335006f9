// Where reports go: --output never follows a symbolic link and never writes inside .git (a pull
// request controls the working tree); every failed write, to a file, to stdout, to GITHUB_OUTPUT
// or GITHUB_STEP_SUMMARY, is exit 2 with one sentence.
#include <doctest/doctest.h>

#include <filesystem>

#include "tests/support/git_repo.h"

namespace ds {
namespace {

struct Outcome {
  int status;
  std::string out;
  std::string err;
};

// A pull request that drops a column a view reads: the check has a finding (exit 1).
struct Shop {
  Shop() {
    repo.Write("downstream.yml", "migrations:\n  - path: db/migrations\nviews:\n  - path: analytics/views\n");
    repo.Write("db/migrations/V1__users.sql", "CREATE TABLE users (id bigint PRIMARY KEY, email text);\n");
    repo.Write("analytics/views/contacts.sql", "CREATE VIEW contacts AS\nSELECT id, email FROM users;\n");
    repo.Commit("init");
    repo.Write("db/migrations/V2__drop.sql", "ALTER TABLE users DROP COLUMN email;\n");
    repo.Commit("drop email");
  }

  // Runs `env downstream <args>` in the repository, stderr apart, within 60 s.
  Outcome Run(const std::string& args, const std::string& env = "") const {
    std::string err_file = scratch.path() + "/stderr";
    std::string command = "cd " + repo.path() + " && { " + env + " timeout 60 " + DOWNSTREAM_BINARY + " " + args +
                          " 2>" + err_file + "; }";
    Outcome outcome;
    outcome.status = test::RunCommand(command, &outcome.out);
    outcome.err = test::ReadFile(err_file);
    return outcome;
  }

  std::string GitConfig() const { return test::ReadFile(repo.path() + "/.git/config"); }

  test::GitRepo repo;
  test::TempDir scratch;
};

}  // namespace

TEST_CASE("--output refuses a symbolic link, even one the pull request commits") {
  Shop shop;
  std::string config = shop.GitConfig();
  std::filesystem::create_symlink(".git/config", shop.repo.path() + "/downstream.sarif");
  shop.repo.Commit("a link to the git configuration");
  struct Row {
    const char* name;
    std::string args;
  };
  const Row rows[] = {
      {"check", "check --base HEAD~2 --format sarif --output downstream.sarif"},
      {"lineage", "lineage --format json --output downstream.sarif"},
  };
  for (const Row& row : rows) {
    SUBCASE(row.name) {
      Outcome run = shop.Run(row.args);
      CHECK(run.status == 2);
      CHECK(run.err == "downstream: cannot write downstream.sarif: it is a symbolic link, which downstream does "
                       "not follow\n");
      CHECK(shop.GitConfig() == config);
      CHECK(std::filesystem::is_symlink(shop.repo.path() + "/downstream.sarif"));
    }
  }
}

TEST_CASE("--output never writes inside a .git folder, however the path gets there") {
  Shop shop;
  std::filesystem::create_directory_symlink(".git", shop.repo.path() + "/reports");
  struct Row {
    const char* name;
    const char* path;
  };
  const Row rows[] = {
      {"straight in", ".git/hooks/pre-commit"},
      {"through a linked folder", "reports/config"},
      {"through ..", "analytics/../.git/description"},
      {"the folder itself", ".git"},
  };
  for (const Row& row : rows) {
    SUBCASE(row.name) {
      std::string before = shop.GitConfig();
      Outcome run = shop.Run(std::string("check --base HEAD~1 --output ") + row.path);
      CHECK(run.status == 2);
      CHECK(run.err == std::string("downstream: cannot write ") + row.path +
                           ": it lies inside a .git folder, which downstream never writes to\n");
      CHECK(shop.GitConfig() == before);
      CHECK_FALSE(std::filesystem::exists(shop.repo.path() + "/.git/hooks/pre-commit"));
    }
  }
}

TEST_CASE("--output replaces a regular file; a missing folder is one sentence") {
  Shop shop;
  shop.scratch.Write("report.json", std::string(100000, 'x'));
  Outcome run = shop.Run("check --base HEAD~1 --format json --output " + shop.scratch.path() + "/report.json");
  CHECK(run.status == 1);
  CHECK(run.err.empty());
  std::string written = test::ReadFile(shop.scratch.path() + "/report.json");
  CHECK(written.starts_with("{"));
  CHECK(written.find("xxxx") == std::string::npos);  // truncated, not overwritten in place

  Outcome missing = shop.Run("check --base HEAD~1 --output /nonexistent/dir/report.txt");
  CHECK(missing.status == 2);
  CHECK(missing.err == "downstream: cannot write /nonexistent/dir/report.txt: its folder does not exist\n");
}

TEST_CASE("a write that fails is exit 2 with a sentence, wherever it goes") {
  if (!std::filesystem::exists("/dev/full")) return;
  Shop shop;
  struct Row {
    const char* name;
    std::string args;
    std::string env;
    std::string sentence;
  };
  const Row rows[] = {
      {"stdout", "check --base HEAD~1 >/dev/full", "", "downstream: cannot write to standard output: No space left on device\n"},
      {"--output", "check --base HEAD~1 --output /dev/full", "", "downstream: cannot write /dev/full: No space left on device\n"},
      {"lineage stdout", "lineage >/dev/full", "", "downstream: cannot write to standard output: No space left on device\n"},
      {"schema stdout", "schema >/dev/full", "", "downstream: cannot write to standard output: No space left on device\n"},
      {"version stdout", "version >/dev/full", "", "downstream: cannot write to standard output: No space left on device\n"},
      {"GITHUB_OUTPUT", "check --base HEAD~1 --fail-on never", "GITHUB_OUTPUT=/dev/full",
       "downstream: cannot append the step outputs: cannot write /dev/full: No space left on device\n"},
      {"GITHUB_STEP_SUMMARY", "check --base HEAD~1 --fail-on never", "GITHUB_STEP_SUMMARY=/dev/full",
       "downstream: cannot append the job summary: cannot write /dev/full: No space left on device\n"},
  };
  for (const Row& row : rows) {
    SUBCASE(row.name) {
      Outcome run = shop.Run(row.args, row.env);
      CHECK(run.status == 2);
      CHECK(run.err == row.sentence);
    }
  }
}

}  // namespace ds
