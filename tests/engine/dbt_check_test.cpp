// dbt and lea projects through engine::RunCheck on real repositories: models become views, sources
// reach the production tables through warehouse.mirrors, findings list every ref() hop.
#include <doctest/doctest.h>

#include <filesystem>

#include "src/engine/check.h"
#include "src/engine/lineage_run.h"
#include "tests/support/git_repo.h"

namespace ds {

namespace {

namespace fs = std::filesystem;

const char* kAppTables =
    "CREATE TABLE users (id bigint, email text, full_name text, country text, created_at timestamptz,\n"
    "  deleted_at timestamptz);\n"
    "CREATE TABLE orders (id bigint, user_id bigint, status text, amount_cents bigint, currency text,\n"
    "  placed_at timestamptz, notes text);\n";

/// tests/fixtures/dbt/shop under analytics/, the app's tables in db/migrations.
void WriteShop(const test::GitRepo& repo) {
  fs::path shop = fs::path(DOWNSTREAM_SOURCE_DIR) / "tests/fixtures/dbt/shop";
  for (const auto& entry : fs::recursive_directory_iterator(shop)) {
    if (!entry.is_regular_file()) continue;
    repo.Write("analytics/" + fs::relative(entry.path(), shop).generic_string(),
               test::ReadFile(entry.path().string()));
  }
  repo.Write("db/migrations/V1__init.sql", kAppTables);
}

Result<engine::CheckRun> Check(const test::GitRepo& repo) {
  engine::CheckOptions options;
  options.repo_dir = repo.path();
  options.base = "HEAD~1";
  return engine::RunCheck(options);
}

std::string Impacts(const ir::Finding& f) {
  std::string out;
  for (const ir::Impact& impact : f.impacts) {
    out += impact.view.ToString();
    for (const std::string& column : impact.columns) out += (column == impact.columns[0] ? "(" : ",") + column;
    out += impact.columns.empty() ? " " : ") ";
  }
  return out;
}

std::string Diagnostics(const engine::CheckRun& run) {
  std::string out;
  for (const ir::Diagnostic& d : run.report.diagnostics) {
    out += d.span.file + ":" + std::to_string(d.span.line) + " " + d.message + "\n";
  }
  return out;
}

std::string Notes(const engine::CheckRun& run) {
  std::string out;
  for (const std::string& note : run.notes) out += note + "\n";
  return out;
}

}  // namespace

TEST_CASE("a dropped column reaches the dbt models through the source and every ref() hop") {
  test::GitRepo repo;
  WriteShop(repo);
  repo.Write("downstream.yml",
             "migrations:\n  - db/migrations\nviews:\n  - dbt: analytics\nwarehouse:\n  mirrors:\n    raw_app: public\n");
  repo.Commit("base");
  repo.Write("db/migrations/V2__drop_email.sql", "ALTER TABLE users DROP COLUMN email;\n");
  repo.Commit("head");

  Result<engine::CheckRun> run = Check(repo);
  REQUIRE_MESSAGE(run.ok(), (run.ok() ? "" : run.error().message));
  CAPTURE(Diagnostics(*run));
  REQUIRE(run->report.findings.size() == 1);
  const ir::Finding& f = run->report.findings[0];
  CHECK(f.rule == "drop-column-in-use");
  CHECK(f.span == ir::SourceSpan{"db/migrations/V2__drop_email.sql", 1, 1});
  // The source (the warehouse's copy of users) is in the path, not a consumer.
  CHECK(Impacts(f) == "analytics_marts.dim_customers(contact_email) analytics_staging.stg_users(email) ");
  CHECK(f.impacts[0].span.file == "analytics/models/marts/dim_customers.sql");
  CHECK(f.impacts[0].kind == ir::RelationKind::kModel);
  CHECK(f.impacts[0].path == std::vector<std::string>{"public.users.email", "raw_app.users.email",
                                                     "analytics_staging.stg_users.email",
                                                     "analytics_marts.dim_customers.contact_email"});
  // The dashboard at the end of the chain, with its owner.
  REQUIRE(f.exposures.size() == 1);
  CHECK(f.exposures[0].name == "customer_dashboard");
  CHECK(f.exposures[0].type == "dashboard");
  CHECK(f.exposures[0].url == "https://bi.example.com/dashboards/7");
  CHECK(f.exposures[0].owner_name == "Data Team");
  CHECK(f.exposures[0].owner_email == "data@example.com");
  CHECK(f.exposures[0].via.ToString() == "analytics_marts.dim_customers");
  CHECK(f.exposures[0].span == ir::SourceSpan{"analytics/models/marts/_marts.yml", 27, 0});
  // Everything is understood: dbt_utils.generate_surrogate_key is a built-in.
  CHECK(Diagnostics(*run) == "");
}

TEST_CASE("near miss: the warehouse copy loses a column no model reads, and nothing breaks") {
  test::GitRepo repo;
  WriteShop(repo);
  repo.Write("downstream.yml",
             "migrations:\n  - db/migrations\nviews:\n  - dbt: analytics\nwarehouse:\n  mirrors:\n    raw_app: public\n");
  repo.Commit("base");
  repo.Write("db/migrations/V2__drop_notes.sql", "ALTER TABLE orders DROP COLUMN notes;\n");
  repo.Commit("head");
  Result<engine::CheckRun> run = Check(repo);
  REQUIRE(run.ok());
  CHECK(run->report.findings.empty());
  CHECK(run->report.schema_changes == 1);
}

TEST_CASE("a dbt project is detected without configuration, and said") {
  test::GitRepo repo;
  WriteShop(repo);
  repo.Commit("base");
  repo.Write("db/migrations/V2__drop_currency.sql", "ALTER TABLE orders DROP COLUMN currency;\n");
  repo.Commit("head");
  Result<engine::CheckRun> run = Check(repo);
  REQUIRE(run.ok());
  // No mirrors configured: raw_app's tables are production's, so it is inferred as their copy.
  CHECK(Notes(*run) ==
        "no downstream.yml: detecting the layout\n"
        "found 2 sql migration file(s) in db/migrations/\n"
        "found a dbt project: analytics/dbt_project.yml\n"
        "inferred warehouse mirror raw_app -> public (2 of 2 tables); pin it in downstream.yml: warehouse: mirrors: "
        "raw_app: public\n");
  std::string diagnostics = Diagnostics(*run);
  CAPTURE(diagnostics);
  REQUIRE(run->report.findings.size() == 1);
  CHECK(Impacts(run->report.findings[0]) ==
        "analytics_intermediate.int_user_orders analytics_marts.dim_customers analytics_marts.fct_orders(currency) "
        "analytics_staging.stg_orders(currency) ");
  CHECK(diagnostics.find("no copy of a production table") == std::string::npos);
  CHECK(diagnostics.find("does not exist") == std::string::npos);
}

TEST_CASE("a source that copies no production table is said once, not in every model reading it") {
  test::GitRepo repo;
  WriteShop(repo);
  repo.Write("db/migrations/V1__init.sql", "CREATE TABLE accounts (id bigint);\n");
  repo.Commit("base");
  repo.Write("db/migrations/V2__drop.sql", "ALTER TABLE accounts DROP COLUMN id;\n");
  repo.Commit("head");
  Result<engine::CheckRun> run = Check(repo);
  REQUIRE(run.ok());
  CHECK(run->report.findings.empty());
  std::string diagnostics = Diagnostics(*run);
  CAPTURE(diagnostics);
  CHECK(diagnostics.find("analytics/models/staging/_sources.yml:8 source app.users (raw_app.users) is no copy of a "
                         "production table (see warehouse.mirrors): its columns are not checked") != std::string::npos);
  CHECK(diagnostics.find("does not exist") == std::string::npos);
}

TEST_CASE("dbt options: the default schema and a table-name pattern of the ELT tool") {
  test::GitRepo repo;
  repo.Write("db/migrations/V1__init.sql", kAppTables);
  repo.Write("dbt/dbt_project.yml", "name: app\nconfig-version: 2\nmodel-paths: [models]\n");
  repo.Write("dbt/models/sources.yml",
             "version: 2\nsources:\n  - name: app\n    schema: raw\n    tables:\n      - name: app_users\n");
  repo.Write("dbt/models/people.sql", "select id, email as contact\nfrom {{ source('app', 'app_users') }}\n");
  repo.Write("downstream.yml",
             "migrations: [db/migrations]\nviews:\n  - dbt: dbt\n    schema: reporting\n    target: prod\n"
             "warehouse:\n  mirrors:\n    raw: {schema: public, table_pattern: \"app_{table}\"}\n");
  repo.Commit("base");
  repo.Write("db/migrations/V2__rename.sql", "ALTER TABLE users RENAME COLUMN email TO email_address;\n");
  repo.Commit("head");
  Result<engine::CheckRun> run = Check(repo);
  REQUIRE(run.ok());
  CAPTURE(Diagnostics(*run));
  REQUIRE(run->report.findings.size() == 1);
  CHECK(run->report.findings[0].rule == "rename-column-in-use");
  CHECK(Impacts(run->report.findings[0]) == "reporting.people(contact) ");
  CHECK(run->report.findings[0].exposures.empty());  // near miss: the project declares none
  CHECK(run->report.findings[0].impacts[0].span == ir::SourceSpan{"dbt/models/people.sql", 1, 1});
}

TEST_CASE("a lea layout is read as configured, and detected from its shape") {
  const char* kConfigured = "migrations: [db/migrations]\nviews:\n  - lea: views\n";
  for (bool configured : {true, false}) {
    SUBCASE(configured ? "configured" : "detected") {
      test::GitRepo repo;
      repo.Write("db/migrations/V1__init.sql", kAppTables);
      if (configured) repo.Write("downstream.yml", kConfigured);
      repo.Write("views/core/customers.sql", "SELECT id, email FROM public.users\n");
      repo.Write("views/analytics/mailing.sql", "SELECT email\nFROM core.customers\n");
      repo.Commit("base");
      repo.Write("db/migrations/V2__drop.sql", "ALTER TABLE users DROP COLUMN email;\n");
      repo.Commit("head");
      Result<engine::CheckRun> run = Check(repo);
      REQUIRE(run.ok());
      CAPTURE(Diagnostics(*run));
      if (!configured) {
        CHECK(Notes(*run).find("views/ holds SELECT files in <schema>/ folders and no CREATE VIEW: read as a lea "
                               "project") != std::string::npos);
      }
      REQUIRE(run->report.findings.size() == 1);
      CHECK(Impacts(run->report.findings[0]) == "analytics.mailing(email) core.customers(email) ");
      CHECK(run->report.findings[0].impacts[0].span == ir::SourceSpan{"views/analytics/mailing.sql", 1, 1});
    }
  }
}

TEST_CASE("near miss: view files by schema folder with CREATE VIEW stay view files") {
  test::GitRepo repo;
  repo.Write("db/migrations/V1__init.sql", kAppTables);
  repo.Write("views/core/customers.sql", "CREATE VIEW core_customers AS SELECT id, email FROM users;\n");
  repo.Commit("base");
  repo.Write("db/migrations/V2__drop.sql", "ALTER TABLE users DROP COLUMN email;\n");
  repo.Commit("head");
  Result<engine::CheckRun> run = Check(repo);
  REQUIRE(run.ok());
  CHECK(Notes(*run).find("lea") == std::string::npos);
  REQUIRE(run->report.findings.size() == 1);
  CHECK(Impacts(run->report.findings[0]) == "public.core_customers(email) ");
}

TEST_CASE("the lineage command traces dbt models") {
  test::GitRepo repo;
  WriteShop(repo);
  repo.Write("downstream.yml",
             "migrations:\n  - db/migrations\nviews:\n  - dbt: analytics\nwarehouse:\n  mirrors:\n    raw_app: public\n");
  repo.Commit("base");
  engine::LineageOptions options;
  options.repo_dir = repo.path();
  options.view = "dim_customers";
  Result<engine::LineageRun> run = engine::RunLineage(options);
  REQUIRE_MESSAGE(run.ok(), (run.ok() ? "" : run.error().message));
  std::string names;
  for (const report::LineageView& view : run->report.views) names += view.name + " ";
  CHECK(names == "analytics_intermediate.int_user_orders analytics_marts.dim_customers analytics_staging.stg_orders "
                 "analytics_staging.stg_users raw_app.orders raw_app.users ");
  CHECK(run->report.diagnostics.empty());
}

}  // namespace ds
