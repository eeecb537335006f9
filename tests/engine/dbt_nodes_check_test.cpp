// Every dbt node kind through engine::RunCheck on real repositories (the projects of
// tests/fixtures/dbt under analytics/): seeds are tables models join, snapshots and ephemeral models
// are in the paths with their own kinds, dbt's relation names are the ones reported, and a source
// and a model with the same schema.table in two databases stay apart.
#include <doctest/doctest.h>

#include <filesystem>

#include "src/engine/check.h"
#include "tests/support/git_repo.h"

namespace ds {

namespace {

namespace fs = std::filesystem;

const char* kAppTables =
    "CREATE TABLE users (id bigint, email text, country text, created_at timestamptz);\n"
    "CREATE TABLE orders (id bigint, user_id bigint, status text, amount_cents bigint, currency text,\n"
    "  updated_at timestamptz);\n";

/// tests/fixtures/dbt/<fixture> under analytics/, the app's tables in db/migrations, and `config`.
void WriteProject(const test::GitRepo& repo, const std::string& fixture, const std::string& config) {
  fs::path root = fs::path(DOWNSTREAM_SOURCE_DIR) / "tests/fixtures/dbt" / fixture;
  for (const auto& entry : fs::recursive_directory_iterator(root)) {
    if (!entry.is_regular_file()) continue;
    repo.Write("analytics/" + fs::relative(entry.path(), root).generic_string(), test::ReadFile(entry.path().string()));
  }
  repo.Write("db/migrations/V1__init.sql", kAppTables);
  repo.Write("downstream.yml", "migrations: [db/migrations]\nviews:\n  - dbt: analytics\n" + config);
}

const char* kMirror = "warehouse:\n  mirrors:\n    raw_app: public\n";

Result<engine::CheckRun> CheckChange(const test::GitRepo& repo, const std::string& migration) {
  repo.Commit("base");
  repo.Write("db/migrations/V2__change.sql", migration);
  repo.Commit("head");
  engine::CheckOptions options;
  options.repo_dir = repo.path();
  options.base = "HEAD~1";
  return engine::RunCheck(options);
}

/// "name(columns)[kind] " per impact.
std::string Impacts(const ir::Finding& f) {
  std::string out;
  for (const ir::Impact& impact : f.impacts) {
    out += impact.view.ToString();
    for (const std::string& column : impact.columns) out += (column == impact.columns[0] ? "(" : ",") + column;
    out += impact.columns.empty() ? "" : ")";
    out += std::string("[") + ir::RelationKindName(impact.kind) + "] ";
  }
  return out;
}

std::string Diagnostics(const engine::CheckRun& run) {
  std::string out;
  for (const ir::Diagnostic& d : run.report.diagnostics) {
    out += d.span.file + ":" + std::to_string(d.span.line) + " " + d.message + "\n";
  }
  return out;
}

std::string Join(const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& item : items) out += (out.empty() ? "" : " ") + item;
  return out;
}

}  // namespace

TEST_CASE("seeds are tables: a model joining one is read whole, and a change to what it joins on breaks it") {
  test::GitRepo repo;
  WriteProject(repo, "seeds", kMirror);
  Result<engine::CheckRun> run = CheckChange(repo, "ALTER TABLE users DROP COLUMN country;\n");
  REQUIRE_MESSAGE(run.ok(), (run.ok() ? "" : run.error().message));
  // Without the seeds' tables: relation "analytics_reference.country_codes" does not exist.
  CHECK(Diagnostics(*run) == "");
  REQUIRE(run->report.findings.size() == 1);
  const ir::Finding& f = run->report.findings[0];
  CHECK(f.rule == "drop-column-in-use");
  CHECK(Impacts(f) == "analytics.customers[model] ");
  CHECK(Join(f.impacts[0].usages) == "join");
}

TEST_CASE("near miss: a model reading a column its seed lacks is said, at its place") {
  test::GitRepo repo;
  WriteProject(repo, "seeds", kMirror);
  repo.Write("analytics/models/customers.sql",
             "select u.id, c.population\nfrom {{ source('app', 'users') }} u\n"
             "left join {{ ref('country_codes') }} c on c.code = u.country\n");
  Result<engine::CheckRun> run = CheckChange(repo, "ALTER TABLE orders DROP COLUMN user_id;\n");
  REQUIRE(run.ok());
  CHECK(run->report.findings.empty());
  CHECK(Diagnostics(*run).find("analytics/models/customers.sql:1 column c.population does not exist") !=
        std::string::npos);
}

TEST_CASE("a snapshot of a source is in the path to the models that read it") {
  test::GitRepo repo;
  WriteProject(repo, "snapshots", kMirror);
  Result<engine::CheckRun> run = CheckChange(repo, "ALTER TABLE orders DROP COLUMN status;\n");
  REQUIRE(run.ok());
  CHECK(Diagnostics(*run) == "");
  REQUIRE(run->report.findings.size() == 1);
  const ir::Finding& f = run->report.findings[0];
  CHECK(Impacts(f) ==
        "analytics.order_history(status)[model] snapshots.orders_changes(status)[snapshot] "
        "snapshots.orders_snapshot(status)[snapshot] ");
  CHECK(f.impacts[1].span == ir::SourceSpan{"analytics/snapshots/snapshots.yml", 6, 1});
  CHECK(f.impacts[2].span == ir::SourceSpan{"analytics/snapshots/orders_snapshot.sql", 1, 1});
  CHECK(Join(f.impacts[0].path) ==
        "public.orders.status raw_app.orders.status snapshots.orders_snapshot.status analytics.order_history.status");
}

TEST_CASE("near miss: the snapshot's own columns are dbt's, not the source's") {
  test::GitRepo repo;
  WriteProject(repo, "snapshots", kMirror);
  Result<engine::CheckRun> run = CheckChange(repo, "ALTER TABLE users DROP COLUMN created_at;\n");
  REQUIRE(run.ok());
  CHECK(run->report.findings.empty());  // users_snapshot selects id and email only
  CHECK(Diagnostics(*run) == "");
}

TEST_CASE("an ephemeral model breaks with its consumers, and says it is ephemeral") {
  test::GitRepo repo;
  WriteProject(repo, "ephemeral", kMirror);
  Result<engine::CheckRun> run = CheckChange(repo, "ALTER TABLE orders DROP COLUMN amount_cents;\n");
  REQUIRE(run.ok());
  CHECK(Diagnostics(*run) == "");
  REQUIRE(run->report.findings.size() == 1);
  CHECK(Impacts(run->report.findings[0]) ==
        "analytics.paid_orders(amount_cents)[ephemeral] analytics.revenue(revenue_cents)[model] ");
}

TEST_CASE("dbt's relation names follow downstream.yml's target and the project's naming macros") {
  struct Row {
    const char* name;
    const char* config;
    const char* impacts;
  };
  const Row kRows[] = {
      {"prod", "target: {name: prod, schema: dw}\n" , "dw.customers(email)[model] staging.users(email)[model] "},
      {"dev", "target: {name: dev, schema: dbt_alice}\n",
       "dbt_alice.customers(email)[model] dbt_alice_staging.users(email)[model] "},
      {"the entry's own target wins", "target: {name: dev, schema: dw}\n",
       "dw.customers(email)[model] staging.users(email)[model] "},
  };
  for (const Row& row : kRows) {
    SUBCASE(row.name) {
      test::GitRepo repo;
      WriteProject(repo, "naming_override", std::string(kMirror) + row.config);
      if (std::string(row.name) == "the entry's own target wins") {
        repo.Write("downstream.yml", std::string("migrations: [db/migrations]\nviews:\n  - dbt: analytics\n    target: prod\n") +
                                         kMirror + row.config);
      }
      Result<engine::CheckRun> run = CheckChange(repo, "ALTER TABLE users DROP COLUMN email;\n");
      REQUIRE_MESSAGE(run.ok(), (run.ok() ? "" : run.error().message));
      CHECK(Diagnostics(*run) == "");
      REQUIRE(run->report.findings.size() == 1);
      CHECK(Impacts(run->report.findings[0]) == row.impacts);
    }
  }
}

TEST_CASE("a model named like its source in another database reads the source, not itself") {
  test::GitRepo repo;
  WriteProject(repo, "databases", "target: {database: analytics}\nwarehouse:\n  mirrors:\n    app: public\n");
  Result<engine::CheckRun> run = CheckChange(repo, "ALTER TABLE orders DROP COLUMN status;\n");
  REQUIRE(run.ok());
  CHECK(Diagnostics(*run) == "");
  REQUIRE(run->report.findings.size() == 1);
  const ir::Finding& f = run->report.findings[0];
  CHECK(Impacts(f) == "app.orders(status)[model] ");
  CHECK(Join(f.impacts[0].path) == "public.orders.status raw.app.orders.status app.orders.status");
}

}  // namespace ds
