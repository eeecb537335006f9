// The pre-commit hook on a machine that never built downstream: the real pre-commit, the
// `downstream-docker` hook (pre-commit's docker language builds the image from the hooks
// repository's Dockerfile on first use), PATH without any downstream binary.
#include <doctest/doctest.h>

#include <filesystem>

#include "tests/github/action_env.h"
#include "tests/support/git_repo.h"

namespace ds {
namespace {

// The hooks repository as users reference it with `repo:` and `rev:`: what the image is built
// from (the files the Dockerfile copies; Docker's cache already holds their layers from
// with-docker.sh's build) and the hooks' manifest.
std::string HooksRepository(const test::GitRepo& hooks) {
  for (const char* part : {"Dockerfile", ".dockerignore", ".pre-commit-hooks.yaml", "CMakeLists.txt", "cmake", "src",
                           "parsers", "rules", "scripts/action-entrypoint.sh"}) {
    std::filesystem::path target = std::filesystem::path(hooks.path()) / part;
    std::filesystem::create_directories(target.parent_path());
    std::filesystem::copy(test::SourcePath(part), target, std::filesystem::copy_options::recursive);
  }
  return hooks.Commit("hooks");
}

}  // namespace

TEST_CASE("pre-commit's docker hook refuses a breaking migration with no downstream installed") {
  REQUIRE(test::RunCommand("command -v pre-commit >/dev/null") == 0);
  test::GitRepo hooks;
  std::string rev = HooksRepository(hooks);

  test::GitRepo repo;
  test::TempDir cache;
  repo.Write(".pre-commit-config.yaml", "repos:\n  - repo: " + hooks.path() + "\n    rev: " + rev +
                                            "\n    hooks:\n      - id: downstream-docker\n");
  repo.Write("db/migrations/V1__users.sql", "CREATE TABLE users (id bigint PRIMARY KEY, email text);\n");
  repo.Write("analytics/views/contacts.sql", "CREATE VIEW contacts AS\nSELECT id, email FROM users;\n");
  repo.Commit("init");

  // No downstream on PATH: only what a fresh machine with Docker has. pre-commit builds with
  // `docker build --pull`, and nothing can be pulled here: tests/docker/without-pull drops that
  // one flag on the way to the real docker.
  std::string env = "cd " + repo.path() + " && env -i PATH=" + test::SourcePath("tests/docker/without-pull") +
                    ":/usr/sbin:/usr/bin:/sbin:/bin PRE_COMMIT_HOME=" +
                    cache.path() + " GIT_AUTHOR_NAME=t GIT_AUTHOR_EMAIL=t@example.com GIT_COMMITTER_NAME=t "
                    "GIT_COMMITTER_EMAIL=t@example.com GIT_CONFIG_NOSYSTEM=1 HOME=" + cache.path() + " ";
  std::string output;
  REQUIRE(test::RunCommand(env + "sh -c 'command -v downstream || echo none'", &output) == 0);
  REQUIRE(output == "none\n");
  REQUIRE_MESSAGE(test::RunCommand(env + "pre-commit install", &output) == 0, output);

  repo.Write("db/migrations/V2__drop_email.sql", "ALTER TABLE users DROP COLUMN email;\n");
  repo.Stage("db/migrations/V2__drop_email.sql");
  CHECK(test::RunCommand(env + "git commit -q -m drop", &output) != 0);
  CHECK_MESSAGE(output.find("db/migrations/V2__drop_email.sql:1:1: error: drops column public.users.email, which 1 "
                            "view reads: public.contacts [drop-column-in-use]") != std::string::npos,
                output);
  CHECK(repo.Git("rev-list --count HEAD") == "1");  // nothing committed

  repo.Write("db/migrations/V2__drop_email.sql", "ALTER TABLE users ADD COLUMN name text;\n");
  repo.Stage("db/migrations/V2__drop_email.sql");
  CHECK_MESSAGE(test::RunCommand(env + "git commit -q -m name", &output) == 0, output);
  CHECK(repo.Git("rev-list --count HEAD") == "2");
}

}  // namespace ds
