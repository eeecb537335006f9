// ParseAnalyticsSql: the analytics side's SQL in the warehouse's dialect, as ops spanned like
// libpg_query's (file:line:col of the statement, query offsets through the file's SourceText).
#include <doctest/doctest.h>

#include <string>
#include <variant>

#include "parsers/sql/parse_sql.h"
#include "parsers/views/analytics_sql.h"
#include "src/ir/op_format.h"

namespace ds::views {
namespace {

const dialect::Dialect& D(const char* name) {
  const dialect::Dialect* dialect = dialect::DialectByName(name);
  REQUIRE(dialect != nullptr);
  return *dialect;
}

std::string At(const ir::SourceSpan& span) {
  return span.file + ":" + std::to_string(span.line) + ":" + std::to_string(span.column);
}

std::string Ops(const ir::ParsedFile& parsed) {
  std::string out;
  for (const ir::SchemaOp& op : parsed.ops) out += At(op.span) + " " + ir::FormatOp(op) + "\n";
  return out;
}

std::string Diagnostics(const ir::ParsedFile& parsed) {
  std::string out;
  for (const ir::Diagnostic& d : parsed.diagnostics) {
    out += At(d.span) + " [" + ir::DiagCodeName(d.code) + "] " + d.message + "\n";
  }
  return out;
}

}  // namespace

TEST_CASE("a Snowflake script: views and tables as ops, other statements passed over") {
  const std::string sql =
      "use schema analytics;\n"
      "create or replace secure view analytics.v (user_id, contact) copy grants as\n"
      "  select id, email from public.users qualify row_number() over (partition by id order by id) = 1;\n"
      "grant select on view analytics.v to role reporter;\n"
      "create or replace transient table analytics.t as select id from analytics.v;\n"
      "comment on view analytics.v is 'x';\n";
  ir::ParsedFile parsed = ParseAnalyticsSql("views/v.sql", sql, D("snowflake"));
  CHECK(Diagnostics(parsed) == "");
  REQUIRE(parsed.ops.size() == 2);
  CHECK(At(parsed.ops[0].span) == "views/v.sql:2:1");
  CHECK(At(parsed.ops[1].span) == "views/v.sql:5:1");
  const auto& view = std::get<ir::CreateView>(parsed.ops[0].op);
  CHECK(view.view.ToString() == "analytics.v");
  CHECK(view.column_names == std::vector<std::string>{"user_id", "contact"});
  CHECK(view.or_replace);
  CHECK(view.source == parsed.source);
  REQUIRE(view.query != nullptr);
  REQUIRE(view.query->qualify != nullptr);
  CHECK(At(parsed.source->SpanAt(view.query->targets[1].expr.offset)) == "views/v.sql:3:14");  // email
  const auto& table = std::get<ir::CreateTable>(parsed.ops[1].op);
  CHECK(table.table.ToString() == "analytics.t");
  REQUIRE(table.as_query != nullptr);
  CHECK(table.source == parsed.source);
}

TEST_CASE("a statement our parser cannot read is a diagnostic, read partly; the others are read fully") {
  const std::string sql =
      "CREATE VIEW `analytics.a` AS SELECT 1 AS one;\n"
      "CREATE VIEW analytics.b AS SELECT id,, name FROM `p.raw.users`;\n"
      "CREATE VIEW analytics.c AS SELECT id FROM `p.raw.users`;\n";
  ir::ParsedFile parsed = ParseAnalyticsSql("v.sql", sql, D("bigquery"));
  CHECK(Diagnostics(parsed) == "v.sql:2:38 [syntax-error] could not parse: syntax error at or near \",\"\n");
  REQUIRE(parsed.ops.size() == 3);
  CHECK(std::get<ir::CreateView>(parsed.ops[0].op).view.ToString() == "analytics.a");
  const auto& b = std::get<ir::CreateView>(parsed.ops[1].op);
  CHECK(b.view.ToString() == "analytics.b");
  CHECK(b.query->salvaged);
  CHECK(At(parsed.ops[1].span) == "v.sql:2:1");
  REQUIRE(b.query->from.size() == 1);
  CHECK(b.query->from[0].relation.ToString() == "raw.users");
  CHECK(std::get<ir::CreateView>(parsed.ops[2].op).view.ToString() == "analytics.c");
  CHECK_FALSE(std::get<ir::CreateView>(parsed.ops[2].op).query->salvaged);
}

TEST_CASE("SQL embedded at a line of a file (a dbt model behind its CREATE VIEW prefix)") {
  const std::string sql = "CREATE VIEW analytics.m AS\nselect id,\n  v:a.b::string as b from raw.t\nqualify x = 1 and";
  ir::ParsedFile parsed = ParseAnalyticsSql("models/m.sql", sql, D("snowflake"), 0, 1);
  REQUIRE(parsed.ops.size() == 1);  // read partly
  CHECK(std::get<ir::CreateView>(parsed.ops[0].op).query->salvaged);
  CHECK(Diagnostics(parsed) == "models/m.sql:3:18 [syntax-error] could not parse: syntax error at end of input\n");
}

TEST_CASE("postgres: libpg_query first, our parser for PostgreSQL 16 syntax it refuses") {
  const std::string sql =
      "CREATE VIEW analytics.a AS SELECT 1 AS one;\n"
      "CREATE VIEW analytics.recent AS\n"
      "  SELECT id FROM (SELECT id FROM public.users WHERE id > 0);\n"
      "GRANT SELECT ON analytics.recent TO reporter;\n";
  ir::ParsedFile parsed = ParseAnalyticsSql("v.sql", sql, dialect::Postgres());
  CHECK(Diagnostics(parsed) == "");
  CHECK(Ops(parsed) ==
        "v.sql:1:1 " + ir::FormatOp(parsed.ops.at(0)) + "\n" +
        "v.sql:2:1 " + ir::FormatOp(parsed.ops.at(1)) + "\n");
  const auto& recent = std::get<ir::CreateView>(parsed.ops.at(1).op);
  CHECK(recent.view.ToString() == "analytics.recent");
  CHECK(recent.source == parsed.source);
  REQUIRE(recent.query->from.size() == 1);
  CHECK(recent.query->from[0].kind == ir::FromItem::Kind::kSubquery);
}

TEST_CASE("postgres: what PostgreSQL does not accept keeps libpg_query's exact message") {
  struct Row {
    const char* name;
    const char* sql;
    const char* diagnostic;
    bool salvaged;  ///< a view it creates is still read, partly
  };
  const Row rows[] = {
      {"QUALIFY is no PostgreSQL", "CREATE VIEW v AS SELECT id FROM users\nQUALIFY row_number() OVER () = 1;\n",
       "v.sql:2:9 [syntax-error] could not parse: syntax error at or near \"row_number\"\n", true},
      {"a typo our parser would pass over", "SELEC id FROM users;\n",
       "v.sql:1:1 [syntax-error] could not parse: syntax error at or near \"SELEC\"\n", false},
      {"backticks", "CREATE VIEW v AS SELECT `id` FROM users;\n",
       "v.sql:1:30 [syntax-error] could not parse: syntax error at or near \"FROM\"\n", true},
  };
  for (const Row& row : rows) {
    SUBCASE(row.name) {
      ir::ParsedFile parsed = ParseAnalyticsSql("v.sql", row.sql, dialect::Postgres());
      CAPTURE(Ops(parsed));
      REQUIRE(parsed.ops.size() == (row.salvaged ? 1u : 0u));
      if (row.salvaged) CHECK(std::get<ir::CreateView>(parsed.ops[0].op).query->salvaged);
      CHECK(Diagnostics(parsed) == row.diagnostic);
    }
  }
}

TEST_CASE("postgres: what libpg_query reads is exactly ParseSqlFile's") {
  const std::string sql = "CREATE VIEW v AS SELECT a, b FROM t;\nCREATE MATERIALIZED VIEW m AS SELECT a FROM v;\n";
  ir::ParsedFile ours = ParseAnalyticsSql("v.sql", sql, dialect::Postgres());
  ir::ParsedFile theirs = parsers::ParseSqlFile("v.sql", sql);
  CHECK(Ops(ours) == Ops(theirs));
  CHECK(Diagnostics(ours) == Diagnostics(theirs));
}

TEST_CASE("a SQL migration: PostgreSQL 16's subquery without an alias in CREATE TABLE AS is read (lemmy)") {
  const std::string sql =
      "CREATE TABLE comment_actions AS\n"
      "  SELECT person_id, comment_id FROM (SELECT person_id, comment_id FROM comment_like);\n"
      "ALTER TABLE comment_actions ADD COLUMN liked timestamptz;\n"
      "ALTER TABLE comment_actions ADD COLUMN oops int FROBNICATE;\n";
  ir::ParsedFile parsed = ParseSqlMigration("up.sql", sql);
  REQUIRE(parsed.ops.size() == 2);
  const auto& table = std::get<ir::CreateTable>(parsed.ops[0].op);
  CHECK(table.table.ToString() == "comment_actions");
  REQUIRE(table.as_query != nullptr);
  CHECK(table.as_query->from.at(0).kind == ir::FromItem::Kind::kSubquery);
  CHECK(At(parsed.ops[0].span) == "up.sql:1:1");
  CHECK(At(parsed.ops[1].span) == "up.sql:3:1");
  // Only relations are read so: another refused statement keeps libpg_query's exact error.
  CHECK(Diagnostics(parsed) == "up.sql:4:49 [syntax-error] could not parse: syntax error at or near \"FROBNICATE\"\n");
}

}  // namespace ds::views
