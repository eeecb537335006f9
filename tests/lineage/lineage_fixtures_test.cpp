// Lineage fixtures, sqlglot style: tests/lineage/fixtures/<case>.sql holds a schema (CREATE
// TABLE), views, and the expected lineage in `-- expect:` / `-- indirect:` / `-- ref:` / `-- columns:` /
// `-- reads:` / `-- diag:` lines (see LineageLines), plus `-- setup:` for replay diagnostics.
// Every view of the file is traced and the whole set of lines must match.
// DOWNSTREAM_UPDATE_GOLDEN=1 rewrites the expectation lines (review the diff).
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "tests/lineage/lineage_fixture.h"
#include "tests/support/temp_dir.h"

namespace ds::test {
namespace {

namespace fs = std::filesystem;

std::vector<std::string> ActualLines(const std::string& name, const std::string& text) {
  auto fixture = LoadCatalog(name, text);
  std::vector<std::string> actual;
  // Parse and replay diagnostics are expected lines too (a view over a missing table).
  for (const ir::Diagnostic& diagnostic : fixture->diagnostics) {
    actual.push_back("setup: " + std::to_string(diagnostic.span.line) + ":" +
                     std::to_string(diagnostic.span.column) + " " + diagnostic.message);
  }
  lineage::LineageEngine engine(fixture->catalog);
  for (const auto& [view_name, view] : fixture->catalog.views()) {
    const lineage::ViewLineage* lineage = engine.ForView(view_name);
    REQUIRE(lineage != nullptr);
    for (std::string& line : LineageLines(*lineage)) actual.push_back(std::move(line));
  }
  return actual;
}

TEST_CASE("lineage fixtures") {
  fs::path folder = fs::path(DOWNSTREAM_SOURCE_DIR) / "tests/lineage/fixtures";
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(folder)) {
    if (entry.path().extension() == ".sql") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  CHECK(files.size() >= 150);
  bool update = std::getenv("DOWNSTREAM_UPDATE_GOLDEN") != nullptr;
  for (const fs::path& path : files) {
    SUBCASE(path.stem().string().c_str()) {
      std::string text = ReadFile(path.string());
      std::vector<std::string> actual = ActualLines(path.filename().string(), text);
      if (update) {
        RewriteFixture(path, text, actual);
        continue;
      }
      CheckSameLines(ExpectedLines(text), actual);
    }
  }
}

}  // namespace
}  // namespace ds::test
