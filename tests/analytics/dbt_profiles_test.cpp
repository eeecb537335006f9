// profiles.yml beside dbt_project.yml gives target.name, target.schema, target.database and the
// adapter (#13 point 1: `target` as dbt has it), as `dbt compile` in the project's folder reads
// it; what downstream.yml says wins.
#include <doctest/doctest.h>

#include "tests/analytics/files.h"

namespace ds::analytics {
namespace {

testing::Files Project(const char* profiles) {
  testing::Files files;
  files.texts["dw/dbt_project.yml"] = "name: chain\nprofile: chain-local\nmodel-paths: [models]\n";
  if (profiles != nullptr) files.texts["dw/profiles.yml"] = profiles;
  files.texts["dw/models/events.sql"] =
      "{{ config(schema='gmx') }}\n"
      "select {% if target.name == 'prod' %}evt_index{% else %}evt_index, evt_tx_hash{% endif %}\n"
      "from {{ source('raw', 'events') }}\n";
  files.texts["dw/models/latest.sql"] = "select evt_index from {{ ref('events') }} qualify true\n";
  files.texts["dw/models/sources.yml"] = "sources:\n  - name: raw\n    tables:\n      - name: events\n";
  return files;
}

const char* kProfiles =
    "chain-local:\n"
    "  target: dev\n"
    "  outputs:\n"
    "    dev:\n      type: trino\n      database: hive\n      schema: \"{{ env_var('DEV_SCHEMA', 'wizard') }}\"\n"
    "    prod:\n      type: trino\n      database: hive\n      schema: \"{{ env_var('PROD_SCHEMA') }}\"\n"
    "other-project:\n  target: x\n  outputs:\n    x:\n      type: postgres\n      schema: nope\n";

const Model& Only(const AnalyticsProject& project, const char* id) {
  for (const Model& m : project.models) {
    if (m.unique_id == id) return m;
  }
  FAIL("no model " << id);
  throw;
}

}  // namespace

TEST_CASE("profiles.yml gives the target: its name, schema, database and adapter") {
  testing::Files files = Project(kProfiles);
  DbtOptions options;
  options.dialect_given = false;
  AnalyticsProject p = ReadDbtProject("dw/dbt_project.yml", files.Paths(), files.Reader(), options);
  CHECK(std::string(p.dialect->name) == "trino");
  const Model& events = Only(p, "model.chain.events");
  CHECK(events.relation.ToString() == "wizard_gmx.events");  // <target.schema>_<custom>
  CHECK(events.sql.find("evt_index, evt_tx_hash") != std::string::npos);  // target.name is dev
  const Model& latest = Only(p, "model.chain.latest");
  CHECK(latest.relation.ToString() == "wizard.latest");
  INFO(testing::Format(latest.parsed->diagnostics));
  CHECK(latest.parsed->diagnostics.empty());  // QUALIFY: read as Trino
  CHECK(testing::Format(p.diagnostics) == "");
}

TEST_CASE("what the options say wins over the profile") {
  testing::Files files = Project(kProfiles);
  SUBCASE("a target named: its output, its unknown schema left to the default") {
    DbtOptions options;
    options.target_name = "prod";
    AnalyticsProject p = ReadDbtProject("dw/dbt_project.yml", files.Paths(), files.Reader(), options);
    CHECK(std::string(p.dialect->name) == "postgres");  // dialect_given: the default stands
    const Model& events = Only(p, "model.chain.events");
    CHECK(events.sql.find("evt_tx_hash") == std::string::npos);
    CHECK(events.relation.ToString() == "analytics_gmx.events");
  }
  SUBCASE("a schema given") {
    DbtOptions options;
    options.default_schema = "dw";
    AnalyticsProject p = ReadDbtProject("dw/dbt_project.yml", files.Paths(), files.Reader(), options);
    CHECK(Only(p, "model.chain.events").relation.ToString() == "dw_gmx.events");
  }
}

TEST_CASE("a profile/ folder that DBT_PROFILES_DIR names is read too") {
  testing::Files files = Project(nullptr);
  files.texts["dw/profile/profiles.yml"] = kProfiles;
  DbtOptions options;
  options.dialect_given = false;
  AnalyticsProject p = ReadDbtProject("dw/dbt_project.yml", files.Paths(), files.Reader(), options);
  CHECK(std::string(p.dialect->name) == "trino");
  CHECK(Only(p, "model.chain.events").relation.ToString() == "wizard_gmx.events");
}

TEST_CASE("a var whose value holds Jinja is rendered when var() returns it, as dbt does") {
  testing::Files files;
  files.texts["dw/dbt_project.yml"] =
      "name: chain\nmodel-paths: [models]\nvars:\n"
      "  unit: \"{{ env_var('INCREMENTAL_UNIT', 'day') }}\"\n"
      "  secret: \"{{ env_var('NO_DEFAULT') }}\"\n";
  files.texts["dw/models/recent.sql"] =
      "select id from {{ source('raw', 'events') }} where ts > now() - interval '1 {{ var('unit') }}'\n";
  files.texts["dw/models/hidden.sql"] = "select '{{ var('secret') }}' as s\n";
  files.texts["dw/models/sources.yml"] = "sources:\n  - name: raw\n    tables:\n      - name: events\n";
  AnalyticsProject p = ReadDbtProject("dw/dbt_project.yml", files.Paths(), files.Reader(), {});
  const Model& recent = Only(p, "model.chain.recent");
  CHECK(recent.sql.find("interval '1 day'") != std::string::npos);
  CHECK(testing::Format(recent.parsed->diagnostics) == "");
  // Near miss: an environment variable without a default stays unknown, and is said where used.
  const Model& hidden = Only(p, "model.chain.hidden");
  CHECK(testing::Format(hidden.parsed->diagnostics).find("not known statically") != std::string::npos);
}

TEST_CASE("near misses: no profiles.yml, or none for this project's profile") {
  for (const char* profiles : {static_cast<const char*>(nullptr), "other-project:\n  target: x\n  outputs:\n    x:\n      schema: nope\n"}) {
    testing::Files files = Project(profiles);
    DbtOptions options;
    options.dialect_given = false;
    AnalyticsProject p = ReadDbtProject("dw/dbt_project.yml", files.Paths(), files.Reader(), options);
    CHECK(std::string(p.dialect->name) == "postgres");
    CHECK(Only(p, "model.chain.events").relation.ToString() == "analytics_gmx.events");
  }
}

}  // namespace ds::analytics
