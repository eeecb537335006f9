#include "src/ir/names.h"

#include <doctest/doctest.h>

#include "src/ir/source_text.h"

namespace ds::ir {

TEST_CASE("FoldIdentifier folds as PostgreSQL does") {
  struct Row {
    const char* name;
    const char* raw;
    const char* folded;
  };
  const Row rows[] = {
      {"unquoted lower-cases", "Users", "users"},
      {"quoted keeps case", "\"Users\"", "Users"},
      {"doubled quote unescapes", "\"a\"\"b\"", "a\"b"},
      {"non-ASCII untouched", "Ünïcode", "Ünïcode"},
  };
  for (const Row& row : rows) {
    SUBCASE(row.name) { CHECK(FoldIdentifier(row.raw) == row.folded); }
  }
}

TEST_CASE("ParseQualifiedName") {
  CHECK(ParseQualifiedName("Analytics.\"Customers\"") == QualifiedName{"analytics", "Customers"});
  CHECK(ParseQualifiedName("users") == QualifiedName{"", "users"});
  CHECK(ParseQualifiedName("db.s.t") == QualifiedName{"s", "t"});
  CHECK(ParseQualifiedName("\"a.b\".c") == QualifiedName{"a.b", "c"});
}

TEST_CASE("SourceText maps offsets to lines and columns") {
  SourceText text("m.sql", "select 1;\n  drop table x;\n");
  CHECK(text.SpanAt(0) == SourceSpan{"m.sql", 1, 1});
  CHECK(text.SpanAt(12) == SourceSpan{"m.sql", 2, 3});
  SourceText embedded("m.py", "a\nb", 10, 17);
  CHECK(embedded.SpanAt(0) == SourceSpan{"m.py", 10, 17});
  CHECK(embedded.SpanAt(2) == SourceSpan{"m.py", 11, 1});
}

}  // namespace ds::ir
