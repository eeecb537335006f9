// One finding's collapsible section: the help line, a table of the consumers it breaks, the column
// paths as a tree, and a mermaid diagram of the impact when it stays legible in a 900 px column
// (GitHub renders mermaid code blocks; a wide graph is scaled down until it cannot be read).
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

// Past this, the diagram is scaled down to unreadable text: the tree says it all.
constexpr size_t kLegibleNodes = 6;
constexpr size_t kLegibleChain = 4;

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
  size_t chain = 0;
  for (const ir::Impact& impact : finding.impacts) chain = std::max(chain, impact.path.size());
  if (edge_order.empty() || nodes.size() > kLegibleNodes || chain > kLegibleChain) return "";
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

// "analytics.customers (view)" linked to where it is defined, or with the place when nothing can
// be linked.
std::string ConsumerCell(const ir::Impact& impact, const CheckReport& report, const MarkdownOptions& options) {
  std::string name = EscapeMarkdown(impact.view.ToString());
  std::string kind = ir::RelationKindNoun(impact.kind);
  std::string link = SpanLink(impact.span, report, options);
  size_t url = link.rfind("](");  // escaped labels hold no "](": only a link does
  if (link.starts_with("[") && url != std::string::npos) return "[" + name + link.substr(url) + " (" + kind + ")";
  return name + " (" + kind + (link.empty() ? "" : ", " + link) + ")";
}

// "How": "reads it in select, filter", or "downstream of analytics.stg_users".
std::string ImpactRow(const ir::Impact& impact, const CheckReport& report, const MarkdownOptions& options) {
  std::vector<std::string> owners;
  for (const std::string& owner : impact.owners) owners.push_back(OwnerMention(owner));
  std::string how = !impact.via.name.empty() ? "downstream of " + EscapeMarkdown(impact.via.ToString())
                    : impact.usages.empty()  ? "reads it"
                                             : "reads it in " + EscapeMarkdown(JoinWith(impact.usages, ", "));
  if (impact.partial) how += " (read partly: not parsed, columns found by name)";
  return "| " + ConsumerCell(impact, report, options) + " | " + EscapeMarkdown(JoinWith(impact.columns, ", ")) +
         " | " + how + " | " + JoinWith(owners, " ") + " |\n";
}

// The column paths with their shared beginnings written once, as a nested list.
struct PathNode {
  std::string name;
  std::vector<PathNode> children;
};

void Insert(std::vector<PathNode>& level, const std::vector<std::string>& path, size_t at) {
  if (at >= path.size()) return;
  auto node = std::find_if(level.begin(), level.end(), [&](const PathNode& n) { return n.name == path[at]; });
  if (node == level.end()) node = level.insert(level.end(), PathNode{path[at], {}});
  Insert(node->children, path, at + 1);
}

void RenderTree(const std::vector<PathNode>& level, size_t depth, std::string& out) {
  for (const PathNode& node : level) {
    out += std::string(depth * 2, ' ') + "- " + EscapeMarkdown(node.name) + "\n";
    RenderTree(node.children, depth + 1, out);
  }
}

std::string PathTree(const ir::Finding& finding) {
  std::vector<PathNode> roots;
  for (const ir::Impact& impact : finding.impacts) Insert(roots, impact.path, 0);
  std::string out;
  RenderTree(roots, 0, out);
  return out;
}

// Exposure owners come from the analytics project, not the configuration: plain text, never a
// mention.
std::string ExposureRow(const ir::Exposure& exposure, const CheckReport& report, const MarkdownOptions& options) {
  std::string name = EscapeMarkdown(exposure.label.empty() ? exposure.name : exposure.label);
  if (LinkableUrl(exposure.url)) name = "[" + name + "](" + exposure.url + ")";
  std::string owner = exposure.owner_name;
  if (!exposure.owner_email.empty()) owner += (owner.empty() ? "" : " ") + ("<" + exposure.owner_email + ">");
  std::string about = EscapeMarkdown(exposure.type);
  std::string declared = SpanLink(exposure.span, report, options);
  if (!declared.empty()) about += (about.empty() ? "" : ", ") + declared;
  return "| " + name + (about.empty() ? "" : " (" + about + ")") + " | " + EscapeMarkdown(exposure.via.ToString()) +
         " | " + EscapeMarkdown(owner) + " |\n";
}

}  // namespace

bool LinkableUrl(std::string_view url) {
  if (!url.starts_with("https://") && !url.starts_with("http://")) return false;
  return std::all_of(url.begin(), url.end(), [](char c) {
    return static_cast<unsigned char>(c) > 0x20 && static_cast<unsigned char>(c) < 0x7F &&
           std::string_view(" ()<>[]|\"'`\\").find(c) == std::string_view::npos;
  });
}

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
    out += "| Consumer | Columns | How | Owners |\n|---|---|---|---|\n";
    for (const ir::Impact& impact : finding.impacts) out += ImpactRow(impact, report, options);
    std::string tree = PathTree(finding);
    if (!tree.empty()) out += "\nColumn paths:\n\n" + tree;
    out += "\n" + Mermaid(finding);
  }
  if (!finding.exposures.empty()) {
    out += "| Exposure | Reads | Owner |\n|---|---|---|\n";
    for (const ir::Exposure& exposure : finding.exposures) out += ExposureRow(exposure, report, options);
    out += "\n";
  }
  return out + "</details>\n\n";
}

}  // namespace ds::report
