#include "src/report/check_report.h"

namespace ds::report {

namespace {

// Workflow command escaping: the message part and, more strictly, property values.
std::string EscapeData(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == '%') out += "%25";
    else if (c == '\r') out += "%0D";
    else if (c == '\n') out += "%0A";
    else out += c;
  }
  return out;
}

std::string EscapeProperty(std::string_view s) {
  std::string out;
  for (char c : EscapeData(s)) {
    if (c == ':') out += "%3A";
    else if (c == ',') out += "%2C";
    else out += c;
  }
  return out;
}

void Command(std::ostream& out, ir::Severity severity, const ir::SourceSpan& span,
             std::string_view title, std::string_view message) {
  out << "::" << (severity == ir::Severity::kError ? "error" : "warning");
  out << " file=" << EscapeProperty(span.file);
  if (span.line > 0) out << ",line=" << span.line << ",endLine=" << span.line;
  if (span.column > 0) out << ",col=" << span.column;
  out << ",title=" << EscapeProperty(title) << "::" << EscapeData(message) << "\n";
}

}  // namespace

void WriteGithub(const CheckReport& report, std::ostream& out) {
  for (const ir::Finding& f : report.findings) {
    std::string message = f.message;
    if (!f.help.empty()) message += "\nhelp: " + f.help;
    Command(out, f.severity, f.span, f.rule, message);
  }
  for (const ir::Diagnostic& d : report.diagnostics) {
    Command(out, ir::Severity::kWarning, d.span, "downstream: not understood", d.message);
  }
}

}  // namespace ds::report
