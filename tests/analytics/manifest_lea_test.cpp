// dbt's manifest.json (a small hand-written one in the v12 shape, with an older v4-style node),
// lea's folder layout, and warehouse naming.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <variant>

#include "parsers/analytics/analytics.h"
#include "parsers/analytics/warehouse.h"
#include "tests/analytics/files.h"

namespace ds::analytics {
namespace {

const std::filesystem::path kFixtures = std::filesystem::path(DOWNSTREAM_SOURCE_DIR) / "tests/fixtures/dbt";

using testing::Find;

std::string Join(const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& s : items) out += (out.empty() ? "" : " ") + s;
  return out;
}

TEST_CASE("manifest.json is read as the source of truth") {
  std::ifstream in(kFixtures / "manifest/target/manifest.json");
  std::stringstream text;
  text << in.rdbuf();
  AnalyticsProject p = ReadDbtManifest("analytics/target/manifest.json", text.str());
  CHECK(p.name == "shop");
  REQUIRE(p.models.size() == 3);  // tests and seeds are not models

  SUBCASE("compiled code, with the manifest's schema") {
    const Model* m = Find(p, "model.shop.stg_users");
    REQUIRE(m != nullptr);
    CHECK(m->relation.ToString() == "analytics_staging.stg_users");
    CHECK(m->file == "analytics/models/staging/stg_users.sql");
    CHECK(m->access == "protected");
    CHECK(m->version == "");
    CHECK(testing::Names(m->depends_on) == "raw_app.users");
    REQUIRE(m->parsed->ops.size() == 1);
    const auto& view = std::get<ir::CreateView>(m->parsed->ops[0].op);
    CHECK(view.view.ToString() == "analytics_staging.stg_users");
    CHECK(view.query->from[0].relation.ToString() == "raw_app.users");
  }

  SUBCASE("raw code rendered against the manifest's relations; versions, contract, columns") {
    const Model* m = Find(p, "model.shop.dim_customers.v2");
    REQUIRE(m != nullptr);
    CHECK(m->relation.ToString() == "analytics_marts.dim_customers_v2");
    CHECK(testing::Squeeze(m->sql) == "select user_id as customer_id, email as contact_email from analytics_staging.stg_users");
    CHECK(m->materialized == "table");
    CHECK(m->access == "public");
    CHECK(m->contract_enforced);
    CHECK(m->version == "2");
    CHECK(m->latest_version == "2");
    CHECK(m->deprecation_date == "2025-01-01T00:00:00");
    CHECK(m->group == "core");
    CHECK(m->tags == std::vector<std::string>{"daily"});
    REQUIRE(m->columns.size() == 2);
    CHECK(m->columns[0].name == "contact_email");  // the manifest's columns are a JSON object: key order
    CHECK(m->columns[0].data_type == "text");
    CHECK_FALSE(m->columns[0].not_null);
    CHECK(m->columns[1].not_null);  // constraints: [{type: not_null}]
    CHECK(Join(m->depends_on_ids) == "model.shop.stg_users");
    CHECK(m->parsed->ops.size() == 1);
  }

  SUBCASE("older manifests: compiled_sql, a seed dependency") {
    const Model* m = Find(p, "model.shop.legacy_orders");
    REQUIRE(m != nullptr);
    CHECK(m->materialized == "incremental");
    CHECK(m->sql == "select o.id, c.name from raw_app.orders o join analytics_seeds.countries c on true");
    CHECK(testing::Names(m->depends_on) == "analytics_seeds.countries raw_app.orders");
    CHECK(Join(m->depends_on_ids) == "seed.shop.countries source.shop.app.orders");
  }

  SUBCASE("sources and exposures") {
    REQUIRE(p.sources.size() == 2);
    CHECK(p.sources[1].unique_id == "source.shop.app.users");
    CHECK(p.sources[1].relation.ToString() == "raw_app.users");
    CHECK(p.sources[1].file == "analytics/models/staging/_sources.yml");
    REQUIRE(p.exposures.size() == 1);
    CHECK(p.exposures[0].owner_name == "Data Team");
    CHECK(testing::Names(p.exposures[0].depends_on) == "analytics_marts.dim_customers_v2");
    CHECK(p.exposures[0].file == "analytics/models/marts/_exposures.yml");
  }

  CHECK(AllDiagnostics(p).empty());
}

TEST_CASE("manifest snapshots are read like models, of kind snapshot; models are of kind model") {
  std::string manifest = R"({"metadata": {"project_name": "shop"}, "nodes": {
    "model.shop.stg": {"resource_type": "model", "name": "stg", "schema": "staging", "package_name": "shop",
                       "original_file_path": "models/stg.sql", "compiled_code": "select 1 as id"},
    "snapshot.shop.users_snap": {"resource_type": "snapshot", "name": "users_snap", "schema": "snapshots",
                                 "package_name": "shop", "original_file_path": "snapshots/users_snap.sql",
                                 "compiled_code": "select id from staging.stg"}}})";
  AnalyticsProject p = ReadDbtManifest("target/manifest.json", manifest);
  REQUIRE(p.models.size() == 2);
  const Model* snapshot = Find(p, "snapshot.shop.users_snap");
  REQUIRE(snapshot != nullptr);
  CHECK(snapshot->materialized == "snapshot");
  REQUIRE(snapshot->parsed->ops.size() == 1);
  CHECK(std::get<ir::CreateView>(snapshot->parsed->ops[0].op).kind == ir::RelationKind::kSnapshot);
  const Model* model = Find(p, "model.shop.stg");
  REQUIRE(model != nullptr);
  REQUIRE(model->parsed->ops.size() == 1);
  CHECK(std::get<ir::CreateView>(model->parsed->ops[0].op).kind == ir::RelationKind::kModel);
}

TEST_CASE("a manifest that is not JSON") {
  AnalyticsProject p = ReadDbtManifest("target/manifest.json", "{\"nodes\": ");
  CHECK(testing::Format(p.diagnostics) == "target/manifest.json:0:0 could not parse the dbt manifest as JSON\n");
}

TEST_CASE("lea: one table per file, the folder is the schema") {
  testing::Files files = testing::Files::FromDisk(kFixtures / "lea", "warehouse/");
  AnalyticsProject p = ReadLeaViews("warehouse/views", files.Paths(), files.Reader());
  struct Expect {
    const char* id;
    const char* relation;
    const char* depends_on;
  };
  const Expect kTables[] = {
      {"analytics.finance__kpis", "analytics.finance__kpis", "core.customers"},
      {"core.customers", "core.customers", "staging.customers staging.orders"},
      {"staging.customers", "staging.customers", "raw_app.users"},
      {"staging.orders", "staging.orders", "env_raw_schema.orders"},
  };
  REQUIRE(p.models.size() == std::size(kTables));
  for (size_t i = 0; i < std::size(kTables); ++i) {
    SUBCASE(kTables[i].id) {
      const Model& m = p.models[i];
      CHECK(m.unique_id == kTables[i].id);
      CHECK(m.relation.ToString() == kTables[i].relation);
      CHECK(testing::Names(m.depends_on) == kTables[i].depends_on);
      REQUIRE(m.parsed->ops.size() == 1);
      CHECK(std::get<ir::CreateView>(m.parsed->ops[0].op).view.ToString() == kTables[i].relation);
      CHECK(std::get<ir::CreateView>(m.parsed->ops[0].op).kind == ir::RelationKind::kView);  // lea's word
    }
  }
  CHECK(testing::Format(AllDiagnostics(p)) ==
        "warehouse/views/staging/orders.sql.jinja:4:6 'env.RAW_SCHEMA' is not known statically: replaced by a placeholder\n"
        "warehouse/views/staging/payments.py:0:0 lea Python scripts are not run: the columns of its table are unknown\n");
}

TEST_CASE("warehouse naming: mirrors and ELT table patterns") {
  std::vector<Mirror> mirrors = {{"raw_app", "public", "{table}"},
                                 {"fivetran_app", "public", "app_{table}"},
                                 {"stitch", "billing", "{table}_raw"}};
  struct Row {
    const char* name;
    ir::QualifiedName warehouse;
    const char* production;  // "" when none
  };
  const Row kRows[] = {
      {"same name", {"raw_app", "users"}, "public.users"},
      {"prefix", {"fivetran_app", "app_users"}, "public.users"},
      {"prefix missing", {"fivetran_app", "users"}, ""},
      {"suffix", {"stitch", "invoices_raw"}, "billing.invoices"},
      {"only the affixes", {"stitch", "_raw"}, ""},
      {"an upper-case copy (Snowflake)", {"RAW_APP", "USERS"}, "public.users"},
      {"an upper-case copy with a prefix", {"FIVETRAN_APP", "APP_USERS"}, "public.users"},
      {"schema not mirrored", {"analytics", "users"}, ""},
  };
  for (const Row& row : kRows) {
    SUBCASE(row.name) {
      std::optional<ir::QualifiedName> production = ToProduction(row.warehouse, mirrors);
      CHECK((production ? production->ToString() : "") == row.production);
    }
  }
  CHECK(testing::Names(ToWarehouse({"public", "users"}, mirrors)) == "raw_app.users fivetran_app.app_users");
  CHECK(ToWarehouse({"billing", "x"}, mirrors)[0].ToString() == "stitch.x_raw");
}

}  // namespace
}  // namespace ds::analytics
