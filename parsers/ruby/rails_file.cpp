// A Rails migration file (its class, its change/up method) or db/schema.rb.
#include <memory>

#include "parsers/ruby/parse_rails.h"
#include "parsers/ruby/rails_internal.h"

namespace ds::parsers {

namespace rails {

namespace {

// The version of the file name: "20240101120000_create_users.rb" -> "20240101120000".
std::string VersionOf(std::string_view path) {
  size_t slash = path.rfind('/');
  std::string_view name = slash == std::string_view::npos ? path : path.substr(slash + 1);
  size_t digits = 0;
  while (digits < name.size() && std::isdigit(static_cast<unsigned char>(name[digits]))) ++digits;
  if (digits == 0 || digits >= name.size() || name[digits] != '_') return "";
  return std::string(name.substr(0, digits));
}

// `ActiveRecord::Migration[6.1]` / `ActiveRecord::Schema[7.0]` -> 6.1 / 7.0; 0 when absent.
double BracketVersion(const ts::SyntaxTree& tree, TSNode node) {
  if (!ts::Is(node, "element_reference")) return 0;
  for (TSNode child : ts::NamedChildren(node)) {
    if (ts::Is(child, "float") || ts::Is(child, "integer")) return std::stod(std::string(tree.Text(child)));
  }
  return 0;
}

// A method of the class body by name (instance or self.), or a null node.
TSNode Method(const ts::SyntaxTree& tree, TSNode body, std::string_view wanted) {
  for (TSNode member : ts::NamedChildren(body)) {
    if (!ts::Is(member, "method") && !ts::Is(member, "singleton_method")) continue;
    if (tree.Text(ts::Field(member, "name")) == wanted) return member;
  }
  return TSNode{};
}

void ApplyEarlyReturns(const std::vector<Context::EarlyReturn>& returns, std::vector<ir::SchemaOp>& ops) {
  for (const Context::EarlyReturn& guard : returns) {
    for (size_t i = guard.from; i < ops.size(); ++i) {
      if (auto* add = std::get_if<ir::AddColumn>(&ops[i].op); add && guard.column) {
        if (add->table == guard.table && add->column.name == *guard.column) add->if_not_exists = true;
      } else if (auto* create = std::get_if<ir::CreateTable>(&ops[i].op); create && !guard.column) {
        if (create->table == guard.table) create->if_not_exists = true;
      }
    }
  }
}

// What reverting the class does (`revert ThisMigration` elsewhere): its `down` when it has
// `up`/`down`, else its `change` (ops [from, end) of the file) inverted.
void RecordClass(TSNode klass, TSNode body, bool change, size_t from, std::string irreversible, Context& context) {
  RailsRecord::Class record{std::string(context.tree.Text(ts::Field(klass, "name"))), {}, ""};
  if (change) {
    const std::vector<ir::SchemaOp>& ops = context.sink.file().ops;
    std::string problem;
    if (!irreversible.empty()) problem = irreversible;
    else InvertOps({ops.begin() + static_cast<std::ptrdiff_t>(from), ops.end()}, record.reverted, problem, context.restores);
    if (!problem.empty()) record.irreversible = "its change holds " + problem + ", which is not inverted statically";
  } else if (TSNode down = Method(context.tree, body, "down"); !ts_node_is_null(down)) {
    ir::ParsedFile aside;
    OpSink sink(aside, context.sink.path());
    Context inner{context.tree, context.reader, sink, context.constants, context.version, context.depth,
                  context.loop_iterations, nullptr, nullptr};
    ReadBody(ts::Field(down, "body"), inner);
    record.reverted = std::move(aside.ops);
    if (!aside.diagnostics.empty()) record.irreversible = "its down method is not understood statically";
  } else {
    record.irreversible = "it has neither change nor down";
  }
  if (context.record) context.record->classes.push_back(std::move(record));
}

void ReadClassConstants(TSNode body, Context& context) {
  for (TSNode member : ts::NamedChildren(body)) {
    if (!ts::Is(member, "assignment")) continue;
    Value value = context.reader.Read(ts::Field(member, "right"), context.constants);
    if (rails::IsLiteral(value)) context.constants[std::string(context.tree.Text(ts::Field(member, "left")))] = value;
  }
}

bool ReadMigrationClasses(TSNode node, Context& context, bool& found) {
  for (TSNode child : ts::NamedChildren(node)) {
    if (ts::Is(child, "module")) {
      if (!Enter(child, context)) continue;
      ReadMigrationClasses(ts::Field(child, "body"), context, found);
      --context.depth;
      continue;
    }
    if (!ts::Is(child, "class")) continue;
    TSNode superclass = ts::Field(child, "superclass");
    if (context.tree.Text(superclass).find("Migration") == std::string_view::npos) continue;
    found = true;
    std::vector<TSNode> parts = ts::NamedChildren(superclass);
    context.version = parts.empty() ? 4.2 : BracketVersion(context.tree, parts[0]);
    if (context.version == 0) context.version = 4.2;  // ActiveRecord::Migration with no version
    TSNode body = ts::Field(child, "body");
    ReadClassConstants(body, context);
    // The migration method to read: change, else up (instance or self.up); never down.
    TSNode change = Method(context.tree, body, "change");
    TSNode method = ts_node_is_null(change) ? Method(context.tree, body, "up") : change;
    size_t from = context.sink.file().ops.size();
    std::string irreversible;
    context.irreversible = ts_node_is_null(change) ? nullptr : &irreversible;
    std::vector<Context::EarlyReturn> early_returns;
    context.early_returns = &early_returns;
    std::map<std::string, TSNode, std::less<>> helpers;
    for (TSNode member : ts::NamedChildren(body)) {
      std::string name(context.tree.Text(ts::Field(member, "name")));
      if (ts::Is(member, "method") && name != "change" && name != "up" && name != "down") helpers[name] = member;
    }
    context.helpers = &helpers;
    if (!ts_node_is_null(method)) ReadBody(ts::Field(method, "body"), context);
    context.irreversible = nullptr;
    context.early_returns = nullptr;
    context.helpers = nullptr;
    ApplyEarlyReturns(early_returns, context.sink.file().ops);
    RecordClass(child, body, !ts_node_is_null(change), from, irreversible, context);
  }
  return found;
}

// ActiveRecord::Schema.define(version: ...) do ... end (or Schema[7.0].define).
bool ReadSchema(TSNode root, Context& context) {
  for (TSNode child : ts::NamedChildren(root)) {
    if (!ts::Is(child, "call") || context.tree.Text(ts::Field(child, "method")) != "define") continue;
    TSNode receiver = ts::Field(child, "receiver");
    if (context.tree.Text(receiver).find("Schema") == std::string_view::npos) continue;
    context.version = BracketVersion(context.tree, receiver);
    if (context.version == 0) context.version = 6.1;  // Schema.define: the running ActiveRecord's
    ReadBody(BlockBody(child), context);
    return true;
  }
  return false;
}

}  // namespace

TSNode BlockBody(TSNode call) {
  TSNode block = ts::Field(call, "block");
  if (ts_node_is_null(block)) return block;
  TSNode body = ts::Field(block, "body");
  return body;
}

std::string BlockParameter(const ts::SyntaxTree& tree, TSNode call) {
  TSNode block = ts::Field(call, "block");
  if (ts_node_is_null(block)) return "";
  TSNode parameters = ts::Field(block, "parameters");
  if (ts_node_is_null(parameters)) return "";
  std::vector<TSNode> names = ts::NamedChildren(parameters);
  return names.empty() ? "" : std::string(tree.Text(names[0]));
}

}  // namespace rails

namespace {

// Reads the file into `out` (ReportLimits follows every way out of it).
void ReadRailsFile(std::string_view path, const ts::SyntaxTree& tree, ir::ParsedFile& out) {
  ts::RubyReader reader(tree);
  OpSink sink(out, std::string(path));
  size_t loop_iterations = 0;
  auto record = std::make_shared<RailsRecord>();
  std::map<std::string, ir::OpKind> restores;
  rails::Context context{tree, reader, sink, {}, 0, 0, &loop_iterations, record.get(), nullptr};
  context.restores = &restores;
  out.framework = record;
  if (rails::ReadSchema(tree.root(), context)) {
    record->snapshot = true;
    return;
  }
  out.meta.id = rails::VersionOf(path);
  Value top;
  top.line = top.column = 1;
  if (out.meta.id.empty()) {
    sink.Warn(top, "not a Rails migration (its name does not start with a version): left out",
              ir::DiagCode::kNotAMigration);
    return;
  }
  bool found = false;
  if (!rails::ReadMigrationClasses(tree.root(), context, found)) {
    sink.Warn(top, "not a Rails migration (no class deriving from ActiveRecord::Migration): left out",
              ir::DiagCode::kNotAMigration);
    out.meta.id.clear();
  }
}

}  // namespace

ir::ParsedFile ParseRailsFile(std::string_view path, std::string_view text) {
  ir::ParsedFile out;
  out.source = std::make_shared<ir::SourceText>(std::string(path), text);
  if (path.ends_with(".sql")) {  // a Scenic view file: read when a migration names it
    auto record = std::make_shared<RailsRecord>();
    record->view_sql = std::make_shared<const std::string>(text);
    out.framework = record;
    return out;
  }
  ts::SyntaxTree tree(ts::Grammar::kRuby, text);
  ts::ReportSyntaxErrors(tree, path, "Ruby", out.diagnostics);
  ReadRailsFile(path, tree, out);
  ts::ReportLimits(tree, path, out.diagnostics);
  return out;
}

}  // namespace ds::parsers
