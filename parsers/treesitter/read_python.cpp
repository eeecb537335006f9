// Python expressions (tree-sitter-python 0.23 node types) as Values.
#include <cstdint>
#include <cstdlib>

#include "parsers/treesitter/read_values.h"
#include "src/ir/limits.h"

namespace ds::parsers::ts {

namespace {

Value Unknown(TSNode node, std::string why) {
  Value v;
  v.kind = Value::Kind::kUnknown;
  v.text = std::move(why);
  Place(v, node);
  return v;
}

void AppendUtf8(std::string& out, uint32_t code) {
  if (code < 0x80) {
    out += static_cast<char>(code);
  } else if (code < 0x800) {
    out += static_cast<char>(0xC0 | (code >> 6));
    out += static_cast<char>(0x80 | (code & 0x3F));
  } else if (code < 0x10000) {
    out += static_cast<char>(0xE0 | (code >> 12));
    out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (code & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (code >> 18));
    out += static_cast<char>(0x80 | ((code >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (code & 0x3F));
  }
}

// One escape sequence of a (non-raw) Python string.
void DecodeEscape(std::string_view escape, std::string& out) {
  if (escape.size() < 2) return;
  char c = escape[1];
  switch (c) {
    case 'n': out += '\n'; return;
    case 't': out += '\t'; return;
    case 'r': out += '\r'; return;
    case '0': out += '\0'; return;
    case '\n': return;  // a line continuation
    case 'x': case 'u': case 'U':
      AppendUtf8(out, static_cast<uint32_t>(std::strtoul(std::string(escape.substr(2)).c_str(), nullptr, 16)));
      return;
    default: out += c;  // \\ \' \" and the rest
  }
}

Value ReadString(const SyntaxTree& tree, TSNode node) {
  Value v;
  v.kind = Value::Kind::kString;
  Place(v, node);
  std::string_view start;
  bool placed = false;
  uint32_t count = ts_node_child_count(node);
  for (uint32_t i = 0; i < count; ++i) {
    TSNode child = ts_node_child(node, i);
    std::string_view type = Type(child);
    if (type == "string_start") {
      start = tree.Text(child);
      TSPoint end = ts_node_end_point(child);
      v.content_line = static_cast<int>(end.row) + 1;
      v.content_column = static_cast<int>(end.column) + 1;
    } else if (type == "interpolation") {
      return Unknown(node, "an f-string");
    } else if (type == "string_content") {
      if (!placed) {
        v.content_line = Line(child);
        v.content_column = Column(child);
        placed = true;
      }
      bool raw = start.find_first_of("rR") != std::string_view::npos;
      uint32_t at = ts_node_start_byte(child);
      for (TSNode escape : NamedChildren(child)) {
        v.text += tree.text().substr(at, ts_node_start_byte(escape) - at);
        if (raw) v.text += tree.Text(escape);
        else DecodeEscape(tree.Text(escape), v.text);
        at = ts_node_end_byte(escape);
      }
      v.text += tree.text().substr(at, ts_node_end_byte(child) - at);
    }
  }
  return v;
}

Value ReadAt(const SyntaxTree& tree, TSNode node, const Constants& constants, int depth);

Value ReadCall(const SyntaxTree& tree, TSNode node, const Constants& constants, int depth) {
  auto ReadPython = [depth](const SyntaxTree& t, TSNode n, const Constants& c) { return ReadAt(t, n, c, depth + 1); };
  Value v;
  v.kind = Value::Kind::kCall;
  Place(v, node);
  Value callee = ReadPython(tree, Field(node, "function"), constants);
  if (callee.Is(Value::Kind::kName)) {
    v.text = callee.text;
  } else if (Is(Field(node, "function"), "attribute")) {
    TSNode function = Field(node, "function");
    v.receiver.push_back(ReadPython(tree, Field(function, "object"), constants));
    v.text = "." + std::string(tree.Text(Field(function, "attribute")));
  } else {
    return Unknown(node, "a call of " + Describe(callee));
  }
  TSNode arguments = Field(node, "arguments");
  for (TSNode arg : NamedChildren(arguments)) {
    std::string_view type = Type(arg);
    if (type == "keyword_argument") {
      v.keywords.emplace_back(std::string(tree.Text(Field(arg, "name"))),
                              ReadPython(tree, Field(arg, "value"), constants));
    } else if (type == "dictionary_splat") {
      v.keywords.emplace_back("**", Unknown(arg, "keyword arguments unpacked from a dict"));
    } else if (type == "list_splat") {
      v.items.push_back(Unknown(arg, "arguments unpacked from a list"));
    } else {
      v.items.push_back(ReadPython(tree, arg, constants));
    }
  }
  return v;
}

Value ReadName(const SyntaxTree& tree, TSNode node, const Constants& constants) {
  std::string_view text = tree.Text(node);
  if (Is(node, "identifier")) {
    if (auto found = constants.find(text); found != constants.end()) {
      if (!tree.SpendCopy(node, found->second.Footprint())) return Unknown(node, "a constant over the limit");
      Value v = found->second;
      Place(v, node);
      return v;
    }
  } else {
    TSNode object = Field(node, "object");
    while (Is(object, "attribute")) object = Field(object, "object");
    if (!Is(object, "identifier")) return Unknown(node, "an attribute of an expression");
  }
  Value v;
  v.kind = Value::Kind::kName;
  for (char c : text) {
    if (c != ' ' && c != '\n' && c != '\t' && c != '\\' && c != '\r') v.text += c;
  }
  Place(v, node);
  return v;
}

// `"a" + "b" + ...` is a left-deep tree as long as the chain: read along its spine, not by
// recursion, and bounded in size (module constants doubled: `B = A + A`, `C = B + B`, ...).
Value ReadBinary(const SyntaxTree& tree, TSNode node, const Constants& constants, int depth) {
  std::vector<TSNode> spine{node};
  while (Is(Field(spine.back(), "left"), "binary_operator")) spine.push_back(Field(spine.back(), "left"));
  Value joined = ReadAt(tree, Field(spine.back(), "left"), constants, depth + 1);
  for (auto it = spine.rbegin(); it != spine.rend() && joined.IsString(); ++it) {
    Value right = ReadAt(tree, Field(*it, "right"), constants, depth + 1);
    if (tree.Text(Field(*it, "operator")) != "+" || !right.IsString()) {
      joined.kind = Value::Kind::kUnknown;
      break;
    }
    if (joined.text.size() + right.text.size() > ir::kMaxStringBytes) {
      std::string what = "a string longer than " + ir::LimitText(ir::kMaxStringBytes);
      tree.NoteLimit(*it, what);
      return Unknown(node, what);
    }
    joined.text += right.text;
  }
  if (joined.IsString()) return joined;
  return Unknown(node, "an expression computed at run time (" + Snippet(tree.Text(node)) + ")");
}

}  // namespace

void Place(Value& value, TSNode node) {
  value.line = Line(node);
  value.column = Column(node);
}

namespace {

Value ReadAt(const SyntaxTree& tree, TSNode node, const Constants& constants, int depth) {
  if (ts_node_is_null(node)) return Value{};
  if (depth > ir::kMaxNestingDepth) {
    std::string what = "an expression nested more than " + std::to_string(ir::kMaxNestingDepth) + " deep";
    tree.NoteLimit(node, what);
    return Unknown(node, what);
  }
  auto ReadPython = [depth](const SyntaxTree& t, TSNode n, const Constants& c) { return ReadAt(t, n, c, depth + 1); };
  std::string_view type = Type(node);
  Value v;
  Place(v, node);
  if (type == "string") return ReadString(tree, node);
  if (type == "concatenated_string") {
    Value joined;
    for (TSNode part : NamedChildren(node)) {
      Value piece = ReadString(tree, part);
      if (!piece.IsString()) return piece;
      if (joined.kind == Value::Kind::kUnknown) joined = piece;
      else joined.text += piece.text;
    }
    return joined;
  }
  if (type == "integer" || type == "float") {
    v.kind = Value::Kind::kNumber;
    v.text = tree.Text(node);
    return v;
  }
  if (type == "true" || type == "false") {
    v.kind = Value::Kind::kBool;
    v.flag = type == "true";
    return v;
  }
  if (type == "none") {
    v.kind = Value::Kind::kNone;
    return v;
  }
  if (type == "unary_operator") {
    Value inner = ReadPython(tree, Field(node, "argument"), constants);
    std::string_view op = tree.Text(Field(node, "operator"));
    if (inner.Is(Value::Kind::kNumber) && (op == "-" || op == "+")) {
      if (op == "-") inner.text = "-" + inner.text;
      Place(inner, node);
      return inner;
    }
    return Unknown(node, "an expression computed at run time (" + Snippet(tree.Text(node)) + ")");
  }
  if (type == "parenthesized_expression") {
    std::vector<TSNode> inner = NamedChildren(node);
    return inner.size() == 1 ? ReadPython(tree, inner[0], constants) : Unknown(node, "an expression");
  }
  if (type == "list" || type == "tuple" || type == "set") {
    v.kind = Value::Kind::kList;
    for (TSNode item : NamedChildren(node)) v.items.push_back(ReadPython(tree, item, constants));
    return v;
  }
  if (type == "dictionary") {
    v.kind = Value::Kind::kDict;
    for (TSNode pair : NamedChildren(node)) {
      if (!Is(pair, "pair")) continue;
      Value key = ReadPython(tree, Field(pair, "key"), constants);
      v.keywords.emplace_back(key.IsString() ? key.text : Describe(key),
                              ReadPython(tree, Field(pair, "value"), constants));
    }
    return v;
  }
  if (type == "identifier" || type == "attribute") return ReadName(tree, node, constants);
  if (type == "call") return ReadCall(tree, node, constants, depth);
  if (type == "binary_operator") return ReadBinary(tree, node, constants, depth);
  return Unknown(node, "an expression computed at run time (" + Snippet(tree.Text(node)) + ")");
}

}  // namespace

Value ReadPython(const SyntaxTree& tree, TSNode node, const Constants& constants) {
  return ReadAt(tree, node, constants, 0);
}

}  // namespace ds::parsers::ts
