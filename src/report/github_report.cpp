#include <algorithm>
#include <sstream>

#include "src/report/check_report.h"
#include "src/report/safe_text.h"

namespace ds::report {

namespace {

// Workflow command escaping: the message part and, more strictly, property values.
// Each line of the value as SafeLine, so no escape sequence reaches the log; the newlines left are
// encoded, so the value cannot start a line of its own (a command needs a line).
std::string EscapeData(std::string_view s) {
  std::string safe;
  for (size_t start = 0;;) {
    size_t end = s.find('\n', start);
    safe += SafeLine(s.substr(start, end == std::string_view::npos ? end : end - start));
    if (end == std::string_view::npos) break;
    safe += '\n';
    start = end + 1;
  }
  std::string out;
  for (char c : safe) {
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

void Command(std::ostream& out, std::string_view level, const ir::SourceSpan& span, std::string_view title,
             std::string_view message) {
  out << "::" << level << " ";
  if (!span.file.empty()) {
    out << "file=" << EscapeProperty(span.file);
    if (span.line > 0) out << ",line=" << span.line << ",endLine=" << span.line;
    if (span.column > 0) out << ",col=" << span.column;
    out << ",";
  }
  out << "title=" << EscapeProperty(title) << "::" << EscapeData(message) << "\n";
}

struct Annotation {
  ir::Severity severity;
  ir::SourceSpan span;
  std::string title;
  std::string message;
};

}  // namespace

std::string GithubWarning(std::string_view title, std::string_view message) {
  std::ostringstream out;
  Command(out, "warning", {}, title, message);
  return out.str();
}

void WriteGithub(const CheckReport& report, std::ostream& out) {
  if (!report.coverage.Complete()) {
    // A notice (its own quota): the verdict below was reached on part of the input.
    out << "::notice title=downstream: not everything was read::"
        << EscapeData(CoverageSentence(report.coverage) + ". The job summary lists what was not read.") << "\n";
  }
  std::vector<Annotation> annotations;
  std::vector<Annotation> acknowledged;  // notices: they do not fail the check
  for (const ir::Finding& f : report.findings) {
    std::string message = f.message;
    if (!f.help.empty()) message += "\nhelp: " + f.help;
    if (f.acknowledged) {
      for (const ir::AckRef& ack : f.acknowledgements) {
        if (!ack.expired) message += "\nacknowledged: " + ack.reason + (ack.until.empty() ? "" : " (until " + ack.until + ")");
      }
      acknowledged.push_back({f.severity, f.span, f.rule + " (acknowledged)", message});
    } else {
      annotations.push_back({f.severity, f.span, f.rule, message});
    }
  }
  for (const ir::Diagnostic& d : report.diagnostics) {
    annotations.push_back({ir::Severity::kWarning, d.span, "downstream: not understood", d.message});
  }
  // GitHub shows kAnnotationsShown errors and as many warnings per step and drops the rest: past
  // that, the last one shown says how many more there are and where they are all listed.
  for (ir::Severity severity : {ir::Severity::kError, ir::Severity::kWarning}) {
    size_t total = std::count_if(annotations.begin(), annotations.end(),
                                 [&](const Annotation& a) { return a.severity == severity; });
    size_t shown = total > kAnnotationsShown ? kAnnotationsShown - 1 : total;
    size_t written = 0;
    for (const Annotation& a : annotations) {
      if (a.severity != severity || written == shown) continue;
      Command(out, a.severity == ir::Severity::kError ? "error" : "warning", a.span, a.title, a.message);
      ++written;
    }
    if (shown < total) {
      std::string more = std::to_string(total - shown) + " more " +
                         (severity == ir::Severity::kError ? "errors" : "warnings");
      Command(out, severity == ir::Severity::kError ? "error" : "warning", {}, "downstream: " + more,
              more + " (" + std::to_string(total) + " in all) are not shown as annotations: GitHub shows " +
                  std::to_string(kAnnotationsShown) + " per step. The job summary lists them all.");
    }
  }
  // The coverage notice above takes one of GitHub's notices.
  size_t notices = report.coverage.Complete() ? kAnnotationsShown : kAnnotationsShown - 1;
  for (size_t i = 0; i < acknowledged.size() && i < notices; ++i) {
    Command(out, "notice", acknowledged[i].span, acknowledged[i].title, acknowledged[i].message);
  }
}

}  // namespace ds::report
