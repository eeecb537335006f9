// The analytics project in another repository: the application's check reads a second checkout
// from disk (`views: - dbt: ../analytics`, `- path:` outside the repository), or only the lineage
// JSON the analytics repository's CI wrote (`views: - lineage: lineage.json`).
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>

#include "src/engine/check.h"
#include "src/engine/lineage_run.h"
#include "src/report/lineage_report.h"
#include "tests/support/git_repo.h"
#include "tests/support/temp_dir.h"

namespace ds {

namespace {

namespace fs = std::filesystem;

const char* kAppTables =
    "CREATE TABLE users (id bigint, email text, full_name text, country text, created_at timestamptz,\n"
    "  deleted_at timestamptz);\n"
    "CREATE TABLE orders (id bigint, user_id bigint, status text, amount_cents bigint, currency text,\n"
    "  placed_at timestamptz, notes text);\n";

/// The analytics repository: tests/fixtures/dbt/shop at its root, no migrations of its own.
void WriteAnalytics(const test::GitRepo& repo) {
  fs::path shop = fs::path(DOWNSTREAM_SOURCE_DIR) / "tests/fixtures/dbt/shop";
  for (const auto& entry : fs::recursive_directory_iterator(shop)) {
    if (entry.is_regular_file()) {
      repo.Write(fs::relative(entry.path(), shop).generic_string(), test::ReadFile(entry.path().string()));
    }
  }
  repo.Write("views/reporting/mailing.sql", "CREATE SCHEMA reporting;\nCREATE VIEW reporting.mailing AS SELECT contact_email FROM analytics_marts.dim_customers;\n");
  repo.Commit("analytics");
}

/// The application: its tables, then a migration dropping users.email.
void WriteApp(const test::GitRepo& app, const std::string& views) {
  app.Write("db/migrations/V1__init.sql", kAppTables);
  app.Write("downstream.yml", "migrations: [db/migrations]\nviews:\n" + views +
                                  "warehouse:\n  mirrors:\n    raw_app: public\n");
  app.Commit("base");
  app.Write("db/migrations/V2__drop_email.sql", "ALTER TABLE users DROP COLUMN email;\n");
  app.Commit("head");
}

std::string Impacts(const ir::Finding& f) {
  std::string out;
  for (const ir::Impact& impact : f.impacts) out += impact.view.ToString() + " ";
  return out;
}

Result<engine::CheckRun> Check(const test::GitRepo& app) {
  engine::CheckOptions options;
  options.repo_dir = app.path();
  options.base = "HEAD~1";
  return engine::RunCheck(options);
}

std::string Diagnostics(const engine::CheckRun& run) {
  std::string out;
  for (const ir::Diagnostic& d : run.report.diagnostics) out += d.span.file + " " + d.message + "\n";
  return out;
}

}  // namespace

TEST_CASE("a second checkout outside the repository is read from disk") {
  test::GitRepo analytics, app;
  WriteAnalytics(analytics);
  // Relative to the application's root, leaving it: both folders sit in the temporary folder.
  std::string relative = "../" + fs::path(analytics.path()).filename().string();
  WriteApp(app, "  - dbt: " + relative + "\n    schema: analytics\n  - path: " + analytics.path() + "/views\n");
  Result<engine::CheckRun> run = Check(app);
  REQUIRE_MESSAGE(run.ok(), (run.ok() ? "" : run.error().message));
  CAPTURE(Diagnostics(*run));
  REQUIRE(run->report.findings.size() == 1);
  const ir::Finding& f = run->report.findings[0];
  CHECK(f.rule == "drop-column-in-use");
  CHECK(Impacts(f) == "analytics_marts.dim_customers analytics_staging.stg_users reporting.mailing ");
  CHECK(f.impacts[0].span.file == relative + "/models/marts/dim_customers.sql");
  CHECK(f.impacts[2].span.file == analytics.path() + "/views/reporting/mailing.sql");
  REQUIRE(f.exposures.size() == 1);
  CHECK(f.exposures[0].name == "customer_dashboard");
  // The checkout is the same at base and head: none of its views counts as changed.
  for (const ir::Finding& other : run->report.findings) CHECK(other.rule != "view-references-missing-column");
}

TEST_CASE("migrations stay inside the repository") {
  test::GitRepo app;
  app.Write("downstream.yml", "migrations: [../elsewhere]\n");
  app.Commit("base");
  app.Commit("head");
  Result<engine::CheckRun> run = Check(app);
  REQUIRE_FALSE(run.ok());
  CHECK(run.error().message == "downstream.yml:1: key 'migrations[0]' must not leave the repository ('../elsewhere')");
}

TEST_CASE("the analytics repository's lineage JSON feeds the application's check") {
  test::GitRepo analytics, app;
  WriteAnalytics(analytics);
  // What the analytics repository's CI runs: `downstream lineage --format json > lineage.json`.
  engine::LineageOptions options;
  options.repo_dir = analytics.path();
  Result<engine::LineageRun> lineage = engine::RunLineage(options);
  REQUIRE_MESSAGE(lineage.ok(), (lineage.ok() ? "" : lineage.error().message));
  std::string json_file = analytics.path() + "/lineage.json";
  {
    std::ofstream out(json_file);
    report::WriteLineageJson(lineage->report, out);
  }
  WriteApp(app, "  - lineage: " + json_file + "\n");
  Result<engine::CheckRun> run = Check(app);
  REQUIRE_MESSAGE(run.ok(), (run.ok() ? "" : run.error().message));
  CAPTURE(Diagnostics(*run));
  REQUIRE(run->report.findings.size() == 1);
  const ir::Finding& f = run->report.findings[0];
  CHECK(f.rule == "drop-column-in-use");
  CHECK(Impacts(f) == "analytics_marts.dim_customers analytics_staging.stg_users reporting.mailing ");
  CHECK(f.impacts[0].span == ir::SourceSpan{"models/marts/dim_customers.sql", 2, 0});
  CHECK(f.impacts[0].columns == std::vector<std::string>{"contact_email"});
  CHECK(f.impacts[0].path == std::vector<std::string>{"public.users.email", "raw_app.users.email",
                                                     "analytics_staging.stg_users.email",
                                                     "analytics_marts.dim_customers.contact_email"});
  CHECK(f.impacts[1].usages == std::vector<std::string>{"select"});

  SUBCASE("a column the mart does not read: the mart breaks with staging, no column of it derives") {
    app.Write("db/migrations/V3__drop_full_name.sql", "ALTER TABLE users DROP COLUMN full_name;\n");
    app.Commit("full_name instead");
    Result<engine::CheckRun> again = Check(app);
    REQUIRE(again.ok());
    REQUIRE(again->report.findings.size() == 1);
    CHECK(Impacts(again->report.findings[0]) == "analytics_marts.dim_customers analytics_staging.stg_users reporting.mailing ");
    CHECK(again->report.findings[0].impacts[0].columns.empty());
    CHECK(again->report.findings[0].impacts[0].via.ToString() == "analytics_staging.stg_users");
    CHECK(again->report.findings[0].exposures.empty());  // lineage JSON carries no exposures
  }
  SUBCASE("near miss: a column no imported view reads (stg_orders lists its columns)") {
    app.Write("db/migrations/V3__drop_notes.sql", "ALTER TABLE orders DROP COLUMN notes;\n");
    app.Commit("notes instead");
    Result<engine::CheckRun> again = Check(app);
    REQUIRE(again.ok());
    for (const ir::Finding& x : again->report.findings) MESSAGE(x.message << " " << Impacts(x));
    CHECK(again->report.findings.empty());
  }
  SUBCASE("a file that is not lineage JSON is said, and the check goes on") {
    std::ofstream(json_file) << "{\"views\": 3}";
    Result<engine::CheckRun> again = Check(app);
    REQUIRE(again.ok());
    CHECK(again->report.findings.empty());
    CHECK(Diagnostics(*again).find(json_file + " could not read " + json_file +
                                   ": not the JSON of `downstream lineage --format json`") != std::string::npos);
  }
}

}  // namespace ds

namespace ds {

TEST_CASE("a view the analytics repository read only partly stays partial through its lineage JSON") {
  test::TempDir scratch;
  std::string json_file = scratch.path() + "/lineage.json";
  {
    std::ofstream out(json_file);
    out << R"({"version": 1, "rev": "abc", "transitive": false, "diagnostics": [], "views": [
      {"name": "reporting.odd", "file": "views/odd.sql", "line": 1, "confidence": "partial", "columns": [],
       "references": [{"table": "raw_app.users", "column": "email", "usages": ["select"]}]},
      {"name": "reporting.even", "file": "views/even.sql", "line": 1, "columns": [],
       "references": [{"table": "raw_app.users", "column": "email", "usages": ["select"]}]}]})";
  }
  test::GitRepo app;
  WriteApp(app, "  - lineage: " + json_file + "\n");
  Result<engine::CheckRun> run = Check(app);
  REQUIRE_MESSAGE(run.ok(), (run.ok() ? "" : run.error().message));
  REQUIRE(run->report.findings.size() == 1);
  const ir::Finding& f = run->report.findings[0];
  CHECK(Impacts(f) == "reporting.even reporting.odd ");
  REQUIRE(f.impacts.size() == 2);
  CHECK_FALSE(f.impacts[0].partial);
  CHECK(f.impacts[1].partial);
}

}  // namespace ds
