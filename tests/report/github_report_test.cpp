// Annotations: GitHub shows 10 errors and 10 warnings per step; past that one sums up the rest.
#include <doctest/doctest.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "tests/report/report_fixture.h"
#include "tests/support/temp_dir.h"

namespace ds {
namespace {

size_t CountPrefix(const std::string& text, const std::string& prefix) {
  size_t n = 0;
  std::istringstream lines(text);
  std::string line;
  while (std::getline(lines, line)) n += line.rfind(prefix, 0) == 0;
  return n;
}

}  // namespace

TEST_CASE("WriteGithub: at most 10 annotations per severity, the last sums up the rest") {
  struct Row {
    const char* name;
    int errors, warnings, diagnostics;
    size_t error_lines, warning_lines;
    const char* summary;  // "" when none
  };
  const Row rows[] = {
      {"under the limit", 3, 2, 0, 3, 2, ""},
      {"exactly 10 errors", 10, 0, 0, 10, 0, ""},
      {"11 errors", 11, 0, 0, 10, 0, "::error title=downstream%3A 2 more errors::2 more errors (11 in all)"},
      {"25 warnings", 0, 25, 0, 0, 10, "::warning title=downstream%3A 16 more warnings::16 more warnings (25 in all)"},
      {"diagnostics share the warnings' 10", 0, 6, 6, 0, 10, "::warning title=downstream%3A 3 more warnings::3 more warnings (12 in all)"},
  };
  for (const Row& row : rows) {
    SUBCASE(row.name) {
      report::CheckReport r = test::ManyFindings(row.errors, row.warnings);
      for (int i = 0; i < row.diagnostics; ++i) r.diagnostics.push_back({ir::Severity::kWarning, {"v.sql", i + 1, 2}, "odd"});
      std::ostringstream out;
      report::WriteGithub(r, out);
      CHECK(CountPrefix(out.str(), "::error ") == row.error_lines);
      CHECK(CountPrefix(out.str(), "::warning ") == row.warning_lines);
      if (*row.summary) CHECK(out.str().find(row.summary) != std::string::npos);
      else CHECK(out.str().find("more ") == std::string::npos);
    }
  }
}

TEST_CASE("WriteGithub golden: 12 errors and 3 warnings") {
  report::CheckReport r = test::ManyFindings(12, 2);
  r.diagnostics.push_back({ir::Severity::kWarning, {"analytics/views/odd, view.sql", 7, 1}, "could not parse: 100% odd"});
  std::ostringstream out;
  report::WriteGithub(r, out);
  std::string golden = std::string(DOWNSTREAM_SOURCE_DIR) + "/tests/golden/annotations-limit.github";
  if (std::getenv("DOWNSTREAM_UPDATE_GOLDEN")) std::ofstream(golden, std::ios::binary) << out.str();
  CHECK(out.str() == test::ReadFile(golden));
}

}  // namespace ds
