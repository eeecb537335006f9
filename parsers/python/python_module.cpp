#include "parsers/python/python_module.h"

namespace ds::parsers::python {

namespace {

TSNode FindDefinition(const ts::SyntaxTree& tree, TSNode block, std::string_view type,
                      std::string_view name) {
  for (TSNode statement : ts::NamedChildren(block)) {
    TSNode definition = statement;
    if (ts::Is(statement, "decorated_definition")) definition = ts::Field(statement, "definition");
    if (ts::Is(definition, type) && tree.Text(ts::Field(definition, "name")) == name) return definition;
  }
  return TSNode{};
}

}  // namespace

std::vector<Assignment> Assignments(const ts::SyntaxTree& tree, TSNode block) {
  std::vector<Assignment> out;
  for (TSNode statement : ts::NamedChildren(block)) {
    if (!ts::Is(statement, "expression_statement")) continue;
    std::vector<TSNode> inner = ts::NamedChildren(statement);
    if (inner.size() != 1 || !ts::Is(inner[0], "assignment")) continue;
    TSNode left = ts::Field(inner[0], "left");
    TSNode right = ts::Field(inner[0], "right");
    if (!ts::Is(left, "identifier") || ts_node_is_null(right)) continue;
    out.push_back({tree.Text(left), right, statement});
  }
  return out;
}

bool IsLiteral(const Value& value) {
  switch (value.kind) {
    case Value::Kind::kNone: case Value::Kind::kBool: case Value::Kind::kNumber:
    case Value::Kind::kString:
      return true;
    case Value::Kind::kList:
      for (const Value& item : value.items) {
        if (!IsLiteral(item)) return false;
      }
      return true;
    case Value::Kind::kDict:
      for (const auto& [key, item] : value.keywords) {
        if (!IsLiteral(item)) return false;
      }
      return true;
    default:
      return false;
  }
}

ts::Constants LiteralConstants(const ts::SyntaxTree& tree, TSNode block, const ts::Constants& outer) {
  ts::Constants constants = outer;
  for (const Assignment& a : Assignments(tree, block)) {
    Value value = ts::ReadPython(tree, a.value, constants);
    if (IsLiteral(value)) constants[std::string(a.name)] = std::move(value);
    else constants.erase(std::string(a.name));
  }
  return constants;
}

TSNode FindFunction(const ts::SyntaxTree& tree, TSNode block, std::string_view name) {
  return FindDefinition(tree, block, "function_definition", name);
}

TSNode FindClass(const ts::SyntaxTree& tree, TSNode block, std::string_view name) {
  return FindDefinition(tree, block, "class_definition", name);
}

}  // namespace ds::parsers::python
