// The JSON outputs against the JSON Schemas the repository publishes (docs/schemas, Ajv from npm):
// every golden file, a report with coverage gaps, and a document the schema must refuse.
#include <doctest/doctest.h>

#include <filesystem>
#include <sstream>

#include "src/report/check_report.h"
#include "src/report/lineage_report.h"
#include "tests/report/report_fixture.h"
#include "tests/support/json_schema.h"
#include "tests/support/temp_dir.h"

namespace ds {
namespace {

namespace fs = std::filesystem;

int Validate(const std::string& schema, const std::vector<std::string>& files, std::string& output) {
  return test::ValidateAgainstSchema(schema, files, output);
}

std::vector<std::string> Goldens(const std::string& suffix) {
  std::vector<std::string> out;
  for (const auto& entry : fs::directory_iterator(fs::path(DOWNSTREAM_SOURCE_DIR) / "tests/golden")) {
    std::string name = entry.path().filename().string();
    if (name.ends_with(suffix)) out.push_back(entry.path().string());
  }
  return out;
}

report::CheckReport WithGaps() {
  report::CheckReport r = test::ManyFindings(1, 1);
  r.diagnostics.push_back({ir::Severity::kWarning, {"v.sql", 3, 1}, "could not parse: x", ir::DiagCode::kSyntaxError});
  r.coverage.relations = {3, 1, 1};
  r.coverage.migrations = {2, 0, 0};
  r.coverage.gaps.push_back({report::CoverageGap::Side::kRelation, "v.sql", report::ReadLevel::kUnread,
                             r.diagnostics.back(), 1});
  r.coverage.gaps.push_back({report::CoverageGap::Side::kRelation, "analytics.ghost", report::ReadLevel::kPartial,
                             {ir::Severity::kWarning, {"ghost.sql", 2, 8}, "relation does not exist", ir::DiagCode::kUnknownRelation},
                             2});
  return r;
}

}  // namespace

TEST_CASE("every check and lineage JSON golden file validates against its published schema") {
  std::string output;
  std::vector<std::string> checks = Goldens("-check.json");
  REQUIRE(checks.size() >= 3);
  CHECK_MESSAGE(Validate("check.schema.json", checks, output) == 0, output);
  std::vector<std::string> lineages;
  for (const std::string& file : Goldens(".json")) {
    if (file.find("/lineage-") != std::string::npos && file.find("openlineage") == std::string::npos) {
      lineages.push_back(file);
    }
  }
  REQUIRE(lineages.size() >= 2);
  CHECK_MESSAGE(Validate("lineage.schema.json", lineages, output) == 0, output);
}

TEST_CASE("a report with coverage gaps validates; one the schema forbids does not") {
  test::TempDir dir;
  std::ostringstream json;
  report::WriteJson(WithGaps(), json);
  std::string output;
  CHECK_MESSAGE(Validate("check.schema.json", {dir.Write("gaps.json", json.str())}, output) == 0, output);

  std::string bad = json.str();
  bad.replace(bad.find("\"read\": \"unread\""), 16, "\"read\": \"sort of\"");
  CHECK(Validate("check.schema.json", {dir.Write("bad.json", bad)}, output) == 1);
  CHECK(output.find("/coverage/gaps/0/read") != std::string::npos);
}

}  // namespace ds
