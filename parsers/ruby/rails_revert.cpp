// `revert`: a block's ops inverted in place, and `revert SomeMigration` resolved over the whole
// history (the class lives in another file).
#include <map>

#include "parsers/ruby/rails_internal.h"
#include "parsers/sql/parse_sql.h"
#include "parsers/treesitter/sql_type.h"

namespace ds::parsers {

namespace rails {

namespace {

std::optional<ir::OpKind> Inverse(const ir::SchemaOp& schema_op, std::string& problem,
                                  const std::map<std::string, ir::OpKind>* restores) {
  const ir::OpKind& op = schema_op.op;
  if (restores) {
    std::string what;
    if (auto* drop = std::get_if<ir::DropTable>(&op)) what = drop->table.ToString();
    if (auto* drop = std::get_if<ir::DropColumn>(&op)) what = drop->table.ToString() + "." + drop->column;
    auto found = what.empty() ? restores->end() : restores->find(RestoreKey(schema_op.span, what));
    if (found != restores->end()) return found->second;
  }
  if (auto* create = std::get_if<ir::CreateTable>(&op)) return ir::DropTable{create->table};
  if (auto* add = std::get_if<ir::AddColumn>(&op)) return ir::DropColumn{add->table, add->column.name};
  if (auto* rename = std::get_if<ir::RenameColumn>(&op)) {
    return ir::RenameColumn{rename->table, rename->new_name, rename->column};
  }
  if (auto* rename = std::get_if<ir::RenameTable>(&op)) return ir::RenameTable{rename->to, rename->table};
  if (auto* set = std::get_if<ir::SetNotNull>(&op)) return ir::DropNotNull{set->table, set->column};
  if (auto* loosen = std::get_if<ir::DropNotNull>(&op)) return ir::SetNotNull{loosen->table, loosen->column};
  if (auto* create = std::get_if<ir::CreateEnum>(&op)) return ir::DropType{create->type};
  if (auto* rename = std::get_if<ir::RenameType>(&op)) {
    return ir::RenameType{{rename->type.schema, rename->new_name}, rename->type.name};
  }
  if (auto* schema = std::get_if<ir::CreateSchema>(&op)) return ir::DropSchema{schema->schema};
  if (auto* rewrite = std::get_if<ir::RewriteValues>(&op)) return *rewrite;  // Ruby code runs both ways
  if (std::holds_alternative<ir::DropTable>(op)) problem = "drop_table without its block";
  else if (std::holds_alternative<ir::DropColumn>(op)) problem = "remove_column without its type";
  else if (std::holds_alternative<ir::AlterColumnType>(op)) problem = "change_column";
  else if (auto* unknown = std::get_if<ir::Unknown>(&op)) problem = unknown->what;
  else problem = "an operation ActiveRecord cannot invert";
  return std::nullopt;
}

}  // namespace

std::string RestoreKey(const ir::SourceSpan& at, const std::string& what) {
  return std::to_string(at.line) + ":" + std::to_string(at.column) + " " + what;
}

bool InvertOps(const std::vector<ir::SchemaOp>& ops, std::vector<ir::SchemaOp>& out, std::string& problem,
               const std::map<std::string, ir::OpKind>* restores) {
  std::vector<ir::SchemaOp> inverted;
  for (auto op = ops.rbegin(); op != ops.rend(); ++op) {
    std::optional<ir::OpKind> inverse = Inverse(*op, problem, restores);
    if (!inverse) return false;
    inverted.push_back({op->span, std::move(*inverse)});
  }
  for (ir::SchemaOp& op : inverted) out.push_back(std::move(op));
  return true;
}

std::string CreateViewPrefix(std::string_view call, const ir::QualifiedName& view, bool materialized) {
  std::string name = (view.schema.empty() ? "" : QuoteIdentifier(view.schema) + ".") + QuoteIdentifier(view.name);
  if (call == "replace_view") return "CREATE OR REPLACE VIEW " + name + " AS ";
  return std::string(materialized ? "CREATE MATERIALIZED VIEW " : "CREATE VIEW ") + name + " AS ";
}

bool ScenicOps(const RailsRecord::ScenicView& call, const std::string& sql, int line, int column,
               std::vector<ir::SchemaOp>& out, std::vector<ir::Diagnostic>& diagnostics) {
  std::string prefix = CreateViewPrefix(call.call, call.view, call.materialized);
  // The prefix sits before the SQL's first column, so the SQL keeps its own lines and columns.
  ir::ParsedFile parsed = ParseEmbeddedSql(call.file, prefix + sql, line, column - static_cast<int>(prefix.size()));
  for (ir::Diagnostic& d : parsed.diagnostics) diagnostics.push_back(std::move(d));
  size_t views = 0;
  for (const ir::SchemaOp& op : parsed.ops) views += std::holds_alternative<ir::CreateView>(op.op) ? 1 : 0;
  if (views != 1 || parsed.ops.size() != 1) return false;
  if (call.call == "update_view") out.push_back({call.at, ir::DropView{call.view, call.materialized}});
  out.push_back({call.at, std::move(parsed.ops.front().op)});
  return true;
}

}  // namespace rails

void ResolveRailsHistory(const std::vector<const ir::ParsedFile*>& files,
                         const std::vector<std::vector<ir::SchemaOp>*>& ops,
                         std::vector<ir::Diagnostic>& diagnostics) {
  std::map<std::string, const RailsRecord::Class*> classes;
  std::map<std::string, const std::string*> view_files;
  for (const ir::ParsedFile* file : files) {
    auto* record = dynamic_cast<const RailsRecord*>(file->framework.get());
    if (!record) continue;
    for (const RailsRecord::Class& c : record->classes) classes.emplace(c.name, &c);
    if (record->view_sql && file->source) view_files.emplace(file->source->file(), record->view_sql.get());
  }
  for (size_t i = 0; i < files.size() && i < ops.size(); ++i) {
    auto* record = dynamic_cast<const RailsRecord*>(files[i]->framework.get());
    if (!record || !ops[i] || (record->reverts.empty() && record->views.empty())) continue;
    std::vector<ir::SchemaOp> resolved;
    for (ir::SchemaOp& op : *ops[i]) {
      const RailsRecord::Revert* revert = nullptr;
      const RailsRecord::ScenicView* view = nullptr;
      if (auto* unknown = std::get_if<ir::Unknown>(&op.op)) {
        for (const RailsRecord::Revert& r : record->reverts) {
          if (r.at == op.span && unknown->what == "revert " + r.migration) revert = &r;
        }
        for (const RailsRecord::ScenicView& v : record->views) {
          if (v.at == op.span && unknown->what == v.call + " " + v.view.ToString()) view = &v;
        }
      }
      if (view) {
        auto file = view_files.find(view->file);
        if (file != view_files.end() && rails::ScenicOps(*view, *file->second, 1, 1, resolved, diagnostics)) continue;
        diagnostics.push_back({ir::Severity::kWarning, view->at,
                               "not understood: " + view->call + " " + view->view.ToString() + " (" +
                                   (file == view_files.end() ? view->file + " is not in the revision"
                                                             : view->file + " does not hold one SELECT") +
                                   ") may change the schema",
                               ir::DiagCode::kUnsupported});
        resolved.push_back(std::move(op));
        continue;
      }
      if (!revert) {
        resolved.push_back(std::move(op));
        continue;
      }
      std::string name = revert->migration;
      if (size_t colons = name.rfind("::"); colons != std::string::npos && !classes.count(name)) {
        name = name.substr(colons + 2);
      }
      auto found = classes.find(name);
      std::string why = found == classes.end() ? "no migration class " + revert->migration + " in the history"
                                                : found->second->irreversible;
      if (!why.empty()) {
        diagnostics.push_back({ir::Severity::kWarning, revert->at,
                               "not understood: revert " + revert->migration + " (" + why + ") may change the schema",
                               ir::DiagCode::kUnsupported});
        resolved.push_back(std::move(op));
        continue;
      }
      for (const ir::SchemaOp& undo : found->second->reverted) resolved.push_back({revert->at, undo.op});
    }
    *ops[i] = std::move(resolved);
  }
}

}  // namespace ds::parsers
