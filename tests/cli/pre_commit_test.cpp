// .pre-commit-hooks.yaml with the real pre-commit program, in a throwaway repository: a staged
// migration that drops a column a view reads is refused with the finding printed; an unrelated
// commit passes.
#include <doctest/doctest.h>

#include <filesystem>

#include "tests/support/git_repo.h"

namespace ds {
namespace {

std::string Directory(const std::string& file) { return std::filesystem::path(file).parent_path().string(); }

}  // namespace

TEST_CASE("the pre-commit hook refuses a breaking migration and lets an unrelated commit through") {
  if (test::RunCommand("command -v pre-commit >/dev/null") != 0) {
    FAIL("pre-commit is not installed (scripts/install-deps.sh --test installs it)");
  }
  // The hooks repository, as users reference it with `repo:` and `rev:`.
  test::GitRepo hooks;
  hooks.Write(".pre-commit-hooks.yaml", test::ReadFile(std::string(DOWNSTREAM_SOURCE_DIR) + "/.pre-commit-hooks.yaml"));
  std::string rev = hooks.Commit("hooks");

  test::GitRepo repo;
  test::TempDir cache;
  repo.Write(".pre-commit-config.yaml", "repos:\n  - repo: " + hooks.path() + "\n    rev: " + rev +
                                            "\n    hooks:\n      - id: downstream\n");
  repo.Write("db/migrations/V1__users.sql", "CREATE TABLE users (id bigint PRIMARY KEY, email text);\n");
  repo.Write("analytics/views/contacts.sql", "CREATE VIEW contacts AS\nSELECT id, email FROM users;\n");
  repo.Commit("init");

  // As a developer's shell would: the binary on PATH, git identity, pre-commit's cache.
  std::string env = "cd " + repo.path() + " && env PATH=" + Directory(DOWNSTREAM_BINARY) +
                    ":/usr/bin:/bin PRE_COMMIT_HOME=" + cache.path() +
                    " GIT_AUTHOR_NAME=t GIT_AUTHOR_EMAIL=t@example.com GIT_COMMITTER_NAME=t "
                    "GIT_COMMITTER_EMAIL=t@example.com GIT_CONFIG_NOSYSTEM=1 HOME=" + cache.path() + " ";
  std::string output;
  REQUIRE_MESSAGE(test::RunCommand(env + "pre-commit install", &output) == 0, output);

  SUBCASE("a staged migration that drops a used column is refused, with the finding") {
    repo.Write("db/migrations/V2__drop_email.sql", "ALTER TABLE users DROP COLUMN email;\n");
    repo.Stage("db/migrations/V2__drop_email.sql");
    CHECK(test::RunCommand(env + "git commit -q -m drop", &output) != 0);
    CHECK_MESSAGE(output.find("db/migrations/V2__drop_email.sql:1:1: error: drops column public.users.email, which 1 "
                              "view reads: public.contacts [drop-column-in-use]") != std::string::npos,
                  output);
    CHECK(output.find("downstream (migrations that break analytics views)") != std::string::npos);
    CHECK(repo.Git("rev-list --count HEAD") == "1");  // nothing committed
  }
  SUBCASE("an unrelated commit passes") {
    repo.Write("README.md", "hello\n");
    repo.Write("analytics/notes.yml", "a: 1\n");
    repo.Stage("README.md");
    repo.Stage("analytics/notes.yml");
    CHECK_MESSAGE(test::RunCommand(env + "git commit -q -m notes", &output) == 0, output);
    CHECK(output.find("downstream (migrations that break analytics views)") != std::string::npos);  // it ran
    CHECK(output.find("Passed") != std::string::npos);
    CHECK(repo.Git("rev-list --count HEAD") == "2");
  }
  SUBCASE("a safe migration passes") {
    repo.Write("db/migrations/V2__add_name.sql", "ALTER TABLE users ADD COLUMN name text;\n");
    repo.Stage("db/migrations/V2__add_name.sql");
    CHECK_MESSAGE(test::RunCommand(env + "git commit -q -m name", &output) == 0, output);
    CHECK(repo.Git("rev-list --count HEAD") == "2");
  }
}

}  // namespace ds
