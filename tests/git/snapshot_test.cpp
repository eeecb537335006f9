// Snapshots of commits and of the index, and reading blobs, against real repositories.
#include <doctest/doctest.h>

#include <atomic>
#include <thread>
#include <vector>

#include "src/git/changed_paths.h"
#include "src/git/repository.h"
#include "tests/git/git_test_util.h"
#include "tests/support/git_repo.h"

namespace ds::git {
namespace {

using test::GitRepo;

std::vector<std::string> Paths(const Snapshot& snapshot) {
  std::vector<std::string> paths;
  for (const FileEntry& file : snapshot.files) paths.push_back(file.path);
  return paths;
}

Repository OpenOrFail(const std::string& dir) {
  auto repo = Repository::Open(dir);
  REQUIRE_MESSAGE(repo.ok(), repo.error().message);
  return std::move(repo).value();
}

/// Nested folders, two files with equal contents, an executable, a symlink, a submodule and a
/// file deleted in the second commit.
struct Tree {
  GitRepo repo;
  std::string first, second;
  Tree() {
    repo.Write("README.md", "hello\n");
    repo.Write("db/migrations/001_init.sql", "create table t (id int);\n");
    repo.Write("db/migrations/002_more.sql", "alter table t add column x int;\n");
    repo.Write("analytics/views/a.sql", "same\n");
    repo.Write("analytics/views/b.sql", "same\n");
    repo.Write("db.sql", "-- . sorts before /, so this comes before db/...\n");
    repo.Write("bin/run.sh", "#!/bin/sh\n");
    repo.Write("old.txt", "going away\n");
    test::RunCommand("chmod +x '" + repo.path() + "/bin/run.sh'");
    test::RunCommand("ln -s README.md '" + repo.path() + "/link.md'");
    first = repo.Commit("first");
    repo.Remove("old.txt");
    repo.Git("add -A");
    // A gitlink (submodule entry) pointing at the first commit; not file content.
    repo.Git("update-index --add --cacheinfo 160000," + first + ",vendor/lib");
    repo.Git("commit -q -m second");
    second = repo.Git("rev-parse HEAD");
    // The fixture must really hold the entries that snapshots leave out.
    const std::string listing = repo.Git("ls-tree -r HEAD");
    REQUIRE(listing.find("120000 blob") != std::string::npos);    // link.md
    REQUIRE(listing.find("160000 commit") != std::string::npos);  // vendor/lib
  }
};

TEST_CASE("SnapshotOf lists the regular files of a commit, sorted") {
  Tree t;
  Repository repo = OpenOrFail(t.repo.path());
  auto snapshot = repo.SnapshotOf(t.second);
  REQUIRE_MESSAGE(snapshot.ok(), snapshot.error().message);
  CHECK(snapshot->label == t.second);
  const std::vector<std::string> expected = {
      "README.md",          "analytics/views/a.sql",      "analytics/views/b.sql",
      "bin/run.sh",         "db.sql",                     "db/migrations/001_init.sql",
      "db/migrations/002_more.sql",
  };
  CHECK(Paths(*snapshot) == expected);

  SUBCASE("blob ids are git's") {
    for (const FileEntry& file : snapshot->files) {
      CHECK(file.blob_id == t.repo.Git("rev-parse " + t.second + ":" + file.path));
    }
  }
  SUBCASE("equal contents share a blob id") {
    CHECK(snapshot->Find("analytics/views/a.sql")->blob_id ==
          snapshot->Find("analytics/views/b.sql")->blob_id);
    CHECK(snapshot->Find("README.md")->blob_id != snapshot->Find("db.sql")->blob_id);
  }
  SUBCASE("the earlier commit still has the deleted file") {
    auto earlier = repo.SnapshotOf(t.first);
    REQUIRE(earlier.ok());
    CHECK(earlier->Find("old.txt") != nullptr);
    CHECK(snapshot->Find("old.txt") == nullptr);
    CHECK(ChangedPaths(*earlier, *snapshot) == std::vector<std::string>{"old.txt"});
  }
  SUBCASE("accepts any revision and labels it with the full sha") {
    auto by_name = repo.SnapshotOf("HEAD~1");
    REQUIRE(by_name.ok());
    CHECK(by_name->label == t.first);
  }
  SUBCASE("an unknown revision is an error") {
    auto missing = repo.SnapshotOf("nope");
    REQUIRE_FALSE(missing.ok());
    CHECK(missing.error().message ==
          "unknown revision 'nope': no commit, branch or tag has that name");
  }
}

TEST_CASE("Snapshot::Find") {
  Snapshot snapshot{"x", {{"a.sql", "1"}, {"db/a.sql", "2"}, {"db/b.sql", "3"}, {"z", "4"}}};
  struct Row {
    const char* name;
    std::string path;
    const char* expected_blob;  // nullptr: not found
  };
  const Row rows[] = {
      {"first", "a.sql", "1"},         {"middle", "db/b.sql", "3"},   {"last", "z", "4"},
      {"a folder is not a file", "db", nullptr}, {"case matters", "A.sql", nullptr},
      {"prefix of a path", "db/a", nullptr},     {"past the end", "zz", nullptr},
      {"before the start", "0", nullptr},
  };
  for (const Row& row : rows) {
    SUBCASE(row.name) {
      const FileEntry* found = snapshot.Find(row.path);
      if (row.expected_blob == nullptr) {
        CHECK(found == nullptr);
      } else {
        REQUIRE(found != nullptr);
        CHECK(found->path == row.path);
        CHECK(found->blob_id == row.expected_blob);
      }
    }
  }
  CHECK(Snapshot{}.Find("a") == nullptr);
}

TEST_CASE("StagedSnapshot is what git commit would record") {
  Tree t;
  // Opened before staging: the snapshot must see the index as it is when asked.
  Repository repo = OpenOrFail(t.repo.path());
  t.repo.Write("README.md", "hello again\n");
  t.repo.Stage("README.md");
  t.repo.Write("db/migrations/003_new.sql", "drop table t;\n");
  t.repo.Stage("db/migrations/003_new.sql");
  t.repo.Git("rm -q --cached db.sql");
  t.repo.Write("db/migrations/001_init.sql", "changed but not staged\n");

  auto staged = repo.StagedSnapshot();
  REQUIRE_MESSAGE(staged.ok(), staged.error().message);
  CHECK(staged->label == "staged");
  auto head = repo.SnapshotOf("HEAD");
  REQUIRE(head.ok());
  CHECK(ChangedPaths(*head, *staged) ==
        std::vector<std::string>{"README.md", "db.sql", "db/migrations/003_new.sql"});
  CHECK(staged->Find("README.md")->blob_id == t.repo.Git("rev-parse :README.md"));
  CHECK(staged->Find("db/migrations/001_init.sql")->blob_id ==
        head->Find("db/migrations/001_init.sql")->blob_id);
  CHECK(staged->Find("vendor/lib") == nullptr);
  CHECK(staged->Find("link.md") == nullptr);
}

TEST_CASE("StagedSnapshot refuses an index with a merge conflict") {
  GitRepo g;
  g.Write("a.sql", "base\n");
  g.Commit("base");
  g.Git("checkout -q -b other");
  g.Write("a.sql", "theirs\n");
  g.Commit("theirs");
  g.Git("checkout -q main");
  g.Write("a.sql", "ours\n");
  g.Commit("ours");
  std::string output;
  REQUIRE(test::TryGitIn(g.path(), "merge -q other", &output) != 0);
  auto staged = OpenOrFail(g.path()).StagedSnapshot();
  REQUIRE_FALSE(staged.ok());
  CHECK(staged.error().message ==
        "the index has an unresolved merge conflict in a.sql; resolve it before checking staged "
        "changes");
}

const std::string kBinary("PK\x03\x04\0\0\xff\xfe\0end\0", 13);

TEST_CASE("ReadBlob returns the exact bytes") {
  GitRepo g;
  g.Write("text.sql", "select 1;\n");
  g.Write("binary.bin", kBinary);
  g.Write("empty.txt", "");
  std::string sha = g.Commit("files");
  Repository repo = OpenOrFail(g.path());
  auto snapshot = repo.SnapshotOf(sha);
  REQUIRE(snapshot.ok());
  struct Row {
    const char* path;
    std::string contents;
  };
  const Row rows[] = {{"text.sql", "select 1;\n"}, {"binary.bin", kBinary}, {"empty.txt", ""}};
  for (const Row& row : rows) {
    SUBCASE(row.path) {
      const FileEntry* file = snapshot->Find(row.path);
      REQUIRE(file != nullptr);
      auto contents = repo.ReadBlob(file->blob_id);
      REQUIRE_MESSAGE(contents.ok(), contents.error().message);
      CHECK(contents->size() == row.contents.size());
      CHECK(*contents == row.contents);
    }
  }
  SUBCASE("errors") {
    const std::string missing = "0123456789abcdef0123456789abcdef01234567";
    struct ErrorRow {
      const char* name;
      std::string id;
      std::string expected;
    };
    const ErrorRow errors[] = {
        {"missing", missing, "blob " + missing + " is missing from the repository"},
        {"not hex", "xyz", "'xyz' is not a blob id (40 hex digits)"},
        {"short sha", sha.substr(0, 7),
         "'" + sha.substr(0, 7) + "' is not a blob id (40 hex digits)"},
        {"a commit", sha, sha + " is a commit, not a blob"},
    };
    for (const ErrorRow& row : errors) {
      CAPTURE(row.name);
      auto contents = repo.ReadBlob(row.id);
      REQUIRE_FALSE(contents.ok());
      CHECK(contents.error().message == row.expected);
    }
  }
}

TEST_CASE("ReadBlob from four threads at once") {
  GitRepo g;
  std::vector<std::string> expected;
  for (int i = 0; i < 40; ++i) {
    // Sizes from tiny to ~200 KB so some reads are slow enough to overlap.
    std::string contents = "file " + std::to_string(i) + "\n" + std::string(i * 5000, 'a' + i % 26);
    if (i % 7 == 0) contents += kBinary;
    g.Write("f/" + std::to_string(i) + ".txt", contents);
    expected.push_back(contents);
  }
  std::string sha = g.Commit("many");
  Repository repo = OpenOrFail(g.path());
  auto snapshot = repo.SnapshotOf(sha);
  REQUIRE(snapshot.ok());
  std::vector<std::string> ids(expected.size());
  for (size_t i = 0; i < expected.size(); ++i) {
    ids[i] = snapshot->Find("f/" + std::to_string(i) + ".txt")->blob_id;
  }
  std::atomic<int> reads{0}, wrong{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int round = 0; round < 10; ++round) {
        for (size_t k = 0; k < ids.size(); ++k) {
          size_t i = (k + t * 10) % ids.size();  // threads start at different files
          auto contents = repo.ReadBlob(ids[i]);
          ++reads;
          if (!contents.ok() || *contents != expected[i]) ++wrong;
        }
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  CHECK(reads.load() == 4 * 10 * 40);
  CHECK(wrong.load() == 0);
}

}  // namespace
}  // namespace ds::git
