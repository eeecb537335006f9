// report::ValidUtf8 / SafeLine / SafeLines, byte by byte: what a hostile name becomes before it
// reaches a terminal or a CI log.
#include <doctest/doctest.h>

#include <string>

#include "src/report/safe_text.h"

namespace ds {

TEST_CASE("ValidUtf8 replaces what is not UTF-8 and keeps the rest") {
  struct Row {
    const char* name;
    std::string in;
    std::string expected;
  };
  const std::string kReplacement = "\xEF\xBF\xBD";
  const Row rows[] = {
      {"ascii", "users.email", "users.email"},
      {"two, three, four bytes", "caf\xC3\xA9 \xE2\x9C\x85 \xF0\x9F\x98\x80", "caf\xC3\xA9 \xE2\x9C\x85 \xF0\x9F\x98\x80"},
      {"latin-1", "caf\xE9", "caf" + kReplacement},
      {"stray continuation", "a\x80z", "a" + kReplacement + "z"},
      {"overlong slash", "\xC0\xAF", kReplacement + kReplacement},
      {"overlong three bytes", "\xE0\x80\xAF", kReplacement + kReplacement + kReplacement},
      {"surrogate", "\xED\xA0\x80", kReplacement + kReplacement + kReplacement},
      {"above U+10FFFF", "\xF4\x90\x80\x80", kReplacement + kReplacement + kReplacement + kReplacement},
      {"truncated at the end", "ok\xE2\x9C", "ok" + kReplacement + kReplacement},
      {"controls are kept", "a\x1b[31mb\n", "a\x1b[31mb\n"},
  };
  for (const Row& row : rows) {
    SUBCASE(row.name) { CHECK(report::ValidUtf8(row.in) == row.expected); }
  }
}

TEST_CASE("SafeLine writes controls, escapes and reorderings as visible text") {
  struct Row {
    const char* name;
    std::string in;
    std::string expected;
  };
  const Row rows[] = {
      {"plain", "public.users.email", "public.users.email"},
      {"tab stays", "a\tb", "a\tb"},
      {"newline", "x\n::error ::pwned", "x\\n::error ::pwned"},
      {"carriage return", "a\rb", "a\\rb"},
      {"ANSI colour", "\x1b[31mred\x1b[0m", "\\x1b[31mred\\x1b[0m"},
      {"OSC title", "\x1b]0;owned\x07", "\\x1b]0;owned\\x07"},
      {"NUL and DEL", std::string("a\0b\x7f", 4), "a\\x00b\\x7f"},
      {"C1 CSI", "a\xC2\x9B" "31m", "a\\u009b31m"},
      {"bidi override", "admin\xE2\x80\xAE" "txt", "admin\\u202etxt"},
      {"bidi isolate", "\xE2\x81\xA6x", "\\u2066x"},
      {"invalid UTF-8", "caf\xE9", "caf\xEF\xBF\xBD"},
      {"accents stay", "m\xC3\xA9nu", "m\xC3\xA9nu"},
  };
  for (const Row& row : rows) {
    SUBCASE(row.name) { CHECK(report::SafeLine(row.in) == row.expected); }
  }
}

TEST_CASE("SafeLines keeps the lines and defuses workflow commands") {
  struct Row {
    const char* name;
    std::string in;
    std::string expected;
  };
  const Row rows[] = {
      {"plain lines", "a\nb\n", "a\nb\n"},
      {"command at line start", "ok\n::error file=x::pwned\n", "ok\n\\x3a:error file=x::pwned\n"},
      {"after blanks", "  \t::add-mask::x", "  \t\\x3a:add-mask::x"},
      {"after a Unicode blank", "\xC2\xA0::warning::x", "\xC2\xA0\\x3a:warning::x"},
      {"not at line start", "file.sql:1:1: a::b", "file.sql:1:1: a::b"},
      {"old syntax anywhere", "x ##[error]y", "x #\\x23[error]y"},
      {"escape in a line", "t\x1b[2Jx\n", "t\\x1b[2Jx\n"},
      {"no final newline", "::x", "\\x3a:x"},
      {"empty", "", ""},
  };
  for (const Row& row : rows) {
    SUBCASE(row.name) { CHECK(report::SafeLines(row.in) == row.expected); }
  }
}

}  // namespace ds
