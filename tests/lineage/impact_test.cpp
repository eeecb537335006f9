// ImpactsOf: which views a schema change breaks, directly or through other views, with the
// columns derived from the change, the usages, and one shortest path.
#include <doctest/doctest.h>

#include "src/catalog/diff.h"
#include "src/lineage/impact.h"
#include "tests/lineage/lineage_fixture.h"

namespace ds::test {
namespace {

constexpr const char* kChain = R"sql(CREATE SCHEMA staging;
CREATE SCHEMA analytics;
CREATE TABLE users (id int, email text, name text, deleted_at timestamptz);
CREATE TABLE orders (id int, user_id int, name text);
CREATE VIEW staging.users AS SELECT id, email FROM public.users WHERE deleted_at IS NULL;
CREATE VIEW analytics.customers AS SELECT id, email AS contact_email FROM staging.users;
CREATE VIEW analytics.customer_count AS SELECT count(*) AS n FROM analytics.customers;
CREATE VIEW analytics.order_names AS SELECT name FROM orders;
)sql";

constexpr const char* kFilterOnly = R"sql(CREATE TABLE users (id int, email text, deleted_at timestamptz);
CREATE VIEW active AS SELECT id FROM users WHERE deleted_at IS NULL;
CREATE VIEW active_ids AS SELECT id + 0 AS n FROM active;
CREATE VIEW unrelated AS SELECT email FROM users;
)sql";

constexpr const char* kTables = R"sql(CREATE TABLE users (id int, email text);
CREATE TABLE orders (id int, user_id int);
CREATE VIEW user_count AS SELECT count(*) AS n FROM users;
CREATE VIEW emails AS SELECT email FROM users;
CREATE VIEW all_users AS SELECT * FROM users;
CREATE VIEW order_users AS SELECT o.id FROM orders o JOIN users u ON u.id = o.user_id;
CREATE VIEW only_orders AS SELECT id FROM orders;
)sql";

std::string Format(const ir::Impact& impact) {
  return impact.view.ToString() + ":" + std::to_string(impact.span.line) + " columns=[" +
         Join(impact.columns, ",") + "] usages=[" + Join(impact.usages, ",") + "] path=[" +
         Join(impact.path, " -> ") + "]" + (impact.via.name.empty() ? "" : " via=" + impact.via.ToString());
}

ir::ChangeRef Change(std::string kind, std::string table, std::string column = "") {
  ir::ChangeRef change;
  change.kind = std::move(kind);
  change.table = ir::ParseQualifiedName(table);
  change.column = std::move(column);
  return change;
}

struct Row {
  const char* name;
  const char* sql;
  ir::ChangeRef change;
  std::vector<std::string> expected;
};

TEST_CASE("ImpactsOf") {
  const Row rows[] = {
      {"drop column through a chain of views", kChain, Change("drop_column", "public.users", "email"),
       {"analytics.customer_count:7 columns=[] usages=[] "
        "path=[public.users.email -> staging.users.email -> analytics.customers.contact_email -> "
        "analytics.customer_count] via=analytics.customers",
        "analytics.customers:6 columns=[contact_email] usages=[select] "
        "path=[public.users.email -> staging.users.email -> analytics.customers.contact_email]",
        "staging.users:5 columns=[email] usages=[select] "
        "path=[public.users.email -> staging.users.email]"}},
      {"retype column is traced like a drop", kChain,
       Change("retype_column", "public.users", "email"),
       {"analytics.customer_count:7 columns=[] usages=[] "
        "path=[public.users.email -> staging.users.email -> analytics.customers.contact_email -> "
        "analytics.customer_count] via=analytics.customers",
        "analytics.customers:6 columns=[contact_email] usages=[select] "
        "path=[public.users.email -> staging.users.email -> analytics.customers.contact_email]",
        "staging.users:5 columns=[email] usages=[select] "
        "path=[public.users.email -> staging.users.email]"}},
      {"a filter-only column breaks the view and its readers", kChain,
       Change("drop_column", "public.users", "deleted_at"),
       {"analytics.customer_count:7 columns=[] usages=[] "
        "path=[public.users.deleted_at -> staging.users -> analytics.customers -> "
        "analytics.customer_count] via=analytics.customers",
        // Broken through staging.users, without reading anything derived from the change.
        "analytics.customers:6 columns=[] usages=[] "
        "path=[public.users.deleted_at -> staging.users -> analytics.customers] via=staging.users",
        "staging.users:5 columns=[] usages=[filter] path=[public.users.deleted_at -> staging.users]"}},
      {"filter-only, reader through a computed column", kFilterOnly,
       Change("drop_column", "public.users", "deleted_at"),
       {"public.active:2 columns=[] usages=[filter] path=[public.users.deleted_at -> public.active]",
        "public.active_ids:3 columns=[] usages=[] "
        "path=[public.users.deleted_at -> public.active -> public.active_ids] via=public.active"}},
      {"nothing reads the column", kChain, Change("drop_column", "public.users", "name"), {}},
      {"same column name on another table", kFilterOnly,
       Change("rename_column", "public.users", "name"), {}},
      {"rename table", kTables, Change("rename_table", "public.users"),
       {"public.all_users:5 columns=[id,email] usages=[select] "
        "path=[public.users.email -> public.all_users.email]",
        "public.emails:4 columns=[email] usages=[select] path=[public.users.email -> public.emails.email]",
        "public.order_users:6 columns=[] usages=[join] path=[public.users -> public.order_users]",
        "public.user_count:3 columns=[] usages=[] path=[public.users -> public.user_count]"}},
      {"drop table nobody reads", kTables, Change("drop_table", "public.nosuch"), {}},
      {"drop a column of the joined table", kTables, Change("drop_column", "public.orders", "user_id"),
       {"public.order_users:6 columns=[] usages=[join] "
        "path=[public.orders.user_id -> public.order_users]"}},
  };
  for (const Row& row : rows) {
    SUBCASE(row.name) {
      auto fixture = LoadCatalog("views.sql", row.sql);
      REQUIRE(fixture->diagnostics.empty());
      lineage::LineageEngine engine(fixture->catalog);
      catalog::SchemaChange change{row.change, {}};
      std::vector<std::string> actual;
      for (const ir::Impact& impact : lineage::ImpactsOf(change, engine, fixture->catalog)) {
        actual.push_back(Format(impact));
      }
      CAPTURE(Join(actual, "\n"));
      CHECK(actual == row.expected);
    }
  }
}

// raw_app.users stands for the warehouse's copy of public.users (a dbt source's mirror view).
constexpr const char* kMirrored = R"sql(CREATE SCHEMA raw_app;
CREATE SCHEMA analytics;
CREATE TABLE users (id int, email text, created_at timestamptz);
CREATE VIEW raw_app.users AS SELECT * FROM public.users;
CREATE VIEW analytics.stg_users AS SELECT id, created_at FROM raw_app.users;
CREATE MATERIALIZED VIEW analytics.customer_value AS SELECT id FROM analytics.stg_users;
CREATE VIEW analytics.emails AS SELECT email FROM raw_app.users;
)sql";

TEST_CASE("ImpactsOf: a warehouse copy is in the path, never an impact; kinds and via") {
  auto fixture = LoadCatalog("views.sql", kMirrored);
  REQUIRE(fixture->diagnostics.empty());
  lineage::LineageEngine engine(fixture->catalog);
  catalog::SchemaChange change{Change("drop_column", "public.users", "created_at"), {}};
  std::vector<std::string> actual;
  for (const ir::Impact& impact : lineage::ImpactsOf(change, engine, fixture->catalog, {{"raw_app", "users"}})) {
    actual.push_back(std::string(ir::RelationKindName(impact.kind)) + " " + Format(impact));
  }
  CHECK(actual == std::vector<std::string>{
                      "materialized_view analytics.customer_value:6 columns=[] usages=[] "
                      "path=[public.users.created_at -> raw_app.users.created_at -> "
                      "analytics.stg_users.created_at -> analytics.customer_value] via=analytics.stg_users",
                      "view analytics.stg_users:5 columns=[created_at] usages=[select] "
                      "path=[public.users.created_at -> raw_app.users.created_at -> "
                      "analytics.stg_users.created_at]"});
  // Without the copies set the copy breaks like any view reading the column, and emails with it.
  CHECK(lineage::ImpactsOf(change, engine, fixture->catalog).size() == 4);
}

TEST_CASE("ImpactsOf on an overlay: views at head still read the dropped column") {
  auto base = LoadCatalog("schema.sql", kFilterOnly);
  auto head = LoadCatalog("schema.sql",
                          std::string(kFilterOnly) + "ALTER TABLE users DROP COLUMN email;\n");
  REQUIRE(base->diagnostics.empty());
  REQUIRE(head->diagnostics.empty());
  std::vector<catalog::SchemaChange> changes = catalog::Diff(base->catalog, head->catalog);
  REQUIRE(changes.size() == 1);
  CHECK(changes[0].change.kind == "drop_column");
  catalog::Catalog overlay = catalog::OverlayRemoved(head->catalog, base->catalog);
  lineage::LineageEngine engine(overlay);
  std::vector<std::string> actual;
  for (const ir::Impact& impact : lineage::ImpactsOf(changes[0], engine, overlay)) {
    actual.push_back(Format(impact));
  }
  CHECK(actual == std::vector<std::string>{
                      "public.unrelated:4 columns=[email] usages=[select] "
                      "path=[public.users.email -> public.unrelated.email]"});
  const lineage::ViewLineage* unrelated = engine.ForView({"public", "unrelated"});
  REQUIRE(unrelated != nullptr);
  CHECK(unrelated->diagnostics.empty());
}

}  // namespace
}  // namespace ds::test
