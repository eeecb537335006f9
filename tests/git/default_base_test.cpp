// DefaultBase: origin/HEAD, else main, else master, else a sentence asking for --base.
#include <doctest/doctest.h>

#include "src/git/repository.h"
#include "tests/git/git_test_util.h"
#include "tests/support/git_repo.h"

namespace ds::git {
namespace {

using test::GitIn;
using test::GitRepo;

/// A repository whose default branch is `branch`: fork - tip on it, and `feature`
/// (fork - work) checked out.
struct Forked {
  GitRepo repo;
  std::string fork, tip, work;
  explicit Forked(const std::string& branch) {
    if (branch != "main") repo.Git("checkout -q -b " + branch);
    repo.Write("a.sql", "one\n");
    fork = repo.Commit("fork");
    repo.Write("a.sql", "two\n");
    tip = repo.Commit("tip");
    repo.Git("checkout -q -b feature " + fork);
    repo.Write("b.sql", "work\n");
    work = repo.Commit("work");
  }
};

Result<std::string> DefaultBaseOf(const std::string& dir) {
  auto repo = Repository::Open(dir);
  REQUIRE_MESSAGE(repo.ok(), repo.error().message);
  return repo->DefaultBase();
}

TEST_CASE("DefaultBase uses a local branch named main or master") {
  for (const char* branch : {"main", "master"}) {
    SUBCASE(branch) {
      Forked f(branch);
      auto base = DefaultBaseOf(f.repo.path());
      REQUIRE_MESSAGE(base.ok(), base.error().message);
      CHECK(base.value() == f.fork);
      CHECK(base.value() != f.tip);
    }
  }
}

TEST_CASE("DefaultBase on the default branch itself is HEAD") {
  Forked f("main");
  f.repo.Git("checkout -q main");
  auto base = DefaultBaseOf(f.repo.path());
  REQUIRE(base.ok());
  CHECK(base.value() == f.tip);
}

TEST_CASE("DefaultBase prefers main over master") {
  Forked f("master");
  // A local main at `work` itself: if main is chosen, the merge-base is HEAD.
  f.repo.Git("branch main feature");
  auto base = DefaultBaseOf(f.repo.path());
  REQUIRE(base.ok());
  CHECK(base.value() == f.work);
}

TEST_CASE("DefaultBase follows origin/HEAD whatever the branch is called") {
  Forked source("trunk");
  source.repo.Git("checkout -q trunk");
  test::TempDir holder;
  std::string clone = test::Clone(source.repo.path(), holder);
  REQUIRE(GitIn(clone, "symbolic-ref refs/remotes/origin/HEAD") == "refs/remotes/origin/trunk");
  GitIn(clone, "checkout -q -b topic " + source.fork);
  GitIn(clone, "commit -q --allow-empty -m topic");
  // A decoy: a local main at the topic's tip would make the merge-base the tip itself.
  GitIn(clone, "branch main topic");
  auto base = DefaultBaseOf(clone);
  REQUIRE_MESSAGE(base.ok(), base.error().message);
  CHECK(base.value() == source.fork);
}

TEST_CASE("DefaultBase falls back to origin/main when there is no origin/HEAD") {
  Forked source("main");
  source.repo.Git("checkout -q main");
  test::TempDir holder;
  std::string clone = test::Clone(source.repo.path(), holder);
  GitIn(clone, "remote set-head origin -d");
  GitIn(clone, "checkout -q -b topic " + source.fork);
  GitIn(clone, "branch -q -D main");
  GitIn(clone, "commit -q --allow-empty -m topic");
  auto base = DefaultBaseOf(clone);
  REQUIRE_MESSAGE(base.ok(), base.error().message);
  CHECK(base.value() == source.fork);
}

TEST_CASE("DefaultBase without any default branch asks for --base") {
  Forked f("trunk");
  auto base = DefaultBaseOf(f.repo.path());
  REQUIRE_FALSE(base.ok());
  CHECK(base.error().message ==
        "no default branch to compare with: none of origin/HEAD, main or master exists; "
        "pass --base <revision>");
}

}  // namespace
}  // namespace ds::git
