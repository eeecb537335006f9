#pragma once
/// A small RAII layer over the tree-sitter runtime for the Python and Ruby frontends. Only
/// parsers/ includes this header: tree-sitter types never leave the folder.
#include <tree_sitter/api.h>

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "src/ir/diagnostic.h"

namespace ds::parsers::ts {

enum class Grammar { kPython, kRuby };

/// A parsed text. The text must outlive the tree (nodes point into it by offset).
class SyntaxTree {
 public:
  /// Parses `text` with a parser kept per thread and grammar; never fails (errors become ERROR
  /// nodes; see ReportSyntaxErrors).
  SyntaxTree(Grammar grammar, std::string_view text);
  ~SyntaxTree();
  SyntaxTree(const SyntaxTree&) = delete;
  SyntaxTree& operator=(const SyntaxTree&) = delete;

  TSNode root() const { return ts_tree_root_node(tree_); }
  std::string_view text() const { return text_; }
  /// The source text a node covers (empty for a null node).
  std::string_view Text(TSNode node) const;
  /// A reader stopped at `node` because of a bound (src/ir/limits.h) and read it as unknown;
  /// the first such place is kept for ReportLimits.
  void NoteLimit(TSNode node, std::string what) const;
  /// Counts `bytes` of constant text copied into values read from this file; false (and a
  /// NoteLimit at `node`) once they pass ir::kMaxFileBytes (`[A, A, ...]` of a 1 MB constant).
  bool SpendCopy(TSNode node, size_t bytes) const;

 private:
  friend void ReportLimits(const SyntaxTree&, std::string_view, std::vector<ir::Diagnostic>&);
  std::string_view text_;
  TSTree* tree_;
  mutable TSNode limit_node_{};
  mutable std::string limit_what_;
  mutable size_t copied_bytes_ = 0;
};

/// The node's grammar type ("call", "identifier", ...).
inline std::string_view Type(TSNode node) { return ts_node_is_null(node) ? "" : ts_node_type(node); }
inline bool Is(TSNode node, std::string_view type) { return !ts_node_is_null(node) && Type(node) == type; }
/// A named field, or a null node.
inline TSNode Field(TSNode node, const char* name) {
  return ts_node_child_by_field_name(node, name, static_cast<uint32_t>(std::char_traits<char>::length(name)));
}
/// Visits `root` and every node below it in document order, with a cursor, not recursion (a
/// tree is as deep as its file is long); `visit` returns false to stop the walk.
void VisitNodes(TSNode root, const std::function<bool(TSNode)>& visit);
/// The named children (comments left out).
std::vector<TSNode> NamedChildren(TSNode node);
/// 1-based line and byte column where the node starts.
inline int Line(TSNode node) { return static_cast<int>(ts_node_start_point(node).row) + 1; }
inline int Column(TSNode node) { return static_cast<int>(ts_node_start_point(node).column) + 1; }
ir::SourceSpan SpanOf(std::string_view path, TSNode node);
/// Source text for a one-line message: its first line, cut at 60 bytes.
std::string Snippet(std::string_view text);

/// The first syntax error of the file (an ERROR or MISSING node) as one warning diagnostic, so
/// a broken file says where it broke; the rest of the tree is still read.
void ReportSyntaxErrors(const SyntaxTree& tree, std::string_view path, std::string_view language,
                        std::vector<ir::Diagnostic>& diagnostics);
/// The first bound a reader reached in the file (NoteLimit), as one kLimitExceeded warning.
void ReportLimits(const SyntaxTree& tree, std::string_view path, std::vector<ir::Diagnostic>& diagnostics);

}  // namespace ds::parsers::ts
