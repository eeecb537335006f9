#include "parsers/sql/pg_tree.h"

#include <pthread.h>

#include <algorithm>
#include <optional>

namespace ds::parsers::pg {

namespace {

// Hostile SQL (an expression of 50,000 `a+a+...` terms, subqueries nested thousands deep) must
// not overflow the stack. libpg_query's tree output and protobuf-c's unpack are recursive, so:
// a statement over kMaxStatementBytes is not parsed; texts over kOwnStackAbove are parsed on a
// thread whose stack fits the deepest tree such a statement can make (about 200 bytes of stack
// per byte of SQL); and a tree nested deeper than kMaxTreeDepth is refused before unpacking,
// which bounds every recursion after it (conversion, lineage, destructors).
constexpr size_t kMaxStatementBytes = 1 << 20;
constexpr size_t kOwnStackAbove = 32 << 10;
constexpr size_t kOwnStackBytes = 256 << 20;
constexpr size_t kMaxTreeDepth = 3000;
// An operator adds two levels to the tree (the Node and its A_Expr): a chain longer than this is
// refused before libpg_query, whose protobuf output sizes every level again (quadratic).
constexpr size_t kMaxOperatorChain = kMaxTreeDepth / 2;

bool IsOperatorChar(char c) {
  switch (c) {
    case '+': case '-': case '*': case '/': case '%': case '^': case '<': case '>': case '=':
    case '|': case '&': case '#': case '~': case '!': case '@': case '?': return true;
    default: return false;
  }
}

bool IsWordChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '$' ||
         static_cast<unsigned char>(c) >= 0x80;
}

// Words that end one expression and start another: a chain does not continue across them
// (AND/OR lists are flat in PostgreSQL's tree).
bool EndsExpression(std::string_view word) {
  static const char* kWords[] = {"and", "or", "when", "then", "else", "end", "case", "select", "from",
                                 "where", "having", "set", "values", "on", "as", "by", "returning"};
  for (const char* k : kWords) {
    if (word.size() != std::char_traits<char>::length(k)) continue;
    bool same = true;
    for (size_t i = 0; i < word.size() && same; ++i) same = (word[i] | 0x20) == k[i];
    if (same) return true;
  }
  return false;
}

// The byte offset of the first operator that makes a chain of more than kMaxOperatorChain
// operators at one parenthesis level of one expression, or npos. One linear pass that skips
// strings, quoted names, comments and dollar quotes as PostgreSQL's scanner does.
size_t LongOperatorChain(std::string_view text) {
  std::vector<size_t> chains{0};
  size_t i = 0;
  auto skip_to = [&](std::string_view close) {
    size_t end = text.find(close, i);
    i = end == std::string_view::npos ? text.size() : end + close.size();
  };
  while (i < text.size()) {
    char c = text[i];
    if (c == '\'' || c == '"') {
      ++i;
      while (i < text.size() && !(text[i] == c && (i + 1 >= text.size() || text[i + 1] != c))) i += text[i] == c ? 2 : 1;
      ++i;
    } else if (c == '-' && i + 1 < text.size() && text[i + 1] == '-') {
      skip_to("\n");
    } else if (c == '/' && i + 1 < text.size() && text[i + 1] == '*') {
      i += 2;
      skip_to("*/");
    } else if (c == '$' && (i == 0 || !IsWordChar(text[i - 1]))) {
      size_t close = i + 1;
      while (close < text.size() && IsWordChar(text[close]) && text[close] != '$') ++close;
      bool quote = close < text.size() && text[close] == '$' && !(i + 1 < close && text[i + 1] >= '0' && text[i + 1] <= '9');
      if (!quote) {  // $1, a parameter
        i = close;
        continue;
      }
      std::string_view tag = text.substr(i, close - i + 1);
      i = close + 1;
      skip_to(tag);
    } else if (IsWordChar(c)) {
      size_t start = i;
      while (i < text.size() && IsWordChar(text[i])) ++i;
      if (EndsExpression(text.substr(start, i - start))) chains.back() = 0;
    } else if (IsOperatorChar(c)) {
      size_t start = i;
      while (i < text.size() && IsOperatorChar(text[i])) ++i;
      if (++chains.back() > kMaxOperatorChain) return start;
    } else {
      if (c == '(' || c == '[') chains.push_back(0);
      if ((c == ')' || c == ']') && chains.size() > 1) chains.pop_back();
      if (c == ',' || c == ';') chains.back() = 0;
      ++i;
    }
  }
  return std::string_view::npos;
}

// libpg_query's cursor counts characters, not bytes.
int CharacterCursor(std::string_view text, size_t byte_offset) {
  int characters = 1;
  for (size_t i = 0; i < byte_offset && i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) ++characters;
  }
  return characters;
}

PgQueryProtobufParseResult ParseOnLargeStack(const std::string& text) {
  if (text.size() <= kOwnStackAbove) return pg_query_parse_protobuf(text.c_str());
  struct Job {
    const char* text;
    PgQueryProtobufParseResult result;
  } job{text.c_str(), {}};
  auto run = [](void* arg) -> void* {
    auto* j = static_cast<Job*>(arg);
    // libpg_query's per-thread memory context stays behind (a few KB): its pg_query_exit()
    // double-frees in 4.0. scripts/lsan.supp names that leak.
    j->result = pg_query_parse_protobuf(j->text);
    return nullptr;
  };
  pthread_attr_t attr;
  pthread_attr_init(&attr);
  pthread_attr_setstacksize(&attr, kOwnStackBytes);
  pthread_t thread;
  int rc = pthread_create(&thread, &attr, run, &job);
  pthread_attr_destroy(&attr);
  if (rc != 0) return pg_query_parse_protobuf(text.c_str());
  pthread_join(thread, nullptr);
  return job.result;
}

bool ReadVarint(const uint8_t*& p, const uint8_t* end, uint64_t& value) {
  value = 0;
  for (int shift = 0; p < end && shift < 64; shift += 7) {
    uint8_t byte = *p++;
    value |= static_cast<uint64_t>(byte & 0x7f) << shift;
    if ((byte & 0x80) == 0) return true;
  }
  return false;
}

const ProtobufCFieldDescriptor* FieldById(const ProtobufCMessageDescriptor* message, uint64_t id) {
  const ProtobufCFieldDescriptor* first = message->fields;
  const ProtobufCFieldDescriptor* last = first + message->n_fields;
  const ProtobufCFieldDescriptor* it = std::lower_bound(
      first, last, id, [](const ProtobufCFieldDescriptor& f, uint64_t v) { return f.id < v; });
  return it != last && it->id == id ? it : nullptr;
}

// How deep messages nest in a packed protobuf (walked with an explicit stack), stopping past
// `limit`. Malformed input counts as shallow: unpack will refuse it anyway.
size_t TreeDepth(const ProtobufCMessageDescriptor* root, const uint8_t* data, size_t size, size_t limit) {
  struct Frame {
    const ProtobufCMessageDescriptor* message;
    const uint8_t* p;
    const uint8_t* end;
  };
  std::vector<Frame> stack{{root, data, data + size}};
  size_t deepest = 1;
  while (!stack.empty() && deepest <= limit) {
    Frame& frame = stack.back();
    if (frame.p >= frame.end) {
      stack.pop_back();
      continue;
    }
    uint64_t tag = 0, length = 0;
    if (!ReadVarint(frame.p, frame.end, tag)) return 0;
    switch (tag & 7) {
      case 0:
        if (!ReadVarint(frame.p, frame.end, length)) return 0;
        break;
      case 1: frame.p += 8; break;
      case 5: frame.p += 4; break;
      case 2: {
        if (!ReadVarint(frame.p, frame.end, length) || length > static_cast<uint64_t>(frame.end - frame.p)) return 0;
        const uint8_t* body = frame.p;
        frame.p += length;
        const ProtobufCFieldDescriptor* field = FieldById(frame.message, tag >> 3);
        if (field != nullptr && field->type == PROTOBUF_C_TYPE_MESSAGE) {
          stack.push_back({static_cast<const ProtobufCMessageDescriptor*>(field->descriptor), body, body + length});
          deepest = std::max(deepest, stack.size());
        }
        break;
      }
      default: return 0;
    }
  }
  return deepest;
}

// Texts over the statement limit are split first (the scanner does not recurse): the first
// statement over it, as an error at its start; nullopt when none is.
std::optional<StatementRange> OversizedStatement(const std::string& text) {
  if (text.size() <= kMaxStatementBytes) return std::nullopt;
  std::vector<StatementRange> ranges;
  if (!SplitStatements(text, ranges)) return std::nullopt;
  for (const StatementRange& range : ranges) {
    if (range.length > kMaxStatementBytes) return range;
  }
  return std::nullopt;
}

}  // namespace

ParseTree::ParseTree(const std::string& nul_terminated_text) {
  if (std::optional<StatementRange> big = OversizedStatement(nul_terminated_text)) {
    error_message_ = "a statement of " + std::to_string(big->length) + " bytes, over the limit of " +
                     std::to_string(kMaxStatementBytes) + " bytes for one statement: not read";
    error_cursor_ = static_cast<int>(big->begin) + 1;
    limit_ = true;
    return;
  }
  if (size_t chain = LongOperatorChain(nul_terminated_text); chain != std::string_view::npos) {
    error_message_ = "nested too deeply (an operator chain of more than " + std::to_string(kMaxOperatorChain) +
                     " terms): not read";
    error_cursor_ = CharacterCursor(nul_terminated_text, chain);
    limit_ = true;
    return;
  }
  raw_ = ParseOnLargeStack(nul_terminated_text);
  if (raw_.error != nullptr) {
    error_message_ = raw_.error->message != nullptr ? raw_.error->message : "unknown error";
    error_cursor_ = raw_.error->cursorpos;
    return;
  }
  const auto* packed = reinterpret_cast<const uint8_t*>(raw_.parse_tree.data);
  if (TreeDepth(&pg_query__parse_result__descriptor, packed, raw_.parse_tree.len, kMaxTreeDepth) >
      kMaxTreeDepth) {
    error_message_ = "nested too deeply (a syntax tree more than " + std::to_string(kMaxTreeDepth) +
                     " levels deep): not read";
    limit_ = true;
    return;
  }
  tree_ = pg_query__parse_result__unpack(
      nullptr, raw_.parse_tree.len, reinterpret_cast<const uint8_t*>(raw_.parse_tree.data));
  if (tree_ == nullptr) error_message_ = "libpg_query returned a tree that does not unpack";
}

ParseTree::~ParseTree() {
  if (tree_ != nullptr) pg_query__parse_result__free_unpacked(tree_, nullptr);
  pg_query_free_protobuf_parse_result(raw_);
}

bool SplitStatements(const std::string& nul_terminated_text, std::vector<StatementRange>& out) {
  PgQuerySplitResult split = pg_query_split_with_scanner(nul_terminated_text.c_str());
  bool ok = split.error == nullptr;
  if (ok) {
    for (int i = 0; i < split.n_stmts; ++i) {
      out.push_back({static_cast<uint32_t>(split.stmts[i]->stmt_location),
                     static_cast<uint32_t>(split.stmts[i]->stmt_len)});
    }
  }
  pg_query_free_split_result(split);
  return ok;
}

std::string_view StringOf(const PgQuery__Node* node) {
  if (node == nullptr || node->node_case != PG_QUERY__NODE__NODE_STRING) return {};
  const char* text = node->string->sval;
  return text != nullptr ? std::string_view(text) : std::string_view();
}

std::vector<std::string> StringsOf(PgQuery__Node* const* items, size_t n) {
  std::vector<std::string> out;
  for (size_t i = 0; i < n; ++i) {
    if (items[i] != nullptr && items[i]->node_case == PG_QUERY__NODE__NODE_STRING) {
      out.emplace_back(StringOf(items[i]));
    }
  }
  return out;
}

std::vector<PgQuery__Node*> ListItems(const PgQuery__Node* node) {
  if (node == nullptr || node->node_case != PG_QUERY__NODE__NODE_LIST) return {};
  return std::vector<PgQuery__Node*>(node->list->items, node->list->items + node->list->n_items);
}

ir::QualifiedName NameOf(const PgQuery__RangeVar* range_var) {
  if (range_var == nullptr) return {};
  return ir::QualifiedName{range_var->schemaname != nullptr ? range_var->schemaname : "",
                           range_var->relname != nullptr ? range_var->relname : ""};
}

ir::QualifiedName NameOf(const std::vector<std::string>& parts) {
  if (parts.empty()) return {};
  if (parts.size() == 1) return ir::QualifiedName{"", parts[0]};
  return ir::QualifiedName{parts[parts.size() - 2], parts.back()};
}

namespace {

const ProtobufCMessage* Inner(const PgQuery__Node* node) {
  if (node == nullptr || node->node_case == PG_QUERY__NODE__NODE__NOT_SET) return nullptr;
  // Every member of the node's union is a pointer to a message: read it through any of them.
  return reinterpret_cast<const ProtobufCMessage*>(node->alias);
}

void CollectNodes(const ProtobufCMessage* message, std::vector<const PgQuery__Node*>& out) {
  if (message == nullptr) return;
  const ProtobufCMessageDescriptor* descriptor = message->descriptor;
  const auto* base = reinterpret_cast<const char*>(message);
  for (unsigned i = 0; i < descriptor->n_fields; ++i) {
    const ProtobufCFieldDescriptor& field = descriptor->fields[i];
    if (field.type != PROTOBUF_C_TYPE_MESSAGE) continue;
    if ((field.flags & PROTOBUF_C_FIELD_FLAG_ONEOF) != 0) continue;  // A_Const's value: no nodes
    bool is_node = field.descriptor == &pg_query__node__descriptor;
    auto visit = [&](const ProtobufCMessage* child) {
      if (child == nullptr) return;
      if (is_node) {
        out.push_back(reinterpret_cast<const PgQuery__Node*>(child));
      } else {
        CollectNodes(child, out);
      }
    };
    if (field.label == PROTOBUF_C_LABEL_REPEATED) {
      size_t count = *reinterpret_cast<const size_t*>(base + field.quantifier_offset);
      auto* items = *reinterpret_cast<ProtobufCMessage* const* const*>(base + field.offset);
      for (size_t k = 0; k < count; ++k) visit(items[k]);
    } else {
      visit(*reinterpret_cast<const ProtobufCMessage* const*>(base + field.offset));
    }
  }
}

}  // namespace

std::string NodeTypeName(const PgQuery__Node* node) {
  const ProtobufCMessage* inner = Inner(node);
  if (inner == nullptr) return "empty node";
  return inner->descriptor->short_name;
}

std::vector<const PgQuery__Node*> ChildNodes(const PgQuery__Node* node) {
  std::vector<const PgQuery__Node*> out;
  CollectNodes(Inner(node), out);
  return out;
}

std::string EnumValueName(const ProtobufCEnumDescriptor& descriptor, int value) {
  const ProtobufCEnumValue* found = protobuf_c_enum_descriptor_get_value(&descriptor, value);
  return found != nullptr && found->name != nullptr ? found->name : "";
}

}  // namespace ds::parsers::pg
