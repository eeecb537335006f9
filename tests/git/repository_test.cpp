// Opening repositories and resolving revisions, against real repositories built with git.
#include <doctest/doctest.h>

#include <filesystem>

#include "src/git/repository.h"
#include "tests/git/git_test_util.h"
#include "tests/support/git_repo.h"

namespace ds::git {
namespace {

using test::GitRepo;

std::string Canonical(const std::string& path) {
  return std::filesystem::canonical(path).string();
}

TEST_CASE("Open finds the repository from a nested folder") {
  GitRepo repo;
  repo.Write("db/migrations/001.sql", "create table t (id int);\n");
  repo.Commit("first");
  auto opened = Repository::Open(repo.path() + "/db/migrations");
  REQUIRE_MESSAGE(opened.ok(), opened.error().message);
  std::string workdir = opened->Workdir();
  REQUIRE(!workdir.empty());
  CHECK(workdir.back() == '/');
  CHECK(Canonical(workdir) == Canonical(repo.path()));
  CHECK_FALSE(opened->IsShallow());
}

TEST_CASE("Open explains why it cannot open") {
  test::TempDir plain;
  struct Row {
    const char* name;
    std::string dir;
    std::string expected;
  };
  const Row rows[] = {
      {"missing folder", plain.path() + "/nope", plain.path() + "/nope does not exist"},
      {"not a repository", plain.path(), plain.path() + " is not inside a git repository"},
  };
  for (const Row& row : rows) {
    SUBCASE(row.name) {
      auto opened = Repository::Open(row.dir);
      REQUIRE_FALSE(opened.ok());
      CHECK(opened.error().message == row.expected);
    }
  }
}

/// main: c1 - c2, feature: c1 - c3, tags v1 (lightweight) and v1-annotated on c1.
struct History {
  GitRepo repo;
  std::string c1, c2, c3;
  History() {
    repo.Write("a.sql", "one\n");
    c1 = repo.Commit("c1");
    repo.Git("tag v1");
    repo.Git("tag -a v1-annotated -m 'release one'");
    repo.Write("a.sql", "two\n");
    c2 = repo.Commit("c2");
    repo.Git("checkout -q -b feature " + c1);
    repo.Write("b.sql", "three\n");
    c3 = repo.Commit("c3");
    repo.Git("checkout -q main");
  }
};

TEST_CASE("ResolveCommit names the commit a revision points at") {
  History h;
  auto repo = Repository::Open(h.repo.path());
  REQUIRE(repo.ok());
  struct Row {
    const char* name;
    std::string rev;
    std::string expected;
  };
  const Row rows[] = {
      {"HEAD", "HEAD", h.c2},
      {"branch", "main", h.c2},
      {"other branch", "feature", h.c3},
      {"parent", "HEAD~1", h.c1},
      {"lightweight tag", "v1", h.c1},
      {"annotated tag peels to its commit", "v1-annotated", h.c1},
      {"short sha", h.c3.substr(0, 7), h.c3},
      {"full sha", h.c1, h.c1},
      {"full ref name", "refs/heads/feature", h.c3},
  };
  for (const Row& row : rows) {
    SUBCASE(row.name) {
      auto sha = repo->ResolveCommit(row.rev);
      REQUIRE_MESSAGE(sha.ok(), sha.error().message);
      CHECK(*sha == row.expected);
    }
  }
}

TEST_CASE("ResolveCommit says which revision it cannot resolve") {
  History h;
  auto repo = Repository::Open(h.repo.path());
  REQUIRE(repo.ok());
  const std::string missing_sha = "0123456789abcdef0123456789abcdef01234567";
  struct Row {
    const char* name;
    std::string rev;
    std::string expected;
  };
  const Row rows[] = {
      {"unknown name", "nope", "unknown revision 'nope': no commit, branch or tag has that name"},
      {"near miss of a branch", "mains",
       "unknown revision 'mains': no commit, branch or tag has that name"},
      {"past the root", "HEAD~5",
       "unknown revision 'HEAD~5': no commit, branch or tag has that name"},
      {"missing full sha", missing_sha,
       "unknown revision '" + missing_sha + "': no commit, branch or tag has that name"},
      {"empty", "", "an empty revision was given"},
      {"a tree, not a commit", "main^{tree}", "revision 'main^{tree}' names a tree, not a commit"},
  };
  for (const Row& row : rows) {
    SUBCASE(row.name) {
      auto sha = repo->ResolveCommit(row.rev);
      REQUIRE_FALSE(sha.ok());
      CHECK(sha.error().message == row.expected);
    }
  }
}

TEST_CASE("ResolveCommit in a repository without commits") {
  GitRepo repo;
  auto opened = Repository::Open(repo.path());
  REQUIRE(opened.ok());
  auto sha = opened->ResolveCommit("HEAD");
  REQUIRE_FALSE(sha.ok());
  CHECK(sha.error().message == "HEAD does not name a commit: the repository has no commits yet");
}

TEST_CASE("MergeBase") {
  History h;
  auto repo = Repository::Open(h.repo.path());
  REQUIRE(repo.ok());

  SUBCASE("of two diverged branches is their fork point") {
    auto base = repo->MergeBase("main", "feature");
    REQUIRE_MESSAGE(base.ok(), base.error().message);
    CHECK(*base == h.c1);
  }
  SUBCASE("of a commit and its descendant is the commit") {
    auto base = repo->MergeBase(h.c2, h.c1);
    REQUIRE(base.ok());
    CHECK(*base == h.c1);
  }
  SUBCASE("of a commit with itself is the commit") {
    auto base = repo->MergeBase("main", "main");
    REQUIRE(base.ok());
    CHECK(*base == h.c2);
  }
  SUBCASE("an unknown side is named") {
    auto base = repo->MergeBase("main", "nope");
    REQUIRE_FALSE(base.ok());
    CHECK(base.error().message ==
          "unknown revision 'nope': no commit, branch or tag has that name");
  }
  SUBCASE("unrelated histories have none") {
    h.repo.Git("checkout -q --orphan lonely");
    std::string lonely = h.repo.Commit("lonely");
    h.repo.Git("checkout -q main");
    auto base = repo->MergeBase("main", "lonely");
    REQUIRE_FALSE(base.ok());
    CHECK(base.error().message ==
          "commits " + h.c2 + " and " + lonely + " have no common ancestor");
  }
}

}  // namespace
}  // namespace ds::git
