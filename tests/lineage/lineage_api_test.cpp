// The engine's small API: usage and transform names, memoised ForView, QueryShape for
// CREATE TABLE AS (through the catalog's injected shape function).
#include <doctest/doctest.h>

#include "tests/lineage/lineage_fixture.h"

namespace ds::test {
namespace {

TEST_CASE("UsageNames lists bits in INTERFACE.md order") {
  struct Row {
    const char* name;
    uint8_t bits;
    std::vector<std::string> expected;
  };
  const Row rows[] = {
      {"none", 0, {}},
      {"select", lineage::kSelect, {"select"}},
      {"all", 0x3f, {"select", "filter", "join", "group", "order", "window"}},
      {"order before window", lineage::kWindow | lineage::kOrder, {"order", "window"}},
      {"filter and join", lineage::kJoin | lineage::kFilter, {"filter", "join"}},
  };
  for (const Row& row : rows) {
    SUBCASE(row.name) { CHECK(lineage::UsageNames(row.bits) == row.expected); }
  }
}

TEST_CASE("TransformName") {
  CHECK(std::string(lineage::TransformName(lineage::Transform::kIdentity)) == "identity");
  CHECK(std::string(lineage::TransformName(lineage::Transform::kTransformation)) == "transformation");
  CHECK(std::string(lineage::TransformName(lineage::Transform::kAggregation)) == "aggregation");
}

TEST_CASE("ForView is memoised and answers null for what is not a view") {
  auto fixture = LoadCatalog("v.sql",
                             "CREATE TABLE users (id int, email text);\n"
                             "CREATE VIEW v AS SELECT id FROM users;\n");
  REQUIRE(fixture->diagnostics.empty());
  lineage::LineageEngine engine(fixture->catalog);
  const lineage::ViewLineage* first = engine.ForView({"public", "v"});
  REQUIRE(first != nullptr);
  CHECK(engine.ForView({"public", "v"}) == first);
  CHECK(first->span.line == 2);
  CHECK(engine.ForView({"public", "users"}) == nullptr);
  CHECK(engine.ForView({"public", "nosuch"}) == nullptr);
}

TEST_CASE("CREATE TABLE AS takes its columns from QueryShape") {
  auto fixture = LoadCatalog("ctas.sql",
                             "CREATE TABLE users (id int, email text, name varchar(20));\n"
                             "CREATE TABLE snapshot AS\n"
                             "  SELECT u.id, email AS contact, upper(name), count(*) OVER () AS n\n"
                             "  FROM users u;\n"
                             "CREATE VIEW later AS SELECT contact FROM snapshot;\n");
  REQUIRE(fixture->diagnostics.empty());
  const catalog::Table* snapshot = fixture->catalog.FindTable({"public", "snapshot"});
  REQUIRE(snapshot != nullptr);
  std::vector<std::string> columns;
  for (const catalog::Column& column : snapshot->columns) {
    columns.push_back(column.name + ":" + column.type);
  }
  // Columns passed through keep their type; computed ones are not typed by lineage.
  CHECK(columns == std::vector<std::string>{"id:integer", "contact:text", "upper:", "n:"});
  lineage::LineageEngine engine(fixture->catalog);
  const lineage::ViewLineage* later = engine.ForView({"public", "later"});
  REQUIRE(later != nullptr);
  REQUIRE(later->columns.size() == 1);
  REQUIRE(later->columns[0].sources.size() == 1);
  CHECK(later->columns[0].sources[0].relation.ToString() == "public.snapshot");
}

}  // namespace
}  // namespace ds::test
