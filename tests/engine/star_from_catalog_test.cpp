// Macros that list a relation's columns (dbt_utils.star, union_relations, ...) are answered from
// the replayed production schema (#13 point 1): `dbt_utils.star(source('app', 'users'))` becomes
// the column list of production's `users`, through a configured mirror or one inferred in the
// same run, so dropping a column it selects breaks the model, and one it excepts does not.
#include <doctest/doctest.h>

#include <string>

#include "tests/engine/check_helpers.h"

namespace ds {
namespace {

void WriteProject(const test::GitRepo& repo, bool configured_mirror) {
  repo.Write("db/migrations/V1__init.sql",
             "CREATE TABLE users (id bigint, email text, name text, note text);\n"
             "CREATE TABLE orders (id bigint, user_id bigint);\n");
  repo.Write("downstream.yml", std::string("migrations:\n  - db/migrations\nviews:\n  - dbt: analytics\n") +
                                   (configured_mirror ? "warehouse:\n  mirrors:\n    raw_app: public\n" : ""));
  repo.Write("analytics/dbt_project.yml", "name: shop\nmodel-paths: [models]\n");
  repo.Write("analytics/models/_sources.yml",
             "sources:\n  - name: app\n    schema: raw_app\n    tables:\n      - name: users\n      - name: orders\n");
  repo.Write("analytics/models/stg_users.sql",
             "select {{ dbt_utils.star(source('app', 'users'), except=['note']) }}\n"
             "from {{ source('app', 'users') }}\n");
  repo.Write("analytics/models/orders_by_user.sql",
             "select o.id, u.email from {{ source('app', 'orders') }} o join {{ ref('stg_users') }} u on u.id = o.user_id\n");
}

engine::CheckRun CheckChange(bool configured_mirror, const char* migration) {
  test::GitRepo repo;
  WriteProject(repo, configured_mirror);
  repo.Commit("base");
  repo.Write("db/migrations/V2__change.sql", migration);
  repo.Commit("head");
  return test::CheckLastCommit(repo);
}

}  // namespace

TEST_CASE("dbt_utils.star over a source is the production table's columns") {
  for (bool configured : {true, false}) {
    CAPTURE(configured);
    SUBCASE("a column it selects is dropped: the model and what reads it break") {
      engine::CheckRun run = CheckChange(configured, "ALTER TABLE users DROP COLUMN email;");
      CHECK(test::DiagnosticLines(run.report.diagnostics) == "");
      CHECK(test::FindingLines(run) == "drop-column-in-use analytics.orders_by_user(email) analytics.stg_users(email)\n");
      CHECK(run.report.coverage.relations.partial == 0);
    }
    SUBCASE("near miss: the column it excepts is dropped") {
      engine::CheckRun run = CheckChange(configured, "ALTER TABLE users DROP COLUMN note;");
      CHECK(test::DiagnosticLines(run.report.diagnostics) == "");
      CHECK(test::FindingLines(run) == "");
    }
  }
}

TEST_CASE("dbt_utils.star over a relation production does not hold stays opaque, and says so") {
  test::GitRepo repo;
  WriteProject(repo, true);
  repo.Write("analytics/models/stg_events.sql",
             "select {{ dbt_utils.star(source('tracking', 'events')) }} from {{ source('tracking', 'events') }}\n");
  repo.Write("analytics/models/_tracking.yml",
             "sources:\n  - name: tracking\n    schema: segment\n    tables:\n      - name: events\n");
  repo.Commit("base");
  repo.Write("db/migrations/V2__change.sql", "ALTER TABLE users ADD COLUMN age int;");
  repo.Commit("head");
  engine::CheckRun run = test::CheckLastCommit(repo);
  CHECK(test::DiagnosticLines(run.report.diagnostics).find(
            "analytics/models/stg_events.sql:1:11 [template-error] macro 'dbt_utils.star': the columns of segment.events "
            "are not known: its output is treated as opaque") != std::string::npos);
}

}  // namespace ds

namespace ds {

TEST_CASE("dbt_utils.star over a model of the project is what that model's SQL outputs, through chains") {
  auto check = [](const char* migration) {
    test::GitRepo repo;
    WriteProject(repo, true);
    // Three waves: stg_users' list comes from production, users_wide's from stg_users', users_slim's
    // from users_wide's.
    repo.Write("analytics/models/users_wide.sql",
               "with base as (select * from {{ ref('stg_users') }})\n"
               "select {{ dbt_utils.star(ref('stg_users'), relation_alias='b') }}, 1 as one from base b\n");
    repo.Write("analytics/models/users_slim.sql",
               "select {{ dbt_utils.star(from=ref('users_wide'), except=['name', 'one']) }} from {{ ref('users_wide') }}\n");
    repo.Write("analytics/models/slim_emails.sql", "select email from {{ ref('users_slim') }}\n");
    repo.Commit("base");
    repo.Write("db/migrations/V2__change.sql", migration);
    repo.Commit("head");
    return test::CheckLastCommit(repo);
  };
  SUBCASE("a column every list carries") {
    engine::CheckRun run = check("ALTER TABLE users DROP COLUMN email;");
    CHECK(test::DiagnosticLines(run.report.diagnostics) == "");
    CHECK(test::FindingLines(run) ==
          "drop-column-in-use analytics.orders_by_user(email) analytics.slim_emails(email) analytics.stg_users(email) "
          "analytics.users_slim(email) analytics.users_wide(email)\n");
    CHECK(run.report.coverage.relations.partial == 0);
  }
  SUBCASE("a column the last list excepts: the models that list it break, and those built on them") {
    engine::CheckRun run = check("ALTER TABLE users DROP COLUMN name;");
    CHECK(test::DiagnosticLines(run.report.diagnostics) == "");
    CHECK(test::FindingLines(run) ==
          "drop-column-in-use analytics.orders_by_user analytics.slim_emails analytics.stg_users(name) "
          "analytics.users_slim analytics.users_wide(name)\n");
  }
  SUBCASE("near miss: the column the first list excepts") {
    engine::CheckRun run = check("ALTER TABLE users DROP COLUMN note;");
    CHECK(test::DiagnosticLines(run.report.diagnostics) == "");
    CHECK(test::FindingLines(run) == "");
  }
}

}  // namespace ds
