#include "parsers/treesitter/syntax_tree.h"

#include <memory>

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

TSNode FirstError(TSNode node) {
  if (ts_node_is_missing(node) || Is(node, "ERROR")) return node;
  uint32_t count = ts_node_child_count(node);
  for (uint32_t i = 0; i < count; ++i) {
    TSNode child = ts_node_child(node, i);
    if (ts_node_has_error(child) || ts_node_is_missing(child)) {
      TSNode found = FirstError(child);
      if (!ts_node_is_null(found)) return found;
    }
  }
  return TSNode{};
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
  std::string_view line = text.substr(0, text.find('\n'));
  if (line.size() > 60) return std::string(line.substr(0, 57)) + "...";
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

}  // namespace ds::parsers::ts
