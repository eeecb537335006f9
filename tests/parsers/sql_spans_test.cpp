// Where things are: op spans, query offsets (also after a syntax error and in embedded SQL),
// the shared SourceText, and parsing from several threads at once.
#include <doctest/doctest.h>

#include <string>
#include <thread>
#include <variant>
#include <vector>

#include "parsers/sql/parse_sql.h"
#include "src/ir/op_format.h"

namespace ds::parsers {
namespace {

const ir::CreateView& OnlyView(const ir::ParsedFile& parsed) {
  REQUIRE(parsed.ops.size() >= 1);
  const auto* view = std::get_if<ir::CreateView>(&parsed.ops.back().op);
  REQUIRE(view != nullptr);
  REQUIRE(view->query != nullptr);
  return *view;
}

std::string At(const ir::SourceSpan& span) {
  return span.file + ":" + std::to_string(span.line) + ":" + std::to_string(span.column);
}

}  // namespace

TEST_CASE("embedded SQL maps to the host file's line and column") {
  ir::ParsedFile parsed =
      ParseEmbeddedSql("migrations/0002.py", "ALTER TABLE a DROP COLUMN b;\n  DROP TABLE c;", 10, 17);
  REQUIRE(parsed.ops.size() == 2);
  CHECK(At(parsed.ops[0].span) == "migrations/0002.py:10:17");
  CHECK(At(parsed.ops[1].span) == "migrations/0002.py:11:3");
}

TEST_CASE("embedded SQL with a syntax error points into the host file") {
  ir::ParsedFile parsed = ParseEmbeddedSql("m.rb", "DROP TABLEX c;", 4, 9);
  REQUIRE(parsed.diagnostics.size() == 1);
  CHECK(At(parsed.diagnostics[0].span) == "m.rb:4:14");
  CHECK(parsed.diagnostics[0].message == "could not parse: syntax error at or near \"TABLEX\"");
}

TEST_CASE("query offsets are file offsets, mapped by the file's SourceText") {
  struct Row {
    const char* name;
    const char* sql;
    const char* second_target;  // where the second select-list item starts
  };
  const Row rows[] = {
      {"plain", "-- c\nCREATE VIEW v AS\nSELECT a,\n  b FROM t;", "v.sql:4:3"},
      {"after a syntax error", "CREATE TABLEX x();\nCREATE VIEW v AS SELECT a, b FROM t;",
       "v.sql:2:28"},
      {"second statement on a line", "SELECT 1; CREATE VIEW v AS SELECT a,b FROM t;", "v.sql:1:37"},
  };
  for (const Row& row : rows) {
    SUBCASE(row.name) {
      ir::ParsedFile parsed = ParseSqlFile("v.sql", row.sql);
      const ir::CreateView& view = OnlyView(parsed);
      CHECK(view.source == parsed.source);
      REQUIRE(view.query->targets.size() == 2);
      CHECK(At(view.source->SpanAt(view.query->targets[1].expr.offset)) == row.second_target);
    }
  }
}

TEST_CASE("CREATE TABLE AS shares the file's SourceText") {
  ir::ParsedFile parsed = ParseSqlFile("t.sql", "\nCREATE TABLE t AS SELECT x FROM s;");
  REQUIRE(parsed.ops.size() == 1);
  const auto* create = std::get_if<ir::CreateTable>(&parsed.ops[0].op);
  REQUIRE(create != nullptr);
  REQUIRE(create->as_query != nullptr);
  CHECK(create->source == parsed.source);
  CHECK(At(create->source->SpanAt(create->as_query->targets[0].expr.offset)) == "t.sql:2:26");
  CHECK(ir::FormatQuery(*create->as_query) == "(select x (from (rel s)))");
}

TEST_CASE("several threads parse at once") {
  std::string sql;
  for (int i = 0; i < 50; ++i) {
    std::string n = std::to_string(i);
    sql += "CREATE TABLE t" + n + " (id int, v" + n + " text);\n";
    sql += "CREATE VIEW v" + n + " AS SELECT id FROM t" + n + " WHERE v" + n + " <> '';\n";
    if (i % 10 == 0) sql += "CREATE TABLEX broken;\n";
  }
  auto render = [&] {
    ir::ParsedFile parsed = ParseSqlFile("m.sql", sql);
    std::string out;
    for (const ir::SchemaOp& op : parsed.ops) out += ir::FormatOp(op) + "\n";
    for (const ir::Diagnostic& d : parsed.diagnostics) out += At(d.span) + " " + d.message + "\n";
    return out;
  };
  std::string expected = render();
  std::vector<std::string> results(4);
  std::vector<std::thread> threads;
  for (size_t i = 0; i < results.size(); ++i) {
    threads.emplace_back([&, i] { results[i] = render(); });
  }
  for (std::thread& thread : threads) thread.join();
  for (const std::string& result : results) CHECK(result == expected);
  CHECK(expected.find("create_view v49") != std::string::npos);
}

}  // namespace ds::parsers
