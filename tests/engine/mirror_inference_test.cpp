// Warehouse mirrors inferred without configuration: a dbt source (or a schema view files read)
// whose tables match production tables is their copy when the match is unambiguous; otherwise it
// is said, naming the candidates. Real repositories, engine::RunCheck end to end.
#include <doctest/doctest.h>

#include "src/catalog/catalog.h"
#include "src/engine/check.h"
#include "src/engine/mirror_inference.h"
#include "tests/support/git_repo.h"

namespace ds {

namespace {

const char* kApp =
    "CREATE TABLE users (id bigint, email text, created_at timestamptz);\n"
    "CREATE TABLE orders (id bigint, user_id bigint, amount bigint);\n";

// A dbt project reading source `app` (schema `schema`, tables as named) in a staging model and a
// mart downstream of it.
void WriteDbt(const test::GitRepo& repo, const std::string& schema, const std::string& users,
              const std::string& orders) {
  repo.Write("analytics/dbt_project.yml", "name: shop\nconfig-version: 2\nmodel-paths: [models]\n");
  repo.Write("analytics/models/sources.yml", "version: 2\nsources:\n  - name: app\n    schema: " + schema +
                                                 "\n    tables:\n      - name: " + users + "\n      - name: " +
                                                 orders + "\n");
  repo.Write("analytics/models/stg_users.sql",
             "select id, created_at from {{ source('app', '" + users + "') }}\n");
  repo.Write("analytics/models/stg_orders.sql", "select id, user_id from {{ source('app', '" + orders + "') }}\n");
  repo.Write("analytics/models/customer_value.sql", "select id from {{ ref('stg_users') }}\n");
}

engine::CheckRun Check(const test::GitRepo& repo) {
  engine::CheckOptions options;
  options.repo_dir = repo.path();
  options.base = "HEAD~1";
  Result<engine::CheckRun> run = engine::RunCheck(options);
  REQUIRE_MESSAGE(run.ok(), (run.ok() ? "" : run.error().message));
  return std::move(*run);
}

std::string Notes(const engine::CheckRun& run) {
  std::string out;
  for (const std::string& note : run.notes) {
    if (note.starts_with("inferred")) out += note + "\n";
  }
  return out;
}

std::string Diagnostics(const engine::CheckRun& run) {
  std::string out;
  for (const ir::Diagnostic& d : run.report.diagnostics) {
    out += d.span.file + ":" + std::to_string(d.span.line) + " [" + ir::DiagCodeName(d.code) + "] " + d.message + "\n";
  }
  return out;
}

// "kind name" or "kind name <- via" per impact.
std::string Impacts(const ir::Finding& f) {
  std::string out;
  for (const ir::Impact& impact : f.impacts) {
    out += std::string(ir::RelationKindName(impact.kind)) + " " + impact.view.ToString();
    if (!impact.via.name.empty()) out += " <- " + impact.via.ToString();
    out += "\n";
  }
  return out;
}

}  // namespace

TEST_CASE("a dbt source matching production tables is inferred as their copy") {
  struct Row {
    const char* name;
    const char* schema;
    const char* users;
    const char* orders;
    const char* note;
  };
  const Row rows[] = {
      {"same names", "raw_app", "users", "orders",
       "inferred warehouse mirror raw_app -> public (2 of 2 tables); pin it in downstream.yml: warehouse: mirrors: "
       "raw_app: public\n"},
      {"a <tap>_<schema> schema and a table prefix", "tap_postgres_public", "app_users", "app_orders",
       "inferred warehouse mirror tap_postgres_public -> public (2 of 2 tables, tables named app_{table}); pin it "
       "in downstream.yml: warehouse: mirrors: tap_postgres_public: {schema: public, table_pattern: "
       "\"app_{table}\"}\n"},
      {"a table suffix", "raw_app", "users_raw", "orders_raw",
       "inferred warehouse mirror raw_app -> public (2 of 2 tables, tables named {table}_raw); pin it in "
       "downstream.yml: warehouse: mirrors: raw_app: {schema: public, table_pattern: \"{table}_raw\"}\n"},
      {"an upper-case copy", "RAW_APP", "USERS", "ORDERS",
       "inferred warehouse mirror RAW_APP -> public (2 of 2 tables); pin it in downstream.yml: warehouse: mirrors: "
       "RAW_APP: public\n"},
  };
  for (const Row& row : rows) {
    SUBCASE(row.name) {
      test::GitRepo repo;
      repo.Write("db/migrations/V1__init.sql", kApp);
      repo.Write("downstream.yml", "migrations: [db/migrations]\nviews:\n  - dbt: analytics\n");
      WriteDbt(repo, row.schema, row.users, row.orders);
      repo.Commit("base");
      repo.Write("db/migrations/V2__drop.sql", "ALTER TABLE users DROP COLUMN created_at;\n");
      repo.Commit("head");
      engine::CheckRun run = Check(repo);
      CAPTURE(Diagnostics(run));
      CHECK(Notes(run) == row.note);
      CHECK(Diagnostics(run).find("unmapped-source") == std::string::npos);
      REQUIRE(run.report.findings.size() == 1);
      const ir::Finding& f = run.report.findings[0];
      // The copy is in the path, never a consumer; the mart is downstream of the staging model.
      CHECK(Impacts(f) == "model analytics.customer_value <- analytics.stg_users\nmodel analytics.stg_users\n");
      CHECK(f.impacts[1].path.size() == 3);
      CHECK(f.message ==
            "drops column public.users.created_at, which 1 model reads: analytics.stg_users; 1 model downstream of "
            "analytics.stg_users breaks too: analytics.customer_value");
    }
  }
}

TEST_CASE("an ambiguous match is not inferred, and the candidates are named") {
  test::GitRepo repo;
  repo.Write("db/migrations/V1__init.sql",
             std::string(kApp) + "CREATE SCHEMA archive;\nCREATE TABLE archive.users (id bigint);\n"
                                 "CREATE TABLE archive.orders (id bigint);\n");
  repo.Write("downstream.yml", "migrations: [db/migrations]\nviews:\n  - dbt: analytics\n");
  WriteDbt(repo, "raw_app", "users", "orders");
  repo.Commit("base");
  repo.Write("db/migrations/V2__drop.sql", "ALTER TABLE users DROP COLUMN created_at;\n");
  repo.Commit("head");
  engine::CheckRun run = Check(repo);
  std::string diagnostics = Diagnostics(run);
  CAPTURE(diagnostics);
  CHECK(Notes(run).empty());
  CHECK(run.report.findings.empty());
  CHECK(diagnostics.find("analytics/models/sources.yml:7 [unmapped-source] warehouse schema raw_app could be the "
                         "copy of archive and public (2 of 2 tables each), so none is assumed; pin one in "
                         "downstream.yml: warehouse: mirrors: raw_app: <schema>\n") != std::string::npos);
}

TEST_CASE("near miss: warehouse.mirrors always wins over inference") {
  test::GitRepo repo;
  repo.Write("db/migrations/V1__init.sql",
             std::string(kApp) + "CREATE SCHEMA archive;\nCREATE TABLE archive.users (id bigint, created_at date);\n"
                                 "CREATE TABLE archive.orders (id bigint, user_id bigint);\n");
  repo.Write("downstream.yml",
             "migrations: [db/migrations]\nviews:\n  - dbt: analytics\nwarehouse:\n  mirrors:\n    raw_app: archive\n");
  WriteDbt(repo, "raw_app", "users", "orders");
  repo.Commit("base");
  repo.Write("db/migrations/V2__drop.sql", "ALTER TABLE users DROP COLUMN created_at;\n");
  repo.Commit("head");
  engine::CheckRun run = Check(repo);
  CAPTURE(Diagnostics(run));
  CHECK(Notes(run).empty());
  CHECK(run.report.findings.empty());  // raw_app copies archive, whose users keep created_at
}

TEST_CASE("a schema that view files read is inferred too, and bridged like a source") {
  test::GitRepo repo;
  repo.Write("db/migrations/V1__init.sql", kApp);
  repo.Write("downstream.yml", "migrations: [db/migrations]\nviews:\n  - path: warehouse/views\n");
  repo.Write("warehouse/views/signups.sql",
             "CREATE VIEW signups AS SELECT u.created_at FROM raw_app.users u JOIN raw_app.orders o ON "
             "o.user_id = u.id;\n");
  repo.Commit("base");
  repo.Write("db/migrations/V2__drop.sql", "ALTER TABLE users DROP COLUMN created_at;\n");
  repo.Commit("head");
  engine::CheckRun run = Check(repo);
  std::string diagnostics = Diagnostics(run);
  CAPTURE(diagnostics);
  CHECK(Notes(run) ==
        "inferred warehouse mirror raw_app -> public (2 of 2 tables); pin it in downstream.yml: warehouse: mirrors: "
        "raw_app: public\n");
  CHECK(diagnostics.find("does not exist") == std::string::npos);
  REQUIRE(run.report.findings.size() == 1);
  CHECK(Impacts(run.report.findings[0]) == "view public.signups\n");
}

TEST_CASE("InferMirrors: most tables, at least two, and no tie") {
  catalog::Catalog production;
  for (const char* name : {"a", "b", "c", "d", "e"}) {
    catalog::Table table;
    table.name = {"public", name};
    production.PutTable(table);
  }
  struct Row {
    const char* name;
    std::set<std::string> tables;
    const char* expected;  ///< the inferred mirror, else the diagnostic
  };
  const Row rows[] = {
      {"all", {"a", "b"}, "raw -> public {table} 2/2"},
      {"four of five", {"a", "b", "c", "d", "x"}, "raw -> public {table} 4/5"},
      {"one of one", {"A"}, "raw -> public {table} 1/1"},
      {"one of two is not enough",
       {"a", "x"},
       "warehouse schema raw matches production schema public for only 1 of 2 tables, so it is not assumed to be "
       "its copy; pin it in downstream.yml if it is: warehouse: mirrors: raw: public"},
      {"nothing matches", {"x", "y"}, ""},
  };
  for (const Row& row : rows) {
    SUBCASE(row.name) {
      engine::MirrorInference inference = engine::InferMirrors({{"raw", {row.tables, {}}}}, production, {});
      std::string actual;
      for (const engine::InferredMirror& m : inference.inferred) {
        actual += m.mirror.warehouse_schema + " -> " + m.mirror.production_schema + " " + m.mirror.table_pattern +
                  " " + std::to_string(m.matched) + "/" + std::to_string(m.total);
      }
      for (const ir::Diagnostic& d : inference.diagnostics) actual += d.message;
      CHECK(actual == row.expected);
    }
  }
}

TEST_CASE("InferredMirrorsAt: what `downstream init` writes down") {
  test::GitRepo repo;
  repo.Write("db/migrations/V1__init.sql", kApp);
  repo.Write("downstream.yml", "migrations: [db/migrations]\nviews:\n  - dbt: analytics\n");
  WriteDbt(repo, "raw_app", "users", "orders");
  repo.Commit("base");
  Result<std::vector<engine::InferredMirror>> mirrors = engine::InferredMirrorsAt(repo.path(), "HEAD");
  REQUIRE(mirrors.ok());
  REQUIRE(mirrors->size() == 1);
  CHECK((*mirrors)[0].mirror.warehouse_schema == "raw_app");
  CHECK((*mirrors)[0].mirror.production_schema == "public");
  CHECK(!engine::InferredMirrorsAt(repo.path(), "no-such-revision").ok());
}

}  // namespace ds
