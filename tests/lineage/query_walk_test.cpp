// The one ir::Query walker (src/ir/query_walk.h) against the lineage engine: a subquery in every
// clause, each naming its own table. The walker (relation listing for the catalog, view order and
// lea) and the tracer must both see every one, so neither can drift from the other.
#include <doctest/doctest.h>

#include <set>

#include "src/ir/query_walk.h"
#include "tests/lineage/lineage_fixture.h"

namespace ds::test {
namespace {

TEST_CASE("the walker and the tracer see a subquery in every clause") {
  std::string tables;
  for (int i = 0; i <= 13; ++i) tables += "CREATE TABLE t" + std::to_string(i) + " (a int);\n";
  auto fixture = LoadCatalog(
      "walk.sql",
      tables +
          "CREATE VIEW v AS\n"
          "WITH c AS (SELECT a FROM t1)\n"
          "SELECT (SELECT max(a) FROM t2) AS x, c.a,\n"
          "       sum(t0.a) FILTER (WHERE EXISTS (SELECT 1 FROM t3)) OVER w AS s\n"
          "FROM t0 JOIN c ON EXISTS (SELECT 1 FROM t4),\n"
          "     LATERAL generate_series(1, (SELECT max(a) FROM t5)) AS g\n"
          "WHERE t0.a IN (SELECT a FROM t6)\n"
          "GROUP BY t0.a, c.a, (SELECT 1 FROM t7 LIMIT 1)\n"
          "HAVING count(*) > (SELECT count(*) FROM t8)\n"
          "WINDOW w AS (ORDER BY (SELECT 1 FROM t9 LIMIT 1))\n"
          "UNION ALL SELECT a, a, a FROM t10\n"
          "ORDER BY 1\n"
          "LIMIT (SELECT 1 FROM t11 LIMIT 1) OFFSET (SELECT 0 FROM t12 LIMIT 1);\n");
  const catalog::View* view = fixture->catalog.FindView({"public", "v"});
  REQUIRE(view != nullptr);
  REQUIRE(view->query);
  std::set<std::string> walked;
  for (const ir::QualifiedName& name : ir::RelationsNamedBy(*view->query)) walked.insert(name.name);
  lineage::LineageEngine engine(fixture->catalog);
  const lineage::ViewLineage* lineage = engine.ForView({"public", "v"});
  REQUIRE(lineage != nullptr);
  std::set<std::string> traced;
  for (const ir::QualifiedName& name : lineage->relations) traced.insert(name.name);
  std::set<std::string> expected;
  for (int i = 0; i <= 12; ++i) expected.insert("t" + std::to_string(i));
  CHECK(walked == expected);  // c is a CTE, not a relation; t13 is not read
  CHECK(traced == expected);
}

TEST_CASE("a plain WITH sees only earlier CTE names, a recursive one all of them") {
  auto fixture = LoadCatalog("cte.sql",
                             "CREATE TABLE b (a int);\n"
                             "CREATE VIEW v AS WITH x AS (SELECT a FROM b), b AS (SELECT a FROM x)\n"
                             "  SELECT a FROM b;\n");
  const catalog::View* view = fixture->catalog.FindView({"public", "v"});
  REQUIRE(view != nullptr);
  std::vector<ir::QualifiedName> names = ir::RelationsNamedBy(*view->query);
  REQUIRE(names.size() == 1);  // the table b, read by x before the CTE b exists
  CHECK(names[0].name == "b");
}

}  // namespace
}  // namespace ds::test
