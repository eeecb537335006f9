// One finding's collapsible section: the help line, a table of the views it breaks, the column
// paths, and a mermaid diagram of the impact (GitHub renders mermaid code blocks).
#include <algorithm>
#include <cctype>
#include <map>
#include <set>
#include <utility>

#include "src/report/markdown_parts.h"

namespace ds::report {

namespace {

// Inside a mermaid label only plain characters survive: anything else could end the label, the
// code block, or start a mermaid directive.
std::string MermaidLabel(std::string_view name) {
  std::string out;
  for (char c : name) {
    bool plain = std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '_' || c == '-' ||
                 c == ' ' || c == '$';
    out += plain ? c : '?';
  }
  return out;
}

std::string Mermaid(const ir::Finding& finding) {
  std::map<std::string, size_t> ids;  // path element -> node number, in first-seen order
  std::vector<std::string> nodes;
  std::set<std::pair<size_t, size_t>> edges;
  std::vector<std::pair<size_t, size_t>> edge_order;
  auto id = [&](const std::string& name) {
    auto [it, inserted] = ids.emplace(name, nodes.size());
    if (inserted) nodes.push_back(name);
    return it->second;
  };
  for (const ir::Impact& impact : finding.impacts) {
    for (size_t i = 0; i + 1 < impact.path.size(); ++i) {
      std::pair<size_t, size_t> edge{id(impact.path[i]), id(impact.path[i + 1])};
      if (edges.insert(edge).second) edge_order.push_back(edge);
    }
  }
  // The exposures at the end of the chain, after the column they read through.
  for (const ir::Exposure& exposure : finding.exposures) {
    for (const ir::Impact& impact : finding.impacts) {
      if (impact.view != exposure.via || impact.path.empty()) continue;
      std::string label = (exposure.type.empty() ? "exposure" : exposure.type) + " " + exposure.name;
      std::pair<size_t, size_t> edge{id(impact.path.back()), id(label)};
      if (edges.insert(edge).second) edge_order.push_back(edge);
      break;
    }
  }
  if (edge_order.empty()) return "";
  std::string out = "```mermaid\nflowchart LR\n";
  for (size_t i = 0; i < nodes.size(); ++i) {
    out += "  n" + std::to_string(i) + "[\"" + MermaidLabel(nodes[i]) + "\"]\n";
  }
  for (const auto& [from, to] : edge_order) {
    out += "  n" + std::to_string(from) + " --> n" + std::to_string(to) + "\n";
  }
  out += "  classDef changed fill:#ffd7d5,stroke:#cf222e\n  class n0 changed\n```\n\n";
  return out;
}

// "Breaks how": "reads it in select, filter", or "downstream of analytics.stg_users".
std::string ImpactRow(const ir::Impact& impact, const CheckReport& report, const MarkdownOptions& options) {
  std::vector<std::string> owners;
  for (const std::string& owner : impact.owners) owners.push_back(OwnerMention(owner));
  std::string how = !impact.via.name.empty() ? "downstream of " + EscapeMarkdown(impact.via.ToString())
                    : impact.usages.empty()  ? "reads it"
                                             : "reads it in " + EscapeMarkdown(JoinWith(impact.usages, ", "));
  if (impact.partial) how += " (read partly: not parsed, columns found by name)";
  return "| " + EscapeMarkdown(impact.view.ToString()) + " | " + ir::RelationKindNoun(impact.kind) + " | " +
         SpanLink(impact.span, report, options) + " | " + EscapeMarkdown(JoinWith(impact.columns, ", ")) + " | " +
         how + " | " + JoinWith(owners, " ") + " |\n";
}

// Exposure owners come from the analytics project, not the configuration: plain text, never a
// mention.
std::string ExposureRow(const ir::Exposure& exposure, const CheckReport& report, const MarkdownOptions& options) {
  std::string name = EscapeMarkdown(exposure.label.empty() ? exposure.name : exposure.label);
  if (exposure.url.starts_with("https://") || exposure.url.starts_with("http://")) {
    bool plain = std::all_of(exposure.url.begin(), exposure.url.end(), [](char c) {
      return static_cast<unsigned char>(c) > 0x20 && std::string_view(" ()<>[]|\"'`\\").find(c) == std::string_view::npos;
    });
    if (plain) name = "[" + name + "](" + exposure.url + ")";
  }
  std::string owner = exposure.owner_name;
  if (!exposure.owner_email.empty()) owner += (owner.empty() ? "" : " ") + ("<" + exposure.owner_email + ">");
  return "| " + name + " | " + EscapeMarkdown(exposure.type) + " | " + EscapeMarkdown(exposure.via.ToString()) +
         " | " + EscapeMarkdown(owner) + " | " + SpanLink(exposure.span, report, options) + " |\n";
}

}  // namespace

std::string SpanLink(const ir::SourceSpan& span, const CheckReport& report, const MarkdownOptions& options) {
  if (span.file.empty()) return "";
  std::string label = EscapeMarkdown(span.file);
  if (span.line > 0) label += "\\:" + std::to_string(span.line);
  std::string sha = options.head_sha.empty() ? report.head : options.head_sha;
  if (options.server_url.empty() || options.repository.empty() || sha.empty() || sha == "staged") {
    return label;
  }
  return "[" + label + "](" + BlobUrl(options, sha, span.file, span.line) + ")";
}

std::string FindingDetails(const ir::Finding& finding, const CheckReport& report,
                           const MarkdownOptions& options) {
  std::string where = finding.span.file;
  if (finding.span.line > 0) where += ":" + std::to_string(finding.span.line);
  // <summary> is raw HTML: GitHub leaves markdown escapes in it as they are, so it gets HTML's.
  std::string out = "<details>\n<summary>" + EscapeHtml(finding.rule) + " at " + EscapeHtml(where) + ": " +
                    EscapeHtml(ir::CountConsumers(finding.impacts)) + "</summary>\n\n";
  out += EscapeMarkdown(finding.message) + "\n\n";
  if (!finding.help.empty()) out += "**Help**: " + EscapeMarkdown(finding.help) + "\n\n";
  if (!finding.impacts.empty()) {
    out += "| Consumer | Kind | Defined at | Columns | Breaks how | Owners |\n|---|---|---|---|---|---|\n";
    for (const ir::Impact& impact : finding.impacts) out += ImpactRow(impact, report, options);
    out += "\nColumn paths:\n\n";
    for (const ir::Impact& impact : finding.impacts) {
      if (impact.path.empty()) continue;
      std::vector<std::string> escaped;
      for (const std::string& step : impact.path) escaped.push_back(EscapeMarkdown(step));
      out += "- " + JoinWith(escaped, " → ") + "\n";
    }
    out += "\n" + Mermaid(finding);
  }
  if (!finding.exposures.empty()) {
    out += "| Exposure | Type | Reads | Owner | Declared at |\n|---|---|---|---|---|\n";
    for (const ir::Exposure& exposure : finding.exposures) out += ExposureRow(exposure, report, options);
    out += "\n";
  }
  return out + "</details>\n\n";
}

}  // namespace ds::report
