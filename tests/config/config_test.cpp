#include "src/config/config.h"

#include <doctest/doctest.h>

namespace ds::config {

namespace {
const std::vector<std::string> kRules = {"drop-column-in-use", "retype-column-in-use"};
}

TEST_CASE("ParseConfig reads every section of INTERFACE.md's example") {
  const char* yaml = R"(migrations:
  - path: migrations/versions
    kind: alembic
  - path: db/structure.sql
views:
  - path: analytics/views
  - dbt: analytics
warehouse:
  mirrors:
    raw_app: public
contracts:
  public: ["platform.*"]
owners:
  "platform.*": "@acme/data-team"
rules:
  retype-column-in-use: warning
)";
  Result<Config> config = ParseConfig("downstream.yml", yaml, kRules);
  REQUIRE_MESSAGE(config.ok(), (config.ok() ? std::string() : config.error().message));
  REQUIRE(config->migrations.size() == 2);
  CHECK(config->migrations[0].path == "migrations/versions");
  CHECK(config->migrations[0].kind == "alembic");
  CHECK(config->migrations[1].kind == "");
  REQUIRE(config->views.size() == 2);
  CHECK(config->views[0].path == "analytics/views");
  CHECK(config->views[1].dbt == "analytics");
  CHECK(config->mirrors.at("raw_app") == "public");
  CHECK(config->contracts_public == std::vector<std::string>{"platform.*"});
  REQUIRE(config->owners.size() == 1);
  CHECK(config->owners[0].second == "@acme/data-team");
  CHECK(config->rule_severity.at("retype-column-in-use") == ir::Severity::kWarning);
}

TEST_CASE("ParseConfig errors name the file, the line and the key") {
  struct Row {
    const char* name;
    const char* yaml;
    const char* message;
  };
  const Row rows[] = {
      {"unknown top key", "migration:\n  - path: x\n",
       "downstream.yml:1: key 'migration' is not known (expected one of: migrations, views, "
       "warehouse, target, contracts, owners, rules, search_path, acknowledgements, soft_delete_columns)"},
      {"unknown target key", "target:\n  profile: x\n",
       "downstream.yml:2: key 'target.profile' is not known (expected one of: name, schema, database)"},
      {"empty target schema", "target:\n  schema: ''\n",
       "downstream.yml:2: key 'target.schema' must not be empty"},
      {"bad kind", "migrations:\n  - path: db\n    kind: flyway\n",
       "downstream.yml:3: key 'migrations[0].kind' must be one of sql, alembic, django, rails, not "
       "'flyway'"},
      {"unknown rule", "rules:\n  drop-colum-in-use: error\n",
       "downstream.yml:2: key 'rules.drop-colum-in-use' is not a known rule id; did you mean "
       "'drop-column-in-use'? (`downstream rules` lists them)"},
      {"unknown rule, nothing close", "rules:\n  no-such-thing: error\n",
       "downstream.yml:2: key 'rules.no-such-thing' is not a known rule id (`downstream rules` lists them)"},
      {"bad severity", "rules:\n  drop-column-in-use: fatal\n",
       "downstream.yml:2: key 'rules.drop-column-in-use' must be error, warning or off, not 'fatal'"},
      {"path leaves the repository", "migrations:\n  - path: ../other/db\n",
       "downstream.yml:2: key 'migrations[0].path' must not leave the repository ('../other/db')"},
      {"absolute migrations path", "migrations:\n  - path: /etc\n",
       "downstream.yml:2: key 'migrations[0].path' must be relative to the repository root, not '/etc'"},
      {"schema on a path entry", "views:\n  - path: v\n    schema: dw\n",
       "downstream.yml:3: key 'views[0].schema' applies to 'dbt' entries only"},
      {"two kinds in one entry", "views:\n  - dbt: a\n    lea: b\n",
       "downstream.yml:2: key 'views[0]' needs exactly one of 'path', 'dbt', 'lea' or 'lineage'"},
      {"unknown view key", "views:\n  - dbt: a\n    profile: x\n",
       "downstream.yml:3: key 'views[0].profile' is not known (expected one of: path, dbt, lea, lineage, "
       "schema, target, dialect, dataset)"},
      {"dataset on a dbt entry", "views:\n  - dbt: a\n    dialect: bigquery\n    dataset: kaya\n",
       "downstream.yml:4: key 'views[0].dataset' applies to 'lea' entries in BigQuery's dialect only"},
      {"dataset on a DuckDB lea entry", "views:\n  - lea: scripts\n    dialect: duckdb\n    dataset: kaya\n",
       "downstream.yml:4: key 'views[0].dataset' applies to 'lea' entries in BigQuery's dialect only"},
      {"empty dataset", "warehouse:\n  dialect: bigquery\nviews:\n  - lea: scripts\n    dataset: ''\n",
       "downstream.yml:5: key 'views[0].dataset' must not be empty"},
      {"unknown dialect", "views:\n  - path: v\n    dialect: oracle\n",
       "downstream.yml:3: key 'views[0].dialect' must be one of postgres, snowflake, bigquery, redshift, "
       "databricks, trino, duckdb (or postgresql, spark, sparksql, athena, presto), not 'oracle'"},
      {"unknown warehouse dialect", "views: [v]\nwarehouse:\n  dialect: snowflake-ish\n",
       "downstream.yml:3: key 'warehouse.dialect' must be one of postgres, snowflake, bigquery, redshift, "
       "databricks, trino, duckdb (or postgresql, spark, sparksql, athena, presto), not 'snowflake-ish'"},
      {"dialect not a string", "views:\n  - dbt: a\n    dialect: [snowflake]\n",
       "downstream.yml:3: key 'views[0].dialect' must be a string"},
      {"dialect on a lineage entry", "views:\n  - lineage: l.json\n    dialect: bigquery\n",
       "downstream.yml:3: key 'views[0].dialect' applies to 'path', 'dbt' and 'lea' entries only"},
      {"unknown warehouse key", "warehouse:\n  dialects: bigquery\n",
       "downstream.yml:2: key 'warehouse.dialects' is not known (expected one of: dialect, mirrors)"},
      {"mirror without schema", "warehouse:\n  mirrors:\n    raw: {table_pattern: \"x_{table}\"}\n",
       "downstream.yml:3: key 'warehouse.mirrors.raw' needs a 'schema' (the production schema)"},
      {"pattern without {table}", "warehouse:\n  mirrors:\n    raw:\n      schema: public\n      table_pattern: app_\n",
       "downstream.yml:5: key 'warehouse.mirrors.raw.table_pattern' must hold '{table}' once (e.g. "
       "'app_{table}'), not 'app_'"},
      {"migrations not a list", "migrations: db\n",
       "downstream.yml:1: key 'migrations' must be a list of {path, kind} entries"},
      {"invalid yaml", "migrations: [\n",
       "downstream.yml:2: not valid YAML: end of sequence flow not found"},
  };
  for (const Row& row : rows) {
    SUBCASE(row.name) {
      Result<Config> config = ParseConfig("downstream.yml", row.yaml, kRules);
      REQUIRE_FALSE(config.ok());
      CHECK(config.error().message == row.message);
    }
  }
}

TEST_CASE("PathMatches") {
  struct Row {
    const char* pattern;
    const char* path;
    bool matches;
  };
  const Row rows[] = {
      {"db/migrations", "db/migrations/001_init.sql", true},
      {"db/migrations/", "db/migrations/a/b.sql", true},
      {"db/migrations", "db/migrations_old/001.sql", false},
      {"db/structure.sql", "db/structure.sql", true},
      {"db/*.sql", "db/structure.sql", true},
      {"db/*.sql", "db/x/structure.sql", false},
      {"**/views", "analytics/views/a.sql", true},
      {"services/*/migrations", "services/api/migrations/1.sql", true},
      {"**/*.sql", "a/b/c.sql", true},
      {"db/**", "db/a/b.sql", true},  // a trailing ** takes everything below
      {"db/**", "dba/b.sql", false},
      {".", "anything.sql", true},
  };
  for (const Row& row : rows) {
    SUBCASE((std::string(row.pattern) + " ~ " + row.path).c_str()) {
      CHECK(PathMatches(row.pattern, row.path) == row.matches);
    }
  }
  CHECK(NameMatches("platform.*", "platform.orders"));
  CHECK_FALSE(NameMatches("platform.*", "analytics.orders"));
}

TEST_CASE("DetectLayout finds migrations and views and says so") {
  std::vector<std::string> notes;
  Config config = DetectLayout(
      {"README.md", "analytics/views/customers.sql", "analytics/views/orders.sql",
       "db/migrations/001_init.sql", "db/migrations/002_more.sql", "db/structure.sql",
       "node_modules/x/migrations/1.sql"},
      notes);
  REQUIRE(config.migrations.size() == 1);
  CHECK(config.migrations[0].path == "db/migrations");
  CHECK(config.migrations[0].kind == "sql");
  REQUIRE(config.views.size() == 1);
  CHECK(config.views[0].path == "analytics/views");
  CHECK(notes == std::vector<std::string>{"found 2 sql migration file(s) in db/migrations/",
                                          "found 2 view file(s) in analytics/views/"});
}

TEST_CASE("DetectLayout takes a schema dump, not a dbt macro file named schema.sql") {
  std::vector<std::string> notes;
  Config macros_only = DetectLayout({"dbt_macros/dune/schema.sql", "project/macros/schema.sql"}, notes);
  CHECK(macros_only.migrations.empty());
  notes.clear();
  Config dump = DetectLayout({"dbt_macros/dune/schema.sql", "db/schema.sql"}, notes);
  REQUIRE(dump.migrations.size() == 1);
  CHECK(dump.migrations[0].path == "db/schema.sql");
}

TEST_CASE("DetectLayout says when it finds nothing") {
  std::vector<std::string> notes;
  Config config = DetectLayout({"README.md", "src/main.c"}, notes);
  CHECK(config.migrations.empty());
  CHECK(notes == std::vector<std::string>{"found no migrations: add a downstream.yml",
                                          "found no view files or dbt project: add a downstream.yml"});
}

TEST_CASE("ParseConfig reads the analytics entries: dbt options, lea, lineage, paths outside") {
  const char* yaml = R"(views:
  - dbt: analytics
    schema: dw
    target: prod
  - dbt: ../analytics-repo/target/manifest.json
  - lea: ./warehouse/views/
    dialect: bigquery
    dataset: kaya
  - lineage: /ci/lineage.json
  - path: a/../b
warehouse:
  mirrors:
    raw_app: public
    raw_billing: {schema: billing, table_pattern: "billing_{table}"}
)";
  Result<Config> config = ParseConfig("downstream.yml", yaml, kRules);
  REQUIRE_MESSAGE(config.ok(), (config.ok() ? std::string() : config.error().message));
  REQUIRE(config->views.size() == 5);
  CHECK(config->views[0].dbt == "analytics");
  CHECK(config->views[0].schema == "dw");
  CHECK(config->views[0].target == "prod");
  CHECK_FALSE(config->views[0].outside);
  CHECK(config->views[0].line == 2);
  CHECK(config->views[1].dbt == "../analytics-repo/target/manifest.json");
  CHECK(config->views[1].outside);
  CHECK(config->views[2].lea == "warehouse/views");
  CHECK(config->views[2].dataset == "kaya");  // lea's BigQuery dataset (LEA_BQ_DATASET_NAME)
  CHECK_FALSE(config->views[2].outside);
  CHECK(config->views[3].lineage == "/ci/lineage.json");
  CHECK(config->views[3].outside);
  CHECK(config->views[3].Where() == "/ci/lineage.json");
  CHECK(config->views[4].path == "b");
  CHECK(config->mirrors.at("raw_billing") == "billing");
  CHECK(config->mirror_patterns.at("raw_billing").table_pattern == "billing_{table}");
  CHECK(config->mirror_patterns.at("raw_app").table_pattern == "{table}");
  CHECK(config->mirror_patterns.at("raw_app").production_schema == "public");
}

TEST_CASE("ParseConfig: the top-level target is every dbt entry's, an entry's own schema and target winning") {
  const char* yaml = R"(views:
  - dbt: analytics
  - dbt: other
    schema: dw
    target: dev
  - path: views
target: {name: prod, schema: analytics_prod, database: warehouse}
)";
  Result<Config> config = ParseConfig("downstream.yml", yaml, kRules);
  REQUIRE_MESSAGE(config.ok(), (config.ok() ? std::string() : config.error().message));
  REQUIRE(config->views.size() == 3);
  CHECK(config->views[0].target == "prod");
  CHECK(config->views[0].schema == "analytics_prod");
  CHECK(config->views[0].database == "warehouse");
  CHECK(config->views[1].target == "dev");
  CHECK(config->views[1].schema == "dw");
  CHECK(config->views[1].database == "warehouse");
  CHECK(config->views[2].schema.empty());  // not a dbt entry
}

TEST_CASE("ParseConfig reads each views entry's dialect, warehouse.dialect being the default") {
  const char* yaml = R"(views:
  - path: analytics/views
  - dbt: analytics
    dialect: BigQuery
  - lea: warehouse
    dialect: athena
  - lineage: other/lineage.json
warehouse:
  dialect: Snowflake
)";
  Result<Config> config = ParseConfig("downstream.yml", yaml, kRules);
  REQUIRE_MESSAGE(config.ok(), (config.ok() ? std::string() : config.error().message));
  REQUIRE(config->views.size() == 4);
  CHECK(config->views[0].dialect->name == "snowflake");
  CHECK(config->views[1].dialect->name == "bigquery");
  CHECK(config->views[2].dialect->name == "trino");
  CHECK(config->views[3].dialect->name == "snowflake");

  Result<Config> plain = ParseConfig("downstream.yml", "views: [analytics/views]\n", kRules);
  REQUIRE(plain.ok());
  CHECK(plain->views[0].dialect->name == "postgres");
}

TEST_CASE("DetectLayout finds dbt projects, leaving packages and their models out of view files") {
  std::vector<std::string> notes;
  Config config = DetectLayout(
      {"analytics/dbt_packages/dbt_utils/dbt_project.yml", "analytics/dbt_project.yml",
       "analytics/models/views/a.sql", "db/migrations/001_init.sql", "reports/views/b.sql"},
      notes);
  REQUIRE(config.views.size() == 2);
  CHECK(config.views[0].dbt == "analytics");
  CHECK(config.views[1].path == "reports/views");
  CHECK(notes == std::vector<std::string>{"found 1 sql migration file(s) in db/migrations/",
                                          "found a dbt project: analytics/dbt_project.yml",
                                          "found 1 view file(s) in reports/views/"});
}

}  // namespace ds::config
