#include <algorithm>
#include <sstream>

#include "src/report/check_report.h"
#include "src/report/safe_text.h"

namespace ds::report {

namespace {

std::string Location(const ir::SourceSpan& span) {
  std::string out = span.file.empty() ? "<unknown>" : span.file;
  if (span.line > 0) out += ":" + std::to_string(span.line);
  if (span.column > 0) out += ":" + std::to_string(span.column);
  return out;
}

std::string_view LineOf(std::string_view text, int line) {
  size_t start = 0;
  for (int i = 1; i < line; ++i) {
    start = text.find('\n', start);
    if (start == std::string_view::npos) return {};
    ++start;
  }
  size_t end = text.find('\n', start);
  std::string_view out = text.substr(start, end == std::string_view::npos ? text.npos : end - start);
  while (!out.empty() && (out.back() == '\r' || out.back() == ' ' || out.back() == '\t')) {
    out.remove_suffix(1);
  }
  return out;
}

// rustc-style frame: the line, and a caret under the column underlining the rest of the line.
void CodeFrame(const ir::SourceSpan& span, const SourceLookup& sources, std::ostream& out) {
  if (span.line <= 0 || !sources) return;
  std::optional<std::string_view> text = sources(span.file);
  if (!text) return;
  std::string_view line = LineOf(*text, span.line);
  if (line.empty()) return;
  std::string number = std::to_string(span.line);
  std::string gutter(number.size(), ' ');
  out << " " << gutter << " |\n";
  out << " " << number << " | " << line << "\n";
  size_t column = static_cast<size_t>(std::max(span.column, 1)) - 1;
  std::string pad;
  for (size_t i = 0; i < column && i < line.size(); ++i) pad += line[i] == '\t' ? '\t' : ' ';
  size_t rest = line.size() > column ? line.size() - column : 1;
  out << " " << gutter << " | " << pad << '^' << std::string(rest > 0 ? rest - 1 : 0, '~') << "\n";
}

std::string Join(const std::vector<std::string>& items, std::string_view separator) {
  std::string out;
  for (const std::string& item : items) out += (out.empty() ? "" : std::string(separator)) + item;
  return out;
}

// "= breaks model analytics.x (file:3): column a; read in select", or for a consumer that only
// reads a broken one, "...; downstream of analytics.stg_x".
void ImpactLines(const ir::Impact& impact, std::ostream& out) {
  out << "   = breaks " << ir::RelationKindNoun(impact.kind) << " " << impact.view.ToString();
  if (!impact.span.file.empty()) out << " (" << Location({impact.span.file, impact.span.line, 0}) << ")";
  if (!impact.columns.empty()) {
    out << (impact.columns.size() == 1 ? ": column " : ": columns ") << Join(impact.columns, ", ");
  }
  if (!impact.usages.empty()) out << "; read in " << Join(impact.usages, ", ");
  if (!impact.via.name.empty()) out << "; downstream of " << impact.via.ToString();
  if (impact.partial) out << "; read partly (not parsed: columns found by name)";
  if (impact.acknowledged) out << "; acknowledged";
  if (!impact.owners.empty()) out << "; owned by " << Join(impact.owners, ", ");
  out << "\n";
  if (impact.path.size() > 1) out << "       " << Join(impact.path, " -> ") << "\n";
}

std::string Owner(const ir::Exposure& exposure) {
  std::string out = exposure.owner_name;
  if (!exposure.owner_email.empty()) out += (out.empty() ? "" : " ") + ("<" + exposure.owner_email + ">");
  return out;
}

void ExposureLine(const ir::Exposure& exposure, std::ostream& out) {
  out << "   = exposure " << exposure.name;
  std::vector<std::string> about;
  if (!exposure.type.empty()) about.push_back(exposure.type);
  if (!exposure.url.empty()) about.push_back(exposure.url);
  if (!about.empty()) out << " (" << Join(about, ", ") << ")";
  out << " reads " << exposure.via.ToString();
  std::string owner = Owner(exposure);
  if (!owner.empty()) out << "; owned by " << owner;
  out << "\n";
}

// "= acknowledged at m.sql:4 for analytics.a: "reason" (until 2026-12-31)", or why it did not hold.
void AckLine(const ir::AckRef& ack, std::ostream& out) {
  out << "   = " << (ack.expired ? "acknowledgement expired" : "acknowledged") << " at " << Location(ack.span)
      << " for " << Join(ack.consumers, ", ") << ": \"" << ack.reason << "\"";
  if (!ack.until.empty()) out << " (until " << ack.until << ")";
  out << "\n";
}

std::string Plural(size_t n, std::string_view one, std::string_view many) {
  return std::to_string(n) + " " + std::string(n == 1 ? one : many);
}

void WriteRawText(const CheckReport& report, const SourceLookup& sources, std::ostream& out) {
  size_t errors = 0, warnings = 0, acknowledged = 0;
  for (const ir::Finding& f : report.findings) {
    if (f.acknowledged) ++acknowledged;
    else (f.severity == ir::Severity::kError ? errors : warnings)++;
    out << Location(f.span) << ": " << ir::SeverityName(f.severity) << (f.acknowledged ? " (acknowledged)" : "")
        << ": " << f.message << " [" << f.rule << "]\n";
    CodeFrame(f.span, sources, out);
    for (const ir::Impact& impact : f.impacts) ImpactLines(impact, out);
    for (const ir::Exposure& exposure : f.exposures) ExposureLine(exposure, out);
    for (const ir::AckRef& ack : f.acknowledgements) AckLine(ack, out);
    if (!f.help.empty()) out << "   = help: " << f.help << "\n";
    out << "\n";
  }
  for (const ir::Diagnostic& d : report.diagnostics) {
    out << Location(d.span) << ": " << ir::SeverityName(d.severity) << ": " << d.message << "\n";
  }
  if (!report.diagnostics.empty()) out << "\n";
  if (!report.coverage.Complete()) {
    out << "coverage: " << CoverageSentence(report.coverage) << "\n";
    for (const CoverageGap& gap : report.coverage.gaps) {
      out << "   = " << (gap.level == ReadLevel::kUnread ? "not read: " : "read partly: ") << gap.name << " ("
          << Location(gap.reason.span) << ": " << ir::DiagCodeName(gap.reason.code) << ")\n";
    }
    out << "\n";
  }
  out << Plural(errors, "error", "errors") << ", " << Plural(warnings, "warning", "warnings");
  if (acknowledged > 0) out << ", " << acknowledged << " acknowledged";
  out << " (" << Plural(static_cast<size_t>(report.schema_changes), "schema change", "schema changes")
      << ", " << Plural(static_cast<size_t>(report.views_checked), "view", "views") << " checked)";
  if (!report.diagnostics.empty()) {
    out << "; " << Plural(report.diagnostics.size(), "input was", "inputs were")
        << " not understood, see above";
  }
  if (!report.coverage.Complete()) out << "; not everything was read, see coverage above";
  out << "\n";
}

}  // namespace

void WriteText(const CheckReport& report, const SourceLookup& sources, std::ostream& out) {
  // Names, messages and source lines come from the pull request: the terminal gets them defused.
  std::ostringstream raw;
  WriteRawText(report, sources, raw);
  out << SafeLines(raw.str());
}

}  // namespace ds::report
