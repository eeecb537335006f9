// Our own frontend over a range of a larger text (one statement of a file, SQL embedded at a line
// of another file): offsets and diagnostics' line:col stay relative to the whole text.
#include <doctest/doctest.h>

#include <string>

#include "parsers/dialect/parse_query.h"

namespace ds::dialect {
namespace {

const std::string kFile =
    "-- two views\n"
    "CREATE VIEW a AS SELECT 1 AS one;\n"
    "CREATE VIEW v AS\n"
    "SELECT id, email FROM users;\n";

ParseOptions RangeOf(const std::string& text, const std::string& statement) {
  ParseOptions options;
  options.path = "views.sql";
  options.begin = text.find(statement);
  options.end = options.begin + statement.size();
  return options;
}

TEST_CASE("a statement parsed inside a larger text keeps the text's offsets") {
  ParseOptions options = RangeOf(kFile, "CREATE VIEW v AS\nSELECT id, email FROM users");
  StatementParse parsed = ParseDialectStatement(kFile, Postgres(), options);
  REQUIRE_MESSAGE(parsed.ok(), parsed.diagnostic.message);
  const DialectStatement& statement = *parsed.statement;
  CHECK(statement.kind == DialectStatement::Kind::kCreateView);
  CHECK(statement.name.name == "v");
  CHECK(statement.offset == options.begin);
  CHECK(statement.end_offset == options.end);
  REQUIRE(statement.query->targets.size() == 2);
  CHECK(kFile.substr(statement.query->targets[1].expr.offset, 5) == "email");
  REQUIRE(statement.query->from.size() == 1);
  CHECK(kFile.substr(statement.query->from[0].offset, 5) == "users");
}

TEST_CASE("only the range is parsed: what lies around it is not read") {
  ParseOptions options = RangeOf(kFile, "SELECT 1 AS one");
  QueryParse parsed = ParseDialectQuery(kFile, *DialectByName("snowflake"), options);
  REQUIRE_MESSAGE(parsed.ok(), parsed.diagnostic.message);
  REQUIRE(parsed.query->targets.size() == 1);
  CHECK(parsed.query->targets[0].expr.offset == kFile.find("1 AS one"));
}

TEST_CASE("a syntax error in the range is at the whole text's line and column") {
  const std::string text = "CREATE VIEW ok AS SELECT 1;\nCREATE VIEW bad AS\nSELECT id FROM users WHERE;\n";
  ParseOptions options = RangeOf(text, "CREATE VIEW bad AS\nSELECT id FROM users WHERE");
  StatementParse parsed = ParseDialectStatement(text, Postgres(), options);
  REQUIRE_FALSE(parsed.ok());
  CHECK(parsed.diagnostic.span.file == "views.sql");
  CHECK(parsed.diagnostic.span.line == 3);
  CHECK(parsed.diagnostic.span.column == 27);  // the end of the range, where the condition is missing
  CHECK(parsed.error_offset == options.end);
}

TEST_CASE("an unterminated string in the range is at the whole text's line and column") {
  const std::string text = "SELECT 1;\nSELECT 'open FROM t;\n";
  ParseOptions options = RangeOf(text, "SELECT 'open FROM t;");
  QueryParse parsed = ParseDialectQuery(text, Postgres(), options);
  REQUIRE_FALSE(parsed.ok());
  CHECK(parsed.diagnostic.span.line == 2);
  CHECK(parsed.diagnostic.span.column == 8);
  CHECK(parsed.error_offset == text.find('\'', 10));
}

TEST_CASE("diagnostics map through a given source text (SQL embedded at a line of a file)") {
  const std::string text = "CREATE VIEW m AS\nSELECT id,, email FROM users";
  ir::SourceText source("models/m.sql", text, 0, 1);  // the prefix stands on line 0
  ParseOptions options;
  options.source = &source;
  ScriptParse parsed = ParseDialectScript(text, Postgres(), options);
  REQUIRE(parsed.statements.size() == 1);  // read partly: see salvage_test.cpp
  CHECK(parsed.statements[0].query->salvaged);
  REQUIRE(parsed.diagnostics.size() == 1);
  CHECK(parsed.diagnostics[0].span.file == "models/m.sql");
  CHECK(parsed.diagnostics[0].span.line == 1);
  CHECK(parsed.diagnostics[0].span.column == 11);
}

TEST_CASE("a script cut off by an unterminated quote: the statements before it are read") {
  const std::string text =
      "create view a as select 1 as one;\n"
      "create view b as select 'open from t;\n"
      "create view c as select 3 as three;\n";
  ScriptParse parsed = ParseDialectScript(text, *DialectByName("snowflake"), ParseOptions{"v.sql"});
  REQUIRE(parsed.statements.size() == 1);
  CHECK(parsed.statements[0].name.name == "a");
  REQUIRE(parsed.diagnostics.size() == 1);
  CHECK(parsed.diagnostics[0].span.line == 2);
  CHECK(parsed.diagnostics[0].span.column == 25);
}

}  // namespace
}  // namespace ds::dialect
