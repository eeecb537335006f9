#pragma once
/// The pieces of the markdown report, assembled under a size limit (internal to src/report).
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "src/report/markdown_report.h"

namespace ds::report {

struct MarkdownParts {
  std::string head;                      ///< marker, title, counts
  std::string table_head;                ///< the findings table's header rows
  std::vector<std::string> rows;         ///< one table row per finding
  std::string owners;                    ///< owners to notify
  std::vector<std::string> details;      ///< one <details> block per finding
  std::vector<std::string> acknowledged; ///< one list item per acknowledged finding (folded)
  std::vector<std::string> diagnostics;  ///< one list item per relation or migration not read fully
  std::string footer;
};

/// Joins the parts; past `max_chars`, folds details first, then diagnostics, then table rows,
/// saying what was left out.
std::string Assemble(const MarkdownParts& parts, size_t max_chars);

/// The <details> block of one finding: help, impacted views, column paths, a mermaid diagram.
std::string FindingDetails(const ir::Finding& finding, const CheckReport& report,
                           const MarkdownOptions& options);

/// "file:line" escaped, linked to the file at head when the repository is known; "" without a file.
std::string SpanLink(const ir::SourceSpan& span, const CheckReport& report, const MarkdownOptions& options);

/// What changed, short and escaped ("renames public.users.email → email_address"); the
/// finding's message when its change has no short form.
std::string ChangeLabel(const ir::Finding& finding);

/// The rule id linked to its page under `options.docs_url`; plain when there is none.
std::string RuleLink(std::string_view rule, const MarkdownOptions& options);

/// As SpanLink, labelled with the file's name only ("V4__rename.sql:2").
std::string FileLink(const ir::SourceSpan& span, const CheckReport& report, const MarkdownOptions& options);

/// Items joined by `separator`.
std::string JoinWith(const std::vector<std::string>& items, std::string_view separator);

}  // namespace ds::report
