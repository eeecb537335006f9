// Dialect lineage fixtures, sqlglot style: tests/dialect/fixtures/<dialect>/<construct>.sql holds
// tables in PostgreSQL DDL (read by libpg_query, as the migrations side gives them), views in the
// dialect (read by our frontend), and the expected lineage in the lines of
// tests/lineage/fixtures (`-- columns:` / `-- expect:` / `-- indirect:` / `-- ref:` / `-- reads:` /
// `-- diag:` / `-- setup:`). DOWNSTREAM_UPDATE_GOLDEN=1 rewrites the expectation lines.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>

#include "tests/dialect/dialect_fixture.h"
#include "tests/support/temp_dir.h"

namespace ds::test {
namespace {

namespace fs = std::filesystem;

TEST_CASE("dialect lineage fixtures") {
  fs::path root = fs::path(DOWNSTREAM_SOURCE_DIR) / "tests/dialect/fixtures";
  bool update = std::getenv("DOWNSTREAM_UPDATE_GOLDEN") != nullptr;
  std::vector<fs::path> folders;
  for (const auto& entry : fs::directory_iterator(root)) {
    if (entry.is_directory()) folders.push_back(entry.path());
  }
  std::sort(folders.begin(), folders.end());
  CHECK(folders.size() >= 2);
  for (const fs::path& folder : folders) {
    const dialect::Dialect* dialect = dialect::DialectByName(folder.filename().string());
    REQUIRE_MESSAGE(dialect != nullptr, "no dialect named " << folder.filename());
    std::vector<fs::path> files;
    for (const auto& entry : fs::directory_iterator(folder)) {
      if (entry.path().extension() == ".sql") files.push_back(entry.path());
    }
    std::sort(files.begin(), files.end());
    for (const fs::path& path : files) {
      std::string label = folder.filename().string() + "/" + path.stem().string();
      SUBCASE(label.c_str()) {
        std::string text = ReadFile(path.string());
        DialectOps ops = DialectFileOps(label + ".sql", text, *dialect);
        std::vector<std::string> actual = LineageOfOps(ops.ops, ops.diagnostics);
        if (update) {
          RewriteFixture(path, text, actual);
          continue;
        }
        std::vector<std::string> expected = ExpectedLines(text);
        CHECK_MESSAGE(!expected.empty(), "no expectation lines");
        CheckSameLines(expected, actual);
      }
    }
  }
}

}  // namespace
}  // namespace ds::test
