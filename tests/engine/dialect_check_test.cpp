// The analytics side in the warehouse's own dialect (#12), through engine::RunCheck and
// engine::RunLineage on real two-commit repositories: `dialect:` on a views entry and
// `warehouse.dialect:` choose the frontend; PostgreSQL 16 syntax that libpg_query 15 refuses is
// read by our own parser; a file in a dialect that is not configured is a syntax error that lowers
// coverage, never a silent green.
#include <doctest/doctest.h>

#include <algorithm>
#include <string>

#include "src/engine/check.h"
#include "tests/engine/check_helpers.h"
#include "src/engine/lineage_run.h"
#include "tests/support/git_repo.h"

namespace ds {

namespace {

const char* kUsers =
    "CREATE TABLE users (id bigint, email text, country text, payload jsonb, updated_at timestamptz);\n";

engine::CheckRun Check(const test::GitRepo& repo) { return test::CheckLastCommit(repo); }
std::string Dump(const std::vector<ir::Diagnostic>& diagnostics) { return test::DiagnosticLines(diagnostics); }
std::string Findings(const engine::CheckRun& run) { return test::FindingLines(run); }

/// A base commit with `files`, then a head commit adding the migration `change`.
void TwoCommits(const test::GitRepo& repo, const std::vector<std::pair<std::string, std::string>>& files,
                const std::string& change) {
  repo.Write("db/migrations/V1__init.sql", kUsers);
  for (const auto& [path, text] : files) repo.Write(path, text);
  repo.Commit("base");
  repo.Write("db/migrations/V2__change.sql", change);
  repo.Commit("head");
}

/// "column <- table.column" for every direct input of `view` at the base commit.
std::string LineageOf(const test::GitRepo& repo, const std::string& view) {
  engine::LineageOptions options;
  options.repo_dir = repo.path();
  options.rev = "HEAD~1";
  Result<engine::LineageRun> run = engine::RunLineage(options);
  REQUIRE_MESSAGE(run.ok(), (run.ok() ? "" : run.error().message));
  CAPTURE(Dump(run->report.diagnostics));
  CHECK(run->report.diagnostics.empty());
  std::string out;
  for (const report::LineageView& v : run->report.views) {
    if (v.name != view) continue;
    for (const report::LineageColumn& column : v.columns) {
      for (const report::LineageInput& input : column.sources) {
        out += column.name + " <- " + input.table + "." + input.column + "\n";
      }
    }
  }
  return out;
}

const char* kSnowflakeView =
    "create or replace view analytics.v as select id, email from public.users\n"
    "qualify row_number() over (partition by id order by id) = 1;\n";

const char* kSnowflakeConfig = "migrations: [db/migrations]\nviews:\n  - path: analytics/views\n    dialect: snowflake\n";

}  // namespace

TEST_CASE("a Snowflake view file with dialect: snowflake breaks when a column it reads is dropped") {
  test::GitRepo repo;
  TwoCommits(repo, {{"downstream.yml", kSnowflakeConfig}, {"analytics/views/v.sql", kSnowflakeView}},
             "ALTER TABLE users DROP COLUMN email;\n");
  engine::CheckRun run = Check(repo);
  CAPTURE(Dump(run.report.diagnostics));
  CHECK(Findings(run) == "drop-column-in-use analytics.v(email)\n");
  CHECK(run.report.diagnostics.empty());
  CHECK(run.report.coverage.Complete());
}

TEST_CASE("a Snowflake view file with dialect: snowflake: a column it does not read is dropped freely") {
  test::GitRepo repo;
  TwoCommits(repo, {{"downstream.yml", kSnowflakeConfig}, {"analytics/views/v.sql", kSnowflakeView}},
             "ALTER TABLE users DROP COLUMN country;\n");
  engine::CheckRun run = Check(repo);
  CAPTURE(Dump(run.report.diagnostics));
  CHECK(Findings(run) == "");
  CHECK(run.report.diagnostics.empty());
  CHECK(run.report.coverage.Complete());
}

TEST_CASE("the same Snowflake file without dialect: a syntax error, and the view still read partly") {
  // Nothing drops out: PostgreSQL's parser refuses QUALIFY, so the view is read by name (the
  // relations after FROM, their columns it names) and the drop is a finding marked partial.
  test::GitRepo repo;
  TwoCommits(repo,
             {{"downstream.yml", "migrations: [db/migrations]\nviews: [analytics/views]\n"},
              {"analytics/views/v.sql", kSnowflakeView}},
             "ALTER TABLE users DROP COLUMN email;\n");
  engine::CheckRun run = Check(repo);
  std::string diagnostics = Dump(run.report.diagnostics);
  CAPTURE(diagnostics);
  CHECK(Findings(run) == "drop-column-in-use analytics.v\n");
  REQUIRE(run.report.findings.size() == 1);
  REQUIRE(run.report.findings[0].impacts.size() == 1);
  CHECK(run.report.findings[0].impacts[0].partial);
  CHECK(diagnostics.find("analytics/views/v.sql:2:9 [syntax-error] could not parse: syntax error at or near "
                         "\"row_number\"") != std::string::npos);
  CHECK_FALSE(run.report.coverage.Complete());
  CHECK(run.report.coverage.relations.full == 0);
  CHECK(run.report.coverage.relations.partial == 1);
  CHECK(run.report.coverage.relations.unread == 0);
}

TEST_CASE("a view read partly: a column it does not name is dropped freely") {
  test::GitRepo repo;
  TwoCommits(repo,
             {{"downstream.yml", "migrations: [db/migrations]\nviews: [analytics/views]\n"},
              {"analytics/views/v.sql", kSnowflakeView}},
             "ALTER TABLE users DROP COLUMN country;\n");
  engine::CheckRun run = Check(repo);
  CAPTURE(Dump(run.report.diagnostics));
  CHECK(Findings(run) == "");
  CHECK(run.report.coverage.relations.partial == 1);
}

namespace {

/// A Snowflake dbt project over the app's users (raw_app copies public): stg_users and dim_users
/// with the given SQL; the head commit adds `change`.
void ShopOverUsers(const test::GitRepo& repo, const std::string& stg_users, const std::string& dim_users,
                   const std::string& change) {
  TwoCommits(repo,
             {{"downstream.yml",
               "migrations: [db/migrations]\nviews:\n  - dbt: analytics\nwarehouse:\n  dialect: snowflake\n"
               "  mirrors:\n    raw_app: public\n"},
              {"analytics/dbt_project.yml", "name: shop\nversion: '1.0'\nmodel-paths: [models]\n"},
              {"analytics/models/sources.yml",
               "version: 2\nsources:\n  - name: app\n    schema: raw_app\n    tables:\n      - name: users\n"},
              {"analytics/models/stg_users.sql", stg_users},
              {"analytics/models/dim_users.sql", dim_users}},
             change);
}

}  // namespace

TEST_CASE("a dbt model that cannot be parsed is read partly, and the models on it resolve") {
  // The model's SQL is beyond every parser; its source() still names the relation, its columns
  // are found by name, and the model that ref()s it sees a relation (no "does not exist"
  // cascade), breaking downstream of it, partly.
  test::GitRepo repo;
  ShopOverUsers(repo,
                "with base as (select * from {{ source('app', 'users') }})\n"
                "select id, email ??? from base match_recognize ( nonsense )\n",
                "select id, email as contact from {{ ref('stg_users') }}\n", "ALTER TABLE users DROP COLUMN email;\n");
  engine::CheckRun run = Check(repo);
  std::string diagnostics = Dump(run.report.diagnostics);
  CAPTURE(diagnostics);
  CHECK(Findings(run) == "drop-column-in-use analytics.dim_users analytics.stg_users\n");
  REQUIRE(run.report.findings.size() == 1);
  for (const ir::Impact& impact : run.report.findings[0].impacts) CHECK(impact.partial);
  CHECK(diagnostics.find("[syntax-error]") != std::string::npos);
  CHECK(diagnostics.find("does not exist") == std::string::npos);
  CHECK(run.report.coverage.relations.unread == 0);
  CHECK(run.report.coverage.relations.partial == 1);
  CHECK(run.report.coverage.relations.full == 1);
}

TEST_CASE("a dbt model read partly: dropping a column no model names is no finding") {
  test::GitRepo repo;
  ShopOverUsers(repo, "select id, email ??? from {{ source('app', 'users') }} match_recognize ( nonsense )\n",
                "select id from {{ ref('stg_users') }}\n", "ALTER TABLE users DROP COLUMN country;\n");
  engine::CheckRun run = Check(repo);
  CAPTURE(Dump(run.report.diagnostics));
  CHECK(Findings(run) == "");
}

TEST_CASE("warehouse.dialect is the default: a BigQuery view file with backtick names") {
  test::GitRepo repo;
  const char* view =
      "CREATE OR REPLACE VIEW `analytics.contacts`\n"
      "OPTIONS (description = \"one row per user\") AS\n"
      "SELECT u.id, u.email AS contact, DATE_DIFF(CURRENT_DATE(), DATE(u.updated_at), DAY) AS age_days\n"
      "FROM `my-project.public.users` AS u  # the app's table\n"
      "WHERE u.country = \"FR\";\n";
  TwoCommits(repo,
             {{"downstream.yml", "migrations: [db/migrations]\nviews: [analytics/views]\nwarehouse:\n  dialect: bigquery\n"},
              {"analytics/views/contacts.sql", view}},
             "ALTER TABLE users DROP COLUMN email;\nALTER TABLE users DROP COLUMN country;\n");
  engine::CheckRun run = Check(repo);
  CAPTURE(Dump(run.report.diagnostics));
  CHECK(Findings(run) == "drop-column-in-use analytics.contacts(contact)\ndrop-column-in-use analytics.contacts\n");
  CHECK(run.report.diagnostics.empty());
  CHECK(LineageOf(repo, "analytics.contacts") ==
        "id <- public.users.id\n"
        "contact <- public.users.email\n"
        "age_days <- public.users.updated_at\n");
}

TEST_CASE("PostgreSQL 16 syntax libpg_query 15 refuses is read by our own parser, with its lineage") {
  test::GitRepo repo;
  // A subquery in FROM without an alias: PostgreSQL 16 accepts it, libpg_query 15 does not.
  const char* view =
      "CREATE VIEW analytics.recent AS\n"
      "SELECT id, email FROM (SELECT id, email FROM public.users WHERE updated_at > now() - interval '1 day');\n"
      "CREATE VIEW analytics.countries AS SELECT DISTINCT country FROM public.users;\n";
  TwoCommits(repo,
             {{"downstream.yml", "migrations: [db/migrations]\nviews: [analytics/views]\n"},
              {"analytics/views/recent.sql", view}},
             "ALTER TABLE users DROP COLUMN email;\nALTER TABLE users DROP COLUMN updated_at;\n");
  engine::CheckRun run = Check(repo);
  CAPTURE(Dump(run.report.diagnostics));
  CHECK(Findings(run) == "drop-column-in-use analytics.recent(email)\ndrop-column-in-use analytics.recent\n");
  CHECK(run.report.diagnostics.empty());
  CHECK(run.report.coverage.Complete());
  REQUIRE(!run.report.findings.empty());
  REQUIRE(!run.report.findings[0].impacts.empty());
  CHECK(run.report.findings[0].impacts[0].span.file == "analytics/views/recent.sql");
  CHECK(run.report.findings[0].impacts[0].span.line == 1);
  CHECK(LineageOf(repo, "analytics.recent") == "id <- public.users.id\nemail <- public.users.email\n");
}

TEST_CASE("a dbt project with warehouse.dialect: snowflake: QUALIFY and col:path::string") {
  test::GitRepo repo;
  TwoCommits(repo,
             {{"downstream.yml",
               "migrations: [db/migrations]\nviews:\n  - dbt: analytics\nwarehouse:\n  dialect: snowflake\n"
               "  mirrors:\n    raw_app: public\n"},
              {"analytics/dbt_project.yml", "name: shop\nversion: '1.0'\nmodel-paths: [models]\n"},
              {"analytics/models/sources.yml",
               "version: 2\nsources:\n  - name: app\n    schema: raw_app\n    tables:\n      - name: users\n"},
              {"analytics/models/staging/stg_users.sql",
               "-- one row per user: the replica may hold several\n"
               "select id, email, payload:address.city::string as city\n"
               "from {{ source('app', 'users') }}\n"
               "qualify row_number() over (partition by id order by updated_at desc) = 1\n"},
              {"analytics/models/marts/dim_users.sql",
               "select id, city from {{ ref('stg_users') }}\n"}},
             "ALTER TABLE users DROP COLUMN payload;\n");
  engine::CheckRun run = Check(repo);
  CAPTURE(Dump(run.report.diagnostics));
  CHECK(Findings(run) == "drop-column-in-use analytics.dim_users(city) analytics.stg_users(city)\n");
  CHECK(run.report.diagnostics.empty());
  CHECK(run.report.coverage.Complete());
}

TEST_CASE("a dbt project in Snowflake: a column read only by QUALIFY still breaks the model") {
  test::GitRepo repo;
  TwoCommits(repo,
             {{"downstream.yml",
               "migrations: [db/migrations]\nviews:\n  - dbt: analytics\n    dialect: snowflake\nwarehouse:\n"
               "  mirrors:\n    raw_app: public\n"},
              {"analytics/dbt_project.yml", "name: shop\nversion: '1.0'\nmodel-paths: [models]\n"},
              {"analytics/models/sources.yml",
               "version: 2\nsources:\n  - name: app\n    schema: raw_app\n    tables:\n      - name: users\n"},
              {"analytics/models/stg_users.sql",
               "select id, email\nfrom {{ source('app', 'users') }}\n"
               "qualify row_number() over (partition by id order by updated_at desc) = 1\n"}},
             "ALTER TABLE users DROP COLUMN updated_at;\nALTER TABLE users DROP COLUMN country;\n");
  engine::CheckRun run = Check(repo);
  CAPTURE(Dump(run.report.diagnostics));
  CHECK(Findings(run) == "drop-column-in-use analytics.stg_users\n");
  CHECK(run.report.diagnostics.empty());
}

TEST_CASE("a lea folder in DuckDB's dialect") {
  test::GitRepo repo;
  TwoCommits(repo,
             {{"downstream.yml", "migrations: [db/migrations]\nviews:\n  - lea: views\n    dialect: duckdb\n"},
              {"views/core/users.sql", "FROM public.users SELECT id, email, country\n"},
              {"views/analytics/by_country.sql", "SELECT country, count(*) AS n FROM core.users GROUP BY ALL\n"}},
             "ALTER TABLE users DROP COLUMN country;\n");
  engine::CheckRun run = Check(repo);
  CAPTURE(Dump(run.report.diagnostics));
  CHECK(Findings(run) == "drop-column-in-use analytics.by_country(country) core.users(country)\n");
  CHECK(run.report.diagnostics.empty());
}

}  // namespace ds
