#pragma once
/// `check --format markdown`: the pull request comment and the job summary, as one pure function.
#include <cstddef>
#include <string>
#include <string_view>

#include "src/report/check_report.h"

namespace ds::report {

/// The hidden line that marks downstream's sticky pull request comment.
inline constexpr std::string_view kCommentMarker = "<!-- downstream:comment -->";
/// GitHub refuses comment bodies past 65,536 characters.
inline constexpr size_t kCommentLimit = 65536;
/// A step's job summary may hold up to 1 MiB.
inline constexpr size_t kSummaryLimit = 1024 * 1024;

struct MarkdownOptions {
  std::string server_url;  ///< "https://github.com"; empty: file names are not linked
  std::string repository;  ///< "owner/name"; empty: file names are not linked
  std::string head_sha;    ///< the commit the links point at; empty: report.head
  /// Where rule ids link to: `{docs_url}/rules/<rule>.md` (downstream's repository at the
  /// action's ref); empty: rule ids are not linked.
  std::string docs_url;
  size_t max_chars = kCommentLimit;  ///< past this, per-finding details are folded away
};

/// The report, for a 900 px column: one compact row per finding (the migration line linked to the
/// file at head, what changed, the rule linked to its page, how many consumers break, their
/// owners), the owners to notify, one folded <details> per finding with its consumers, the column
/// paths as a tree, and a mermaid diagram when it stays legible. Starts with kCommentMarker. Names taken from SQL or file content are escaped.
std::string MarkdownReport(const CheckReport& report, const MarkdownOptions& options);

/// The sticky comment's body once a later run finds nothing: the earlier findings are resolved.
std::string ResolvedMarkdown(const CheckReport& report, const MarkdownOptions& options);

/// Escapes text from SQL or files for markdown: no mention, issue link, HTML, emphasis, link or
/// table cell break can come out of it; newlines become spaces.
std::string EscapeMarkdown(std::string_view text);

/// Escapes text for raw HTML such as <summary>, where GitHub shows markdown escapes literally:
/// entities for & < > " ', a zero-width space after @ and # (no mention, no issue link).
std::string EscapeHtml(std::string_view text);

/// An owner from the configuration as a mention when it is a GitHub user or team handle
/// (@user, @org/team), else escaped like any other text.
std::string OwnerMention(std::string_view owner);

/// Whether `url` may stand as a markdown link's target: http(s), printable ASCII, nothing that
/// could end the link or the table cell (spaces, brackets, quotes, pipes, backslashes).
bool LinkableUrl(std::string_view url);

/// `{server}/{repository}/blob/{sha}/{path}#L{line}` with the path percent-encoded.
std::string BlobUrl(const MarkdownOptions& options, std::string_view sha, std::string_view path,
                    int line);

}  // namespace ds::report
