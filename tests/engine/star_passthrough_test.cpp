// `select *` passes columns through; it does not read them (issue #13 point 5). A model whose `*`
// is expanded anew at each build (a dbt table, an incremental model that follows schema changes,
// a BigQuery or DuckDB view) just loses a dropped column: the consumers that read the column
// through it break, not the model. Where the expansion is bound (a PostgreSQL or Snowflake view,
// an enforced contract, an incremental model with the default on_schema_change) the model breaks,
// and the models on it break downstream of it.
#include <doctest/doctest.h>

#include <string>

#include "tests/engine/check_helpers.h"

namespace ds {
namespace {

const char* kUsers = "CREATE TABLE users (id bigint, email text, country text);\n";

/// A dbt project in `dialect`: stg_users is `select *` from the app's users (configured by
/// `stg_config`, e.g. "{{ config(materialized='table') }}"), dim_users reads `downstream_sql`'s
/// columns of it. The head commit drops users.email.
engine::CheckRun DropEmail(const std::string& dialect, const std::string& stg_config, const std::string& dim_columns,
                           const std::string& extra_yml = "") {
  test::GitRepo repo;
  repo.Write("db/migrations/V1__init.sql", kUsers);
  repo.Write("downstream.yml", "migrations: [db/migrations]\nviews:\n  - dbt: analytics\nwarehouse:\n  dialect: " +
                                   dialect + "\n  mirrors:\n    raw_app: public\n");
  repo.Write("analytics/dbt_project.yml", "name: shop\nversion: '1.0'\nmodel-paths: [models]\n");
  repo.Write("analytics/models/sources.yml",
             "version: 2\nsources:\n  - name: app\n    schema: raw_app\n    tables:\n      - name: users\n" + extra_yml);
  repo.Write("analytics/models/stg_users.sql", stg_config + "\nselect * from {{ source('app', 'users') }}\n");
  repo.Write("analytics/models/dim_users.sql", "select " + dim_columns + " from {{ ref('stg_users') }}\n");
  repo.Commit("base");
  repo.Write("db/migrations/V2__drop.sql", "ALTER TABLE users DROP COLUMN email;\n");
  repo.Commit("head");
  engine::CheckRun run = test::CheckLastCommit(repo);
  CAPTURE(test::DiagnosticLines(run.report.diagnostics));
  return run;
}

const char* kTable = "{{ config(materialized='table') }}";

TEST_CASE("a table model passes the column through: its reader breaks, not the model") {
  engine::CheckRun run = DropEmail("snowflake", kTable, "id, email");
  CHECK(test::FindingLines(run) == "drop-column-in-use analytics.dim_users(email)\n");
  REQUIRE(run.report.findings.size() == 1);
  const ir::Impact& impact = run.report.findings[0].impacts[0];
  CHECK(impact.usages == std::vector<std::string>{"select"});
  REQUIRE(impact.path.size() == 4);  // through the warehouse copy and the table model's column
  CHECK(impact.path[2] == "analytics.stg_users.email");
}

TEST_CASE("a table model passes the column through and nothing reads it: no finding") {
  CHECK(test::FindingLines(DropEmail("snowflake", kTable, "id, country")) == "");
}

TEST_CASE("a Snowflake view binds its star: the view breaks") {
  CHECK(test::FindingLines(DropEmail("snowflake", "{{ config(materialized='view') }}", "id")) ==
        "drop-column-in-use analytics.dim_users analytics.stg_users(email)\n");
}

TEST_CASE("a BigQuery view expands its star at query time: only the reader breaks") {
  CHECK(test::FindingLines(DropEmail("bigquery", "{{ config(materialized='view') }}", "id, email")) ==
        "drop-column-in-use analytics.dim_users(email)\n");
  CHECK(test::FindingLines(DropEmail("bigquery", "{{ config(materialized='view') }}", "id")) == "");
}

TEST_CASE("an incremental model breaks unless it follows schema changes") {
  CHECK(test::FindingLines(DropEmail("snowflake", "{{ config(materialized='incremental') }}", "id")) ==
        "drop-column-in-use analytics.dim_users analytics.stg_users(email)\n");
  CHECK(test::FindingLines(DropEmail("snowflake", "{{ config(materialized='incremental', on_schema_change='sync_all_columns') }}",
                                     "id")) == "");
}

TEST_CASE("an enforced contract fixes the columns: the table model breaks") {
  CHECK(test::FindingLines(DropEmail("snowflake", "{{ config(materialized='table', contract={'enforced': true}) }}",
                                     "id")) == "contract-column-removed\ndrop-column-in-use analytics.dim_users analytics.stg_users(email)\n");
}

TEST_CASE("a table model that names the column besides its star still breaks") {
  // `* exclude (email)` names it: the warehouse refuses the query once it is gone.
  test::GitRepo repo;
  repo.Write("db/migrations/V1__init.sql", kUsers);
  repo.Write("downstream.yml", "migrations: [db/migrations]\nviews:\n  - dbt: analytics\nwarehouse:\n  dialect: snowflake\n"
                               "  mirrors:\n    raw_app: public\n");
  repo.Write("analytics/dbt_project.yml", "name: shop\nversion: '1.0'\nmodel-paths: [models]\n");
  repo.Write("analytics/models/sources.yml",
             "version: 2\nsources:\n  - name: app\n    schema: raw_app\n    tables:\n      - name: users\n");
  repo.Write("analytics/models/stg_users.sql",
             "{{ config(materialized='table') }}\nselect * exclude (email) from {{ source('app', 'users') }}\n");
  repo.Commit("base");
  repo.Write("db/migrations/V2__drop.sql", "ALTER TABLE users DROP COLUMN email;\n");
  repo.Commit("head");
  CHECK(test::FindingLines(test::CheckLastCommit(repo)) == "drop-column-in-use analytics.stg_users\n");
}

TEST_CASE("a PostgreSQL view file binds its star, a BigQuery view file does not") {
  for (const char* dialect : {"postgres", "bigquery"}) {
    CAPTURE(dialect);
    test::GitRepo repo;
    repo.Write("db/migrations/V1__init.sql", kUsers);
    repo.Write("downstream.yml", std::string("migrations: [db/migrations]\nviews:\n  - path: analytics/views\n    dialect: ") +
                                     dialect + "\n");
    repo.Write("analytics/views/v.sql", "CREATE VIEW analytics.v AS SELECT * FROM public.users;\n");
    repo.Commit("base");
    repo.Write("db/migrations/V2__drop.sql", "ALTER TABLE users DROP COLUMN email;\n");
    repo.Commit("head");
    std::string expected = std::string(dialect) == "postgres" ? "drop-column-in-use analytics.v(email)\n" : "";
    CHECK(test::FindingLines(test::CheckLastCommit(repo)) == expected);
  }
}

}  // namespace
}  // namespace ds
