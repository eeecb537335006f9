// An Alembic revision file: its identity and the statements of upgrade().
#include <algorithm>
#include <memory>

#include "parsers/python/alembic_internal.h"
#include "parsers/python/parse_alembic.h"
#include "parsers/python/python_module.h"
#include "src/ir/limits.h"

namespace ds::parsers {

namespace alembic {
namespace {

void ReadBlock(TSNode block, Context& context, const Batch* batch);

bool StartsWith(std::string_view text, std::string_view prefix) { return text.starts_with(prefix); }

// Calls that cannot change the schema: logging and printing.
bool Harmless(std::string_view callee) {
  return callee == "print" || StartsWith(callee, "logger.") || StartsWith(callee, "logging.") ||
         StartsWith(callee, "log.") || StartsWith(callee, "warnings.");
}

// The first op.* (or batch_op.*) call under a node, for what a loop or branch would run.
TSNode FirstOpCall(const ts::SyntaxTree& tree, TSNode root, const Batch* batch) {
  TSNode found{};
  ts::VisitNodes(root, [&](TSNode node) {
    if (!ts::Is(node, "call")) return true;
    std::string_view callee = tree.Text(ts::Field(node, "function"));
    std::string_view method = callee.substr(callee.rfind('.') + 1);
    bool op_call = StartsWith(callee, "op.") || (batch && StartsWith(callee, batch->alias + "."));
    if (!op_call || !MayChangeColumns(method)) return true;
    found = node;
    return false;
  });
  return found;
}

constexpr int kMaxExpansions = 1000;

// A function of the module called from upgrade() (`create_refund_table()`, polar): its body read
// in place, parameters bound to the literal arguments given (or to their literal defaults).
bool ReadLocalFunction(const Value& call, Context& context, const Batch* batch) {
  std::string name = call.text;
  if (name.find('.') != std::string::npos) return false;
  TSNode function = python::FindFunction(context.tree, context.tree.root(), name);
  if (ts_node_is_null(function) || name == "upgrade" || name == "downgrade") return false;
  if (std::find(context.calling.begin(), context.calling.end(), name) != context.calling.end()) {
    context.sink.NotUnderstood(call, "the call " + Describe(call) + " (a function that calls itself)");
    return true;
  }
  if (++context.expansions > kMaxExpansions) {
    context.sink.NotUnderstood(call, "the call " + Describe(call) + " (over " + std::to_string(kMaxExpansions) +
                                         " function bodies read in place in one file)");
    return true;
  }
  ts::Constants saved = std::move(context.constants);
  context.constants = context.module;  // a function sees the module's names, not upgrade()'s
  size_t position = 0;
  for (TSNode parameter : ts::NamedChildren(ts::Field(function, "parameters"))) {
    std::string parameter_name;
    const Value* given = nullptr;
    Value fallback;
    if (ts::Is(parameter, "identifier")) {
      parameter_name = context.tree.Text(parameter);
    } else if (ts::Is(parameter, "typed_parameter") && !ts::NamedChildren(parameter).empty() &&
               ts::Is(ts::NamedChildren(parameter)[0], "identifier")) {
      parameter_name = context.tree.Text(ts::NamedChildren(parameter)[0]);
    } else if (ts::Is(parameter, "default_parameter") || ts::Is(parameter, "typed_default_parameter")) {
      parameter_name = context.tree.Text(ts::Field(parameter, "name"));
      fallback = ts::ReadPython(context.tree, ts::Field(parameter, "value"), context.module);
    } else {
      continue;  // *args, **kwargs, /, *
    }
    given = call.Arg(position++, parameter_name);
    const Value& value = given ? *given : fallback;
    if (python::IsLiteral(value)) context.constants[parameter_name] = value;
    else context.constants.erase(parameter_name);
  }
  // Ops are placed in the body; a function called again places its ops at the call instead: a
  // relation is known by where it was created, two tables made on one line would be one.
  bool again = std::find(context.expanded.begin(), context.expanded.end(), name) != context.expanded.end();
  if (!again) context.expanded.push_back(name);
  size_t first = context.sink.file().ops.size();
  context.calling.push_back(name);
  ReadBlock(ts::Field(function, "body"), context, batch);
  context.calling.pop_back();
  for (size_t i = first; again && i < context.sink.file().ops.size(); ++i) {
    context.sink.file().ops[i].span.line = call.line;
    context.sink.file().ops[i].span.column = call.column;
  }
  context.constants = std::move(saved);
  return true;
}

void ReadCall(const Value& call, Context& context, const Batch* batch, bool statement) {
  std::string_view callee = call.text;
  if (StartsWith(callee, "op.")) return ReadOpCall(call, callee.substr(3), nullptr, context);
  if (batch && StartsWith(callee, batch->alias + ".")) {
    return ReadOpCall(call, callee.substr(batch->alias.size() + 1), batch, context);
  }
  if (statement && ReadLocalFunction(call, context, batch)) return;
  if (!statement || Harmless(callee)) return;
  context.sink.NotUnderstood(call, "the call " + Describe(call) + " (not an Alembic operation)");
}

void ReadWith(TSNode statement, Context& context, const Batch* outer) {
  Batch batch;
  const Batch* inner = outer;
  std::vector<TSNode> parts = ts::NamedChildren(statement);
  if (parts.empty() || !ts::Is(parts[0], "with_clause")) return;
  for (TSNode item : ts::NamedChildren(parts[0])) {
    TSNode value = ts::Field(item, "value");
    TSNode call = value, alias{};
    if (ts::Is(value, "as_pattern")) {
      call = ts::NamedChildren(value)[0];
      alias = ts::Field(value, "alias");
    }
    if (!ts::Is(call, "call")) continue;
    Value v = ts::ReadPython(context.tree, call, context.constants);
    if (v.text == "op.batch_alter_table") {
      std::optional<std::string> table = NameOf(v.Arg(0, "table_name"));
      if (!table) {
        context.sink.NotUnderstood(v, Describe(v) + " on a table named at run time");
        return;
      }
      batch.table.name = *table;
      if (auto schema = NameOf(v.Keyword("schema"))) batch.table.schema = *schema;
      batch.alias = ts_node_is_null(alias) ? "" : std::string(context.tree.Text(alias));
      if (batch.alias.empty()) batch.alias = "\x01";  // no `as`: nothing can call it
      inner = &batch;
    }
  }
  ReadBlock(ts::Field(statement, "body"), context, inner);
}

void ReadStatement(TSNode statement, Context& context, const Batch* batch) {
  std::string_view type = ts::Type(statement);
  if (type == "expression_statement") {
    std::vector<TSNode> inner = ts::NamedChildren(statement);
    if (inner.size() != 1) return;
    if (ts::Is(inner[0], "call")) {
      ReadCall(ts::ReadPython(context.tree, inner[0], context.constants), context, batch, true);
    } else if (ts::Is(inner[0], "assignment")) {
      TSNode left = ts::Field(inner[0], "left"), right = ts::Field(inner[0], "right");
      Value value = ts::ReadPython(context.tree, right, context.constants);
      if (value.Is(Value::Kind::kCall)) ReadCall(value, context, batch, false);
      if (ts::Is(left, "identifier")) {
        std::string name(context.tree.Text(left));
        if (python::IsLiteral(value) || IsEntity(value)) context.constants[name] = value;
        else context.constants.erase(name);
      }
    }
  } else if (type == "with_statement") {
    ReadWith(statement, context, batch);
  } else if (type == "try_statement") {
    ReadBlock(ts::Field(statement, "body"), context, batch);
  } else if (type == "if_statement" || type == "for_statement" || type == "while_statement") {
    TSNode call = FirstOpCall(context.tree, statement, batch);
    if (ts_node_is_null(call)) return;
    Value v = ts::ReadPython(context.tree, call, context.constants);
    std::string where = type == "if_statement" ? "under an if" : "inside a loop";
    context.sink.NotUnderstood(v, "the call " + Describe(v) + " " + where);
  }
}

void ReadBlock(TSNode block, Context& context, const Batch* batch) {
  if (context.depth >= ir::kMaxNestingDepth) {
    context.tree.NoteLimit(block, "blocks nested more than " + std::to_string(ir::kMaxNestingDepth) + " deep");
    return;
  }
  ++context.depth;
  for (TSNode statement : ts::NamedChildren(block)) ReadStatement(statement, context, batch);
  --context.depth;
}

std::vector<std::string> Strings(const Value& value) {
  std::vector<std::string> out;
  if (value.IsString()) out.push_back(value.text);
  for (const Value& item : value.items) {
    if (item.IsString()) out.push_back(item.text);
  }
  return out;
}

}  // namespace
}  // namespace alembic

namespace {

// Reads the file into `out` (ReportLimits follows every way out of it).
void ReadAlembicFile(std::string_view path, const ts::SyntaxTree& tree, ir::ParsedFile& out) {
  ts::Constants constants = python::LiteralConstants(tree, tree.root());
  auto record = std::make_shared<AlembicRecord>();
  if (auto found = constants.find("revision"); found != constants.end() && found->second.IsString()) {
    out.meta.id = found->second.text;
  }
  if (auto found = constants.find("down_revision"); found != constants.end()) {
    out.meta.parents = alembic::Strings(found->second);
  }
  if (auto found = constants.find("branch_labels"); found != constants.end()) {
    record->branch_labels = alembic::Strings(found->second);
  }
  if (auto found = constants.find("depends_on"); found != constants.end()) {
    record->depends_on = alembic::Strings(found->second);
  }
  out.framework = record;
  if (out.meta.id.empty()) return;
  OpSink sink(out, std::string(path));
  TSNode upgrade = python::FindFunction(tree, tree.root(), "upgrade");
  if (ts_node_is_null(upgrade)) {
    Value top;
    top.line = top.column = 1;
    sink.Warn(top, "Alembic revision " + out.meta.id + " has no upgrade() function", ir::DiagCode::kNotAMigration);
    return;
  }
  // alembic_utils entities made at module level (`v = PGView(...)` above upgrade()).
  for (const python::Assignment& a : python::Assignments(tree, tree.root())) {
    Value value = ts::ReadPython(tree, a.value, constants);
    if (alembic::IsEntity(value)) constants[std::string(a.name)] = std::move(value);
  }
  alembic::Context context{tree, sink, constants};
  context.module = constants;
  alembic::ReadBlock(ts::Field(upgrade, "body"), context, nullptr);
}

}  // namespace

ir::ParsedFile ParseAlembicFile(std::string_view path, std::string_view text) {
  ir::ParsedFile out;
  out.source = std::make_shared<ir::SourceText>(std::string(path), text);
  ts::SyntaxTree tree(ts::Grammar::kPython, text);
  ts::ReportSyntaxErrors(tree, path, "Python", out.diagnostics);
  ReadAlembicFile(path, tree, out);
  ts::ReportLimits(tree, path, out.diagnostics);
  return out;
}

}  // namespace ds::parsers
