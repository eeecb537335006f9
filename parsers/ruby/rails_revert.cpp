// `revert`: a block's ops inverted in place, and `revert SomeMigration` resolved over the whole
// history (the class lives in another file).
#include <map>

#include "parsers/ruby/rails_internal.h"

namespace ds::parsers {

namespace rails {

namespace {

std::optional<ir::OpKind> Inverse(const ir::OpKind& op, std::string& problem) {
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
  if (std::holds_alternative<ir::DropTable>(op)) problem = "drop_table (its columns are not known)";
  else if (std::holds_alternative<ir::DropColumn>(op)) problem = "remove_column";
  else if (std::holds_alternative<ir::AlterColumnType>(op)) problem = "change_column";
  else if (auto* unknown = std::get_if<ir::Unknown>(&op)) problem = unknown->what;
  else problem = "an operation ActiveRecord cannot invert";
  return std::nullopt;
}

}  // namespace

bool InvertOps(const std::vector<ir::SchemaOp>& ops, std::vector<ir::SchemaOp>& out, std::string& problem) {
  std::vector<ir::SchemaOp> inverted;
  for (auto op = ops.rbegin(); op != ops.rend(); ++op) {
    std::optional<ir::OpKind> inverse = Inverse(op->op, problem);
    if (!inverse) return false;
    inverted.push_back({op->span, std::move(*inverse)});
  }
  for (ir::SchemaOp& op : inverted) out.push_back(std::move(op));
  return true;
}

}  // namespace rails

void ResolveRailsReverts(const std::vector<const ir::ParsedFile*>& files,
                         const std::vector<std::vector<ir::SchemaOp>*>& ops,
                         std::vector<ir::Diagnostic>& diagnostics) {
  std::map<std::string, const RailsRecord::Class*> classes;
  for (const ir::ParsedFile* file : files) {
    auto* record = dynamic_cast<const RailsRecord*>(file->framework.get());
    if (!record) continue;
    for (const RailsRecord::Class& c : record->classes) classes.emplace(c.name, &c);
  }
  for (size_t i = 0; i < files.size() && i < ops.size(); ++i) {
    auto* record = dynamic_cast<const RailsRecord*>(files[i]->framework.get());
    if (!record || record->reverts.empty()) continue;
    std::vector<ir::SchemaOp> resolved;
    for (ir::SchemaOp& op : *ops[i]) {
      const RailsRecord::Revert* revert = nullptr;
      if (auto* unknown = std::get_if<ir::Unknown>(&op.op); unknown && unknown->what.starts_with("revert ")) {
        for (const RailsRecord::Revert& r : record->reverts) {
          if (r.at == op.span && unknown->what == "revert " + r.migration) revert = &r;
        }
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
