// The text report's colours: only SGR sequences are added, at the report's own places.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

#include "src/report/check_report.h"

namespace ds::report {
namespace {

std::string Strip(const std::string& painted) { return std::regex_replace(painted, std::regex("\x1b\\[[0-9;]*m"), ""); }

std::string Golden(const std::string& name) {
  std::ifstream in(std::filesystem::path(DOWNSTREAM_SOURCE_DIR) / "tests/golden" / name);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

TEST_CASE("painting adds colour and nothing else, on every text golden") {
  for (const char* name : {"shop-check.text", "shop-dbt-check.text", "shop-alembic-check.text"}) {
    CAPTURE(name);
    std::string text = Golden(name);
    REQUIRE(!text.empty());
    std::string painted = PaintText(text);
    CHECK(painted != text);
    CHECK(Strip(painted) == text);
  }
}

TEST_CASE("severities, locations, frames, notes and counts are painted") {
  std::string text =
      "db/m.sql:2:1: error: renames column public.users.email [rename-column-in-use]\n"
      "  |\n"
      "2 | ALTER TABLE users RENAME email TO e;\n"
      "  | ^~~~\n"
      "   = breaks view analytics.customers\n"
      "   = help: keep both\n"
      "\n"
      "db/m.sql:4:1: warning (acknowledged): lets x be NULL [nullability-loosened-in-use]\n"
      "v.sql:1:8: warning: could not parse\n"
      "\n"
      "1 error, 0 warnings (1 schema change, 2 views checked)\n";
  std::string painted = PaintText(text);
  CHECK(Strip(painted) == text);
  CHECK(painted.find("\x1b[1mdb/m.sql:2:1\x1b[0m: \x1b[1;31merror\x1b[0m: renames") != std::string::npos);
  CHECK(painted.find("\x1b[2m[rename-column-in-use]\x1b[0m") != std::string::npos);
  CHECK(painted.find("\x1b[1;31m^~~~\x1b[0m") != std::string::npos);  // the caret in the finding's colour
  CHECK(painted.find("\x1b[1;36mhelp\x1b[0m: keep both") != std::string::npos);
  CHECK(painted.find("\x1b[1;32mwarning\x1b[0m \x1b[1;32m(acknowledged)\x1b[0m") != std::string::npos);
  CHECK(painted.find("\x1b[1;33mwarning\x1b[0m: could not parse") != std::string::npos);
  CHECK(painted.find("\x1b[1;31m1 error\x1b[0m, 0 warnings") != std::string::npos);  // zero stays plain
}

TEST_CASE("text from the pull request cannot pose as the report's layout to gain colour codes of its own") {
  // WriteText already escaped control characters; painting a line that merely looks like a
  // heading adds our codes around it, and the visible text is unchanged.
  std::string text = "x: error: \\x1b[31m fake [r]\n";
  CHECK(Strip(PaintText(text)) == text);
  CHECK(PaintText(text).find("\x1b[31m fake") == std::string::npos);
}

}  // namespace ds::report
