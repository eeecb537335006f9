// Identifiers that are Markdown, HTML or @mentions, through `check --format markdown` end to end:
// outside code blocks nothing renders as HTML, links or mentions; code blocks cannot be closed
// from inside an identifier; configured owners still mention their team.
#include <doctest/doctest.h>

#include <sstream>

#include "tests/hostile/hostile.h"
#include "tests/support/git_repo.h"

namespace ds {
namespace {

// The parts of a Markdown document GitHub renders as Markdown: the lines outside ``` and ~~~
// fences (a fence closes only on a line that starts with the same marker). `balanced` says
// whether every fence opened was closed.
std::string RenderedLines(const std::string& markdown, bool& balanced) {
  std::istringstream in(markdown);
  std::string line, out, fence;
  while (std::getline(in, line)) {
    size_t indent = line.find_first_not_of(' ');
    std::string trimmed = indent == std::string::npos || indent > 3 ? "" : line.substr(indent);
    std::string marker = trimmed.starts_with("```") ? "```" : trimmed.starts_with("~~~") ? "~~~" : "";
    if (fence.empty() && !marker.empty()) {
      fence = marker;
    } else if (!fence.empty() && marker == fence && trimmed.find_first_not_of(fence[0]) == std::string::npos) {
      fence.clear();
    } else if (fence.empty()) {
      out += line + "\n";
    }
  }
  balanced = fence.empty();
  return out;
}

}  // namespace

TEST_CASE("markdown: hostile identifiers are escaped end to end") {
  test::GitRepo repo;
  repo.Write("downstream.yml", "migrations:\n  - path: db/migrations\nviews:\n  - path: analytics/views\n"
                               "owners:\n  \"public.*\": \"@acme/data-team\"\n");
  repo.Write("db/migrations/V1__init.sql",
             "CREATE TABLE \"<img src=x onerror=alert(1)>\" (id bigint, \"@everyone\" text,\n"
             "  \"x\n```\n<script>alert(2)</script>\" text, \"[pwn](https://evil.example)\" text);\n");
  repo.Write("analytics/views/evil.sql",
             "CREATE VIEW \"**bold** @here #1 <b>hi<i>\" AS\n"
             "SELECT id, \"@everyone\" AS \"[click](https://evil.example/a) @admins\",\n"
             "       \"x\n```\n<script>alert(2)</script>\" AS \"| col | <!-- --> ~~x~~ </b>\",\n"
             "       \"[pwn](https://evil.example)\" AS \"`code` ![img](https://evil.example/i.png)\"\n"
             "FROM \"<img src=x onerror=alert(1)>\";\n");
  repo.Commit("base");
  repo.Write("db/migrations/V2__drop.sql",
             "ALTER TABLE \"<img src=x onerror=alert(1)>\" DROP COLUMN \"@everyone\";\n"
             "ALTER TABLE \"<img src=x onerror=alert(1)>\" DROP COLUMN \"x\n```\n<script>alert(2)</script>\";\n"
             "ALTER TABLE \"<img src=x onerror=alert(1)>\" RENAME COLUMN \"[pwn](https://evil.example)\" TO \"@everyone\";\n");
  repo.Commit("head");

  test::Bounded run = test::RunBounded("check --repo " + repo.path() + " --base HEAD~1 --format markdown");
  CAPTURE(run.out);
  CAPTURE(run.err);
  REQUIRE(run.status == 1);  // the findings are there
  bool balanced = false;
  std::string rendered = RenderedLines(run.out, balanced);
  CHECK(balanced);
  for (const char* bad : {"<img", "<script", "<b>", "<i>", "</b>", "<!-- -->", "@everyone", "@here", "@admins", "](https://evil",
                          "![img]", "**bold**", "~~x~~"}) {
    CAPTURE(bad);
    size_t at = rendered.find(bad);
    CHECK_MESSAGE(at == std::string::npos, rendered.substr(at == std::string::npos ? 0 : at, 120));
  }
  // The findings are still said, and the configured owner is still mentioned.
  CHECK(rendered.find("drop-column-in-use") != std::string::npos);
  CHECK(rendered.find("@acme/data-team") != std::string::npos);
}

}  // namespace ds
