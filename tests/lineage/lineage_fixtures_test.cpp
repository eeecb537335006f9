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

constexpr const char* kKinds[] = {"-- columns:", "-- expect:", "-- indirect:", "-- ref:",
                                  "-- reads:",   "-- diag:",   "-- setup:"};

bool IsExpectation(const std::string& line) {
  return std::any_of(std::begin(kKinds), std::end(kKinds),
                     [&](const char* kind) { return line.rfind(kind, 0) == 0; });
}

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

std::vector<std::string> ExpectedLines(const std::string& text) {
  std::vector<std::string> expected;
  for (const std::string& line : Lines(text)) {
    if (IsExpectation(line)) expected.push_back(line.substr(3));
  }
  return expected;
}

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

void Rewrite(const fs::path& path, const std::string& text, const std::vector<std::string>& actual) {
  std::vector<std::string> kept;
  for (const std::string& line : Lines(text)) {
    if (!IsExpectation(line)) kept.push_back(line);
  }
  while (!kept.empty() && kept.back().empty()) kept.pop_back();
  std::ofstream out(path);
  for (const std::string& line : kept) out << line << "\n";
  out << "\n";
  for (const std::string& line : actual) out << "-- " << line << "\n";
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
        Rewrite(path, text, actual);
        continue;
      }
      std::vector<std::string> expected = ExpectedLines(text);
      std::vector<std::string> missing, unexpected;
      std::vector<std::string> sorted_expected = expected, sorted_actual = actual;
      std::sort(sorted_expected.begin(), sorted_expected.end());
      std::sort(sorted_actual.begin(), sorted_actual.end());
      std::set_difference(sorted_expected.begin(), sorted_expected.end(), sorted_actual.begin(),
                          sorted_actual.end(), std::back_inserter(missing));
      std::set_difference(sorted_actual.begin(), sorted_actual.end(), sorted_expected.begin(),
                          sorted_expected.end(), std::back_inserter(unexpected));
      CHECK_MESSAGE(missing.empty(), "expected but not produced:\n  " << Join(missing, "\n  "));
      CHECK_MESSAGE(unexpected.empty(), "produced but not expected:\n  " << Join(unexpected, "\n  "));
    }
  }
}

}  // namespace
}  // namespace ds::test
