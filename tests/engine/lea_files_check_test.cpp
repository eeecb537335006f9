// lea's DuckDB scripts read files in place (FROM 'seeds/x.csv'), through engine::RunCheck on real
// repositories: a CSV file of the repository is a table whose header lineage checks (a column
// it loses is said where a model reads it); a file the repository does not hold (a submodule)
// makes its model read partly, as a source that mirrors nothing does, never "does not exist";
// a table that really is missing still does not exist. And lea's BigQuery names: what other
// tools read (`kaya.core__customers`) is the lea table, and the scripts' references lead there.
#include <doctest/doctest.h>

#include "tests/engine/check_helpers.h"

namespace ds {

namespace {

void WriteShop(const test::GitRepo& repo) {
  repo.Write("downstream.yml", "migrations: [db/migrations]\nviews:\n  - lea: shop/scripts\n    dialect: duckdb\n");
  repo.Write("db/migrations/V1__init.sql", "CREATE TABLE users (id bigint, email text);\n");
  repo.Write(".gitmodules", "[submodule \"shop/jaffle\"]\n\tpath = shop/jaffle\n\turl = https://example.com/jaffle\n");
  repo.Write("shop/seeds/raw_customers.csv", "id,first_name,last_name\n1,Ada,Lovelace\n");
  repo.Write("shop/scripts/staging/customers.sql",
             "SELECT id AS customer_id, first_name, last_name\nFROM 'seeds/raw_customers.csv'\n");
  repo.Write("shop/scripts/staging/payments.sql",
             "WITH raw AS (SELECT * FROM 'jaffle/seeds/raw_payments.csv')\nSELECT id AS payment_id, amount FROM raw\n");
  repo.Write("shop/scripts/core/customers.sql",
             "SELECT c.customer_id, sum(p.amount) AS total\nFROM staging.customers c\n"
             "JOIN staging.payments p ON p.payment_id = c.customer_id\nGROUP BY 1\n");
}

std::string Gaps(const report::Coverage& coverage) {
  std::string out;
  for (const report::CoverageGap& gap : coverage.gaps) {
    out += gap.name + " " + report::ReadLevelName(gap.level) + " " + ir::DiagCodeName(gap.reason.code) + " " +
           gap.reason.span.file + ":" + std::to_string(gap.reason.span.line) + "\n";
  }
  return out;
}

}  // namespace

TEST_CASE("lea (DuckDB): a file in a submodule is read partly, not missing; a CSV file of the repository is read") {
  test::GitRepo repo;
  WriteShop(repo);
  repo.Commit("base");
  repo.Write("shop/scripts/core/ghost.sql", "SELECT id FROM staging.nothing\n");  // near miss: really missing
  repo.Commit("head");
  engine::CheckRun run = test::CheckLastCommit(repo);
  CHECK(test::DiagnosticLines(run.report.diagnostics) ==
        "shop/scripts/staging/payments.sql:1:28 [unmapped-source] file 'jaffle/seeds/raw_payments.csv' is in the git "
        "submodule shop/jaffle, not read: its columns are not checked\n");
  // The table that is not there is (a finding: the pull request adds a model reading it).
  REQUIRE(run.report.findings.size() == 1);
  CHECK(run.report.findings[0].rule == "view-references-missing-column");
  CHECK(run.report.findings[0].message.find("relation \"staging.nothing\" does not exist") != std::string::npos);
  CHECK(Gaps(run.report.coverage) == "staging.payments partial unmapped-source shop/scripts/staging/payments.sql:1\n");
  CHECK(run.report.coverage.relations.full == 3);  // staging.customers, from its CSV file; core.*
  CHECK(run.report.coverage.relations.unread == 0);
}

TEST_CASE("near miss: a column the CSV file loses is said where a model reads it (as a dbt seed's)") {
  test::GitRepo repo;
  WriteShop(repo);
  repo.Commit("base");
  repo.Write("shop/seeds/raw_customers.csv", "id,first_name\n1,Ada\n");
  repo.Commit("head");
  engine::CheckRun run = test::CheckLastCommit(repo);
  CHECK(test::DiagnosticLines(run.report.diagnostics) ==
        "shop/scripts/staging/customers.sql:1:39 [unknown-column] column \"last_name\" does not exist; did you mean "
        "\"first_name\"?\n"
        "shop/scripts/staging/payments.sql:1:28 [unmapped-source] file 'jaffle/seeds/raw_payments.csv' is in the git "
        "submodule shop/jaffle, not read: its columns are not checked\n");
  CHECK(Gaps(run.report.coverage) ==
        "staging.customers partial unknown-column shop/scripts/staging/customers.sql:1\n"
        "staging.payments partial unmapped-source shop/scripts/staging/payments.sql:1\n");
}

TEST_CASE("lea (BigQuery): <dataset>.<schema>__<table> is what other tools read, and lineage follows the scripts") {
  test::GitRepo repo;
  repo.Write("downstream.yml",
             "migrations: [db/migrations]\nwarehouse:\n  dialect: bigquery\n  mirrors:\n    raw_app: public\n"
             "views:\n  - lea: scripts\n    dataset: kaya\n  - path: reporting\n");
  repo.Write("db/migrations/V1__init.sql", "CREATE TABLE users (id bigint, email text, name text);\n");
  repo.Write("scripts/staging/users.sql", "SELECT id, email FROM raw_app.users\n");  // the ELT copy of users
  repo.Write("scripts/core/customers.sql", "SELECT id AS customer_id, email AS contact FROM kaya.staging__users\n");
  repo.Write("reporting/mailing.sql", "CREATE VIEW reporting.mailing AS SELECT contact FROM kaya.core__customers;\n");
  repo.Commit("base");
  repo.Write("db/migrations/V2__drop.sql", "ALTER TABLE users DROP COLUMN email;\n");
  repo.Commit("head");
  engine::CheckRun run = test::CheckLastCommit(repo);
  CHECK(test::DiagnosticLines(run.report.diagnostics) == "");
  CHECK(test::FindingLines(run) ==
        "drop-column-in-use kaya.core__customers(contact) kaya.staging__users(email) reporting.mailing(contact)\n");
  REQUIRE(run.report.findings.size() == 1);
  CHECK(run.report.findings[0].impacts.at(0).path ==
        std::vector<std::string>{"public.users.email", "raw_app.users.email", "kaya.staging__users.email",
                                 "kaya.core__customers.contact"});
}

}  // namespace ds
