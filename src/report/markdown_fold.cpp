// GitHub refuses a comment past 65,536 characters: the least useful parts go first.
#include <algorithm>

#include "src/report/markdown_parts.h"

namespace ds::report {

namespace {

// Room for the notes that say what was left out.
constexpr size_t kNoteReserve = 600;

// How many of `items`, in order, fit in `budget`; takes their size off it.
size_t Fit(const std::vector<std::string>& items, size_t& budget) {
  size_t kept = 0;
  for (const std::string& item : items) {
    if (item.size() > budget) break;
    budget -= item.size();
    ++kept;
  }
  return kept;
}

std::string Left(size_t n, std::string_view what) {
  return "_" + std::to_string(n) + " " + std::string(what) +
         " left out to stay under GitHub's size limit; the job summary and `downstream check` "
         "list them all._\n\n";
}

}  // namespace

std::string Assemble(const MarkdownParts& parts, size_t max_chars) {
  size_t fixed = parts.head.size() + parts.table_head.size() + parts.owners.size() + parts.footer.size() +
                 128;  // blank lines and the <details> wrappers
  size_t budget = max_chars > fixed + kNoteReserve ? max_chars - fixed - kNoteReserve : 0;
  size_t rows = Fit(parts.rows, budget);
  size_t details = rows == parts.rows.size() ? Fit(parts.details, budget) : 0;
  size_t acknowledged = Fit(parts.acknowledged, budget);
  size_t diagnostic_count = Fit(parts.diagnostics, budget);

  std::string out = parts.head + parts.table_head;
  for (size_t i = 0; i < rows; ++i) out += parts.rows[i];
  if (!parts.table_head.empty()) out += "\n";
  if (rows < parts.rows.size()) out += Left(parts.rows.size() - rows, "more findings are");
  out += parts.owners;
  for (size_t i = 0; i < details; ++i) out += parts.details[i];
  if (details < parts.details.size()) {
    out += Left(parts.details.size() - details, "findings' details are");
  }
  if (!parts.acknowledged.empty()) {
    out += "<details>\n<summary>Acknowledged (" + std::to_string(parts.acknowledged.size()) + ")</summary>\n\n";
    for (size_t i = 0; i < acknowledged; ++i) out += parts.acknowledged[i];
    out += "\n</details>\n\n";
    if (acknowledged < parts.acknowledged.size()) {
      out += Left(parts.acknowledged.size() - acknowledged, "more acknowledged findings are");
    }
  }
  if (!parts.diagnostics.empty()) {
    out += "<details>\n<summary>What was not read fully (" + std::to_string(parts.diagnostics.size()) +
           ")</summary>\n\n";
    for (size_t i = 0; i < diagnostic_count; ++i) out += parts.diagnostics[i];
    out += "\n</details>\n\n";
    if (diagnostic_count < parts.diagnostics.size()) {
      out += Left(parts.diagnostics.size() - diagnostic_count, "more items not read fully are");
    }
  }
  return out + parts.footer;
}

}  // namespace ds::report
