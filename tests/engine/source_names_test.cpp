// A dbt source is named as source() renders it, so the warehouse's folding applies: in Trino,
// `EventEmitter_evt_Log` renders quoted and folds to lower case, like the reads of it (spellbook:
// 799 models of hourly_spellbook said "relation does not exist" of their own sources).
#include <doctest/doctest.h>

#include <string>

#include "tests/engine/check_helpers.h"

namespace ds {
namespace {

void WriteProject(const test::GitRepo& repo, const std::string& mirrors) {
  repo.Write("db/migrations/V1__init.sql", "CREATE TABLE users (id bigint, email text);\n");
  repo.Write("downstream.yml", "migrations:\n  - db/migrations\nviews:\n  - dbt: analytics\n    dialect: trino\n" + mirrors);
  repo.Write("analytics/dbt_project.yml", "name: chain\nmodel-paths: [models]\n");
  repo.Write("analytics/models/_sources.yml",
             "sources:\n"
             "  - name: gmx\n    tables:\n      - name: EventEmitter_evt_Log\n"
             "  - name: app\n    schema: raw_app\n    tables:\n      - name: Users\n");
  // A model in the source's own schema: the schema exists, the relation must too.
  repo.Write("analytics/models/gmx/gmx_events.sql",
             "{{ config(schema='gmx') }}\nselect evt_index, contract_address from {{ source('gmx', 'EventEmitter_evt_Log') }}\n");
  repo.Write("analytics/models/user_emails.sql", "select id, email from {{ source('app', 'Users') }}\n");
  repo.Write("analytics/macros/generate_schema_name.sql",
             "{% macro generate_schema_name(custom, node) %}{{ custom or target.schema }}{% endmacro %}\n");
}

}  // namespace

TEST_CASE("A mixed-case source in Trino is the relation its readers name") {
  test::GitRepo repo;
  WriteProject(repo, "warehouse:\n  mirrors:\n    raw_app: public\n");
  repo.Commit("base");
  SUBCASE("an unmapped one is unmapped, not missing") {
    repo.Write("db/migrations/V2__note.sql", "ALTER TABLE users ADD COLUMN note text;\n");
    repo.Commit("head");
    engine::CheckRun run = test::CheckLastCommit(repo);
    std::string lines = test::DiagnosticLines(run.report.diagnostics);
    CHECK(lines.find("does not exist") == std::string::npos);
    CHECK(lines.find("[unmapped-source] source gmx.EventEmitter_evt_Log (gmx.eventemitter_evt_log)") != std::string::npos);
  }
  SUBCASE("a mirrored one reaches production: dropping a column it reads breaks the model") {
    repo.Write("db/migrations/V2__drop.sql", "ALTER TABLE users DROP COLUMN email;\n");
    repo.Commit("head");
    engine::CheckRun run = test::CheckLastCommit(repo);
    CHECK(test::FindingLines(run) == "drop-column-in-use analytics.user_emails(email)\n");
  }
}

}  // namespace ds
