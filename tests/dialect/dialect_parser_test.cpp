// Unit tests of our own SQL frontend: dialects by name, identifier folding, the shapes the
// warehouse constructs take in the IR, and bad input (file:line:col diagnostics, nesting bound).
#include <doctest/doctest.h>

#include <string>

#include "parsers/dialect/parse_query.h"
#include "src/ir/limits.h"

namespace ds::dialect {
namespace {

const Dialect& D(const char* name) {
  const Dialect* dialect = DialectByName(name);
  REQUIRE(dialect != nullptr);
  return *dialect;
}

std::shared_ptr<const ir::Query> Parse(const char* dialect, const std::string& sql) {
  QueryParse parsed = ParseDialectQuery(sql, D(dialect));
  INFO(dialect << ": " << sql << " -> " << parsed.diagnostic.message);
  REQUIRE(parsed.ok());
  return parsed.query;
}

TEST_CASE("dialects by name, and their aliases") {
  CHECK(D("Snowflake").kind == DialectKind::kSnowflake);
  CHECK(D("spark").kind == DialectKind::kDatabricks);
  CHECK(D("athena").kind == DialectKind::kTrino);
  CHECK(D("postgresql").kind == DialectKind::kPostgres);
  CHECK(DialectByName("oracle") == nullptr);
  CHECK(D("snowflake").lateral_aliases);
  CHECK_FALSE(D("bigquery").lateral_aliases);
  CHECK(D("bigquery").date_part_last);
}

TEST_CASE("identifiers fold as the warehouse folds them, in the catalog's spelling") {
  struct Case {
    const char* dialect;
    const char* raw;
    bool quoted;
    const char* canonical;
  };
  const Case cases[] = {
      {"postgres", "Email", false, "email"},   {"postgres", "Email", true, "Email"},
      {"snowflake", "Email", false, "email"},  {"snowflake", "EMAIL", true, "email"},
      {"snowflake", "Email", true, "Email"},   {"bigquery", "Email", true, "email"},
      {"databricks", "Email", true, "email"},  {"redshift", "Email", true, "email"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.dialect);
    CAPTURE(c.raw);
    CHECK(D(c.dialect).Canonical(c.raw, c.quoted) == c.canonical);
  }
}

TEST_CASE("queries every dialect reads") {
  struct Case {
    const char* dialect;
    const char* sql;
  };
  const Case cases[] = {
      {"snowflake", "select a from t qualify row_number() over (partition by b order by c) = 1"},
      {"snowflake", "select v:a.b[0]::string as x, v['k'] from t"},
      {"snowflake", "select f.value from t, lateral flatten(input => t.v:items) f"},
      {"snowflake", "select f.value from t, table(flatten(t.v)) f"},
      {"snowflake", "select listagg(a, ',') within group (order by b) from t"},
      {"snowflake", "select a like any ('x%', 'y%') from t"},
      {"snowflake", "select current_date(), dateadd(day, 1, d) from t"},
      {"snowflake", "select * exclude (a) rename (b as c) from t"},
      {"snowflake", "select * from t at(timestamp => '2024-01-01'::timestamp)"},
      {"snowflake", "select * from t pivot (sum(x) for m in ('JAN', 'FEB')) as p"},
      {"bigquery", "select * except (a) replace (b + 1 as b) from `proj.ds.t`"},
      {"bigquery", "select x, off from t, unnest(t.arr) as x with offset as off"},
      {"bigquery", "select date_diff(a, b, day), safe_cast(c as int64) from t"},
      {"bigquery", "select * from t for system_time as of timestamp_sub(current_timestamp(), interval 1 hour)"},
      {"bigquery", "select struct(a as x, b as y) as s, array_agg(c ignore nulls order by d limit 3) from t"},
      {"databricks", "select c from t lateral view explode(t.arr) e as c"},
      {"databricks", "select transform(arr, x -> x + 1) from t"},
      {"databricks", "select a, count(*) from t group by all"},
      {"trino", "select x from t cross join unnest(t.arr) as u(x)"},
      {"trino", "select 0x1F, \"to\" from t"},
      {"duckdb", "from t select a order by all"},
      {"duckdb", "select * from 'file.csv'"},
      {"duckdb", "select {'a': 1} as s, [1, 2] as l"},
      {"redshift", "select a from t minus select a from u"},
      {"postgres", "select * from (select 1) union all select 2"},
      {"postgres", "select x::numeric(10,2), interval '1 day', date '2024-01-01' from t"},
      {"postgres", "select a from t where b in (select c from u) and exists (select 1)"},
      // Found by the fuzzer: IFF in FROM reads as CASE, a call without a name.
      {"snowflake", "select * from iff(a, b, c), lateral iff(a, b, c) x"},
      {"databricks", "select * from t lateral view if(a, b, c) x as y"},
  };
  for (const Case& c : cases) Parse(c.dialect, c.sql);
}

TEST_CASE("warehouse constructs map onto the IR lineage reads") {
  SUBCASE("QUALIFY keeps its expression") {
    auto query = Parse("snowflake", "select a from t qualify row_number() over (order by b) = 1");
    REQUIRE(query->qualify != nullptr);
    CHECK(query->qualify->kind == ir::ExprKind::kOperator);
  }
  SUBCASE("a semi-structured path is indirection on the column") {
    auto query = Parse("snowflake", "select v:a.b::string from t");
    const ir::Expr& cast = query->targets[0].expr;
    REQUIRE(cast.kind == ir::ExprKind::kCast);
    const ir::Expr& path = cast.args[0];
    CHECK(path.kind == ir::ExprKind::kIndirection);
    CHECK(path.names == std::vector<std::string>{"a", "b"});
    CHECK(path.args[0].names == std::vector<std::string>{"v"});
  }
  SUBCASE("a date part is a constant, not a column") {
    auto query = Parse("snowflake", "select dateadd(day, 1, d) from t");
    CHECK(query->targets[0].expr.args[0].kind == ir::ExprKind::kLiteral);
    CHECK(query->targets[0].expr.args[2].kind == ir::ExprKind::kColumnRef);
    auto last = Parse("bigquery", "select date_trunc(d, month) from t");
    CHECK(last->targets[0].expr.args[1].kind == ir::ExprKind::kLiteral);
  }
  SUBCASE("star modifiers") {
    auto query = Parse("bigquery", "select * except (a, b) replace (c * 2 as c) from t");
    const ir::Expr& star = query->targets[0].expr;
    CHECK(star.Extras().star_except == std::vector<std::string>{"a", "b"});
    REQUIRE(star.Extras().star_replace.size() == 1);
    CHECK(star.Extras().star_replace[0].alias == "c");
  }
  SUBCASE("backticks name project.dataset.table") {
    auto query = Parse("bigquery", "select 1 from `my-proj.Sales.Orders`");
    CHECK(query->from[0].relation.ToString() == "sales.orders");
  }
  SUBCASE("GROUP BY ALL groups by the non-aggregate items") {
    auto query = Parse("duckdb", "select a, b + 1, sum(c) from t group by all");
    CHECK(query->group_by.size() == 2);
  }
  SUBCASE("lambda parameters are not columns") {
    auto query = Parse("databricks", "select transform(arr, x -> x + 1) from t");
    const ir::Expr& body = query->targets[0].expr.args[1];
    CHECK(body.args[0].kind == ir::ExprKind::kLiteral);
  }
  SUBCASE("each call says whether its dialect aggregates it") {
    struct Case {
      const char* dialect;
      const char* sql;
      bool aggregate;
    };
    const Case cases[] = {
        {"postgres", "select sum(a) from t", true},
        {"postgres", "select upper(a) from t", false},
        {"postgres", "select first(a) from t", false},  // a user function, not DuckDB's first
        {"duckdb", "select first(a) from t", true},
        {"duckdb", "select list(a) from t", true},
        {"snowflake", "select median(a) from t", true},
        {"trino", "select arbitrary(a) from t", true},
        {"bigquery", "select row_number() over () from t", false},
    };
    for (const Case& c : cases) {
      CAPTURE(c.sql);
      CHECK(Parse(c.dialect, c.sql)->targets[0].expr.aggregate == c.aggregate);
    }
  }
  SUBCASE("each SELECT block says whether its dialect has lateral column aliases") {
    const std::pair<const char*, bool> cases[] = {
        {"snowflake", true}, {"databricks", true}, {"redshift", true}, {"duckdb", true},
        {"bigquery", false}, {"trino", false},     {"postgres", false}};
    for (const auto& [name, has_aliases] : cases) {
      const char* dialect = name;  // not the binding: clang 14 cannot capture one (CAPTURE)
      bool lateral = has_aliases;
      CAPTURE(dialect);
      auto query = Parse(dialect, "select a as b, b + 1 as c from t union all select 1, 2");
      CHECK(query->larg->lateral_aliases == lateral);
      CHECK(query->rarg->lateral_aliases == lateral);
    }
  }
  SUBCASE("Snowflake folds unquoted names to the catalog's spelling") {
    auto query = Parse("snowflake", "select EMAIL, \"Name\" from PUBLIC.USERS");
    CHECK(query->targets[0].expr.names[0] == "email");
    CHECK(query->targets[1].expr.names[0] == "Name");
    CHECK(query->from[0].relation.ToString() == "public.users");
  }
}

TEST_CASE("bad input is a diagnostic with file:line:col, never a crash") {
  struct Case {
    const char* sql;
    int line;
    int column;
  };
  const Case cases[] = {
      {"select a from", 1, 14},
      {"select a\nfrom t where", 2, 13},
      {"select 'open", 1, 8},
      {"select a from t )", 1, 17},
      {"select (a from t", 1, 11},
      {"select * from t match_recognize (partition by a\n  measures x as y pattern (a b define", 2, 38},
      {"select * from t match_recognize (order by a\n  bogus clause)", 2, 3},
  };
  for (const Case& c : cases) {
    ParseOptions options;
    options.path = "v.sql";
    QueryParse parsed = ParseDialectQuery(c.sql, Postgres(), options);
    CAPTURE(c.sql);
    REQUIRE_FALSE(parsed.ok());
    CHECK(parsed.diagnostic.code == ir::DiagCode::kSyntaxError);
    CHECK(parsed.diagnostic.span.file == "v.sql");
    CHECK(parsed.diagnostic.span.line == c.line);
    CHECK(parsed.diagnostic.span.column == c.column);
  }
}

TEST_CASE("nesting past the bound is a limit diagnostic") {
  std::string deep = "select " + std::string(5000, '(') + "1" + std::string(5000, ')');
  QueryParse parsed = ParseDialectQuery(deep, Postgres());
  REQUIRE_FALSE(parsed.ok());
  CHECK(parsed.diagnostic.code == ir::DiagCode::kLimitExceeded);
  std::string subqueries;
  for (int i = 0; i < 3000; ++i) subqueries += "select * from (";
  QueryParse nested = ParseDialectQuery(subqueries, Postgres());
  REQUIRE_FALSE(nested.ok());
  CHECK(nested.diagnostic.code == ir::DiagCode::kLimitExceeded);
  CHECK(ParseDialectQuery("select " + std::string(100, '(') + "1" + std::string(100, ')'), Postgres()).ok());
}

TEST_CASE("every nesting construct stops at the bound, within the stack (also under ASan)") {
  // Each construct nested N times: a result (a query or a limit diagnostic), never a stack
  // overflow. The fuzzer found one at the old bound (1,000 levels) in the sanitizer build.
  struct Shape {
    const char* open;
    const char* close;
  };
  const Shape shapes[] = {
      {"(", ")"},
      {"(select ", ")"},
      {"f(", ")"},
      {"cast(", " as int)"},
      {"case when ", " then 1 end"},
      {"not ", ""},
      {"- ", ""},
      {"1 + (", ")"},
      {"array[", "]"},
      {"x[", "]"},
      {"coalesce(1, ", ")"},
      {"iff(", ", 1, 2)"},
      {"exists (select ", ")"},
      {"1 in (select ", ")"},
      {"(select * from (select ", ") s)"},
      {"struct(", ")"},
      {"count(*) over (partition by ", ")"},
      {"(", ")::int"},
      {"case ", " when 1 then 2 end"},
  };
  for (const char* dialect : {"postgres", "snowflake", "bigquery", "duckdb"}) {
    for (const Shape& shape : shapes) {
      for (int times : {200, 300, 5000}) {
        std::string sql = "select ";
        for (int i = 0; i < times; ++i) sql += shape.open;
        sql += "1";
        for (int i = 0; i < times; ++i) sql += shape.close;
        QueryParse parsed = ParseDialectQuery(sql, D(dialect));
        CAPTURE(dialect);
        CAPTURE(shape.open);
        CAPTURE(times);
        if (times == 5000) {
          REQUIRE_FALSE(parsed.ok());
          CHECK(parsed.diagnostic.code == ir::DiagCode::kLimitExceeded);
        }
      }
    }
  }
}

TEST_CASE("statements: CREATE VIEW and CREATE TABLE AS in each dialect's wording") {
  struct Case {
    const char* dialect;
    const char* sql;
    DialectStatement::Kind kind;
    const char* name;
  };
  using Kind = DialectStatement::Kind;
  const Case cases[] = {
      {"snowflake", "create or replace secure view analytics.v copy grants comment = 'x' as select 1",
       Kind::kCreateView, "analytics.v"},
      {"bigquery", "create view `p.ds.v` options(description='x') as select 1", Kind::kCreateView, "ds.v"},
      {"databricks", "create or replace table s.t using delta as select 1", Kind::kCreateTableAs, "s.t"},
      {"redshift", "create view v as select 1 with no schema binding", Kind::kCreateView, "v"},
      {"postgres", "create materialized view v (a) as select 1 with no data", Kind::kCreateView, "v"},
      {"postgres", "create table t (id int)", Kind::kOther, ""},
      {"trino", "select 1;", Kind::kQuery, ""},
  };
  for (const Case& c : cases) {
    CAPTURE(c.sql);
    StatementParse parsed = ParseDialectStatement(c.sql, D(c.dialect));
    REQUIRE_MESSAGE(parsed.ok(), parsed.diagnostic.message);
    CHECK(parsed.statement->kind == c.kind);
    CHECK(parsed.statement->name.ToString() == c.name);
  }
  ScriptParse script = ParseDialectScript("create table t (a int);\nselect (;\ncreate view v as select a from t;",
                                          Postgres());
  CHECK(script.statements.size() == 2);
  REQUIRE(script.diagnostics.size() == 1);
  CHECK(script.diagnostics[0].span.line == 2);
}

}  // namespace
}  // namespace ds::dialect
