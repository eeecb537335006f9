// The type compatibility table (issue #16 point 6): widenings, and what is not one.
#include <doctest/doctest.h>

#include "src/ir/type_compat.h"

namespace ds::ir {

TEST_CASE("widenings: only the room grows") {
  for (const auto& change : std::initializer_list<std::pair<const char*, const char*>>{
           {"character varying(100)", "character varying(200)"},
           {"character varying(100)", "character varying"},
           {"character varying(100)", "text"},
           {"character varying", "text"},
           {"character(3)", "character(5)"},
           {"smallint", "integer"},
           {"integer", "bigint"},
           {"smallint", "bigint"},
           {"integer", "numeric"},
           {"integer", "numeric(12,2)"},
           {"bigint", "numeric(19,0)"},
           {"numeric(10,2)", "numeric(12,2)"},
           {"numeric(10,2)", "numeric(12,4)"},
           {"numeric(10,2)", "numeric"},
           {"real", "double precision"},
           {"timestamp(3) without time zone", "timestamp without time zone"},
           {"timestamp(3) with time zone", "timestamp(6) with time zone"},
           {"time(0) without time zone", "time(3) without time zone"},
           {"bit varying(8)", "bit varying"},
           {"integer[]", "bigint[]"},
           {"text", "text"},
       }) {
    // Plain variables, not structured bindings: CAPTURE's lambda takes them (clang 14).
    const char* from = change.first;
    const char* to = change.second;
    CAPTURE(from);
    CAPTURE(to);
    CHECK(CompareTypes(from, to) == TypeChange::kWidening);
  }
}

TEST_CASE("narrowings, other families and time zones are incompatible") {
  for (const auto& change : std::initializer_list<std::pair<const char*, const char*>>{
           {"character varying(200)", "character varying(100)"},
           {"text", "character varying(100)"},
           {"character varying", "character varying(10)"},
           {"bigint", "integer"},
           {"integer", "numeric(10,2)"},  // 8 integer digits: not room for every integer
           {"numeric(12,2)", "numeric(10,2)"},
           {"numeric(10,4)", "numeric(10,2)"},
           {"numeric", "numeric(30,2)"},
           {"numeric", "bigint"},
           {"double precision", "real"},
           {"integer", "text"},
           {"text", "integer"},
           {"character(5)", "text"},  // trailing spaces change meaning
           {"timestamp without time zone", "timestamp with time zone"},
           {"timestamp(6) without time zone", "timestamp(3) without time zone"},
           {"integer", "integer[]"},
           {"unknown", "integer"},
           {"numeric(10", "numeric(12,2)"},
       }) {
    const char* from = change.first;
    const char* to = change.second;
    CAPTURE(from);
    CAPTURE(to);
    CHECK(CompareTypes(from, to) == TypeChange::kIncompatible);
  }
}

}  // namespace ds::ir
