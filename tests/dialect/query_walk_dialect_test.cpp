// The one ir::Query walker on the warehouse clauses our frontend adds (QUALIFY, * REPLACE): it
// and the lineage engine must both see the relations read there.
#include <doctest/doctest.h>

#include <set>

#include "src/ir/query_walk.h"
#include "tests/dialect/dialect_fixture.h"

namespace ds::test {
namespace {

TEST_CASE("the walker and the tracer see QUALIFY and * REPLACE subqueries") {
  const std::string text =
      "CREATE TABLE t1 (a int, b int);\n"
      "CREATE TABLE t2 (a int);\n"
      "CREATE TABLE t3 (a int);\n"
      "CREATE VIEW v AS\n"
      "SELECT * REPLACE ((SELECT MAX(a) FROM t2) AS b) FROM t1\n"
      "QUALIFY a > (SELECT MIN(a) FROM t3);\n";
  DialectOps ops = DialectFileOps("walk.sql", text, *dialect::DialectByName("snowflake"));
  std::set<std::string> walked;
  for (const ir::SchemaOp& op : ops.ops) {
    if (const auto* view = std::get_if<ir::CreateView>(&op.op)) {
      REQUIRE(view->query);
      for (const ir::QualifiedName& name : ir::RelationsNamedBy(*view->query)) walked.insert(name.name);
    }
  }
  CHECK(walked == std::set<std::string>{"t1", "t2", "t3"});
  std::vector<std::string> lines = LineageOfOps(ops.ops, ops.diagnostics);
  CHECK(std::find(lines.begin(), lines.end(), "reads: public.v public.t1 public.t2 public.t3") !=
        lines.end());
}

}  // namespace
}  // namespace ds::test
