#include "parsers/sql/pg_tree.h"

namespace ds::parsers::pg {

ParseTree::ParseTree(const std::string& nul_terminated_text) {
  raw_ = pg_query_parse_protobuf(nul_terminated_text.c_str());
  if (raw_.error != nullptr) {
    error_message_ = raw_.error->message != nullptr ? raw_.error->message : "unknown error";
    error_cursor_ = raw_.error->cursorpos;
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
