// Framework parser fixtures, as for SQL: tests/parsers/fixtures/alembic/<case>.py and
// tests/parsers/fixtures/rails/<case>.rb beside <case>.ops (the ops, FormatOp, and the
// diagnostics, `! line:col severity message`, merged in file order); Django cases are folders
// (tests/parsers/fixtures/django/<case>/<app>/migrations/*.py) whose history is ordered and
// resolved as the engine does, beside <case>.ops with each op prefixed by its file.
// DOWNSTREAM_UPDATE_GOLDEN=1 rewrites the .ops files; review the diff.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <string>
#include <tuple>
#include <vector>

#include "parsers/migrations/framework_history.h"
#include "parsers/python/parse_alembic.h"
#include "parsers/python/parse_django.h"
#include "parsers/ruby/parse_rails.h"
#include "src/ir/op_format.h"
#include "tests/support/temp_dir.h"

namespace ds::parsers {
namespace {

namespace fs = std::filesystem;

const fs::path kFixtures = fs::path(DOWNSTREAM_SOURCE_DIR) / "tests/parsers/fixtures";

/// Ops and diagnostics merged by position (an op before a diagnostic at the same place).
std::string Render(const std::vector<ir::SchemaOp>& ops, const std::vector<ir::Diagnostic>& diagnostics,
                   bool with_file) {
  std::vector<std::tuple<std::string, int, int, int, size_t, std::string>> lines;
  for (size_t i = 0; i < ops.size(); ++i) {
    const ir::SourceSpan& span = ops[i].span;
    std::string file = with_file ? span.file + ":" : "";
    lines.emplace_back(with_file ? "" : span.file, span.line, span.column, 0, i, file + ir::FormatOp(ops[i]));
  }
  for (size_t i = 0; i < diagnostics.size(); ++i) {
    const ir::Diagnostic& d = diagnostics[i];
    std::string file = with_file ? d.span.file + ":" : "";
    lines.emplace_back(with_file ? "~" : d.span.file, d.span.line, d.span.column, 1, i,
                       "! " + file + std::to_string(d.span.line) + ":" + std::to_string(d.span.column) +
                           " " + ir::SeverityName(d.severity) + " " + d.message);
  }
  // Per-file cases sort by place; history cases keep replay order, diagnostics last.
  if (!with_file) std::stable_sort(lines.begin(), lines.end());
  else std::stable_sort(lines.begin(), lines.end(), [](const auto& a, const auto& b) {
    return std::get<0>(a) < std::get<0>(b);
  });
  std::string out;
  for (const auto& line : lines) out += std::get<5>(line) + "\n";
  return out;
}

std::vector<fs::path> Entries(const fs::path& folder, const std::string& extension) {
  std::vector<fs::path> out;
  for (const fs::directory_entry& entry : fs::directory_iterator(folder)) {
    if (extension.empty() ? entry.is_directory() : entry.path().extension() == extension) {
      out.push_back(entry.path());
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

void Compare(const fs::path& input, const std::string& actual) {
  fs::path golden = fs::path(input).replace_extension(".ops");
  const char* update = std::getenv("DOWNSTREAM_UPDATE_GOLDEN");
  if (update != nullptr && std::string(update) == "1") std::ofstream(golden, std::ios::binary) << actual;
  REQUIRE_MESSAGE(fs::exists(golden), "missing " << golden.string());
  CHECK(actual == test::ReadFile(golden.string()));
}

void RunFileFixtures(const std::string& folder, const std::string& extension, size_t at_least,
                     const std::function<ir::ParsedFile(std::string_view, std::string_view)>& parse) {
  std::vector<fs::path> fixtures = Entries(kFixtures / folder, extension);
  REQUIRE(fixtures.size() >= at_least);
  for (const fs::path& input : fixtures) {
    SUBCASE(input.stem().string().c_str()) {
      std::string text = test::ReadFile(input.string());
      ir::ParsedFile parsed = parse(input.filename().string(), text);
      Compare(input, Render(parsed.ops, parsed.diagnostics, false));
    }
  }
}

}  // namespace

TEST_CASE("Alembic parser fixtures") {
  RunFileFixtures("alembic", ".py", 1, ParseAlembicFile);
}

}  // namespace ds::parsers
