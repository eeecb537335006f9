// The downstream.yml that `downstream init` writes reads back as what was found.
#include <doctest/doctest.h>

#include "src/config/config.h"

namespace ds::config {

TEST_CASE("InitConfigText writes what was found, and ParseConfig reads it back") {
  InitLayout layout;
  for (const auto& [path, kind] : {std::pair{"db/migrations", "sql"}, std::pair{"app/migrations", "django"}}) {
    MigrationSource source;
    source.path = path;
    source.kind = kind;
    layout.detected.migrations.push_back(source);
  }
  ViewSource views, dbt, lea;
  views.path = "analytics/views";
  dbt.dbt = "warehouse dbt";  // a space: quoted
  lea.lea = "lea/views";
  lea.dialect = dialect::DialectByName("duckdb");  // known: written down
  layout.detected.views = {views, dbt, lea};
  layout.mirrors["raw_app"] = {"public", "{table}"};
  layout.mirrors["raw_billing"] = {"billing", "billing_{table}"};
  layout.unmapped_source_schemas = {"raw_events"};
  std::string text = InitConfigText(layout);
  CAPTURE(text);
  Result<Config> config = ParseConfig("downstream.yml", text, {});
  REQUIRE_MESSAGE(config.ok(), (config.ok() ? std::string() : config.error().message));
  REQUIRE(config->migrations.size() == 2);
  CHECK(config->migrations[0].path == "db/migrations");
  CHECK(config->migrations[0].kind == "sql");
  CHECK(config->migrations[1].kind == "django");
  REQUIRE(config->views.size() == 3);
  CHECK(config->views[0].path == "analytics/views");
  CHECK(config->views[1].dbt == "warehouse dbt");
  CHECK(config->views[2].lea == "lea/views");
  CHECK(config->views[2].dialect->name == "duckdb");
  CHECK(config->views[0].dialect->name == "postgres");
  CHECK(text.find("dialect: postgres") == std::string::npos);  // the default is not written
  CHECK(config->mirrors.at("raw_app") == "public");
  CHECK(config->mirror_patterns.at("raw_billing").table_pattern == "billing_{table}");
  CHECK(config->mirrors.count("raw_events") == 0);
  CHECK(text.find("# raw_events: public") != std::string::npos);  // named, for the reader to fill in
  CHECK(config->owners.empty());
}

TEST_CASE("InitConfigText with nothing found writes only comments that say what to fill in") {
  InitLayout layout;
  std::string text = InitConfigText(layout);
  CHECK(text.find("No migrations were found") != std::string::npos);
  CHECK(text.find("No view files or dbt project were found") != std::string::npos);
  Result<Config> config = ParseConfig("downstream.yml", text, {});
  REQUIRE(config.ok());
  CHECK(config->migrations.empty());
  CHECK(config->views.empty());
}

}  // namespace ds::config
