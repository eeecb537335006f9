// The pull request comment as GitHub renders it: cmark-gfm (GitHub's own markdown library, with
// its extensions, raw HTML let through as GitHub does before sanitizing). Inside raw HTML such as
// <summary>, markdown escapes are not undone: they must not be used there.
#include <doctest/doctest.h>

#include <regex>

#include "src/report/markdown_report.h"
#include "tests/report/report_fixture.h"
#include "tests/support/temp_dir.h"

namespace ds {
namespace {

std::string Render(const std::string& markdown) {
  test::TempDir dir;
  std::string file = dir.Write("comment.md", markdown);
  std::string html;
  int status = test::RunCommand(
      "cmark-gfm --unsafe -e table -e autolink -e strikethrough -e tagfilter '" + file + "'", &html);
  REQUIRE_MESSAGE(status == 0, "cmark-gfm failed (scripts/install-deps.sh --test installs it): " << html);
  return html;
}

std::vector<std::string> Summaries(const std::string& html) {
  std::vector<std::string> out;
  std::regex summary("<summary>(.*?)</summary>");
  for (auto it = std::sregex_iterator(html.begin(), html.end(), summary); it != std::sregex_iterator(); ++it) {
    out.push_back((*it)[1]);
  }
  return out;
}

}  // namespace

TEST_CASE("the golden comments render without literal escapes in <summary>") {
  for (const char* name : {"shop-check.markdown", "shop-dbt-check.markdown"}) {
    SUBCASE(name) {
      std::string html = Render(test::ReadFile(std::string(DOWNSTREAM_SOURCE_DIR) + "/tests/golden/" + name));
      std::vector<std::string> summaries = Summaries(html);
      REQUIRE(!summaries.empty());
      for (const std::string& s : summaries) CHECK_MESSAGE(s.find('\\') == std::string::npos, s);
    }
  }
}

TEST_CASE("names in <summary> render as text: no escapes shown, no HTML injected") {
  report::CheckReport r;
  r.base = "1111111111111111111111111111111111111111";
  r.head = "2222222222222222222222222222222222222222";
  r.findings.push_back(test::DropFinding("db/V4__rename_<b>email</b>@team#1.sql", 2, "users", "email",
                                         "analytics.x<img src=x onerror=alert(1)>"));
  std::string html = Render(report::MarkdownReport(r, {}));
  std::vector<std::string> summaries = Summaries(html);
  REQUIRE(summaries.size() == 1);
  CHECK(summaries[0] == "drop-column-in-use at db/V4__rename_&lt;b&gt;email&lt;/b&gt;@&#8203;team#&#8203;1.sql:2: 1 view");
  CHECK(html.find("<b>") == std::string::npos);
  CHECK(html.find("<img") == std::string::npos);
}

}  // namespace ds
