// dbt's manifest.json in the shapes real dbt writes them (measured by scripts/measure-manifests.sh
// on public projects; these fixtures are hand-written): a manifest written on Windows, an older
// one whose metadata names no project, incremental models compiled as incremental runs, a source
// named like a model of another database, Python models, seeds, the project's macros, a manifest
// kept for --state.
#include <doctest/doctest.h>

#include <map>
#include <string>
#include <variant>

#include "parsers/analytics/analytics.h"
#include "parsers/dialect/dialect.h"
#include "tests/analytics/files.h"

namespace ds::analytics {
namespace {

using testing::Find;

std::string Columns(const Seed& seed) {
  std::string out;
  for (const ColumnContract& c : seed.columns) out += (out.empty() ? "" : " ") + c.name + ":" + c.data_type;
  return out;
}

TEST_CASE("manifest: a manifest written on Windows names files with '/'") {
  std::string manifest = R"J({"metadata": {"project_name": "shop"}, "nodes": {
    "model.shop.stg": {"resource_type": "model", "name": "stg", "schema": "staging", "package_name": "shop",
                       "original_file_path": "models\\staging\\stg.sql", "compiled_code": "select 1 as id"}},
    "sources": {"source.shop.app.users": {"resource_type": "source", "source_name": "app", "name": "users",
                       "schema": "raw_app", "original_file_path": "models\\sources.yml"}}})J";
  AnalyticsProject p = ReadDbtManifest("analytics/target/manifest.json", manifest);
  REQUIRE(p.models.size() == 1);
  CHECK(p.models[0].file == "analytics/models/staging/stg.sql");
  REQUIRE(p.sources.size() == 1);
  CHECK(p.sources[0].file == "analytics/models/sources.yml");
}

TEST_CASE("manifest: the project's name when the metadata has none (manifests before v10)") {
  // v8 (dbt 1.4): compiled_sql / raw_sql, no metadata.project_name; a package's model is the
  // minority. The root project's refs resolve as its own.
  std::string manifest = R"J({"metadata": {"dbt_schema_version": "https://schemas.getdbt.com/dbt/manifest/v8.json"},
    "nodes": {
    "model.shop.a": {"resource_type": "model", "name": "a", "schema": "s", "package_name": "shop",
                     "original_file_path": "models/a.sql", "compiled_sql": "select 1 as id"},
    "model.shop.b": {"resource_type": "model", "name": "b", "schema": "s", "package_name": "shop",
                     "original_file_path": "models/b.sql", "raw_sql": "select id from {{ ref('shop', 'a') }}"},
    "model.util.c": {"resource_type": "model", "name": "c", "schema": "u", "package_name": "util",
                     "original_file_path": "models/c.sql", "compiled_sql": "select 2 as id"}}})J";
  AnalyticsProject p = ReadDbtManifest("target/manifest.json", manifest);
  CHECK(p.name == "shop");
  const Model* b = Find(p, "model.shop.b");
  REQUIRE(b != nullptr);
  CHECK(testing::Squeeze(b->sql) == "select id from s.a");

  SUBCASE("near miss: the metadata's name wins") {
    std::string named = manifest;
    named.replace(named.find("\"metadata\": {") + 13, 0, "\"project_name\": \"util\", ");
    CHECK(ReadDbtManifest("target/manifest.json", named).name == "util");
  }
}

TEST_CASE("manifest: an incremental model compiled as an incremental run is its first build") {
  // dbt compiles is_incremental() true when the table exists: the SQL reads the model itself.
  std::string manifest = R"J({"metadata": {"project_name": "shop"}, "nodes": {
    "model.shop.events": {"resource_type": "model", "name": "events", "schema": "stg", "package_name": "shop",
      "original_file_path": "models/events.sql", "config": {"materialized": "incremental"},
      "relation_name": "analytics.stg.events",
      "raw_code": "select id, loaded_at from raw.events\n{% if is_incremental() %}where loaded_at > (select max(loaded_at) from {{ this }}){% endif %}",
      "compiled_code": "select id, loaded_at from raw.events\nwhere loaded_at > (select max(loaded_at) from analytics.stg.events)"},
    "model.shop.views": {"resource_type": "model", "name": "views", "schema": "stg", "package_name": "shop",
      "original_file_path": "models/views.sql", "config": {"materialized": "incremental"},
      "relation_name": "analytics.stg.views",
      "raw_code": "select id from {{ ref('events') }}{% if is_incremental() %} where 1 = 1{% endif %}",
      "compiled_code": "select id from analytics.stg.events where 1 = 1"},
    "model.shop.table_reading_itself_by_name": {"resource_type": "model", "name": "table_reading_itself_by_name",
      "schema": "stg", "package_name": "shop", "original_file_path": "models/t.sql", "config": {"materialized": "table"},
      "relation_name": "analytics.stg.table_reading_itself_by_name",
      "raw_code": "select 1 as id", "compiled_code": "select 2 as id from analytics.stg.table_reading_itself_by_name_old"}}})J";
  AnalyticsProject p = ReadDbtManifest("target/manifest.json", manifest);
  const Model* events = Find(p, "model.shop.events");
  REQUIRE(events != nullptr);
  CHECK(testing::Squeeze(events->sql) == "select id, loaded_at from raw.events\n");
  CHECK(testing::Format(events->parsed->diagnostics).empty());

  SUBCASE("near miss: an incremental model whose compiled SQL does not read itself keeps it") {
    const Model* views = Find(p, "model.shop.views");
    REQUIRE(views != nullptr);
    CHECK(views->sql == "select id from analytics.stg.events where 1 = 1");
  }
  SUBCASE("near miss: a longer name that begins with the model's is not the model") {
    const Model* t = Find(p, "model.shop.table_reading_itself_by_name");
    REQUIRE(t != nullptr);
    CHECK(t->sql == "select 2 as id from analytics.stg.table_reading_itself_by_name_old");
  }
}

TEST_CASE("manifest: a source named like a model of another database stays a distinct relation") {
  // dbt: the source raw.accounts_db.accounts feeds the model analytics.accounts_db.accounts.
  std::string manifest = R"J({"metadata": {"project_name": "shop"}, "nodes": {
    "model.shop.accounts": {"resource_type": "model", "name": "stg_accounts", "alias": "accounts",
      "database": "analytics", "schema": "accounts_db", "package_name": "shop",
      "original_file_path": "models/stg_accounts.sql", "relation_name": "analytics.accounts_db.accounts",
      "depends_on": {"nodes": ["source.shop.accounts_db.accounts"]},
      "compiled_code": "select id from raw.accounts_db.accounts"},
    "model.shop.users": {"resource_type": "model", "name": "users", "database": "analytics", "schema": "app",
      "package_name": "shop", "original_file_path": "models/users.sql", "relation_name": "analytics.app.users",
      "depends_on": {"nodes": ["source.shop.app.users"]},
      "compiled_code": "select id from analytics.app_raw.users"}},
    "sources": {
    "source.shop.accounts_db.accounts": {"source_name": "accounts_db", "name": "accounts", "database": "raw",
      "schema": "accounts_db", "relation_name": "raw.accounts_db.accounts", "original_file_path": "models/s.yml"},
    "source.shop.app.users": {"source_name": "app", "name": "users", "database": "analytics",
      "schema": "app_raw", "relation_name": "analytics.app_raw.users", "original_file_path": "models/s.yml"}}})J";
  DbtOptions options;
  options.dialect = dialect::DialectByName("snowflake");
  AnalyticsProject p = ReadDbtManifest("target/manifest.json", manifest, options);
  const Model* m = Find(p, "model.shop.accounts");
  REQUIRE(m != nullptr);
  CHECK(m->sql == "select id from \"raw.accounts_db\".accounts");
  CHECK(testing::Names(m->depends_on) == "raw.accounts_db.accounts");
  const ir::CreateView* view = testing::View(*m);
  REQUIRE(view != nullptr);
  CHECK(view->query->from[0].relation.schema == "raw.accounts_db");
  CHECK(view->query->from[0].relation.name == "accounts");

  SUBCASE("near miss: a source of no model's name is left as dbt wrote it") {
    const Model* users = Find(p, "model.shop.users");
    REQUIRE(users != nullptr);
    CHECK(users->sql == "select id from analytics.app_raw.users");
    CHECK(testing::Names(users->depends_on) == "app_raw.users");
  }
}

TEST_CASE("manifest: a Python model is read partly, by its dependencies") {
  std::string manifest = R"J({"metadata": {"project_name": "shop"}, "nodes": {
    "model.shop.stg": {"resource_type": "model", "name": "stg", "schema": "s", "package_name": "shop",
                       "language": "sql", "original_file_path": "models/stg.sql", "compiled_code": "select 1 as id"},
    "model.shop.scored": {"resource_type": "model", "name": "scored", "schema": "s", "package_name": "shop",
                          "language": "python", "original_file_path": "models/scored.py",
                          "depends_on": {"nodes": ["model.shop.stg"]},
                          "compiled_code": "def model(dbt, session):\n    return dbt.ref('stg')\n"}}})J";
  AnalyticsProject p = ReadDbtManifest("target/manifest.json", manifest);
  const Model* py = Find(p, "model.shop.scored");
  REQUIRE(py != nullptr);
  CHECK(py->sql.empty());
  CHECK(testing::Names(py->depends_on) == "s.stg");
  CHECK(testing::Format(py->parsed->diagnostics) == "models/scored.py:1:1 a Python model: its columns are not read\n");
  REQUIRE(py->parsed->diagnostics.size() == 1);
  CHECK(py->parsed->diagnostics[0].code == ir::DiagCode::kNotAQuery);

  SUBCASE("near miss: a SQL model is parsed") {
    const Model* stg = Find(p, "model.shop.stg");
    REQUIRE(stg != nullptr);
    CHECK(testing::Format(stg->parsed->diagnostics).empty());
  }
}

TEST_CASE("manifest: seeds are tables with their CSV's columns, and ref() names them") {
  std::string manifest = R"J({"metadata": {"project_name": "shop"}, "nodes": {
    "seed.shop.country": {"resource_type": "seed", "name": "country", "schema": "silver", "database": "db",
                          "package_name": "shop", "original_file_path": "seeds\\country.csv",
                          "config": {"column_types": {"code": "varchar(2)"}}},
    "model.shop.stg_country": {"resource_type": "model", "name": "stg_country", "schema": "silver",
                               "package_name": "shop", "original_file_path": "models/stg_country.sql",
                               "raw_code": "select code, region from {{ ref('country') }}"}}})J";
  std::map<std::string, std::string> files = {{"analytics/seeds/country.csv", "code,region,population\nFR,Europe,68\n"}};
  FileReader read = [&files](const std::string& path) -> std::optional<std::string> {
    auto it = files.find(path);
    return it == files.end() ? std::nullopt : std::optional<std::string>(it->second);
  };
  AnalyticsProject p = ReadDbtManifest("analytics/target/manifest.json", manifest, {}, read);
  const Model* m = Find(p, "model.shop.stg_country");
  REQUIRE(m != nullptr);
  CHECK(testing::Squeeze(m->sql) == "select code, region from silver.country");
  REQUIRE(p.seeds.size() == 1);
  CHECK(p.seeds[0].relation.ToString() == "silver.country");
  CHECK(p.seeds[0].file == "analytics/seeds/country.csv");
  CHECK(Columns(p.seeds[0]) == "code:varchar(2) region:text population:integer");
  REQUIRE(p.seeds[0].parsed != nullptr);
  CHECK(std::holds_alternative<ir::CreateTable>(p.seeds[0].parsed->ops.at(0).op));

  SUBCASE("near miss: without the CSV there is no table, but ref() still names the seed") {
    AnalyticsProject bare = ReadDbtManifest("analytics/target/manifest.json", manifest);
    CHECK(bare.seeds.empty());
    const Model* b = Find(bare, "model.shop.stg_country");
    REQUIRE(b != nullptr);
    CHECK(testing::Squeeze(b->sql) == "select code, region from silver.country");
  }
}

TEST_CASE("manifest: raw code runs the project's macros the manifest lists") {
  std::string manifest = R"J({"metadata": {"project_name": "shop", "adapter_type": "postgres"}, "nodes": {
    "model.shop.payments": {"resource_type": "model", "name": "payments", "schema": "s", "package_name": "shop",
      "original_file_path": "models/payments.sql",
      "raw_code": "select {{ cents_to_dollars('amount') }} as dollars, {{ current_timestamp() }} as at from raw.payments"}},
    "macros": {
    "macro.shop.cents_to_dollars": {"name": "cents_to_dollars", "package_name": "shop",
      "original_file_path": "macros/money.sql",
      "macro_sql": "{% macro cents_to_dollars(column) %}({{ column }} / 100)::numeric(16, 2){% endmacro %}"},
    "macro.dbt.current_timestamp": {"name": "current_timestamp", "package_name": "dbt",
      "original_file_path": "macros/adapters/timestamps.sql",
      "macro_sql": "{% macro current_timestamp() %}clock_of_the_manifest(){% endmacro %}"}}})J";
  AnalyticsProject p = ReadDbtManifest("target/manifest.json", manifest);
  const Model* m = Find(p, "model.shop.payments");
  REQUIRE(m != nullptr);
  // dbt's own macros stay our built-ins (now()).
  CHECK(testing::Squeeze(m->sql) == "select (amount / 100)::numeric(16, 2) as dollars, now() as at from raw.payments");

  SUBCASE("near miss: a macro the manifest does not list is not run") {
    std::string unlisted = manifest;
    unlisted.replace(unlisted.find("macro.shop.cents_to_dollars"), 27, "macro.shop.other_macro_name");
    unlisted.replace(unlisted.find("\"cents_to_dollars\", \"package_name\""), 18, "\"other_macro_name\"");
    unlisted.replace(unlisted.find("macro cents_to_dollars"), 22, "macro other_macro_name");
    AnalyticsProject q = ReadDbtManifest("target/manifest.json", unlisted);
    const Model* u = Find(q, "model.shop.payments");
    REQUIRE(u != nullptr);
    CHECK(testing::Squeeze(u->sql).find("(amount / 100)") == std::string::npos);
  }
}

TEST_CASE("manifest: one kept for --state names files from the project's folder") {
  std::string manifest = R"J({"metadata": {"project_name": "shop"}, "nodes": {
    "model.shop.stg": {"resource_type": "model", "name": "stg", "schema": "s", "package_name": "shop",
                       "original_file_path": "models/stg.sql", "compiled_code": "select 1 as id"}}})J";
  CHECK(ReadDbtManifest("dbt/state/manifest.json", manifest).models.at(0).file == "dbt/models/stg.sql");
  CHECK(ReadDbtManifest("state/manifest.json", manifest).models.at(0).file == "models/stg.sql");
  // Near miss: a folder of another name is the project's own.
  CHECK(ReadDbtManifest("dbt/manifest.json", manifest).models.at(0).file == "dbt/models/stg.sql");
  CHECK(ReadDbtManifest("dbt/mystate/manifest.json", manifest).models.at(0).file == "dbt/mystate/models/stg.sql");
}

}  // namespace
}  // namespace ds::analytics
