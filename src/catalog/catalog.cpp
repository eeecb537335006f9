#include "src/catalog/catalog.h"

#include <variant>

#include "src/catalog/replay.h"

namespace ds::catalog {
namespace {

const std::vector<std::string>& DefaultSearchPath() {
  static const std::vector<std::string> kDefault = {"public"};
  return kDefault;
}

}  // namespace

const Column* Table::FindColumn(const std::string& column_name) const {
  for (const Column& column : columns) {
    if (column.name == column_name) return &column;
  }
  return nullptr;
}

Catalog::Catalog() : schemas_{"public"}, search_path_(DefaultSearchPath()) {}

void Catalog::BeginFile() { search_path_ = DefaultSearchPath(); }

void Catalog::Apply(const ir::SchemaOp& op, std::vector<ir::Diagnostic>& diagnostics) {
  ++generation_;
  Replay replay(*this, op.span, diagnostics);
  std::visit(replay, op.op);
}

ir::QualifiedName Catalog::Qualify(const ir::QualifiedName& name,
                                   const std::vector<std::string>& search_path) const {
  if (name.Qualified()) return name;
  for (const std::string& schema : search_path) {
    ir::QualifiedName candidate{schema, name.name};
    if (tables_.count(candidate) != 0 || views_.count(candidate) != 0) return candidate;
  }
  // Not found: where CREATE would put it, the first schema of the path that exists.
  for (const std::string& schema : search_path) {
    if (schemas_.count(schema) != 0) return {schema, name.name};
  }
  return {search_path.empty() ? std::string() : search_path.front(), name.name};
}

const Table* Catalog::FindTable(const ir::QualifiedName& qualified) const {
  auto it = tables_.find(qualified);
  return it == tables_.end() ? nullptr : &it->second;
}

const View* Catalog::FindView(const ir::QualifiedName& qualified) const {
  auto it = views_.find(qualified);
  return it == views_.end() ? nullptr : &it->second;
}

const Enum* Catalog::FindEnum(const ir::QualifiedName& qualified) const {
  auto it = enums_.find(qualified);
  return it == enums_.end() ? nullptr : &it->second;
}

Table& Catalog::PutTable(Table table) {
  ++generation_;
  if (!table.name.schema.empty()) schemas_.insert(table.name.schema);
  ir::QualifiedName key = table.name;
  return tables_[key] = std::move(table);
}

View& Catalog::PutView(View view) {
  ++generation_;
  if (!view.name.schema.empty()) schemas_.insert(view.name.schema);
  ir::QualifiedName key = view.name;
  return views_[key] = std::move(view);
}

}  // namespace ds::catalog
