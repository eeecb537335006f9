// Never green when blind: the analytics side's schemas exist, and every run counts what it read
// fully, partly and not at all, from the diagnostics' typed codes.
#include <doctest/doctest.h>

#include <algorithm>

#include "src/engine/check.h"
#include "tests/support/git_repo.h"

namespace ds {

namespace {

engine::CheckRun Check(const test::GitRepo& repo) {
  engine::CheckOptions options;
  options.repo_dir = repo.path();
  options.base = "HEAD~1";
  Result<engine::CheckRun> run = engine::RunCheck(options);
  REQUIRE(run.ok());
  return std::move(*run);
}

std::string Gaps(const report::Coverage& coverage) {
  std::string out;
  for (const report::CoverageGap& gap : coverage.gaps) {
    out += std::string(report::GapSideName(gap.side)) + " " + gap.name + " " + report::ReadLevelName(gap.level) +
           " " + ir::DiagCodeName(gap.reason.code) + " " + gap.reason.span.file + ":" +
           std::to_string(gap.reason.span.line) + "\n";
  }
  return out;
}

std::string Dump(const engine::CheckRun& run) {
  std::string out;
  for (const ir::Diagnostic& d : run.report.diagnostics) {
    out += d.span.file + ":" + std::to_string(d.span.line) + " [" + ir::DiagCodeName(d.code) + "] " + d.message + "\n";
  }
  return out;
}

}  // namespace

TEST_CASE("view files create relations in warehouse schemas the migrations never create") {
  test::GitRepo repo;
  repo.Write("downstream.yml", "migrations: [db/migrations]\nviews: [analytics/views]\n");
  repo.Write("db/migrations/V1__init.sql", "CREATE TABLE users (id bigint, email text, country text);\n");
  // As real view files are: no CREATE SCHEMA, the schema lives in the warehouse.
  repo.Write("analytics/views/customers.sql",
             "CREATE VIEW analytics.customers AS\nSELECT id, email AS contact FROM public.users;\n");
  repo.Write("analytics/views/by_country.sql",
             "CREATE VIEW reporting.by_country AS\nSELECT country, count(*) AS n FROM users GROUP BY country;\n");
  repo.Commit("base");
  repo.Write("db/migrations/V2__drop.sql", "ALTER TABLE users DROP COLUMN email;\n");
  repo.Commit("head");

  engine::CheckRun run = Check(repo);
  CAPTURE(Dump(run));
  REQUIRE(run.report.findings.size() == 1);
  CHECK(run.report.findings[0].rule == "drop-column-in-use");
  REQUIRE(run.report.findings[0].impacts.size() == 1);
  CHECK(run.report.findings[0].impacts[0].view.ToString() == "analytics.customers");
  CHECK(run.report.views_checked == 2);
  CHECK(run.report.diagnostics.empty());
  CHECK(run.report.coverage.Complete());
  CHECK(run.report.coverage.relations.full == 2);
  CHECK(run.report.coverage.migrations.full == 2);
}

TEST_CASE("coverage: each relation and migration file read fully, partly or not at all") {
  test::GitRepo repo;
  repo.Write("downstream.yml", "migrations: [db/migrations]\nviews: [analytics/views]\n");
  repo.Write("db/migrations/V1__init.sql",
             "CREATE TABLE users (id bigint, email text);\n"
             "CREATE TABLE orders (id bigint, user_id bigint, total numeric);\n");
  repo.Write("analytics/views/contacts.sql", "CREATE VIEW contacts AS SELECT id, email FROM users;\n");
  repo.Write("analytics/views/broken.sql", "CREATE VIEW broken AS\nSELEC id FROM users;\n");
  repo.Write("analytics/views/ghost.sql", "CREATE VIEW ghost AS\nSELECT g.id FROM no_such_table g;\n");
  repo.Write("analytics/views/blob.sql", std::string("\x89PNG\r\n\x1a\n\0\0\0", 11));
  repo.Commit("base");
  repo.Write("db/migrations/V2__dynamic.sql",
             "DO $$ BEGIN EXECUTE 'ALTER TABLE orders DROP COLUMN total'; END $$;\n");
  repo.Commit("head");

  engine::CheckRun run = Check(repo);
  CAPTURE(Dump(run));
  const report::Coverage& coverage = run.report.coverage;
  CAPTURE(Gaps(coverage));
  CHECK_FALSE(coverage.Complete());
  CHECK(coverage.relations.full == 1);     // contacts
  CHECK(coverage.relations.partial == 2);  // ghost reads a relation that does not exist; broken
                                           // (a syntax error) is read by name
  CHECK(coverage.relations.unread == 1);   // blob (binary)
  CHECK(coverage.migrations.full == 1);
  CHECK(coverage.migrations.partial == 1);  // the DO block may change the schema
  CHECK(Gaps(coverage) ==
        "migration db/migrations/V2__dynamic.sql partial unsupported db/migrations/V2__dynamic.sql:1\n"
        "relation analytics/views/blob.sql unread unreadable-file analytics/views/blob.sql:0\n"
        "relation public.broken partial syntax-error analytics/views/broken.sql:2\n"
        "relation public.ghost partial unknown-relation analytics/views/ghost.sql:2\n");
  // Every diagnostic carries a typed code.
  for (const ir::Diagnostic& d : run.report.diagnostics) CHECK(d.code != ir::DiagCode::kUnclassified);
}

TEST_CASE("coverage: a dbt model that cannot be parsed still counts, by its relation, read partly") {
  test::GitRepo repo;
  repo.Write("downstream.yml",
             "migrations: [db/migrations]\nviews:\n  - dbt: analytics\nwarehouse:\n  mirrors:\n    raw_app: public\n");
  repo.Write("db/migrations/V1__init.sql", "CREATE TABLE users (id bigint, email text, created_at timestamptz);\n");
  repo.Write("analytics/dbt_project.yml", "name: shop\nconfig-version: 2\nmodel-paths: [models]\n");
  repo.Write("analytics/models/sources.yml",
             "version: 2\nsources:\n  - name: app\n    schema: raw_app\n    tables:\n      - name: users\n");
  repo.Write("analytics/models/stg_users.sql", "select id, email from {{ source('app', 'users') }}\n");
  repo.Write("analytics/models/odd.sql", "select id,, from {{ ref('stg_users') }}\n");
  repo.Commit("base");
  repo.Write("db/migrations/V2__drop.sql", "ALTER TABLE users DROP COLUMN created_at;\n");
  repo.Commit("head");

  engine::CheckRun run = Check(repo);
  CAPTURE(Dump(run));
  const report::Coverage& coverage = run.report.coverage;
  CAPTURE(Gaps(coverage));
  CHECK(run.report.findings.empty());
  CHECK(coverage.relations.full == 1);
  CHECK(coverage.relations.partial == 1);
  CHECK(coverage.relations.unread == 0);
  REQUIRE(coverage.gaps.size() == 1);
  CHECK(coverage.gaps[0].name == "analytics.odd");
  CHECK(coverage.gaps[0].reason.span.file == "analytics/models/odd.sql");
  CHECK(coverage.gaps[0].reason.code == ir::DiagCode::kSyntaxError);
}

TEST_CASE("coverage: a seed whose header loses a column is read partly; one with no header is not read") {
  test::GitRepo repo;
  repo.Write("downstream.yml", "migrations: [db/migrations]\nviews:\n  - dbt: analytics\n");
  repo.Write("db/migrations/V1__init.sql", "CREATE TABLE users (id bigint);\n");
  repo.Write("analytics/dbt_project.yml", "name: shop\nmodel-paths: [models]\nseed-paths: [seeds]\n");
  repo.Write("analytics/seeds/fills.csv", "tx,amount,tx\nA,1,B\n");  // spellbook has such a sample
  repo.Write("analytics/seeds/blank.csv", "\n");
  repo.Write("analytics/seeds/rates.csv", "code,rate\nEUR,1\n");
  repo.Commit("base");
  repo.Write("db/migrations/V2__add.sql", "ALTER TABLE users ADD COLUMN email text;\n");
  repo.Commit("head");

  engine::CheckRun run = Check(repo);
  CAPTURE(Dump(run));
  const report::Coverage& coverage = run.report.coverage;
  CHECK(Gaps(coverage) ==
        "relation analytics/seeds/blank.csv unread not-a-query analytics/seeds/blank.csv:1\n"
        "relation analytics/seeds/fills.csv partial unsupported analytics/seeds/fills.csv:1\n");
  CHECK(coverage.relations.unread == 1);
  CHECK(coverage.relations.partial == 1);
}

}  // namespace ds
