// Reads from disk (a second checkout, a lineage file, a manifest): `path: /` and `/proc/self`
// are walked without an uncaught filesystem_error, a committed symlink is not followed, a device
// (/dev/zero) or FIFO is refused instead of read forever; each said with the file's name.
#include <doctest/doctest.h>

#include <sys/stat.h>

#include <filesystem>

#include <nlohmann/json.hpp>

#include "src/engine/disk_file.h"
#include "src/ir/limits.h"
#include "tests/hostile/hostile.h"
#include "tests/support/git_repo.h"

namespace ds {
namespace {

// One imported view reading users.email, as `downstream lineage --format json` writes it.
const char* kLineage =
    R"({"version": 1, "views": [{"name": "stolen.contacts", "file": "x.sql", "line": 1, "columns": [)"
    R"({"name": "email", "sources": [{"table": "public.users", "column": "email", "transform": "identity"}],)"
    R"( "indirect": []}], "references": [{"table": "public.users", "column": "email", "usages": ["select"]}]}]})";

test::Bounded CheckWithViews(const test::GitRepo& repo, const std::string& views) {
  repo.Write("db/migrations/V1__init.sql", "CREATE TABLE users (id bigint, email text);\n");
  repo.Write("analytics/views/contacts.sql", "CREATE VIEW contacts AS SELECT id, email FROM users;\n");
  repo.Write("downstream.yml", "migrations: [db/migrations]\nviews:\n  - path: analytics/views\n" + views);
  repo.Commit("base");
  repo.Write("db/migrations/V2__drop.sql", "ALTER TABLE users DROP COLUMN email;\n");
  repo.Commit("head");
  return test::RunBounded("check --repo " + repo.path() + " --base HEAD~1 --format json", test::kSanitized ? 600 : 120,
                          1024);
}

std::string Said(const nlohmann::json& report, const std::string& file) {
  std::string out;
  for (const auto& d : report["diagnostics"]) {
    if (d["file"] == file) out += d["message"].get<std::string>() + "\n";
  }
  return out;
}

}  // namespace

// `/` itself is walked the same way (symlink_status, error codes, at most kMaxDirectoryEntries);
// it is left out here because what it finds depends on the machine.
TEST_CASE("views outside the repository at /proc/self: walked, bounded, no abort") {
  for (const char* key : {"lea", "path", "dbt"}) {
    SUBCASE(key) {
      test::GitRepo repo;
      test::Bounded run = CheckWithViews(repo, std::string("  - ") + key + ": /proc/self\n");
      CAPTURE(run.err.substr(0, 2000));
      REQUIRE(run.status == 1);  // the finding on contacts; no abort (134), no timeout (124)
      nlohmann::json report = nlohmann::json::parse(run.out);
      CHECK(report["findings"].size() == 1);
    }
  }
}

TEST_CASE("lineage: a committed symlink is not followed, /dev/zero and a FIFO are refused") {
  test::TempDir outside;
  outside.Write("lineage.json", kLineage);
  REQUIRE(::mkfifo((outside.path() + "/fifo.json").c_str(), 0600) == 0);
  struct Row {
    std::string name;
    std::string lineage;  ///< the configured path
    bool symlink;         ///< lineage.json in the repository is a symlink to the outside file
    std::string says;
  };
  const Row rows[] = {
      // A link is no file of the revision, and is not followed on disk: the configured path matches
      // nothing, which is a configuration error (exit 2), and nothing behind the link is read.
      {"committed symlink", "lineage.json", true, "matches nothing"},
      {"/dev/zero", "/dev/zero", false, "not a regular file"},
      {"a FIFO", outside.path() + "/fifo.json", false, "not a regular file"},
  };
  for (const Row& row : rows) {
    SUBCASE(row.name.c_str()) {
      test::GitRepo repo;
      if (row.symlink) std::filesystem::create_symlink(outside.path() + "/lineage.json", repo.path() + "/lineage.json");
      test::Bounded run = CheckWithViews(repo, "  - lineage: " + row.lineage + "\n");
      CAPTURE(run.err.substr(0, 2000));
      if (row.symlink) {
        CHECK(run.status == 2);
        CHECK(run.err.find(row.says) != std::string::npos);
        CHECK(run.out.find("stolen") == std::string::npos);
        CHECK(run.err.find("stolen") == std::string::npos);
        continue;
      }
      REQUIRE(run.status == 1);
      nlohmann::json report = nlohmann::json::parse(run.out);
      REQUIRE(report["findings"].size() == 1);
      for (const auto& impact : report["findings"][0]["impacts"]) CHECK(impact["view"] != "stolen.contacts");
      std::string said = Said(report, row.lineage);
      CAPTURE(said);
      CHECK(said.find(row.says) != std::string::npos);
    }
  }
}

TEST_CASE("near miss: the same lineage file as a regular file is read") {
  test::GitRepo repo;
  repo.Write("lineage.json", kLineage);
  test::Bounded run = CheckWithViews(repo, "  - lineage: lineage.json\n");
  REQUIRE(run.status == 1);
  nlohmann::json report = nlohmann::json::parse(run.out);
  REQUIRE(report["findings"].size() == 1);
  bool stolen = false;
  for (const auto& impact : report["findings"][0]["impacts"]) stolen = stolen || impact["view"] == "stolen.contacts";
  CHECK(stolen);
}

TEST_CASE("ReadDiskFile: regular files under the limit only, with the reason and its code") {
  test::TempDir dir;
  dir.Write("ok.txt", "hello");
  std::filesystem::create_symlink(dir.path() + "/ok.txt", dir.path() + "/link.txt");
  dir.Write("big.txt", std::string(ir::kMaxFileBytes + 1, 'x'));
  struct Row {
    std::string path;
    bool read;
    std::string says;
    ir::DiagCode code;
  };
  const Row rows[] = {
      {dir.path() + "/ok.txt", true, "", ir::DiagCode::kUnreadableFile},
      {dir.path() + "/link.txt", false, "symbolic link", ir::DiagCode::kUnreadableFile},
      {dir.path() + "/big.txt", false, "over the limit of 16 MB", ir::DiagCode::kLimitExceeded},
      {dir.path(), false, "a folder", ir::DiagCode::kUnreadableFile},
      {"/dev/zero", false, "not a regular file", ir::DiagCode::kUnreadableFile},
      {dir.path() + "/missing", false, "no such file", ir::DiagCode::kUnreadableFile},
  };
  for (const Row& row : rows) {  // no SUBCASE: the 16 MB file is written once
    CAPTURE(row.path);
    engine::DiskFile file = engine::ReadDiskFile(row.path);
    CHECK(file.text.has_value() == row.read);
    if (!row.read) {
      CHECK(file.problem.find(row.says) != std::string::npos);
      CHECK(file.code == row.code);
    }
  }
  CHECK(engine::ReadDiskFile(dir.path() + "/link.txt", /*follow_link=*/true).text == "hello");
  dir.Write("sub/file.txt", "x");
  std::filesystem::create_directory_symlink(dir.path() + "/sub", dir.path() + "/linked");
  CHECK(engine::ReadDiskFileUnder(dir.path(), "sub/file.txt").text == "x");
  CHECK(engine::ReadDiskFileUnder(dir.path(), "linked/file.txt").problem.find("symbolic link") != std::string::npos);
}

}  // namespace ds
