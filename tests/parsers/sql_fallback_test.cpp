// The statement fallback of the PostgreSQL frontend: a statement libpg_query refuses with a
// syntax error is offered to the hook, with its byte range in the whole text; when the hook reads
// it, no syntax error is reported; nothing else is offered, and without a hook nothing changes.
#include <doctest/doctest.h>

#include <string>
#include <variant>
#include <vector>

#include "parsers/sql/parse_sql.h"

namespace ds::parsers {
namespace {

struct Offered {
  std::vector<std::string> statements;  // the text of each range offered
};

/// A hook that records what it is offered and reads statements holding `readable`.
SqlParseOptions Recording(Offered& offered, const std::string& readable) {
  SqlParseOptions options;
  options.fallback = [&offered, readable](std::string_view text, uint32_t begin, uint32_t end, ir::ParsedFile& out) {
    std::string statement(text.substr(begin, end - begin));
    offered.statements.push_back(statement);
    if (statement.find(readable) == std::string::npos) return false;
    out.ops.push_back(ir::SchemaOp{out.source->SpanAt(begin), ir::DropTable{{"", "read_by_the_fallback"}}});
    return true;
  };
  return options;
}

std::string Trim(const std::string& text) {
  size_t first = text.find_first_not_of(" \n");
  size_t last = text.find_last_not_of(" \n;");
  return first == std::string::npos ? "" : text.substr(first, last - first + 1);
}

}  // namespace

TEST_CASE("a statement libpg_query refuses is offered to the fallback, which reads it") {
  const std::string sql =
      "CREATE VIEW a AS SELECT 1 AS one;\n"
      "CREATE VIEW b AS SELECT id FROM (SELECT 1 AS id);\n"
      "DROP TABLE c;\n";
  Offered offered;
  ir::ParsedFile parsed = ParseSqlFile("views.sql", sql, Recording(offered, "CREATE VIEW b"));
  REQUIRE(offered.statements.size() == 1);
  CHECK(Trim(offered.statements[0]) == "CREATE VIEW b AS SELECT id FROM (SELECT 1 AS id)");
  CHECK(parsed.diagnostics.empty());
  REQUIRE(parsed.ops.size() == 3);  // in file order
  CHECK(std::holds_alternative<ir::CreateView>(parsed.ops[0].op));
  CHECK(std::get<ir::DropTable>(parsed.ops[1].op).table.name == "read_by_the_fallback");
  CHECK(parsed.ops[1].span.line == 1);  // where the range starts: the hook spans its ops itself
  CHECK(std::get<ir::DropTable>(parsed.ops[2].op).table.name == "c");
}

TEST_CASE("a statement the fallback cannot read keeps libpg_query's exact syntax error") {
  Offered offered;
  ir::ParsedFile parsed =
      ParseEmbeddedSql("m.sql", "SELECT 1;\nCREATE VIEW v AS SELEC 2;\n", 3, 1, Recording(offered, "nothing"));
  CHECK(offered.statements.size() == 1);
  REQUIRE(parsed.diagnostics.size() == 1);
  CHECK(parsed.diagnostics[0].code == ir::DiagCode::kSyntaxError);
  CHECK(parsed.diagnostics[0].message == "could not parse: syntax error at or near \"SELEC\"");
  CHECK(parsed.diagnostics[0].span.line == 4);
  CHECK(parsed.diagnostics[0].span.column == 18);
}

TEST_CASE("without a fallback (SQL embedded in framework migrations), a refused statement is a syntax error as before") {
  ir::ParsedFile parsed = ParseSqlFile("V1.sql", "CREATE VIEW b AS SELECT id FROM (SELECT 1 AS id);\n");
  CHECK(parsed.ops.empty());
  REQUIRE(parsed.diagnostics.size() == 1);
  CHECK(parsed.diagnostics[0].code == ir::DiagCode::kSyntaxError);
}

TEST_CASE("an unterminated string is not offered: the scanner cannot say where statements end") {
  Offered offered;
  ir::ParsedFile parsed = ParseSqlFile("v.sql", "CREATE VIEW a AS SELECT 'open;\n", Recording(offered, "CREATE"));
  CHECK(offered.statements.empty());
  REQUIRE(parsed.diagnostics.size() == 1);
  CHECK(parsed.diagnostics[0].code == ir::DiagCode::kSyntaxError);
}

}  // namespace ds::parsers
