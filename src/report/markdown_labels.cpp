// Short labels for the comment's summary table: what changed, the rule linked to its page, the
// migration's file name linked to its line.
#include <algorithm>

#include "src/report/markdown_parts.h"

namespace ds::report {

namespace {

std::string Object(const ir::ChangeRef& change) {
  std::string name = change.table.ToString();
  if (!change.column.empty()) name += "." + change.column;
  return EscapeMarkdown(name);
}

std::string Quoted(const std::string& value) { return EscapeMarkdown("'" + value + "'"); }

}  // namespace

std::string ChangeLabel(const ir::Finding& finding) {
  const ir::ChangeRef& c = finding.change;
  const std::string object = Object(c);
  const std::string to = " → ";
  if (c.kind == "drop_table") return "drops " + object;
  if (c.kind == "rename_table") return "renames " + object + to + EscapeMarkdown(c.new_name);
  if (c.kind == "drop_column") return "drops " + object;
  if (c.kind == "rename_column") return "renames " + object + to + EscapeMarkdown(c.new_name);
  if (c.kind == "retype_column") {
    return "retypes " + object + (c.old_type.empty() ? "" : " " + EscapeMarkdown(c.old_type)) + to +
           EscapeMarkdown(c.new_type);
  }
  if (c.kind == "drop_not_null") return "lets " + object + " be NULL";
  if (c.kind == "add_column") return "adds " + object;
  if (c.kind == "rename_enum_value") {
    return "renames " + Quoted(c.value) + to + Quoted(c.new_value) + " of " + EscapeMarkdown(c.old_type);
  }
  if (c.kind == "drop_enum_value") return "drops " + Quoted(c.value) + " from " + EscapeMarkdown(c.old_type);
  if (c.kind == "rewrite_values") {
    return "rewrites " + Quoted(c.value) + (c.new_value.empty() ? "" : to + Quoted(c.new_value)) + " in " + object;
  }
  return EscapeMarkdown(finding.message);  // no short form: the message says it
}

std::string RuleLink(std::string_view rule, const MarkdownOptions& options) {
  bool plain = !rule.empty() && std::all_of(rule.begin(), rule.end(), [](char c) { return (c >= 'a' && c <= 'z') || c == '-'; });
  if (options.docs_url.empty() || !plain) return EscapeMarkdown(rule);
  std::string page(rule);
  std::replace(page.begin(), page.end(), '-', '_');
  return "[" + std::string(rule) + "](" + options.docs_url + "/rules/" + page + ".md)";
}

std::string FileLink(const ir::SourceSpan& span, const CheckReport& report, const MarkdownOptions& options) {
  std::string full = SpanLink(span, report, options);
  size_t slash = span.file.rfind('/');
  if (slash == std::string::npos) return full;
  // The same link, labelled with the file's name: the path is in the link and in the details.
  std::string label = EscapeMarkdown(span.file);
  std::string shorter = EscapeMarkdown(span.file.substr(slash + 1));
  size_t at = full.find(label);
  return at == std::string::npos ? full : full.replace(at, label.size(), shorter);
}

}  // namespace ds::report
