// `lineage --format text`: a tree per view, each output column with its inputs, then every
// column the view reads with how; then what could not be understood.
#include <sstream>

#include "src/report/lineage_report.h"
#include "src/report/safe_text.h"

namespace ds::report {

namespace {

std::string Name(const std::string& table, const std::string& column) {
  return (table.empty() ? std::string("?") : table) + "." + column;
}

std::string Joined(const std::vector<std::string>& items) {
  std::string out;
  for (size_t i = 0; i < items.size(); ++i) out += (i > 0 ? ", " : "") + items[i];
  return out;
}

std::string InputText(const LineageInput& input, bool indirect) {
  std::string text = Name(input.table, input.column) + " (" + input.kind;
  if (indirect) text += ", indirect";
  if (input.unresolved) text += ", unresolved";
  return text + ")";
}

void WriteView(const LineageView& view, std::ostream& out) {
  out << view.name << (view.materialized ? " (materialized view, " : " (") << view.span.file << ":"
      << view.span.line << (view.partial ? ", read partly: could not be parsed, columns found by name" : "")
      << ")\n";
  for (const LineageColumn& column : view.columns) {
    out << "  " << column.name << "\n";
    std::vector<std::string> lines;
    for (const LineageInput& input : column.sources) lines.push_back(InputText(input, false));
    for (const LineageInput& input : column.indirect) lines.push_back(InputText(input, true));
    if (lines.empty()) lines.push_back("(no input column)");
    for (size_t i = 0; i < lines.size(); ++i) {
      out << "    " << (i + 1 == lines.size() ? "└─ " : "├─ ") << lines[i] << "\n";
    }
  }
  if (view.references.empty()) return;
  out << "  reads\n";
  for (size_t i = 0; i < view.references.size(); ++i) {
    const LineageReference& ref = view.references[i];
    out << "    " << (i + 1 == view.references.size() ? "└─ " : "├─ ")
        << Name(ref.table, ref.column) << ": " << Joined(ref.usages)
        << (ref.unresolved ? " (unresolved)" : "") << "\n";
  }
}

void WriteRawLineageText(const LineageReport& report, std::ostream& out) {
  for (size_t i = 0; i < report.views.size(); ++i) {
    if (i > 0) out << "\n";
    WriteView(report.views[i], out);
  }
  if (!report.diagnostics.empty()) out << (report.views.empty() ? "" : "\n");
  for (const ir::Diagnostic& d : report.diagnostics) {
    out << d.span.file << ":" << d.span.line << ":" << d.span.column << ": "
        << ir::SeverityName(d.severity) << ": " << d.message << "\n";
  }
  size_t columns = 0;
  for (const LineageView& view : report.views) columns += view.columns.size();
  out << "\n" << report.views.size() << (report.views.size() == 1 ? " view, " : " views, ")
      << columns << (columns == 1 ? " column" : " columns")
      << (report.transitive ? " (inputs resolved down to tables)" : "") << "\n";
  if (!report.coverage.Complete()) out << "coverage: " << CoverageSentence(report.coverage) << "\n";
}

}  // namespace

void WriteLineageText(const LineageReport& report, std::ostream& out) {
  std::ostringstream raw;
  WriteRawLineageText(report, raw);
  out << SafeLines(raw.str());
}

}  // namespace ds::report
