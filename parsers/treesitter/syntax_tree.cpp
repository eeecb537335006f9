#include "parsers/treesitter/syntax_tree.h"

#include <memory>

#include "src/ir/limits.h"

extern "C" const TSLanguage* tree_sitter_python(void);
extern "C" const TSLanguage* tree_sitter_ruby(void);

namespace ds::parsers::ts {

namespace {

struct ParserDeleter {
  void operator()(TSParser* parser) const { ts_parser_delete(parser); }
};

// One parser per thread and grammar: creating one costs more than parsing a small migration.
TSParser* ParserFor(Grammar grammar) {
  thread_local std::unique_ptr<TSParser, ParserDeleter> python, ruby;
  auto& slot = grammar == Grammar::kPython ? python : ruby;
  if (!slot) {
    slot.reset(ts_parser_new());
    bool loaded = ts_parser_set_language(
        slot.get(), grammar == Grammar::kPython ? tree_sitter_python() : tree_sitter_ruby());
    // The grammars are built with the runtime's ABI (cmake/Grammars.cmake): a mismatch is a
    // broken build, not bad input.
    if (!loaded) std::abort();
  }
  return slot.get();
}

TSNode FirstError(TSNode root) {
  TSNode found{};
  VisitNodes(root, [&](TSNode node) {
    if (!ts_node_is_missing(node) && !Is(node, "ERROR")) return true;
    found = node;
    return false;
  });
  return found;
}

}  // namespace

SyntaxTree::SyntaxTree(Grammar grammar, std::string_view text)
    : text_(text),
      tree_(ts_parser_parse_string(ParserFor(grammar), nullptr, text.data(),
                                   static_cast<uint32_t>(text.size()))) {}

SyntaxTree::~SyntaxTree() { ts_tree_delete(tree_); }

std::string_view SyntaxTree::Text(TSNode node) const {
  if (ts_node_is_null(node)) return {};
  uint32_t begin = ts_node_start_byte(node), end = ts_node_end_byte(node);
  if (end > text_.size() || begin > end) return {};
  return text_.substr(begin, end - begin);
}

void SyntaxTree::NoteLimit(TSNode node, std::string what) const {
  if (!limit_what_.empty()) return;
  limit_node_ = node;
  limit_what_ = std::move(what);
}

bool SyntaxTree::SpendCopy(TSNode node, size_t bytes) const {
  copied_bytes_ += bytes;
  if (copied_bytes_ <= ir::kMaxFileBytes) return true;
  NoteLimit(node, "constants copied into more than " + ir::LimitText(ir::kMaxFileBytes) + " of values");
  return false;
}

void VisitNodes(TSNode root, const std::function<bool(TSNode)>& visit) {
  if (ts_node_is_null(root)) return;
  TSTreeCursor cursor = ts_tree_cursor_new(root);
  size_t depth = 0;
  while (true) {
    if (!visit(ts_tree_cursor_current_node(&cursor))) break;
    if (ts_tree_cursor_goto_first_child(&cursor)) {
      ++depth;
      continue;
    }
    while (depth > 0 && !ts_tree_cursor_goto_next_sibling(&cursor)) {
      ts_tree_cursor_goto_parent(&cursor);
      --depth;
    }
    if (depth == 0) break;
  }
  ts_tree_cursor_delete(&cursor);
}

std::vector<TSNode> NamedChildren(TSNode node) {
  std::vector<TSNode> out;
  if (ts_node_is_null(node)) return out;  // a missing field (`class X < Y` with no body): fuzz
  uint32_t count = ts_node_named_child_count(node);
  out.reserve(count);
  for (uint32_t i = 0; i < count; ++i) {
    TSNode child = ts_node_named_child(node, i);
    if (!Is(child, "comment")) out.push_back(child);
  }
  return out;
}

ir::SourceSpan SpanOf(std::string_view path, TSNode node) {
  return ir::SourceSpan{std::string(path), Line(node), Column(node)};
}

std::string Snippet(std::string_view text) {
  // Only the head is searched: a node's text can be megabytes long, and nodes nest.
  size_t newline = text.substr(0, 61).find('\n');
  std::string_view line = text.substr(0, newline);
  if (newline == std::string_view::npos && text.size() > 60) return std::string(text.substr(0, 57)) + "...";
  return std::string(line.size() < text.size() ? std::string(line) + "..." : std::string(line));
}

void ReportSyntaxErrors(const SyntaxTree& tree, std::string_view path, std::string_view language,
                        std::vector<ir::Diagnostic>& diagnostics) {
  if (!ts_node_has_error(tree.root())) return;
  TSNode bad = FirstError(tree.root());
  if (ts_node_is_null(bad)) bad = tree.root();
  std::string what = ts_node_is_missing(bad) ? "missing " + std::string(Type(bad)) : "unexpected text";
  diagnostics.push_back({ir::Severity::kWarning, SpanOf(path, bad),
                         "could not parse: " + std::string(language) + " syntax error (" + what +
                             "); the rest of the file is read as far as possible",
                         ir::DiagCode::kSyntaxError});
}

void ReportLimits(const SyntaxTree& tree, std::string_view path, std::vector<ir::Diagnostic>& diagnostics) {
  if (tree.limit_what_.empty()) return;
  diagnostics.push_back({ir::Severity::kWarning, SpanOf(path, tree.limit_node_),
                         tree.limit_what_ + ": read as unknown", ir::DiagCode::kLimitExceeded});
}

}  // namespace ds::parsers::ts
