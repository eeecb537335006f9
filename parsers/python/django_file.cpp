// A Django migration file: `class Migration` read into a DjangoRecord.
#include <memory>

#include "parsers/python/parse_django.h"
#include "parsers/python/python_module.h"
#include "parsers/treesitter/op_sink.h"
#include "src/ir/limits.h"

namespace ds::parsers {

namespace {

// ("app", "0001_initial") -> "app.0001_initial"; anything else (swappable_dependency) -> "".
std::string NodeKey(const Value& entry) {
  if (!entry.Is(Value::Kind::kList) || entry.items.size() != 2) return "";
  if (!entry.items[0].IsString() || !entry.items[1].IsString()) return "";
  return entry.items[0].text + "." + entry.items[1].text;
}

std::string Stem(std::string_view path) {
  size_t slash = path.rfind('/');
  std::string_view name = slash == std::string_view::npos ? path : path.substr(slash + 1);
  if (name.ends_with(".py")) name.remove_suffix(3);
  return std::string(name);
}

}  // namespace

std::string DjangoAppLabel(std::string_view path) {
  std::string wrapped = "/" + std::string(path);
  size_t at = wrapped.rfind("/migrations/");
  if (at == std::string::npos || at == 0) return "";
  size_t start = wrapped.rfind('/', at - 1);
  return wrapped.substr(start + 1, at - start - 1);
}

namespace {

// A list whose items are literals or calls (operations): worth keeping under its name.
bool IsOperationList(const Value& value) {
  if (!value.Is(Value::Kind::kList)) return python::IsLiteral(value);
  for (const Value& item : value.items) {
    if (!item.Is(Value::Kind::kCall) && !python::IsLiteral(item)) return false;
  }
  return true;
}

// An expression, lists joined by `+` included (`operations = FIELDS + CONSTRAINTS`, saleor).
Value ReadList(const ts::SyntaxTree& tree, TSNode node, const ts::Constants& constants, int depth = 0) {
  while (ts::Is(node, "parenthesized_expression") && ts::NamedChildren(node).size() == 1) {
    node = ts::NamedChildren(node)[0];
  }
  if (!ts::Is(node, "binary_operator") || tree.Text(ts::Field(node, "operator")) != "+" ||
      depth >= ir::kMaxNestingDepth) {
    return ts::ReadPython(tree, node, constants);
  }
  Value left = ReadList(tree, ts::Field(node, "left"), constants, depth + 1);
  Value right = ReadList(tree, ts::Field(node, "right"), constants, depth + 1);
  if (!left.Is(Value::Kind::kList) || !right.Is(Value::Kind::kList)) return ts::ReadPython(tree, node, constants);
  for (Value& item : right.items) left.items.push_back(std::move(item));
  ts::Place(left, node);
  return left;
}

// Module-level names bound to literals or to lists of operations, the later binding winning.
ts::Constants OperationConstants(const ts::SyntaxTree& tree, TSNode block, ts::Constants constants) {
  for (const python::Assignment& a : python::Assignments(tree, block)) {
    Value value = ReadList(tree, a.value, constants);
    if (IsOperationList(value)) constants[std::string(a.name)] = std::move(value);
    else constants.erase(std::string(a.name));
  }
  return constants;
}

// Reads the file into `out` (ReportLimits follows every way out of it).
void ReadDjangoFile(std::string_view path, const ts::SyntaxTree& tree, ir::ParsedFile& out) {
  auto record = std::make_shared<DjangoRecord>();
  record->app = DjangoAppLabel(path);
  record->name = Stem(path);
  out.framework = record;
  OpSink sink(out, std::string(path));
  TSNode migration = python::FindClass(tree, tree.root(), "Migration");
  Value top;
  top.line = top.column = 1;
  if (ts_node_is_null(migration)) {
    sink.Warn(top, "not a Django migration (no class Migration): left out of the history",
              ir::DiagCode::kNotAMigration);
    return;
  }
  out.meta.id = record->app + "." + record->name;
  // Lists of operations named by the module or the class body (`database_operations = [...]`,
  // then `SeparateDatabaseAndState(database_operations=database_operations)`) resolve as well.
  ts::Constants constants = OperationConstants(tree, tree.root(), {});
  TSNode body = ts::Field(migration, "body");
  for (const python::Assignment& a : python::Assignments(tree, body)) {
    Value value = ReadList(tree, a.value, constants);
    if (IsOperationList(value)) constants[std::string(a.name)] = value;
    else constants.erase(std::string(a.name));
    if (a.name == "dependencies" || a.name == "replaces") {
      auto& into = a.name == "dependencies" ? out.meta.parents : out.meta.replaces;
      for (const Value& entry : value.items) {
        std::string key = NodeKey(entry);
        if (!key.empty()) into.push_back(key);
      }
    } else if (a.name == "operations") {
      if (!value.Is(Value::Kind::kList)) {
        sink.NotUnderstood(value, "operations built at run time (" + Describe(value) + ")");
        continue;
      }
      record->operations = std::move(value.items);
    }
  }
}

}  // namespace

ir::ParsedFile ParseDjangoFile(std::string_view path, std::string_view text) {
  ir::ParsedFile out;
  out.source = std::make_shared<ir::SourceText>(std::string(path), text);
  ts::SyntaxTree tree(ts::Grammar::kPython, text);
  ts::ReportSyntaxErrors(tree, path, "Python", out.diagnostics);
  ReadDjangoFile(path, tree, out);
  ts::ReportLimits(tree, path, out.diagnostics);
  return out;
}

}  // namespace ds::parsers
