// Memoisation and transitive lineage: a deep chain of CTEs each read twice stays linear (counted
// in query blocks traced, not in wall time), views on views are traced once, and --transitive
// resolves sources, indirect inputs and references down to base tables.
#include <doctest/doctest.h>

#include <string>

#include "tests/lineage/lineage_fixture.h"

namespace ds::test {
namespace {

// WITH c1 AS (SELECT ... FROM t), c2 AS (SELECT ... FROM c1 a JOIN c1 b ...), ...: each CTE
// reads the previous one twice, so tracing a CTE per use would take 2^depth blocks.
std::string CteChain(int depth) {
  std::string sql = "CREATE TABLE t (id int, v int);\nCREATE VIEW chain AS\nWITH c1 AS (SELECT id, v FROM t)";
  for (int i = 2; i <= depth; ++i) {
    std::string prev = "c" + std::to_string(i - 1);
    sql += ",\n c" + std::to_string(i) + " AS (SELECT a.id, a.v + b.v AS v FROM " + prev + " a JOIN " +
           prev + " b ON b.id = a.id)";
  }
  sql += "\nSELECT id, v FROM c" + std::to_string(depth) + ";\n";
  return sql;
}

TEST_CASE("a chain of 30 CTEs, each read twice, is traced once per block") {
  auto fixture = LoadCatalog("chain.sql", CteChain(30));
  REQUIRE(fixture->diagnostics.empty());
  lineage::LineageEngine engine(fixture->catalog);
  const lineage::ViewLineage* chain = engine.ForView({"public", "chain"});
  REQUIRE(chain != nullptr);
  CHECK(chain->diagnostics.empty());
  // One block per CTE and one for the view's own SELECT: linear, not 2^30.
  CHECK(engine.blocks_traced() == 31);
  REQUIRE(chain->columns.size() == 2);
  REQUIRE(chain->columns[1].sources.size() == 1);
  CHECK(chain->columns[1].sources[0].column == "v");
  CHECK(chain->columns[1].sources[0].transform == lineage::Transform::kTransformation);
  // Asking again, or for a view on it, traces nothing more for it.
  engine.ForView({"public", "chain"});
  CHECK(engine.blocks_traced() == 31);
}

TEST_CASE("views on views are traced once each") {
  std::string sql = "CREATE TABLE t (id int, v int);\nCREATE VIEW v1 AS SELECT id, v FROM t;\n";
  for (int i = 2; i <= 20; ++i) {
    std::string prev = "v" + std::to_string(i - 1);
    sql += "CREATE VIEW v" + std::to_string(i) + " AS SELECT a.id, a.v + b.v AS v FROM " + prev +
           " a JOIN " + prev + " b USING (id);\n";
  }
  auto fixture = LoadCatalog("views.sql", sql);
  REQUIRE(fixture->diagnostics.empty());
  lineage::LineageEngine engine(fixture->catalog);
  REQUIRE(engine.ForView({"public", "v20"}) != nullptr);
  CHECK(engine.blocks_traced() == 20);
  const lineage::ViewLineage* transitive = engine.TransitiveForView({"public", "v20"});
  REQUIRE(transitive != nullptr);
  CHECK(engine.blocks_traced() == 20);
  REQUIRE(transitive->columns.size() == 2);
  REQUIRE(transitive->columns[1].sources.size() == 1);
  CHECK(transitive->columns[1].sources[0].relation.ToString() == "public.t");
}

TEST_CASE("transitive lineage composes transforms and keeps indirect kinds") {
  auto fixture = LoadCatalog("t.sql",
                             "CREATE TABLE users (id int, email text, deleted_at timestamptz);\n"
                             "CREATE VIEW live AS SELECT id, CASE WHEN deleted_at IS NULL THEN email"
                             " END AS email FROM users WHERE id > 0;\n"
                             "CREATE VIEW counted AS SELECT email, count(*) AS n FROM live"
                             " GROUP BY email;\n"
                             "CREATE VIEW upper_counted AS SELECT upper(email) AS e, n FROM counted;\n");
  REQUIRE(fixture->diagnostics.empty());
  lineage::LineageEngine engine(fixture->catalog);
  const lineage::ViewLineage* one_hop = engine.ForView({"public", "upper_counted"});
  REQUIRE(one_hop != nullptr);
  CHECK(LineageLines(*one_hop) == std::vector<std::string>{
                                      "columns: public.upper_counted e, n",
                                      "expect: public.upper_counted.e <- public.counted.email transformation",
                                      "expect: public.upper_counted.n <- public.counted.n identity",
                                      "ref: public.upper_counted: public.counted.email select",
                                      "ref: public.upper_counted: public.counted.n select",
                                      "reads: public.upper_counted public.counted",
                                  });
  const lineage::ViewLineage* deep = engine.TransitiveForView({"public", "upper_counted"});
  REQUIRE(deep != nullptr);
  CHECK(LineageLines(*deep) == std::vector<std::string>{
                                   "columns: public.upper_counted e, n",
                                   "expect: public.upper_counted.e <- public.users.email transformation",
                                   "indirect: public.upper_counted.e <- public.users.deleted_at conditional",
                                   "ref: public.upper_counted: public.users.deleted_at select,group",
                                   "ref: public.upper_counted: public.users.email select,group",
                                   "ref: public.upper_counted: public.users.id select,filter",
                                   "reads: public.upper_counted public.users",
                               });
  CHECK(engine.TransitiveForView({"public", "users"}) == nullptr);
  CHECK(engine.TransitiveForView({"public", "upper_counted"}) == deep);
}

TEST_CASE("an unresolved name is a value: a leaf, a reference and a diagnostic") {
  auto fixture = LoadCatalog("u.sql",
                             "CREATE TABLE users (id int, email text);\n"
                             "CREATE VIEW v AS SELECT id, emial, upper(u.mail) AS m FROM users u;\n");
  lineage::LineageEngine engine(fixture->catalog);
  const lineage::ViewLineage* v = engine.ForView({"public", "v"});
  REQUIRE(v != nullptr);
  REQUIRE(v->columns.size() == 3);
  REQUIRE(v->columns[1].sources.size() == 1);
  CHECK(v->columns[1].sources[0].unresolved);
  CHECK(v->columns[1].sources[0].relation.name.empty());
  REQUIRE(v->columns[2].sources.size() == 1);
  CHECK(v->columns[2].sources[0].unresolved);
  CHECK(v->columns[2].sources[0].relation.ToString() == "public.users");
  CHECK(v->columns[2].sources[0].transform == lineage::Transform::kTransformation);
  CHECK(v->columns[0].sources[0].unresolved == false);
  REQUIRE(v->diagnostics.size() == 2);
  CHECK(v->diagnostics[0].message == "column \"emial\" does not exist; did you mean \"email\"?");
  CHECK(v->diagnostics[1].message == "column u.mail does not exist; did you mean \"email\"?");
}

}  // namespace
}  // namespace ds::test
