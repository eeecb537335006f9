// The markdown report (pull request comment, job summary): escaping, links, owners, size limit.
#include <doctest/doctest.h>

#include <algorithm>
#include <sstream>

#include "src/report/markdown_report.h"
#include "tests/report/report_fixture.h"

namespace ds {
namespace {

report::MarkdownOptions Linked() {
  report::MarkdownOptions options;
  options.server_url = "https://github.com";
  options.repository = "acme/shop";
  return options;
}

bool Contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// Pipes that split a table row: those not escaped with a backslash.
size_t CellBreaks(const std::string& line) {
  size_t n = 0;
  for (size_t i = 0; i < line.size(); ++i) n += line[i] == '|' && (i == 0 || line[i - 1] != '\\');
  return n;
}

}  // namespace

TEST_CASE("EscapeMarkdown: nothing from SQL can mention, link, open HTML or split a cell") {
  struct Row {
    const char* name;
    const char* input;
    const char* expected;
  };
  const Row rows[] = {
      {"plain name", "analytics.customers", "analytics.customers"},
      {"mention", "@alice", "@&#8203;alice"},
      {"team mention", "@acme/admins", "@&#8203;acme/admins"},
      {"issue link", "#12", "#&#8203;12"},
      {"html", "<img src=x onerror=alert(1)>", "&lt;img src=x onerror=alert\\(1\\)&gt;"},
      {"entity", "&amp;", "&amp;amp;"},
      {"table cell", "a|b", "a\\|b"},
      {"code span", "`x`", "\\`x\\`"},
      {"link", "[x](http://e)", "\\[x\\]\\(http\\://e\\)"},
      {"emphasis", "*a* _b_ ~c~", "\\*a\\* \\_b\\_ \\~c\\~"},
      {"math", "$x$", "\\$x\\$"},
      {"newline", "a\nb\r\tc", "a b  c"},
      {"backslash", "a\\b", "a\\\\b"},
      {"control", "a\x01", "a "},
  };
  for (const Row& row : rows) {
    SUBCASE(row.name) { CHECK(report::EscapeMarkdown(row.input) == row.expected); }
  }
}

TEST_CASE("OwnerMention: only user and team handles mention; anything else is escaped") {
  struct Row {
    const char* name;
    const char* owner;
    const char* expected;
  };
  const Row rows[] = {
      {"team", "@acme/data-team", "@acme/data-team"},
      {"user", "@alice", "@alice"},
      {"user with dash", "@a-b", "@a-b"},
      {"email", "data@acme.com", "data@&#8203;acme.com"},
      {"html after a handle", "@acme/team<b>", "@&#8203;acme/team&lt;b&gt;"},
      {"two handles", "@alice @bob", "@&#8203;alice @&#8203;bob"},
      {"leading dash", "@-x", "@&#8203;-x"},
      {"bare at", "@", "@&#8203;"},
      {"empty team", "@acme/", "@&#8203;acme/"},
      {"too long", "@aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "@&#8203;aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"},
  };
  for (const Row& row : rows) {
    SUBCASE(row.name) { CHECK(report::OwnerMention(row.owner) == row.expected); }
  }
}

TEST_CASE("BlobUrl percent-encodes the path and points at the line") {
  CHECK(report::BlobUrl(Linked(), "abc", "db/V1__a b#c.sql", 4) ==
        "https://github.com/acme/shop/blob/abc/db/V1__a%20b%23c.sql#L4");
  CHECK(report::BlobUrl(Linked(), "abc", "x(1).sql", 0) == "https://github.com/acme/shop/blob/abc/x%281%29.sql");
}

TEST_CASE("MarkdownReport: marker, table with linked lines, owners, details with paths and mermaid") {
  report::CheckReport r = test::ManyFindings(1, 1);
  r.findings[0].impacts[0].owners = {"@acme/data-team"};
  r.findings[1].impacts[0].owners = {"@acme/data-team", "@bob"};
  std::string md = report::MarkdownReport(r, Linked());
  CHECK(md.rfind(std::string(report::kCommentMarker) + "\n", 0) == 0);
  CHECK(Contains(md, "breaks 2 analytics views"));
  CHECK(Contains(md, "1 error, 1 warning"));
  CHECK(Contains(md, "| ❌ | [V000\\_\\_drop.sql\\:2](https://github.com/acme/shop/blob/"
                     "2222222222222222222222222222222222222222/db/migrations/V000__drop.sql#L2) | drops public.t0.c · "
                     "drop-column-in-use | 1 view | @acme/data-team |\n"));
  CHECK(Contains(md, "- @acme/data-team: analytics.v0, analytics.v1\n"));
  CHECK(Contains(md, "- @bob: analytics.v1\n"));
  CHECK(std::count(md.begin(), md.end(), '\n') > 20);
  CHECK(Contains(md, "<details>\n<summary>drop-column-in-use at db/migrations/V000__drop.sql:2: 1 view</summary>"));
  CHECK(Contains(md, "- public.t0.c\n  - analytics.v0.c\n"));
  CHECK(Contains(md, "```mermaid\nflowchart LR\n  n0[\"public.t0.c\"]\n  n1[\"analytics.v0.c\"]\n  n0 --> n1\n"));
  CHECK(Contains(md, "<sub>downstream · head `2222222`</sub>"));
  SUBCASE("without a repository, nothing is linked") {
    std::string plain = report::MarkdownReport(r, {});
    CHECK_FALSE(Contains(plain, "](http"));
    CHECK(Contains(plain, "| V000\\_\\_drop.sql\\:2 |"));
    CHECK(Contains(plain, "| analytics.v0 (view, analytics/views/v0.sql\\:3) |"));
  }
  SUBCASE("staged changes have no commit to link") {
    r.head = "staged";
    CHECK_FALSE(Contains(report::MarkdownReport(r, Linked()), "](http"));
  }
}

TEST_CASE("MarkdownReport for a 900 px column: rule pages linked, paths as a tree, mermaid only when legible") {
  report::CheckReport r = test::ManyFindings(1, 0);
  ir::Finding& f = r.findings[0];
  report::MarkdownOptions options = Linked();
  options.docs_url = "https://github.com/acme/downstream/blob/v1";
  f.impacts[0].path = {"public.t0.c", "raw.t0.c", "stg.a.c"};
  for (const char* leaf : {"marts.b.c", "marts.c.c", "marts.d.c"}) {
    ir::Impact more = f.impacts[0];
    more.view = ir::QualifiedName{"marts", std::string(leaf).substr(6, 1)};
    more.path = {"public.t0.c", "raw.t0.c", "stg.a.c", leaf};
    f.impacts.push_back(more);
  }
  std::string md = report::MarkdownReport(r, options);
  CHECK(Contains(md, " · [drop-column-in-use](https://github.com/acme/downstream/blob/v1/rules/drop_column_in_use.md) | 4 views |"));
  // The shared beginning once, each consumer's end under it.
  CHECK(Contains(md, "- public.t0.c\n  - raw.t0.c\n    - stg.a.c\n      - marts.b.c\n      - marts.c.c\n      - marts.d.c\n"));
  CHECK(Contains(md, "```mermaid"));  // 6 nodes, 4 in a row: still legible
  ir::Impact seventh = f.impacts[1];
  seventh.path.back() = "marts.e.c";
  f.impacts.push_back(seventh);
  CHECK_FALSE(Contains(report::MarkdownReport(r, options), "```mermaid"));  // 7 nodes: the tree alone
  f.impacts.resize(1);
  f.impacts[0].path = {"a.t.c", "b.t.c", "c.t.c", "d.t.c", "e.t.c"};
  CHECK_FALSE(Contains(report::MarkdownReport(r, options), "```mermaid"));  // 5 in a row: too wide
  // Only our own rule ids become links.
  f.rule = "x](javascript:alert(1))";
  md = report::MarkdownReport(r, options);
  CHECK(Contains(md, " · x\\]\\(javascript\\:alert\\(1\\)\\) |"));
  CHECK_FALSE(Contains(md, "/rules/"));
}

TEST_CASE("MarkdownReport: hostile names from SQL mention nobody and break nothing") {
  report::CheckReport r = test::ManyFindings(1, 0);
  ir::Impact& impact = r.findings[0].impacts[0];
  impact.view = {"analytics", "@evil <script>|x"};
  impact.columns = {"`pwn` [a](javascript:alert(1))"};
  impact.path = {"public.t0.c", "analytics.@evil\"]; click n0 call x()", "```"};
  r.findings[0].message = "drops @everyone | <b>";
  r.diagnostics.push_back({ir::Severity::kWarning, {"x.sql", 1, 1}, "near \"@root\" <i>"});
  std::string md = report::MarkdownReport(r, Linked());
  CHECK_FALSE(Contains(md, "@evil"));
  CHECK_FALSE(Contains(md, "@everyone"));
  CHECK_FALSE(Contains(md, "@root"));
  CHECK_FALSE(Contains(md, "<script"));
  CHECK_FALSE(Contains(md, "<b>"));
  CHECK_FALSE(Contains(md, "<i>"));
  CHECK_FALSE(Contains(md, "](javascript"));
  // A label cannot end early: the quote and bracket became '?'.
  CHECK(Contains(md, "  n1[\"analytics.?evil??? click n0 call x??\"]\n"));
  CHECK_FALSE(Contains(md, "\n  click"));
  // Every table row keeps its cells: the findings table has 6 breaks, the consumers table 5.
  std::istringstream lines(md);
  std::string line;
  int rows = 0;
  size_t breaks = 6;
  while (std::getline(lines, line)) {
    if (line.rfind("| Consumer ", 0) == 0) breaks = 5;
    if (line.rfind("| ", 0) == 0) {
      CHECK_MESSAGE(CellBreaks(line) == breaks, line);
      ++rows;
    }
  }
  CHECK(rows == 4);  // two header rows and one row each
  // The mermaid block ends once: no label can close it.
  size_t fence = md.find("```mermaid");
  REQUIRE(fence != std::string::npos);
  CHECK(md.find("```", fence + 3) == md.find("\n```\n", fence) + 1);
}

TEST_CASE("MarkdownReport stays under GitHub's limit by folding details, then rows") {
  struct Row {
    const char* name;
    int findings;
    size_t limit;
    bool all_rows;
    bool all_details;
  };
  const Row rows[] = {
      {"small report keeps everything", 5, report::kCommentLimit, true, true},
      {"150 findings fold details", 150, report::kCommentLimit, true, false},
      {"3000 findings fold rows too", 3000, report::kCommentLimit, false, false},
      {"300 findings fit a job summary", 300, report::kSummaryLimit, true, true},
  };
  for (const Row& row : rows) {
    SUBCASE(row.name) {
      report::CheckReport r = test::ManyFindings(row.findings, 0);
      for (int i = 0; i < 50; ++i) r.diagnostics.push_back({ir::Severity::kWarning, {"v.sql", i + 1, 1}, "odd"});
      report::MarkdownOptions options = Linked();
      options.max_chars = row.limit;
      std::string md = report::MarkdownReport(r, options);
      CHECK(md.size() <= row.limit);
      CHECK(md.rfind(std::string(report::kCommentMarker), 0) == 0);
      CHECK(Contains(md, "V000\\_\\_drop.sql"));  // the first finding is always there
      std::string last = "V" + std::string(row.findings - 1 < 100 ? "0" : "") +
                         std::string(row.findings - 1 < 10 ? "0" : "") + std::to_string(row.findings - 1) +
                         "\\_\\_drop.sql\\:2](";
      CHECK(Contains(md, last) == row.all_rows);
      CHECK(Contains(md, "more findings are left out") == !row.all_rows);
      CHECK(Contains(md, "findings' details are left out") == !row.all_details);
      CHECK(Contains(md, "<sub>downstream"));
    }
  }
}

TEST_CASE("MarkdownReport without findings, and the resolved comment") {
  report::CheckReport r = test::ManyFindings(0, 0);
  std::string md = report::MarkdownReport(r, Linked());
  CHECK(Contains(md, "### ✅ downstream: no analytics view breaks"));
  CHECK_FALSE(Contains(md, "| Rule |"));
  std::string resolved = report::ResolvedMarkdown(r, Linked());
  CHECK(resolved.rfind(std::string(report::kCommentMarker) + "\n### ✅ downstream: resolved", 0) == 0);
  CHECK(Contains(resolved, "Commit `2222222` breaks no analytics view"));
  // Something not read: never a green tick, in the report or the resolved comment.
  ir::Diagnostic odd{ir::Severity::kWarning, {"v.sql", 1, 1}, "could not parse: odd", ir::DiagCode::kSyntaxError};
  r.diagnostics.push_back(odd);
  r.coverage.relations = {2, 0, 1};
  r.coverage.gaps.push_back({report::CoverageGap::Side::kRelation, "v.sql", report::ReadLevel::kUnread, odd, 1});
  md = report::MarkdownReport(r, Linked());
  CHECK_FALSE(Contains(md, "✅"));
  CHECK(Contains(md, "### ⚠️ downstream: no break found in what could be read"));
  CHECK(Contains(md, "**Not everything was read:** read fully\\: 2 of 3 relations \\(1 not at all\\), 0 of 0 migration files"));
  CHECK(Contains(md, "- v.sql (relation, not read): v.sql\\:1\\:1: could not parse\\: odd (syntax-error)"));
  resolved = report::ResolvedMarkdown(r, Linked());
  CHECK_FALSE(Contains(resolved, "✅"));
  CHECK(Contains(resolved, "breaks no analytics view that could be read"));
}

}  // namespace ds
