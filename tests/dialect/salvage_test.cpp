// A statement no parser reads is still read partly (issue #12: nothing drops out): a CREATE VIEW
// or CREATE TABLE AS that fails keeps its name, the relations after FROM and JOIN (not its CTE
// names, not table functions) and every identifier, as a salvaged query.
#include <doctest/doctest.h>

#include <algorithm>
#include <string>

#include "parsers/dialect/parse_query.h"

namespace ds::dialect {
namespace {

std::string Relations(const ir::Query& query) {
  std::string out;
  for (const ir::FromItem& item : query.from) out += (out.empty() ? "" : " ") + item.relation.ToString();
  return out;
}

bool Names(const ir::Query& query, const std::string& name) {
  return std::any_of(query.salvaged_names.begin(), query.salvaged_names.end(),
                     [&](const ir::Expr& e) { return e.names.front() == name; });
}

TEST_CASE("a view that fails to parse is salvaged with its relations and names") {
  const std::string sql =
      "create or replace view analytics.v as\n"
      "with recent as (select * from raw.orders where ts > 1)\n"
      "select o.id, u.EMAIL ??? from recent o join raw.users u on u.id = o.user_id, lateral flatten(o.items) f;\n"
      "create view analytics.w as select 1 as one;\n";
  ScriptParse script = ParseDialectScript(sql, *DialectByName("snowflake"));
  REQUIRE(script.diagnostics.size() == 1);
  CHECK(script.diagnostics[0].code == ir::DiagCode::kSyntaxError);
  REQUIRE(script.statements.size() == 2);
  const DialectStatement& v = script.statements[0];
  CHECK(v.kind == DialectStatement::Kind::kCreateView);
  CHECK(v.name.ToString() == "analytics.v");
  REQUIRE(v.query);
  CHECK(v.query->salvaged);
  CHECK(v.query->targets.empty());
  CHECK(Relations(*v.query) == "raw.orders raw.users");  // not the CTE `recent`, not flatten
  CHECK(Names(*v.query, "email"));  // folded as the dialect folds (Snowflake's EMAIL is email)
  CHECK(Names(*v.query, "user_id"));
  CHECK(v.end_offset == sql.find(";\ncreate view analytics.w"));
  CHECK_FALSE(script.statements[1].query->salvaged);  // the next statement is read fully
}

TEST_CASE("FROM lists with aliases and commas; BigQuery's one-pair-of-backticks names") {
  const std::string sql =
      "CREATE VIEW `proj.mart.v` AS SELECT a FROM `proj.raw.t1` AS x, raw.t2 y, t3 WHERE !!! ";
  ScriptParse script = ParseDialectScript(sql, *DialectByName("bigquery"));
  REQUIRE(script.statements.size() == 1);
  CHECK(script.statements[0].name.ToString() == "mart.v");
  CHECK(Relations(*script.statements[0].query) == "raw.t1 raw.t2 t3");
}

TEST_CASE("what is not a view or table AS a query is not salvaged") {
  for (const char* sql : {"select id,, from users", "create view ,, as select 1"}) {
    CAPTURE(sql);
    ScriptParse script = ParseDialectScript(sql, *DialectByName("snowflake"));
    CHECK(script.statements.empty());
    CHECK(script.diagnostics.size() == 1);
  }
}

TEST_CASE("one statement: the salvaged statement beside the diagnostic") {
  const std::string sql = "CREATE VIEW v AS SELECT id FROM users WHERE id = ANY ??? ";
  StatementParse parsed = ParseDialectStatement(sql, Postgres());
  CHECK_FALSE(parsed.ok());
  REQUIRE(parsed.salvaged);
  CHECK(parsed.salvaged->name.name == "v");
  CHECK(Relations(*parsed.salvaged->query) == "users");
  CHECK(parsed.salvaged->end_offset == sql.size());
}

TEST_CASE("an unterminated quote: what precedes it is salvaged") {
  StatementParse parsed = ParseDialectStatement("CREATE VIEW v AS SELECT id FROM users WHERE a = 'open", Postgres());
  CHECK_FALSE(parsed.ok());
  REQUIRE(parsed.salvaged);
  CHECK(Relations(*parsed.salvaged->query) == "users");
}

TEST_CASE("the names kept are bounded") {
  std::string sql = "CREATE VIEW v AS SELECT ";
  for (int i = 0; i < 10000; ++i) sql += "c" + std::to_string(i) + ", ";
  sql += "??? FROM t";
  StatementParse parsed = ParseDialectStatement(sql, Postgres());
  REQUIRE(parsed.salvaged);
  CHECK(parsed.salvaged->query->salvaged_names.size() == 4096);
}

}  // namespace
}  // namespace ds::dialect
