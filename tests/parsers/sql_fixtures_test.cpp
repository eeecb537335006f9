// Parser fixtures: tests/parsers/fixtures/sql/<case>.sql beside <case>.ops, the ops (FormatOp)
// and diagnostics (`! line:col severity message`) the file must produce, in file order.
// DOWNSTREAM_UPDATE_GOLDEN=1 rewrites the .ops files; review the diff.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <tuple>
#include <vector>

#include "parsers/sql/parse_sql.h"
#include "src/ir/op_format.h"
#include "tests/support/temp_dir.h"

namespace ds::parsers {
namespace {

namespace fs = std::filesystem;

/// Ops and diagnostics merged by position (an op before a diagnostic at the same place).
std::string Render(const ir::ParsedFile& parsed) {
  std::vector<std::tuple<int, int, int, size_t, std::string>> lines;
  for (size_t i = 0; i < parsed.ops.size(); ++i) {
    const ir::SourceSpan& span = parsed.ops[i].span;
    lines.emplace_back(span.line, span.column, 0, i, ir::FormatOp(parsed.ops[i]));
  }
  for (size_t i = 0; i < parsed.diagnostics.size(); ++i) {
    const ir::Diagnostic& d = parsed.diagnostics[i];
    lines.emplace_back(d.span.line, d.span.column, 1, i,
                       "! " + std::to_string(d.span.line) + ":" + std::to_string(d.span.column) +
                           " " + ir::SeverityName(d.severity) + " " + d.message);
  }
  std::stable_sort(lines.begin(), lines.end());
  std::string out;
  for (const auto& line : lines) out += std::get<4>(line) + "\n";
  return out;
}

std::vector<fs::path> Fixtures() {
  std::vector<fs::path> out;
  fs::path folder = fs::path(DOWNSTREAM_SOURCE_DIR) / "tests/parsers/fixtures/sql";
  for (const fs::directory_entry& entry : fs::directory_iterator(folder)) {
    if (entry.path().extension() == ".sql") out.push_back(entry.path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

TEST_CASE("SQL parser fixtures") {
  std::vector<fs::path> fixtures = Fixtures();
  REQUIRE(fixtures.size() >= 25);
  const char* update = std::getenv("DOWNSTREAM_UPDATE_GOLDEN");
  for (const fs::path& sql : fixtures) {
    SUBCASE(sql.stem().string().c_str()) {
      std::string text = test::ReadFile(sql.string());
      std::string actual = Render(ParseSqlFile(sql.filename().string(), text));
      fs::path golden = fs::path(sql).replace_extension(".ops");
      if (update != nullptr && std::string(update) == "1") {
        std::ofstream(golden, std::ios::binary) << actual;
      }
      REQUIRE_MESSAGE(fs::exists(golden), "missing " << golden.string());
      CHECK(actual == test::ReadFile(golden.string()));
    }
  }
}

}  // namespace ds::parsers
