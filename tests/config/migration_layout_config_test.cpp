// A migrations entry says how its SQL files run (#14 point 7): `order:`, `role:`, and
// `include:` / `exclude:` globs; each mistake is one sentence naming the file, line and key.
#include <doctest/doctest.h>

#include "src/config/config.h"

namespace ds::config {

namespace {
const std::vector<std::string> kNoRules;
}

TEST_CASE("ParseConfig reads order, role, include and exclude on a migrations entry") {
  const char* yaml = R"(migrations:
  - path: synapse/storage/schema
    kind: sql
    order: version-folder
    include: ["synapse/storage/schema/main/**", "synapse/storage/schema/common/**"]
    exclude: "*.sqlite"
  - path: db/init.sql
    role: snapshot
  - path: sql
    order: path
    role: migration
)";
  Result<Config> config = ParseConfig("downstream.yml", yaml, kNoRules);
  REQUIRE_MESSAGE(config.ok(), (config.ok() ? std::string() : config.error().message));
  REQUIRE(config->migrations.size() == 3);
  const MigrationSource& synapse = config->migrations[0];
  CHECK(synapse.order == "version-folder");
  CHECK(synapse.role.empty());
  REQUIRE(synapse.include.size() == 2);
  CHECK(synapse.include[1].glob == "synapse/storage/schema/common/**");
  CHECK(synapse.include[1].key == "migrations[0].include[1]");
  CHECK(synapse.include[1].line == 5);
  REQUIRE(synapse.exclude.size() == 1);
  CHECK(synapse.exclude[0].glob == "*.sqlite");
  CHECK(synapse.exclude[0].key == "migrations[0].exclude");
  CHECK(synapse.exclude[0].line == 6);
  CHECK(config->migrations[1].role == "snapshot");
  CHECK(config->migrations[1].kind.empty());
  CHECK(config->migrations[2].order == "path");
  CHECK(config->migrations[2].role == "migration");
}

TEST_CASE("ParseConfig: mistakes in order, role, include and exclude") {
  struct Row {
    const char* name;
    const char* yaml;
    const char* message;
  };
  const Row rows[] = {
      {"an unknown order", "migrations:\n  - path: db\n    order: alphabetical\n",
       "downstream.yml:3: key 'migrations[0].order' must be one of auto, path, version-folder, not 'alphabetical'"},
      {"an unknown role", "migrations:\n  - path: db/init.sql\n    role: dump\n",
       "downstream.yml:3: key 'migrations[0].role' must be one of snapshot, migration, not 'dump'"},
      {"order on an alembic entry", "migrations:\n  - path: alembic\n    kind: alembic\n    order: path\n",
       "downstream.yml:4: key 'migrations[0].order' applies to 'kind: sql' entries only, not 'alembic'"},
      {"role on a rails entry", "migrations:\n  - path: db\n    kind: rails\n    role: snapshot\n",
       "downstream.yml:4: key 'migrations[0].role' applies to 'kind: sql' entries only, not 'rails'"},
      {"order as a list", "migrations:\n  - path: db\n    order: [path]\n",
       "downstream.yml:3: key 'migrations[0].order' must be a string"},
      {"an empty include list", "migrations:\n  - path: db\n    include: []\n",
       "downstream.yml:3: key 'migrations[0].include' must name at least one glob"},
      {"an include mapping", "migrations:\n  - path: db\n    include: {a: b}\n",
       "downstream.yml:3: key 'migrations[0].include' must be a glob or a list of globs"},
      {"an exclude leaving the repository", "migrations:\n  - path: db\n    exclude:\n      - ok.sql\n      - ../x.sql\n",
       "downstream.yml:5: key 'migrations[0].exclude[1]' must not leave the repository ('../x.sql')"},
      {"an absolute include", "migrations:\n  - path: db\n    include: /db/a.sql\n",
       "downstream.yml:3: key 'migrations[0].include' must be relative to the repository root, not '/db/a.sql'"},
      {"a misspelt key names the new ones", "migrations:\n  - path: db\n    ordre: path\n",
       "downstream.yml:3: key 'migrations[0].ordre' is not known (expected one of: path, kind, order, role, "
       "include, exclude)"},
  };
  for (const Row& row : rows) {
    SUBCASE(row.name) {
      Result<Config> config = ParseConfig("downstream.yml", row.yaml, kNoRules);
      REQUIRE_FALSE(config.ok());
      CHECK(config.error().message == row.message);
    }
  }
}

TEST_CASE("include and exclude select a migrations entry's files") {
  MigrationSource source;
  source.path = "schema";
  CHECK(source.Selects("schema/delta/1/a.sql"));  // nothing said: everything
  source.exclude = {{"*.sqlite", 1, "e"}, {"schema/delta/9", 2, "e"}};
  CHECK_FALSE(source.Selects("schema/delta/1/a.sql.sqlite"));  // a name at any depth
  CHECK_FALSE(source.Selects("schema/delta/9/a.sql"));         // a folder, and what is below it
  CHECK(source.Selects("schema/delta/19/a.sql"));              // near miss: another folder
  source.include = {{"schema/**/main/**", 3, "i"}, {"full.sql.postgres", 4, "i"}};
  CHECK(source.Selects("schema/x/main/delta/1/a.sql"));
  CHECK(source.Selects("schema/common/full_schemas/72/full.sql.postgres"));
  CHECK_FALSE(source.Selects("schema/state/delta/1/a.sql"));  // included by neither
  CHECK_FALSE(source.Selects("schema/main/a.sql.sqlite"));    // included, then excluded
}

TEST_CASE("FilterMatches: a glob with '/' is rooted, a bare name matches at any depth") {
  CHECK(FilterMatches("*.down.sql", "db/m/1.down.sql"));
  CHECK(FilterMatches("old/", "db/old/1.sql"));
  CHECK(FilterMatches("./db/old", "db/old/1.sql"));
  CHECK_FALSE(FilterMatches("old/1.sql", "db/old/1.sql"));  // rooted: 'old' is not at the root
  CHECK(FilterMatches("db/**/1.sql", "db/old/1.sql"));
  CHECK_FALSE(FilterMatches("*.down.sql", "db/m/1.up.sql"));
}

}  // namespace ds::config
