// A shallow clone (`git clone --depth 1`, as actions/checkout makes by default): the commits it
// did not fetch get one sentence telling the user to fetch history.
#include <doctest/doctest.h>

#include "src/git/repository.h"
#include "tests/git/git_test_util.h"
#include "tests/support/git_repo.h"

namespace ds::git {
namespace {

using test::GitIn;

/// main: c1 - c2, feature: c1 - c3; cloned with depth 1 (both branches, no c1).
struct ShallowClone {
  test::GitRepo source;
  test::TempDir holder;
  std::string c1, c2, c3, path;
  ShallowClone() {
    source.Write("a.sql", "one\n");
    c1 = source.Commit("c1");
    source.Write("a.sql", "two\n");
    c2 = source.Commit("c2");
    source.Git("checkout -q -b feature " + c1);
    source.Write("b.sql", "three\n");
    c3 = source.Commit("c3");
    source.Git("checkout -q main");
    path = test::Clone("file://" + source.path(), holder, "--depth 1 --no-single-branch");
  }
};

Repository OpenOrFail(const std::string& dir) {
  auto repo = Repository::Open(dir);
  REQUIRE_MESSAGE(repo.ok(), repo.error().message);
  return std::move(repo).value();
}

TEST_CASE("The shallow-history sentence") {
  CHECK(ShallowHistoryMessage("abc1234") ==
        "cannot find 'abc1234' because this is a shallow clone; fetch the full history "
        "(actions/checkout with `fetch-depth: 0`, or `git fetch --unshallow`) and run again");
}

TEST_CASE("A shallow clone") {
  ShallowClone s;
  Repository repo = OpenOrFail(s.path);
  REQUIRE(repo.IsShallow());
  CHECK_FALSE(OpenOrFail(s.source.path()).IsShallow());

  SUBCASE("resolves what it has") {
    auto head = repo.ResolveCommit("HEAD");
    REQUIRE_MESSAGE(head.ok(), head.error().message);
    CHECK(*head == s.c2);
    auto feature = repo.ResolveCommit("origin/feature");
    REQUIRE_MESSAGE(feature.ok(), feature.error().message);
    CHECK(*feature == s.c3);
    auto snapshot = repo.SnapshotOf("HEAD");
    REQUIRE(snapshot.ok());
    CHECK(snapshot->Find("a.sql") != nullptr);
  }
  SUBCASE("a missing commit asks for history") {
    for (const std::string& rev : {s.c1, s.c1.substr(0, 10), std::string("HEAD~1")}) {
      CAPTURE(rev);
      auto sha = repo.ResolveCommit(rev);
      REQUIRE_FALSE(sha.ok());
      CHECK(sha.error().message == ShallowHistoryMessage(rev));
    }
  }
  SUBCASE("a merge-base beyond the boundary asks for history") {
    auto base = repo.MergeBase("HEAD", "origin/feature");
    REQUIRE_FALSE(base.ok());
    CHECK(base.error().message ==
          "cannot find the merge-base of " + s.c2 + " and " + s.c3 +
              " because this is a shallow clone; fetch the full history (actions/checkout with "
              "`fetch-depth: 0`, or `git fetch --unshallow`) and run again");
  }
  SUBCASE("DefaultBase on a branch asks for history") {
    GitIn(s.path, "checkout -q feature");
    auto base = repo.DefaultBase();
    REQUIRE_FALSE(base.ok());
    CHECK(base.error().message.find("because this is a shallow clone") != std::string::npos);
  }
  SUBCASE("after unshallowing, the same questions have answers") {
    GitIn(s.path, "fetch -q --unshallow");
    Repository full = OpenOrFail(s.path);
    CHECK_FALSE(full.IsShallow());
    auto sha = full.ResolveCommit(s.c1);
    REQUIRE_MESSAGE(sha.ok(), sha.error().message);
    CHECK(*sha == s.c1);
    auto base = full.MergeBase("HEAD", "origin/feature");
    REQUIRE_MESSAGE(base.ok(), base.error().message);
    CHECK(*base == s.c1);
  }
}

}  // namespace
}  // namespace ds::git
