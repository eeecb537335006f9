// The query converter: views parsed and dumped as S-expressions (FormatQuery), so every join,
// CTE, subquery, star, window, grouping set, lateral item and function in FROM is seen kept.
#include <doctest/doctest.h>

#include <string>
#include <variant>

#include "parsers/sql/parse_sql.h"
#include "src/ir/op_format.h"

namespace ds::parsers {
namespace {

/// The query of the file's only CREATE VIEW, as an S-expression ("" when there is none).
std::string ViewQuery(const std::string& sql) {
  ir::ParsedFile parsed = ParseSqlFile("v.sql", sql);
  if (parsed.ops.size() != 1 || !parsed.diagnostics.empty()) return "";
  const auto* view = std::get_if<ir::CreateView>(&parsed.ops[0].op);
  if (view == nullptr || view->query == nullptr) return "";
  return ir::FormatQuery(*view->query);
}

struct Row {
  const char* name;
  const char* sql;
  const char* expected;
};

const Row kRows[] = {
    {"joins, stars, aggregates, filters, operators, order, limit",
     "CREATE VIEW v1 AS SELECT u.id, u.*, *, count(*) AS n, sum(DISTINCT o.total) FILTER (WHERE o.paid) AS paid\n"
     "FROM public.users AS u LEFT JOIN orders o ON o.user_id = u.id AND o.x > 1\n"
     "JOIN ONLY items USING (item_id) CROSS JOIN c NATURAL FULL JOIN d\n"
     "WHERE u.email LIKE '%@x' AND u.id IN (1, 2, $1) AND u.age BETWEEN 1 AND 9 AND NOT u.banned AND u.deleted_at IS NULL AND u.flag IS NOT TRUE\n"
     "GROUP BY u.id HAVING count(*) > 1 ORDER BY n DESC NULLS LAST LIMIT 10 OFFSET 5;",
     "(select u.id u.* * (as n (fn:count *)) (as paid (fn:sum distinct o.total (filter o.paid))) (from (join:full natural (join:cross (join:inner (join:left (rel public.users as u) (rel orders as o) (on (op:and (op:= o.user_id u.id) (op:> o.x '1')))) (rel items only) (using item_id)) (rel c)) (rel d))) (where (op:and (op:like:~~ u.email '%@x') (op:in:= u.id '1' '2' $1) (op:between u.age '1' '9') (op:not u.banned) (op:is_null u.deleted_at) (op:is_not_true u.flag))) (group u.id) (having (op:> (fn:count *) '1')) (order n) (limit '10') (offset '5'))"},
    {"recursive and plain CTEs, DISTINCT ON",
     "CREATE VIEW v2 AS WITH RECURSIVE t(n) AS (SELECT 1 UNION ALL SELECT n+1 FROM t WHERE n < 5), s AS (SELECT * FROM t) SELECT DISTINCT ON (n) n FROM s;",
     "(with_recursive (t (n) (union_all (select '1') (select (op:+ n '1') (from (rel t)) (where (op:< n '5'))))) (s (select * (from (rel t)))) (select_distinct (on n) n (from (rel s))))"},
    {"subqueries: scalar, EXISTS, ANY, IN, ARRAY, NOT IN",
     "CREATE VIEW v3 AS SELECT a, (SELECT max(b) FROM y WHERE y.a = x.a) AS mb, EXISTS (SELECT 1 FROM z) e, a = ANY (SELECT c FROM w), a IN (SELECT c FROM w2), ARRAY(SELECT 1) FROM x WHERE a NOT IN (SELECT c FROM w3);",
     "(select a (as mb (sublink:expr (select (fn:max b) (from (rel y)) (where (op:= y.a x.a))))) (as e (sublink:exists (select '1' (from (rel z))))) (sublink:any a (select c (from (rel w)))) (sublink:any a (select c (from (rel w2)))) (sublink:array (select '1')) (from (rel x)) (where (op:not (sublink:any a (select c (from (rel w3)))))))"},
    {"windows: inline, named, refined",
     "CREATE VIEW v4 AS SELECT row_number() OVER (PARTITION BY a ORDER BY b ROWS BETWEEN 2 PRECEDING AND CURRENT ROW), rank() OVER w, sum(c) OVER (w ORDER BY d) FROM t WINDOW w AS (PARTITION BY e);",
     "(select (fn:row_number (over (window (partition a) (order b) (frame '2')))) (fn:rank (over (window (ref w)))) (fn:sum c (over (window (ref w) (order d)))) (from (rel t)) (window w (partition e)))"},
    {"grouping sets, rollup, cube",
     "CREATE VIEW v5 AS SELECT a, b, sum(c) FROM t GROUP BY GROUPING SETS ((a, b), a, ()), ROLLUP (a, b), CUBE (b);",
     "(select a b (fn:sum c) (from (rel t)) (group (grouping:sets (row a b) a (grouping:empty)) (grouping:rollup a b) (grouping:cube b)))"},
    {"lateral subquery, functions in FROM, ROWS FROM, column definitions",
     "CREATE VIEW v6 AS SELECT * FROM users u, LATERAL (SELECT * FROM orders o WHERE o.uid = u.id LIMIT 1) lo, LATERAL unnest(u.tags) WITH ORDINALITY AS t(tag, i), ROWS FROM (generate_series(1, 3), json_to_record(u.j) AS (k int, v text)) AS r, json_to_recordset(u.js) AS x(a int, b text);",
     "(select * (from (rel users as u) (subquery (select * (from (rel orders as o)) (where (op:= o.uid u.id)) (limit '1')) lateral as lo) (function (fn:unnest u.tags) ordinality lateral as t (tag i)) (function (fn:generate_series '1' '3') (fn:json_to_record u.j) (coldefs k:integer v:text) as r) (function (fn:json_to_recordset u.js) (coldefs a:integer b:text) as x)))"},
    {"expressions: case, casts, rows, arrays, indirection, coalesce and friends",
     "CREATE VIEW v7 AS SELECT CASE WHEN a > 0 THEN b ELSE c END, CASE d WHEN 1 THEN e END, a::text, CAST(b AS numeric(10,2)), ROW(a, b), (a, b), ARRAY[a, b], (c).f, arr[1], arr[2:3], coalesce(a, b), nullif(a, b), greatest(a, b), current_date, x COLLATE \"C\", percentile_cont(0.5) WITHIN GROUP (ORDER BY a), string_agg(b, ',' ORDER BY c), f(a => d), (j->'k')::int, 'lit', 1.5, true, NULL FROM t;",
     "(select (case (op:> a '0') b c) (case d '1' e) (cast:text a) (cast:numeric(10,2) b) (row a b) (row a b) (array a b) (ind:f c) (ind arr '1') (ind arr '2' '3') (other:coalesce a b) (other:nullif a b) (other:greatest a b) (other:current_date) (other:collate x) (fn:percentile_cont '0.5' (within_group a)) (fn:string_agg b ',' (order c)) (fn:f d) (cast:integer (op:-> j 'k')) 'lit' '1.5' 'true' 'NULL' (from (rel t)))"},
    {"set operations with ORDER BY",
     "CREATE VIEW v8 AS SELECT a FROM t1 UNION SELECT a FROM t2 EXCEPT ALL SELECT a FROM t3 ORDER BY 1;",
     "(except_all (union (select a (from (rel t1))) (select a (from (rel t2)))) (select a (from (rel t3))) (order '1'))"},
    {"VALUES",
     "CREATE VIEW v9 AS VALUES (1, 'a'), (2, x);",
     "(values (row '1' 'a') (row '2' x))"},
    {"GROUPING() function",
     "CREATE VIEW v10 AS SELECT grouping(a), a FROM t GROUP BY ROLLUP(a);",
     "(select (other:grouping a) a (from (rel t)) (group (grouping:rollup a)))"},
    {"XMLTABLE and TABLESAMPLE",
     "CREATE VIEW v11 AS SELECT * FROM xmltable('/r' PASSING t.doc COLUMNS id int PATH '@id', n FOR ORDINALITY) AS x, t TABLESAMPLE SYSTEM (10);",
     "(select * (from (function (other:xmltable t.doc '/r' (other:RangeTableFuncCol '@id') (other:RangeTableFuncCol)) (coldefs id:integer n:integer) as x) (rel t)))"},
    {"qualified star and JOIN ON TRUE",
     "CREATE VIEW v12 AS SELECT t.* FROM s.t JOIN u ON true;",
     "(select t.* (from (join:inner (rel s.t) (rel u) (on 'true'))))"},
};

}  // namespace

TEST_CASE("query converter keeps every clause") {
  for (const Row& row : kRows) {
    SUBCASE(row.name) { CHECK(ViewQuery(row.sql) == row.expected); }
  }
}

}  // namespace ds::parsers
