// SQL nested 10,000 levels deep (subqueries, parentheses, operator chains, CASE, CTE chains) and
// 10,000 views each on the previous: a diagnostic each, no stack overflow, bounded time and
// memory, and the rest of the analysis goes on (a plain view still breaks).
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "tests/hostile/hostile.h"
#include "tests/support/git_repo.h"

namespace ds {
namespace {

std::string Repeat(const std::string& s, int n) {
  std::string out;
  out.reserve(s.size() * n);
  for (int i = 0; i < n; ++i) out += s;
  return out;
}

std::string Subqueries(int n) {
  std::string sql = "SELECT id, email FROM users";
  for (int i = 0; i < n; ++i) sql = "SELECT id, email FROM (" + sql + ") s" + std::to_string(i);
  return "CREATE VIEW deep AS " + sql + ";\n";
}

std::string ViewChain(int n) {
  // v_00000 is the deepest and the first by name: tracing starts at the bottom of the stack.
  std::string sql;
  char name[16], next[16];
  for (int i = 0; i < n; ++i) {
    std::snprintf(name, sizeof name, "v_%05d", i);
    std::snprintf(next, sizeof next, "v_%05d", i + 1);
    sql += std::string("CREATE VIEW ") + name + " AS SELECT id, email FROM " + (i == n - 1 ? "users" : next) + ";\n";
  }
  return sql;
}

std::string CteChain(int n) {
  std::string sql = "CREATE VIEW deep AS WITH a0 AS (SELECT id, email FROM users)";
  for (int i = 1; i < n; ++i) {
    sql += ",\n a" + std::to_string(i) + " AS (SELECT id, email FROM a" + std::to_string(i - 1) + ")";
  }
  return sql + "\nSELECT id, email FROM a" + std::to_string(n - 1) + ";\n";
}

}  // namespace

TEST_CASE("nested 10,000 deep: a diagnostic, no crash, the rest goes on") {
  const int n = 10000;
  struct Row {
    std::string name;
    std::string sql;
    std::string says;  ///< in a diagnostic about analytics/views/deep.sql; empty: traced fine
  };
  const Row rows[] = {
      {"subqueries", Subqueries(n), "could not parse"},
      {"parentheses", "CREATE VIEW deep AS SELECT id, " + Repeat("(", n) + "email" + Repeat(")", n) + " AS e FROM users;\n",
       "could not parse"},
      {"operator chain", "CREATE VIEW deep AS SELECT id, " + Repeat("id + ", n) + "1 AS e FROM users;\n",
       "nested too deeply"},
      {"concatenation chain", "CREATE VIEW deep AS SELECT " + Repeat("email || ", n) + "'' AS e FROM users;\n",
       "nested too deeply"},
      {"CASE", "CREATE VIEW deep AS SELECT " + Repeat("CASE WHEN id > 0 THEN ", n) + "email" + Repeat(" END", n) +
                   " AS e FROM users;\n", "could not parse"},
      {"function calls", "CREATE VIEW deep AS SELECT " + Repeat("coalesce(", n) + "email" + Repeat(")", n) +
                             " AS e FROM users;\n", "could not parse"},
      {"CTE chain", CteChain(n), ""},
      {"views on views", ViewChain(n), "nested more than 256 deep"},
  };
  for (const Row& row : rows) {
    SUBCASE(row.name.c_str()) {
      test::GitRepo repo;
      repo.Write("db/migrations/V1__init.sql", "CREATE TABLE users (id bigint, email text);\n");
      repo.Write("analytics/views/contacts.sql", "CREATE VIEW contacts AS SELECT id, email FROM users;\n");
      repo.Write("analytics/views/deep.sql", row.sql);
      repo.Commit("base");
      repo.Write("db/migrations/V2__drop.sql", "ALTER TABLE users DROP COLUMN email;\n");
      repo.Commit("head");
      test::Bounded run = test::RunBounded("check --repo " + repo.path() + " --base HEAD~1 --format json", 120, 1536);
      CAPTURE(run.err);
      REQUIRE(run.status == 1);  // a finding, no crash (134, 139), no timeout (124)
      nlohmann::json report = nlohmann::json::parse(run.out);
      REQUIRE(report["findings"].size() == 1);
      std::vector<std::string> impacted;
      for (const auto& impact : report["findings"][0]["impacts"]) impacted.push_back(impact["view"]);
      CHECK(std::find(impacted.begin(), impacted.end(), "public.contacts") != impacted.end());
      if (!row.says.empty()) {
        bool said = false;
        for (const auto& d : report["diagnostics"]) {
          said = said || (d["file"] == "analytics/views/deep.sql" &&
                          d["message"].get<std::string>().find(row.says) != std::string::npos);
        }
        CHECK(said);
      }
      if (row.name == "views on views") {
        // The 256 views nearest the table are traced; the deeper ones are said, not crashed on.
        CHECK(impacted.size() >= 257);
        CHECK(impacted.size() < 1000);
      }
    }
  }
}

TEST_CASE("near miss: nesting a real project could have is traced") {
  test::GitRepo repo;
  repo.Write("db/migrations/V1__init.sql", "CREATE TABLE users (id bigint, email text);\n");
  std::string sql = "CREATE VIEW deep AS SELECT id, " + Repeat("id + ", 500) + "1 AS e, " + Repeat("coalesce(", 300) +
                    "email" + Repeat(")", 300) + " AS m FROM (" + Subqueries(100).substr(20);
  sql.pop_back();
  sql.pop_back();
  sql += ") s;\n" + ViewChain(200);
  repo.Write("analytics/views/deep.sql", sql);
  repo.Commit("base");
  repo.Write("db/migrations/V2__drop.sql", "ALTER TABLE users DROP COLUMN email;\n");
  repo.Commit("head");
  engine::CheckRun run = test::CheckLastCommit(repo.path());
  CAPTURE(test::DiagnosticLines(run));
  CHECK(run.report.diagnostics.empty());
  REQUIRE(run.report.findings.size() == 1);
  CHECK(run.report.findings[0].impacts.size() == 201);  // deep and v_00000 ... v_00199
}

}  // namespace ds
