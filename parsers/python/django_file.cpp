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

// "netbox/utilities/fields.py" -> "netbox.utilities.fields"; a package's __init__.py is the package.
std::string ModuleName(std::string_view path) {
  std::string module(path);
  if (module.ends_with(".py")) module.resize(module.size() - 3);
  if (module.ends_with("/__init__")) module.resize(module.size() - 9);
  for (char& c : module) c = c == '/' ? '.' : c;
  return module;
}

// The first `return "literal"` of a method of the class body, or "".
std::string LiteralReturn(const ts::SyntaxTree& tree, TSNode body, std::string_view method) {
  TSNode function = python::FindFunction(tree, body, method);
  if (ts_node_is_null(function)) return "";
  std::string found;
  ts::VisitNodes(ts::Field(function, "body"), [&](TSNode node) {
    if (!found.empty() || ts::Is(node, "function_definition") || ts::Is(node, "class_definition")) return false;
    if (!ts::Is(node, "return_statement")) return true;
    std::vector<TSNode> value = ts::NamedChildren(node);
    if (value.size() == 1) {
      Value v = ts::ReadPython(tree, value[0], {});
      if (v.IsString()) found = v.text;
    }
    return false;
  });
  return found;
}

// What `__init__` puts in kwargs before calling its base: `kwargs["x"] = v` and
// `kwargs.setdefault("x", v)` at the top of its body.
std::vector<DjangoClass::Keyword> InitKeywords(const ts::SyntaxTree& tree, TSNode body) {
  std::vector<DjangoClass::Keyword> out;
  TSNode init = python::FindFunction(tree, body, "__init__");
  if (ts_node_is_null(init)) return out;
  for (TSNode statement : ts::NamedChildren(ts::Field(init, "body"))) {
    std::vector<TSNode> inner = ts::Is(statement, "expression_statement") ? ts::NamedChildren(statement) : std::vector<TSNode>{};
    if (inner.size() != 1) continue;
    if (ts::Is(inner[0], "assignment") && ts::Is(ts::Field(inner[0], "left"), "subscript")) {
      TSNode left = ts::Field(inner[0], "left");
      Value key = ts::ReadPython(tree, ts::Field(left, "subscript"), {});
      if (tree.Text(ts::Field(left, "value")) != "kwargs" || !key.IsString()) continue;
      out.push_back({key.text, ts::ReadPython(tree, ts::Field(inner[0], "right"), {}), true});
    } else if (ts::Is(inner[0], "call")) {
      Value call = ts::ReadPython(tree, inner[0], {});
      if (call.text != "kwargs.setdefault" || call.items.size() != 2 || !call.items[0].IsString()) continue;
      out.push_back({call.items[0].text, call.items[1], false});
    }
  }
  return out;
}

// `from X import A as B` (and `from .x import A`) at the top of a module: B -> X.A.
void ReadImports(const ts::SyntaxTree& tree, TSNode statement, const std::string& package,
                 std::map<std::string, std::string>& imports) {
  TSNode from = ts::Field(statement, "module_name");
  std::string module(tree.Text(from));
  if (module.starts_with('.')) {
    std::string base = package;
    size_t dots = module.find_first_not_of('.');
    if (dots == std::string::npos) dots = module.size();
    for (size_t up = 1; up < dots; ++up) base = base.substr(0, base.rfind('.') == std::string::npos ? 0 : base.rfind('.'));
    module = base + (dots < module.size() ? "." + module.substr(dots) : "");
  }
  for (TSNode name : ts::NamedChildren(statement)) {
    if (ts_node_eq(name, from)) continue;
    if (ts::Is(name, "dotted_name")) {
      std::string text(tree.Text(name));
      imports[text] = module + "." + text;
    } else if (ts::Is(name, "aliased_import")) {
      imports[std::string(tree.Text(ts::Field(name, "alias")))] = module + "." + std::string(tree.Text(ts::Field(name, "name")));
    }
  }
}

// A module the migrations' field classes may come from: its top-level classes, their bases,
// what db_type() / get_internal_type() return when that is a literal, what __init__ sets.
void ReadClasses(std::string_view path, const ts::SyntaxTree& tree, ir::ParsedFile& out) {
  auto record = std::make_shared<DjangoRecord>();
  record->module = ModuleName(path);
  out.framework = record;
  bool package = path.ends_with("/__init__.py") || path == "__init__.py";
  std::string parent = record->module.substr(0, record->module.rfind('.') == std::string::npos ? 0 : record->module.rfind('.'));
  for (TSNode statement : ts::NamedChildren(tree.root())) {
    if (ts::Is(statement, "import_from_statement")) {
      ReadImports(tree, statement, package ? record->module : parent, record->imports);
      continue;
    }
    TSNode definition = statement;
    if (ts::Is(statement, "decorated_definition")) definition = ts::Field(statement, "definition");
    if (!ts::Is(definition, "class_definition")) continue;
    DjangoClass& c = record->classes[std::string(tree.Text(ts::Field(definition, "name")))];
    TSNode bases = ts::Field(definition, "superclasses");
    for (TSNode base : ts_node_is_null(bases) ? std::vector<TSNode>{} : ts::NamedChildren(bases)) {
      if (ts::Is(base, "identifier") || ts::Is(base, "attribute")) c.bases.emplace_back(tree.Text(base));
    }
    TSNode body = ts::Field(definition, "body");
    c.db_type = LiteralReturn(tree, body, "db_type");
    c.internal_type = LiteralReturn(tree, body, "get_internal_type");
    c.keywords = InitKeywords(tree, body);
  }
}

}  // namespace

ir::ParsedFile ParseDjangoFile(std::string_view path, std::string_view text) {
  ir::ParsedFile out;
  out.source = std::make_shared<ir::SourceText>(std::string(path), text);
  ts::SyntaxTree tree(ts::Grammar::kPython, text);
  std::string wrapped = "/" + std::string(path);
  if (wrapped.find("/migrations/") == std::string::npos) {
    ReadClasses(path, tree, out);
    return out;
  }
  // Django's loader takes the modules directly in migrations/ whose names do not start with _ or
  // ~: a helper in a subfolder (saleor's migrations/tasks/) or _utils.py is no migration, silently.
  size_t slash = wrapped.rfind('/');
  std::string name = wrapped.substr(slash + 1);
  if (!wrapped.substr(0, slash + 1).ends_with("/migrations/") || name.starts_with('_') || name.starts_with('~')) {
    out.framework = std::make_shared<DjangoRecord>();
    return out;
  }
  ts::ReportSyntaxErrors(tree, path, "Python", out.diagnostics);
  ReadDjangoFile(path, tree, out);
  ts::ReportLimits(tree, path, out.diagnostics);
  return out;
}

}  // namespace ds::parsers
