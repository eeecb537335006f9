// SARIF 2.1.0: structure, stable fingerprints, determinism, and the official JSON schema.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include <fstream>
#include <sstream>

#include "src/report/sarif_report.h"
#include "tests/report/report_fixture.h"
#include "tests/support/temp_dir.h"

namespace ds {
namespace {

report::SarifOptions Options() {
  report::SarifOptions options;
  options.tool_version = "0.1.0";
  options.rules = {{"drop-column-in-use", "A migration drops a column that views read", ir::Severity::kError},
                   {"drop-table-in-use", "A migration drops a table or view that views read", ir::Severity::kError}};
  return options;
}

std::string Sarif(const report::CheckReport& r) {
  std::ostringstream out;
  report::WriteSarif(r, Options(), out);
  return out.str();
}

std::string FingerprintOf(const report::CheckReport& r) {
  return nlohmann::json::parse(Sarif(r))["runs"][0]["results"][0]["partialFingerprints"]["downstreamFinding/v1"];
}

// The build tree holds the npm cache: DOWNSTREAM_BINARY is <build>/src/cli/downstream.
std::string NpmCache() {
  std::string binary = DOWNSTREAM_BINARY;
  return binary.substr(0, binary.rfind("/src/cli/")) + "/_sarif_schema";
}

}  // namespace

TEST_CASE("WriteSarif: driver rules, results, locations, related view locations") {
  report::CheckReport r = test::ManyFindings(1, 1);
  r.findings[0].span.file = "db/migrations/V1 add.sql";
  r.diagnostics.push_back({ir::Severity::kWarning, {"v.sql", 3, 1}, "could not parse"});
  nlohmann::json j = nlohmann::json::parse(Sarif(r));
  CHECK(j["version"] == "2.1.0");
  const auto& run = j["runs"][0];
  const auto& driver = run["tool"]["driver"];
  CHECK(driver["name"] == "downstream");
  REQUIRE(driver["rules"].size() == 2);
  CHECK(driver["rules"][1]["id"] == "drop-table-in-use");
  CHECK(driver["rules"][1]["helpUri"] ==
        std::string(report::kDefaultRulesBaseUrl) + "/drop_table_in_use.md");
  CHECK(driver["rules"][0]["defaultConfiguration"]["level"] == "error");
  REQUIRE(run["results"].size() == 2);
  const auto& first = run["results"][0];
  CHECK(first["ruleId"] == "drop-column-in-use");
  CHECK(first["ruleIndex"] == 0);
  CHECK(first["level"] == "error");
  CHECK(run["results"][1]["level"] == "warning");
  const auto& location = first["locations"][0]["physicalLocation"];
  CHECK(location["artifactLocation"]["uri"] == "db/migrations/V1%20add.sql");
  CHECK(location["region"]["startLine"] == 2);
  CHECK(location["region"]["startColumn"] == 1);
  const auto& related = first["relatedLocations"][0];
  CHECK(related["id"] == 1);
  CHECK(related["physicalLocation"]["artifactLocation"]["uri"] == "analytics/views/v0.sql");
  CHECK(related["physicalLocation"]["region"]["startLine"] == 3);
  CHECK(related["message"]["text"] == "breaks view analytics.v0, which reads it in select: public.t0.c -> analytics.v0.c");
  CHECK(run["invocations"][0]["toolExecutionNotifications"][0]["message"]["text"] == "could not parse");
}

TEST_CASE("SARIF fingerprints follow what breaks, not where the line is") {
  report::CheckReport r = test::ManyFindings(1, 0);
  std::string base = FingerprintOf(r);
  CHECK(base.size() == 16);
  SUBCASE("moved to another line or file: same") {
    r.findings[0].span = {"db/migrations/V9__later.sql", 40, 3};
    r.findings[0].message = "reworded";
    CHECK(FingerprintOf(r) == base);
  }
  SUBCASE("another column: different") {
    r.findings[0].change.column = "d";
    CHECK(FingerprintOf(r) != base);
  }
  SUBCASE("another rule: different") {
    r.findings[0].rule = "drop-table-in-use";
    CHECK(FingerprintOf(r) != base);
  }
  SUBCASE("another consumer view: different") {
    r.findings[0].impacts[0].view = {"analytics", "other"};
    CHECK(FingerprintOf(r) != base);
  }
}

TEST_CASE("WriteSarif is deterministic") {
  report::CheckReport r = test::ManyFindings(3, 2);
  CHECK(Sarif(r) == Sarif(r));
}

TEST_CASE("WriteSarif validates against the SARIF 2.1.0 JSON schema (Ajv, from npm)") {
  test::TempDir dir;
  report::CheckReport r = test::ManyFindings(2, 1);
  r.findings[0].span.file = "db/migrations/odd name #1.sql";
  r.diagnostics.push_back({ir::Severity::kWarning, {"v.sql", 3, 1}, "could not parse"});
  r.diagnostics.push_back({ir::Severity::kWarning, {"", 0, 0}, "no file"});
  // Acknowledged: in the migration, and in downstream.yml (suppressions of both kinds).
  r.findings[1].acknowledged = true;
  r.findings[1].acknowledgements.push_back({{"db/migrations/V001__drop.sql", 1, 4}, {"analytics.*"}, "agreed", "2026-12-31", false, true});
  r.findings[2].acknowledged = true;
  r.findings[2].acknowledgements.push_back({{"downstream.yml", 3, 5}, {"analytics.v2"}, "moved", "", false, false});
  nlohmann::json parsed = nlohmann::json::parse(Sarif(r));
  CHECK(parsed["runs"][0]["results"][1]["suppressions"][0]["kind"] == "inSource");
  CHECK(parsed["runs"][0]["results"][2]["suppressions"][0]["kind"] == "external");
  CHECK_FALSE(parsed["runs"][0]["results"][0].contains("suppressions"));
  std::string file = dir.Write("out.sarif", Sarif(r));
  std::string script = std::string(DOWNSTREAM_SOURCE_DIR) + "/tests/report/validate-sarif.sh " + NpmCache();
  std::string output;
  CHECK_MESSAGE(test::RunCommand(script + " " + file, &output) == 0, output);
  SUBCASE("the validator rejects what the schema forbids") {
    std::string bad = Sarif(r);
    bad.replace(bad.find("\"2.1.0\""), 7, "\"2.2\"");
    std::string bad_file = dir.Write("bad.sarif", bad);
    CHECK(test::RunCommand(script + " " + bad_file, &output) == 1);
    CHECK(output.find("/version") != std::string::npos);
  }
}

}  // namespace ds
