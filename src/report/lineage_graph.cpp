// `lineage --format mermaid|dot`: a picture of column edges. A box per relation (tables and
// views) holding its columns; an edge from each input column to the view column it feeds, solid
// for direct inputs (labelled with the transform unless identity), dashed for indirect ones.
#include <map>
#include <set>
#include <tuple>

#include "src/report/lineage_report.h"
#include "src/report/safe_text.h"

namespace ds::report {

namespace {

struct Edge {
  size_t from, to;
  std::string label;  ///< empty for identity
  bool indirect = false;
  auto operator<=>(const Edge&) const = default;
};

struct Box {
  std::string title;
  std::vector<size_t> nodes;
};

// Nodes, boxes and edges, numbered in a fixed order: boxes by name, a view's columns in output
// order, other columns by name.
class Graph {
 public:
  explicit Graph(const LineageReport& report) {
    for (const LineageView& view : report.views) {
      views_.insert(view.name);
      for (const LineageColumn& column : view.columns) Column(view.name, column.name);
    }
    for (const LineageView& view : report.views) {
      for (const LineageColumn& column : view.columns) {
        for (const LineageInput& input : column.sources) Input(view.name, column.name, input, false);
        for (const LineageInput& input : column.indirect) Input(view.name, column.name, input, true);
      }
    }
    // Number the nodes: boxes by title, columns as collected.
    for (const auto& [title, columns] : columns_) {
      Box box{title, {}};
      for (const std::string& column : columns) {
        box.nodes.push_back(labels_.size());
        ids_[{title, column}] = labels_.size();
        labels_.push_back(column);
      }
      boxes_.push_back(std::move(box));
    }
    for (const auto& [from, to, label, indirect] : pending_) {
      edges_.insert({ids_.at(from), ids_.at(to), label, indirect});
    }
  }

  const std::vector<Box>& boxes() const { return boxes_; }
  const std::vector<std::string>& labels() const { return labels_; }
  const std::set<Edge>& edges() const { return edges_; }

 private:
  using Key = std::pair<std::string, std::string>;

  // A view of the report keeps its output order; other relations' columns are sorted.
  void Column(const std::string& relation, const std::string& column) {
    std::vector<std::string>& columns = columns_[relation];
    for (const std::string& existing : columns) {
      if (existing == column) return;
    }
    auto at = columns.begin();
    while (at != columns.end() && (views_.count(relation) != 0 || *at < column)) ++at;
    columns.insert(at, column);
  }

  void Input(const std::string& view, const std::string& column, const LineageInput& input,
             bool indirect) {
    std::string relation = input.table.empty() ? "?" : input.table;
    std::string name = input.unresolved ? input.column + " (unresolved)" : input.column;
    Column(relation, name);
    std::string label = input.kind == "identity" ? "" : input.kind;
    pending_.push_back({{relation, name}, {view, column}, label, indirect});
  }

  std::map<std::string, std::vector<std::string>> columns_;
  std::set<std::string> views_;
  std::vector<std::tuple<Key, Key, std::string, bool>> pending_;
  std::map<Key, size_t> ids_;
  std::vector<std::string> labels_;
  std::vector<Box> boxes_;
  std::set<Edge> edges_;
};

// A label from SQL names: one safe line (no newline, control or escape character), its quotes
// written the format's way.
std::string MermaidLabel(const std::string& text) {
  std::string out;
  for (char c : SafeLine(text)) out += c == '"' ? std::string("#quot;") : std::string(1, c);
  return out;
}

// DOT strings end at an unescaped quote, and a backslash escapes what follows it.
std::string DotLabel(const std::string& text) {
  std::string out;
  for (char c : SafeLine(text)) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out;
}

}  // namespace

void WriteLineageMermaid(const LineageReport& report, std::ostream& out) {
  Graph graph(report);
  out << "flowchart LR\n";
  for (size_t b = 0; b < graph.boxes().size(); ++b) {
    const Box& box = graph.boxes()[b];
    out << "  subgraph r" << b << "[\"" << MermaidLabel(box.title) << "\"]\n";
    for (size_t node : box.nodes) {
      out << "    n" << node << "[\"" << MermaidLabel(graph.labels()[node]) << "\"]\n";
    }
    out << "  end\n";
  }
  for (const Edge& edge : graph.edges()) {
    out << "  n" << edge.from << (edge.indirect ? " -.->" : " -->");
    if (!edge.label.empty()) out << "|" << edge.label << "|";
    out << " n" << edge.to << "\n";
  }
}

void WriteLineageDot(const LineageReport& report, std::ostream& out) {
  Graph graph(report);
  out << "digraph lineage {\n  rankdir=LR;\n  node [shape=box];\n";
  for (size_t b = 0; b < graph.boxes().size(); ++b) {
    const Box& box = graph.boxes()[b];
    out << "  subgraph cluster_" << b << " {\n    label=\"" << DotLabel(box.title)
        << "\";\n";
    for (size_t node : box.nodes) {
      out << "    n" << node << " [label=\"" << DotLabel(graph.labels()[node]) << "\"];\n";
    }
    out << "  }\n";
  }
  for (const Edge& edge : graph.edges()) {
    out << "  n" << edge.from << " -> n" << edge.to;
    std::vector<std::string> attributes;
    if (!edge.label.empty()) attributes.push_back("label=\"" + edge.label + "\"");
    if (edge.indirect) attributes.push_back("style=dashed");
    for (size_t i = 0; i < attributes.size(); ++i) out << (i == 0 ? " [" : ", ") << attributes[i];
    out << (attributes.empty() ? ";\n" : "];\n");
  }
  out << "}\n";
}

}  // namespace ds::report
