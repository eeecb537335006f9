// Ruby expressions (tree-sitter-ruby 0.23 node types) as Values.
#include <algorithm>
#include <cstdlib>

#include "parsers/treesitter/read_values.h"
#include "src/ir/limits.h"

namespace ds::parsers::ts {

namespace {

Value Unknown(TSNode node, std::string why) {
  Value v;
  v.text = std::move(why);
  Place(v, node);
  return v;
}

void Collect(TSNode root, std::vector<TSNode>& beginnings, std::vector<TSNode>& bodies) {
  VisitNodes(root, [&](TSNode node) {
    std::string_view type = Type(node);
    if (type == "heredoc_beginning") beginnings.push_back(node);
    else if (type == "heredoc_body") bodies.push_back(node);
    return true;
  });
}

void DecodeEscape(std::string_view escape, std::string& out) {
  if (escape.size() < 2) return;
  switch (escape[1]) {
    case 'n': out += '\n'; return;
    case 't': out += '\t'; return;
    case 's': out += ' '; return;
    case '0': out += '\0'; return;
    default: out += escape[1];
  }
}

bool HasInterpolation(TSNode node) {
  for (TSNode part : NamedChildren(node)) {
    if (Is(part, "interpolation")) return true;
  }
  return false;
}

}  // namespace

RubyReader::RubyReader(const SyntaxTree& tree) : tree_(tree) {
  Collect(tree.root(), beginnings_, bodies_);
}

Value RubyReader::ReadString(TSNode node) const {
  Value v;
  v.kind = Value::Kind::kString;
  Place(v, node);
  std::string_view type = Type(node);
  bool single_quoted = tree_.Text(node).starts_with("'");
  // A symbol's text starts after the colon; a quoted string's after its quote.
  int skip = type == "simple_symbol" ? 1 : (type == "hash_key_symbol" ? 0 : 1);
  v.content_line = v.line;
  v.content_column = v.column + skip;
  if (type == "simple_symbol" || type == "hash_key_symbol") {
    v.text = tree_.Text(node).substr(skip);
    return v;
  }
  bool placed = false;
  uint32_t count = ts_node_named_child_count(node);
  for (uint32_t i = 0; i < count; ++i) {
    TSNode child = ts_node_named_child(node, i);
    std::string_view part = Type(child);
    if (!placed) {
      v.content_line = Line(child);
      v.content_column = Column(child);
      placed = true;
    }
    if (part == "interpolation") return Unknown(node, "an interpolated string");
    if (part == "escape_sequence" && !single_quoted) DecodeEscape(tree_.Text(child), v.text);
    else v.text += tree_.Text(child);
  }
  if (single_quoted) {
    std::string decoded;
    for (size_t i = 0; i < v.text.size(); ++i) {
      if (v.text[i] == '\\' && i + 1 < v.text.size() && (v.text[i + 1] == '\\' || v.text[i + 1] == '\'')) ++i;
      decoded += v.text[i];
    }
    v.text = decoded;
  }
  return v;
}

Value RubyReader::ReadHeredoc(TSNode beginning, const Constants& constants, int depth) const {
  size_t index = 0;
  while (index < beginnings_.size() && !ts_node_eq(beginnings_[index], beginning)) ++index;
  if (index >= bodies_.size()) return Unknown(beginning, "a heredoc without a body");
  TSNode body = bodies_[index];
  Value v;
  v.kind = Value::Kind::kString;
  Place(v, beginning);
  // The body is kept as written (indentation included): SQL does not care, and offsets in it
  // then map straight back to the file.
  uint32_t begin = ts_node_start_byte(body), end = ts_node_end_byte(body);
  // #{name} with a name bound to a literal is replaced by its value (a column shift on that line
  // only); any other interpolation is not known statically.
  std::vector<std::pair<TSNode, std::string>> replaced;
  for (TSNode part : NamedChildren(body)) {
    if (Is(part, "interpolation")) {
      std::vector<TSNode> inner = NamedChildren(part);
      Value piece = inner.size() == 1 ? ReadAt(inner[0], constants, depth + 1) : Value{};
      if (!piece.IsString() && !piece.Is(Value::Kind::kNumber)) return Unknown(beginning, "a heredoc with interpolation");
      replaced.emplace_back(part, piece.text);
    }
    if (Is(part, "heredoc_end")) end = ts_node_start_byte(part);
  }
  std::string text;
  uint32_t at = begin;
  for (const auto& [part, value] : replaced) {
    text.append(tree_.text().substr(at, ts_node_start_byte(part) - at));
    text += value;
    at = ts_node_end_byte(part);
  }
  text.append(tree_.text().substr(at, end > at ? end - at : 0));
  // The body node starts at the end of the `<<~SQL` line; the text proper on the next line.
  size_t skip = text.starts_with("\n") ? 1 : 0;
  v.text = text.substr(skip);
  v.content_line = Line(body) + static_cast<int>(skip);
  v.content_column = skip ? 1 : Column(body);
  return v;
}

Value RubyReader::Read(TSNode node, const Constants& constants) const { return ReadAt(node, constants, 0); }

Value RubyReader::ReadCall(TSNode call, const std::string& callee, const Constants& constants) const {
  return ReadCallAt(call, callee, constants, 0);
}

Value RubyReader::ReadAt(TSNode node, const Constants& constants, int depth) const {
  if (ts_node_is_null(node)) return Value{};
  if (depth > ir::kMaxNestingDepth) {
    std::string what = "an expression nested more than " + std::to_string(ir::kMaxNestingDepth) + " deep";
    tree_.NoteLimit(node, what);
    return Unknown(node, what);
  }
  auto Read = [this, depth](TSNode n, const Constants& c) { return ReadAt(n, c, depth + 1); };
  std::string_view type = Type(node);
  Value v;
  Place(v, node);
  if (type == "string" && HasInterpolation(node)) {
    // "current_#{table}": known when every interpolated part is a name bound to a literal.
    v.kind = Value::Kind::kString;
    bool placed = false;
    for (TSNode part : NamedChildren(node)) {
      if (!placed) {
        v.content_line = Line(part);
        v.content_column = Column(part);
        placed = true;
      }
      if (Is(part, "interpolation")) {
        std::vector<TSNode> inner = NamedChildren(part);
        Value piece = inner.size() == 1 ? Read(inner[0], constants) : Value{};
        if (!piece.IsString() && !piece.Is(Value::Kind::kNumber)) return Unknown(node, "an interpolated string");
        v.text += piece.text;
      } else if (Is(part, "escape_sequence")) {
        DecodeEscape(tree_.Text(part), v.text);
      } else {
        v.text += tree_.Text(part);
      }
    }
    return v;
  }
  if (type == "string" || type == "simple_symbol" || type == "hash_key_symbol" ||
      type == "delimited_symbol") {
    return ReadString(node);
  }
  if (type == "heredoc_beginning") return ReadHeredoc(node, constants, depth);
  if (type == "binary") {  // TABLE_COUNT - 1: whole-number arithmetic on known numbers
    std::optional<long long> left = Read(Field(node, "left"), constants).Integer();
    std::optional<long long> right = Read(Field(node, "right"), constants).Integer();
    std::string_view op = tree_.Text(Field(node, "operator"));
    constexpr long long kBound = 1LL << 20;  // small operands: no overflow
    if (left && right && std::llabs(*left) < kBound && std::llabs(*right) < kBound &&
        (op == "+" || op == "-" || op == "*")) {
      v.kind = Value::Kind::kNumber;
      v.text = std::to_string(op == "+" ? *left + *right : op == "-" ? *left - *right : *left * *right);
      return v;
    }
  }
  if (type == "chained_string") {  // "a " \<newline> "b": adjacent literals are one string
    Value joined;
    for (TSNode part : NamedChildren(node)) {
      Value piece = Read(part, constants);
      if (!piece.IsString()) return piece;
      if (joined.kind == Value::Kind::kUnknown) joined = piece;
      else joined.text += piece.text;
    }
    return joined;
  }
  if (type == "integer" || type == "float") {
    v.kind = Value::Kind::kNumber;
    v.text = tree_.Text(node);
    return v;
  }
  if (type == "true" || type == "false") {
    v.kind = Value::Kind::kBool;
    v.flag = type == "true";
    return v;
  }
  if (type == "nil") {
    v.kind = Value::Kind::kNone;
    return v;
  }
  if (type == "unary" && Is(Field(node, "operand"), "integer")) {
    v.kind = Value::Kind::kNumber;
    v.text = tree_.Text(node);
    return v;
  }
  if (type == "array" || type == "string_array" || type == "symbol_array") {
    v.kind = Value::Kind::kList;
    for (TSNode item : NamedChildren(node)) {
      Value element = Read(item, constants);
      if (Is(item, "bare_string") || Is(item, "bare_symbol")) {
        element.kind = Value::Kind::kString;
        element.text = tree_.Text(item);
      }
      v.items.push_back(std::move(element));
    }
    return v;
  }
  if (type == "hash") {
    v.kind = Value::Kind::kDict;
    for (TSNode pair : NamedChildren(node)) {
      if (!Is(pair, "pair")) continue;
      Value key = Read(Field(pair, "key"), constants);
      v.keywords.emplace_back(key.IsString() ? key.text : Describe(key),
                              Read(Field(pair, "value"), constants));
    }
    return v;
  }
  if (type == "constant" || type == "identifier" || type == "instance_variable" || type == "class_variable") {
    if (auto found = constants.find(tree_.Text(node)); found != constants.end()) {
      if (!tree_.SpendCopy(node, found->second.Footprint())) return Unknown(node, "a constant over the limit");
      Value c = found->second;
      Place(c, node);
      return c;
    }
    v.kind = Value::Kind::kName;
    v.text = tree_.Text(node);
    return v;
  }
  if (type == "scope_resolution") {
    v.kind = Value::Kind::kName;
    v.text = tree_.Text(node);
    return v;
  }
  if (type == "parenthesized_statements") {
    std::vector<TSNode> inner = NamedChildren(node);
    if (inner.size() == 1) return Read(inner[0], constants);
  }
  if (type == "call") {
    // <<~SQL.squish, "...".strip, .freeze (also of a list): the same value; the text is kept as written (whitespace
    // means nothing to SQL, and offsets in it still map back to the file).
    static constexpr std::string_view kSameText[] = {"squish", "strip", "freeze", "chomp", "lstrip",
                                                     "rstrip", "strip_heredoc", "dup", "to_s"};
    std::string_view method = tree_.Text(Field(node, "method"));
    TSNode receiver = Field(node, "receiver");
    if (!ts_node_is_null(receiver) && ts_node_is_null(Field(node, "arguments")) &&
        std::find(std::begin(kSameText), std::end(kSameText), method) != std::end(kSameText)) {
      Value text = Read(receiver, constants);
      if (text.IsString() || (method == "freeze" && text.Is(Value::Kind::kList))) return text;
    }
  }
  if (type == "call") {
    std::string callee(tree_.Text(Field(node, "method")));
    TSNode receiver = Field(node, "receiver");
    if (!ts_node_is_null(receiver)) callee = std::string(tree_.Text(receiver)) + "." + callee;
    return ReadCallAt(node, callee, constants, depth + 1);
  }
  return Unknown(node, "an expression computed at run time (" + Snippet(tree_.Text(node)) + ")");
}

Value RubyReader::ReadCallAt(TSNode call, const std::string& callee, const Constants& constants, int depth) const {
  auto Read = [this, depth](TSNode n, const Constants& c) { return ReadAt(n, c, depth + 1); };
  Value v;
  v.kind = Value::Kind::kCall;
  v.text = callee;
  Place(v, call);
  TSNode arguments = Field(call, "arguments");
  if (ts_node_is_null(arguments)) return v;
  for (TSNode arg : NamedChildren(arguments)) {
    std::string_view type = Type(arg);
    if (type == "pair") {
      Value key = Read(Field(arg, "key"), constants);
      v.keywords.emplace_back(key.IsString() ? key.text : Describe(key),
                              Read(Field(arg, "value"), constants));
    } else if (type == "hash_splat_argument") {
      v.keywords.emplace_back("**", Unknown(arg, "options unpacked from a hash"));
    } else if (type == "splat_argument") {
      v.items.push_back(Unknown(arg, "arguments unpacked from an array"));
    } else if (type == "block_argument") {
      continue;
    } else if (type == "hash") {
      Value hash = Read(arg, constants);
      for (auto& entry : hash.keywords) v.keywords.push_back(std::move(entry));
    } else {
      v.items.push_back(Read(arg, constants));
    }
  }
  return v;
}

}  // namespace ds::parsers::ts
