// Every dbt node kind and dbt's relation names, one small project each under tests/fixtures/dbt:
// seeds (CSV header -> typed columns), snapshots (dbt's four columns), generate_schema_name /
// generate_alias_name (dbt's defaults and a project's overrides), target.*, ephemeral models, and
// a source and a model with the same schema.table in two databases.
#include <doctest/doctest.h>

#include <filesystem>
#include <variant>

#include "parsers/analytics/analytics.h"
#include "tests/analytics/files.h"

namespace ds::analytics {
namespace {

const std::filesystem::path kFixtures = std::filesystem::path(DOWNSTREAM_SOURCE_DIR) / "tests/fixtures/dbt";

AnalyticsProject ReadFixture(const std::string& name, const DbtOptions& options = {}) {
  testing::Files files = testing::Files::FromDisk(kFixtures / name, "");
  return ReadDbtProject("dbt_project.yml", files.Paths(), files.Reader(), options);
}

using testing::Find;
using testing::View;

std::string Columns(const std::vector<ColumnContract>& columns) {
  std::string out;
  for (const ColumnContract& c : columns) out += (out.empty() ? "" : ", ") + c.name + " " + c.data_type;
  return out;
}

std::string Relations(const AnalyticsProject& p) {
  std::string out;
  for (const Model& m : p.models) out += m.unique_id + " " + m.relation.ToString() + "\n";
  return out;
}

TEST_CASE("seeds are tables whose columns are the CSV header's, typed as dbt types them") {
  AnalyticsProject p = ReadFixture("seeds");
  CHECK(testing::Format(AllDiagnostics(p)) == "");
  // legacy/old_regions is disabled (+enabled: false): dbt leaves it out.
  REQUIRE(p.seeds.size() == 2);
  const Seed& countries = p.seeds[0];
  CHECK(countries.unique_id == "seed.seeds_demo.country_codes");
  CHECK(countries.relation.ToString() == "analytics_reference.country_codes");
  CHECK(countries.file == "seeds/country_codes.csv");
  // +column_types in dbt_project.yml for `code`; the others inferred from the values.
  CHECK(Columns(countries.columns) == "code varchar(2), name text, eu_member boolean, joined_on date");
  const Seed& rates = p.seeds[1];
  CHECK(rates.relation.ToString() == "analytics_reference.currency_rates");
  // column_types in the seed's properties (seeds/properties.yml).
  CHECK(Columns(rates.columns) == "currency text, rate numeric(12,6), as_of timestamp");

  REQUIRE(countries.parsed);
  REQUIRE(countries.parsed->ops.size() == 1);
  const auto* table = std::get_if<ir::CreateTable>(&countries.parsed->ops[0].op);
  REQUIRE(table != nullptr);
  CHECK(table->table.ToString() == "analytics_reference.country_codes");
  REQUIRE(table->elements.size() == 4);
  CHECK(table->elements[0].column.name == "code");
  CHECK(table->elements[0].column.type == "varchar(2)");
  CHECK(countries.parsed->ops[0].span == ir::SourceSpan{"seeds/country_codes.csv", 1, 1});

  const Model* customers = Find(p, "model.seeds_demo.customers");
  REQUIRE(customers != nullptr);
  CHECK(testing::Names(customers->depends_on) == "analytics_reference.country_codes raw_app.users");
  CHECK(customers->depends_on_ids == std::vector<std::string>{"seed.seeds_demo.country_codes", "source.seeds_demo.app.users"});
  CHECK(testing::Squeeze(customers->sql).find("left join analytics_reference.country_codes c") != std::string::npos);
  // The analysis (analyses/) is no model.
  CHECK(p.models.size() == 2);
}

TEST_CASE("seed headers: quotes, a byte-order mark, empty and repeated names, mixed values") {
  struct Row {
    const char* name;
    const char* csv;
    const char* columns;
    const char* diagnostics;
  };
  const Row kRows[] = {
      {"quoted names and values", "\"id\",\"full name\"\n1,\"Doe, Jane\"\n", "id integer, full name text", ""},
      {"a byte-order mark", "\xEF\xBB\xBFid,ok\n1,true\n", "id integer, ok boolean", ""},
      {"integers and decimals widen to float8", "x\n1\n2.5\n", "x float8", ""},
      {"signs and exponents", "a,b,c\n-1,1e3,1e+\n+2,-2.5E-2,3\n", "a integer, b float8, c text", ""},
      {"dates and timestamps widen to timestamp", "d\n2024-01-01\n2024-01-02 10:00:00\n", "d timestamp", ""},
      {"anything else is text", "v\n1\nabc\n", "v text", ""},
      {"null and empty values say nothing", "v\nnull\n\n3\n", "v integer", ""},
      {"no rows", "a,b\n", "a integer, b integer", ""},
      {"an empty file", "", "", "seeds/s.csv:1:1 the seed has no header row: its table has no columns\n"},
      {"an unnamed column", "a,,b\n1,2,3\n", "a integer, b integer",
       "seeds/s.csv:1:1 column 2 of the seed's header has no name: it is left out\n"},
      {"a repeated column", "a,A\n1,2\n", "a integer",
       "seeds/s.csv:1:1 the seed's header names 'A' twice: the second is left out\n"},
  };
  for (const Row& row : kRows) {
    SUBCASE(row.name) {
      testing::Files files;
      files.texts["dbt_project.yml"] = "name: p\n";
      files.texts["seeds/s.csv"] = row.csv;
      AnalyticsProject p = ReadDbtProject("dbt_project.yml", files.Paths(), files.Reader());
      REQUIRE(p.seeds.size() == 1);
      CHECK(Columns(p.seeds[0].columns) == row.columns);
      CHECK(testing::Format(AllDiagnostics(p)) == row.diagnostics);
    }
  }
}

TEST_CASE("near miss: a ref() to a disabled seed names nothing of the project") {
  testing::Files files = testing::Files::FromDisk(kFixtures / "seeds", "");
  files.texts["models/regions.sql"] = "select region from {{ ref('old_regions') }}";
  AnalyticsProject p = ReadDbtProject("dbt_project.yml", files.Paths(), files.Reader());
  CHECK(testing::Format(AllDiagnostics(p)) ==
        "models/regions.sql:1:23 ref('old_regions') names no model of the project: read as analytics.old_regions\n");
}

TEST_CASE("snapshots are their query plus dbt's snapshot columns") {
  AnalyticsProject p = ReadFixture("snapshots");
  CHECK(testing::Format(AllDiagnostics(p)) == "");
  CHECK(Relations(p) ==
        "model.snapshots_demo.order_history analytics.order_history\n"
        "model.snapshots_demo.user_emails analytics.user_emails\n"
        // target_schema (dbt_project.yml) is used as written ...
        "snapshot.snapshots_demo.orders_changes snapshots.orders_changes\n"
        "snapshot.snapshots_demo.orders_snapshot snapshots.orders_snapshot\n"
        // ... a schema (dbt 1.9) goes through generate_schema_name.
        "snapshot.snapshots_demo.users_snapshot analytics_history.users_snapshot\n");
  const Model* orders = Find(p, "snapshot.snapshots_demo.orders_snapshot");
  REQUIRE(orders != nullptr);
  CHECK(orders->materialized == "snapshot");
  CHECK(orders->file == "snapshots/orders_snapshot.sql");
  CHECK(orders->depends_on_ids == std::vector<std::string>{"source.snapshots_demo.app.orders"});
  const ir::CreateView* view = View(*orders);
  REQUIRE(view != nullptr);
  CHECK(view->kind == ir::RelationKind::kSnapshot);
  // The view starts where the block does; its query keeps its lines.
  CHECK(orders->parsed->ops[0].span == ir::SourceSpan{"snapshots/orders_snapshot.sql", 1, 1});
  CHECK(testing::Squeeze(orders->sql).find("\nselect id, status, amount_cents, updated_at\nfrom raw_app.orders\n") !=
        std::string::npos);
  CHECK(orders->sql.find("cast(null as timestamp) as dbt_valid_to") != std::string::npos);

  const Model* users = Find(p, "snapshot.snapshots_demo.users_snapshot");
  REQUIRE(users != nullptr);
  // snapshot_meta_column_names renames; hard_deletes: new_record adds dbt_is_deleted.
  CHECK(users->sql.find("as dbt_scd_id, cast(null as timestamp) as dbt_updated_at, cast(null as timestamp) as "
                        "valid_from, cast(null as timestamp) as valid_to, cast(null as text) as dbt_is_deleted") !=
        std::string::npos);

  // Defined in YAML (dbt 1.9): the whole relation, spanned at its `relation:`.
  const Model* changes = Find(p, "snapshot.snapshots_demo.orders_changes");
  REQUIRE(changes != nullptr);
  CHECK(changes->file == "snapshots/snapshots.yml");
  CHECK(changes->depends_on_ids == std::vector<std::string>{"source.snapshots_demo.app.orders"});
  REQUIRE(View(*changes) != nullptr);
  CHECK(changes->parsed->ops[0].span == ir::SourceSpan{"snapshots/snapshots.yml", 6, 1});
  CHECK(testing::Squeeze(changes->sql).starts_with("\n\n\n\n\nselect * from (select * from raw_app.orders\n)"));

  const Model* history = Find(p, "model.snapshots_demo.order_history");
  REQUIRE(history != nullptr);
  CHECK(history->depends_on_ids == std::vector<std::string>{"snapshot.snapshots_demo.orders_snapshot"});
}

TEST_CASE("snapshot blocks: several in a file, a broken one said") {
  testing::Files files;
  files.texts["dbt_project.yml"] = "name: p\n";
  files.texts["snapshots/s.sql"] =
      "{% snapshot a %}{{ config(target_schema='s') }}select 1 as x{% endsnapshot %}\n"
      "{%- snapshot b -%}\nselect 2 as y;\n{%- endsnapshot -%}\n"
      "{% snapshot c %}\nselect 3\n"
      "{% snapshot d %}select 4{% endsnapshot %}\n";
  AnalyticsProject p = ReadDbtProject("dbt_project.yml", files.Paths(), files.Reader());
  CHECK(Relations(p) == "snapshot.p.a s.a\nsnapshot.p.b analytics.b\n");
  CHECK(testing::Format(AllDiagnostics(p)) ==
        "snapshots/s.sql:5:0 'snapshot' without 'endsnapshot': the rest of the file is not read\n");
  const Model* b = Find(p, "snapshot.p.b");
  REQUIRE(b != nullptr);
  REQUIRE(View(*b) != nullptr);
  CHECK(b->parsed->ops[0].span.line == 2);  // the head is written over the tag on line 2
}

TEST_CASE("many snapshot blocks in one file: read within a bound, the rest said") {
  testing::Files files;
  files.texts["dbt_project.yml"] = "name: p\n";
  std::string text;
  for (int i = 0; i < 1500; ++i) {
    text += "{% snapshot s" + std::to_string(i) + " %}select " + std::to_string(i) + " as x{% endsnapshot %}\n";
  }
  files.texts["snapshots/many.sql"] = text;
  AnalyticsProject p = ReadDbtProject("dbt_project.yml", files.Paths(), files.Reader());
  CHECK(p.models.size() > 500);
  CHECK(p.models.size() < 1500);
  std::string diagnostics = testing::Format(AllDiagnostics(p));
  CHECK(diagnostics.find("the snapshot blocks of the file hold more than 16 MB of text before their ends: the rest of "
                         "the file is not read") != std::string::npos);
}

TEST_CASE("dbt's default naming: <target.schema>_<custom schema>, the alias as the name") {
  AnalyticsProject p = ReadFixture("naming_default");
  CHECK(testing::Format(AllDiagnostics(p)) == "");
  // `+schema: "{{ var('mart_schema') }}"` is rendered.
  CHECK(Relations(p) ==
        "model.naming_default.customers analytics_marts.dim_customers\n"
        "model.naming_default.plain analytics.plain\n"
        "model.naming_default.stg_users analytics_staging.stg_users\n");
  const Model* plain = Find(p, "model.naming_default.plain");
  REQUIRE(plain != nullptr);
  CHECK(plain->sql == "select id from analytics_marts.dim_customers\n");

  SUBCASE("the target schema is the configured one") {
    DbtOptions options;
    options.default_schema = "dbt_alice";
    AnalyticsProject dev = ReadFixture("naming_default", options);
    CHECK(Relations(dev) ==
          "model.naming_default.customers dbt_alice_marts.dim_customers\n"
          "model.naming_default.plain dbt_alice.plain\n"
          "model.naming_default.stg_users dbt_alice_staging.stg_users\n");
  }
}

TEST_CASE("a project's generate_schema_name and generate_alias_name run as dbt runs them") {
  struct Row {
    const char* target;
    const char* relations;
    const char* diagnostics;
  };
  const Row kRows[] = {
      {"prod", "model.naming_override.customers analytics.customers\nmodel.naming_override.stg_users staging.users\n", ""},
      {"dev", "model.naming_override.customers analytics.customers\nmodel.naming_override.stg_users analytics_staging.users\n",
       ""},
      // target.name unknown: the condition's first branch (prod), said once.
      {"", "model.naming_override.customers analytics.customers\nmodel.naming_override.stg_users staging.users\n",
       "macros/generate_schema_name.sql:1:0 in macro 'generate_schema_name' (macros/generate_schema_name.sql:1): "
       "condition over 'target.name' is not known statically: rendered as if true, the other branches only for their "
       "references\n"},
  };
  for (const Row& row : kRows) {
    SUBCASE((std::string("target ") + row.target).c_str()) {
      DbtOptions options;
      options.target_name = row.target;
      AnalyticsProject p = ReadFixture("naming_override", options);
      CHECK(Relations(p) == row.relations);
      CHECK(testing::Format(AllDiagnostics(p)) == row.diagnostics);
    }
  }
}

TEST_CASE("overrides that call dbt's own naming macros") {
  struct Row {
    const char* name;
    const char* macro;
    const char* relation;
  };
  const Row kRows[] = {
      {"default__generate_schema_name",
       "{% macro generate_schema_name(s, node) %}{{ default__generate_schema_name(s, node) | upper }}{% endmacro %}",
       "ANALYTICS_STAGING.m"},
      {"generate_schema_name_for_env (prod)",
       "{% macro generate_schema_name(s, node) %}{{ generate_schema_name_for_env(s, node) }}{% endmacro %}",
       "staging.m"},
      {"a dispatched default__ override",
       "{% macro default__generate_schema_name(s, node) %}x_{{ s }}{% endmacro %}", "x_staging.m"},
      {"an alias from the node's folder",
       "{% macro generate_alias_name(a, node) %}{{ node.fqn[1] }}__{{ node.name }}{% endmacro %}",
       "analytics_staging.staging__m"},
      {"a database override",
       "{% macro generate_database_name(d, node) %}{{ return('warehouse') }}{% endmacro %}", "analytics_staging.m"},
  };
  for (const Row& row : kRows) {
    SUBCASE(row.name) {
      testing::Files files;
      files.texts["dbt_project.yml"] = "name: p\nmodels:\n  p:\n    staging:\n      +schema: staging\n";
      files.texts["macros/naming.sql"] = row.macro;
      files.texts["models/staging/m.sql"] = "select 1 as x";
      DbtOptions options;
      options.target_name = "prod";
      AnalyticsProject p = ReadDbtProject("dbt_project.yml", files.Paths(), files.Reader(), options);
      REQUIRE(p.models.size() == 1);
      CHECK(p.models[0].relation.ToString() == row.relation);
      CHECK(testing::Format(AllDiagnostics(p)) == "");
    }
  }
}

TEST_CASE("a naming macro whose answer is not known statically falls back to dbt's default, said once") {
  testing::Files files;
  files.texts["dbt_project.yml"] = "name: p\nmodels:\n  p:\n    +schema: s\n";
  files.texts["macros/naming.sql"] =
      "{% macro generate_schema_name(s, node) %}{{ env_var('SCHEMA') }}{% endmacro %}";
  files.texts["models/a.sql"] = "select 1 as x";
  files.texts["models/b.sql"] = "select 2 as y";
  AnalyticsProject p = ReadDbtProject("dbt_project.yml", files.Paths(), files.Reader());
  CHECK(Relations(p) == "model.p.a analytics_s.a\nmodel.p.b analytics_s.b\n");
  CHECK(testing::Format(AllDiagnostics(p)) ==
        "macros/naming.sql:1:0 in macro 'generate_schema_name' (macros/naming.sql:1): 'env_var('SCHEMA')' is not known "
        "statically: replaced by a placeholder\n"
        "macros/naming.sql:1:0 macro 'generate_schema_name' gives no schema known statically (first for model.p.a): "
        "dbt's default naming is used ('analytics_s' there)\n");
}

TEST_CASE("a custom schema not known statically is said once, at the first node it names") {
  testing::Files files;
  files.texts["dbt_project.yml"] = "name: p\nmodels:\n  p:\n    +schema: \"{{ env_var('DBT_SCHEMA') }}\"\n";
  files.texts["models/a.sql"] = "select 1 as x";
  files.texts["models/b.sql"] = "select 2 as y";
  AnalyticsProject p = ReadDbtProject("dbt_project.yml", files.Paths(), files.Reader());
  CHECK(Relations(p) == "model.p.a analytics.a\nmodel.p.b analytics.b\n");
  CHECK(testing::Format(AllDiagnostics(p)) ==
        "dbt_project.yml:0:0 config 'schema': 'env_var('DBT_SCHEMA')' is not known statically: replaced by a placeholder\n"
        "models/a.sql:1:0 the schema of model.p.a ('{{ env_var('DBT_SCHEMA') }}') is not known statically: it is named "
        "without it, as are the other nodes so configured\n");

  SUBCASE("near miss: env_var() with a default is known") {
    files.texts["dbt_project.yml"] = "name: p\nmodels:\n  p:\n    +schema: \"{{ env_var('DBT_SCHEMA', 'core') }}\"\n";
    AnalyticsProject known = ReadDbtProject("dbt_project.yml", files.Paths(), files.Reader());
    CHECK(Relations(known) == "model.p.a analytics_core.a\nmodel.p.b analytics_core.b\n");
    CHECK(testing::Format(AllDiagnostics(known)) == "");
  }
}

TEST_CASE("target.schema, target.name and target.database render from the configured target") {
  DbtOptions options;
  options.default_schema = "dw";
  options.target_name = "prod";
  options.default_database = "analytics";
  AnalyticsProject p = ReadFixture("target", options);
  CHECK(testing::Format(AllDiagnostics(p)) == "");
  REQUIRE(p.sources.size() == 1);
  CHECK(p.sources[0].relation.ToString() == "dw_landing.events");
  const Model* events = Find(p, "model.target_demo.events");
  REQUIRE(events != nullptr);
  CHECK(testing::Squeeze(events->sql).find("'dw' as loaded_into\nfrom dw_landing.events e\n") != std::string::npos);
  CHECK(events->sql.find("where") == std::string::npos);  // target.name is prod
  CHECK(events->database == "analytics");
  const Model* legacy = Find(p, "model.target_demo.legacy_events");
  REQUIRE(legacy != nullptr);
  CHECK(legacy->sql == "select id, kind from dw.events_archive\n");

  SUBCASE("near miss: no target name, and the condition on it is said") {
    AnalyticsProject unknown = ReadFixture("target");
    CHECK(testing::Format(AllDiagnostics(unknown)) ==
          "models/events.sql:6:1 condition over 'target.name' is not known statically: rendered as if true, the other "
          "branches only for their references\n");
  }
}

TEST_CASE("an ephemeral model is traced like a view, of kind ephemeral") {
  AnalyticsProject p = ReadFixture("ephemeral");
  CHECK(testing::Format(AllDiagnostics(p)) == "");
  const Model* paid = Find(p, "model.ephemeral_demo.paid_orders");
  REQUIRE(paid != nullptr);
  CHECK(paid->materialized == "ephemeral");
  REQUIRE(View(*paid) != nullptr);
  CHECK(View(*paid)->kind == ir::RelationKind::kEphemeral);
  const Model* revenue = Find(p, "model.ephemeral_demo.revenue");
  REQUIRE(revenue != nullptr);
  REQUIRE(View(*revenue) != nullptr);
  CHECK(View(*revenue)->kind == ir::RelationKind::kModel);
  CHECK(testing::Names(revenue->depends_on) == "analytics.paid_orders");
}

TEST_CASE("a source and a model with the same schema.table in two databases stay distinct") {
  DbtOptions options;
  options.default_database = "analytics";
  AnalyticsProject p = ReadFixture("databases", options);
  CHECK(testing::Format(AllDiagnostics(p)) == "");
  const Model* orders = Find(p, "model.databases_demo.orders");
  REQUIRE(orders != nullptr);
  CHECK(orders->relation.ToString() == "app.orders");
  CHECK(orders->database == "analytics");
  // The model reads the source of the raw database, not itself.
  CHECK(testing::Names(orders->depends_on) == "raw.app.orders");
  CHECK(orders->sql == "select id, status, amount_cents from \"raw.app\".orders\n");
  REQUIRE(p.sources.size() == 2);
  CHECK(p.sources[0].relation.ToString() == "raw.app.orders");
  CHECK(p.sources[0].schema == "app");
  // Near miss: the users source has no model of its name: it keeps its name.
  CHECK(p.sources[1].relation.ToString() == "app.users");

  SUBCASE("BigQuery: the database joins the schema with __ (a dot in backticks splits the name)") {
    options.dialect = dialect::DialectByName("bigquery");
    AnalyticsProject bq = ReadFixture("databases", options);
    CHECK(bq.sources[0].relation.ToString() == "raw__app.orders");
    CHECK(Find(bq, "model.databases_demo.orders")->sql == "select id, status, amount_cents from raw__app.orders\n");
  }
  SUBCASE("near miss: the source is in the target's database, so dbt would read the model's own table") {
    options.default_database = "raw";
    AnalyticsProject same = ReadFixture("databases", options);
    CHECK(same.sources[0].relation.ToString() == "app.orders");
  }
}

}  // namespace
}  // namespace ds::analytics
