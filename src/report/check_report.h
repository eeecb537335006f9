#pragma once
/// What `check` found, ready for a reporter. Reporters are pure functions of this.
#include <cstddef>
#include <functional>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "src/ir/diagnostic.h"
#include "src/report/coverage.h"

namespace ds::report {

struct CheckReport {
  std::string base;  ///< commit sha
  std::string head;  ///< commit sha or "staged"
  std::vector<ir::Finding> findings;        ///< ordered by file, line, rule
  std::vector<ir::Diagnostic> diagnostics;  ///< ordered by file, line, column
  int migrations_read = 0;  ///< migration files replayed at head
  int views_checked = 0;    ///< views whose lineage was traced
  int schema_changes = 0;   ///< changes between base and head, read by a view or not
  Coverage coverage;        ///< what of head was read fully, partly, not at all
};

/// The text of a file at head, for code frames; nullopt when unknown.
using SourceLookup = std::function<std::optional<std::string_view>(const std::string& file)>;

/// file:line:col, the source line with a caret, the impacted views with the column path, help.
void WriteText(const CheckReport& report, const SourceLookup& sources, std::ostream& out);
/// WriteText's output with terminal colours (SGR sequences) on its severities, locations, code
/// frames, notes and counts; `text` must be WriteText's (already safe) output.
std::string PaintText(std::string_view text);
/// INTERFACE.md's `check --format json`.
void WriteJson(const CheckReport& report, std::ostream& out);
/// A repository path percent-encoded for a URI: unreserved characters and '/' stay as they are.
std::string UriPath(std::string_view path);

/// GitHub shows at most this many error annotations, and as many warnings, per step.
inline constexpr size_t kAnnotationsShown = 10;

/// GitHub Actions workflow commands (::error file=...,line=...,title=...::message). Past
/// kAnnotationsShown of a severity, one annotation sums up the rest.
void WriteGithub(const CheckReport& report, std::ostream& out);
/// One `::warning title=...::message` workflow command line, escaped as WriteGithub escapes.
std::string GithubWarning(std::string_view title, std::string_view message);

}  // namespace ds::report
