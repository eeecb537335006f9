// Views, enum types and schemas.
#include <algorithm>

#include "src/catalog/query_relations.h"
#include "src/catalog/replay.h"

namespace ds::catalog {

std::vector<std::string> Replay::BindDependencies(const ir::Query& query) {
  std::vector<std::string> ids;
  for (const ir::QualifiedName& named : RelationsNamedBy(query)) {
    ir::QualifiedName qualified = catalog_.Qualify(named, catalog_.search_path_);
    if (const Table* table = catalog_.FindTable(qualified)) {
      ids.push_back(table->id);
    } else if (const View* view = catalog_.FindView(qualified)) {
      ids.push_back(view->id);
    }
    // A relation that does not exist: PostgreSQL would refuse the view. We keep it, and say
    // nothing here: lineage reports the missing name at its exact place, with a suggestion.
  }
  return ids;
}

void Replay::operator()(const ir::CreateView& op) {
  std::optional<ir::QualifiedName> name = CreationName(op.view);
  if (!name) return;
  if (catalog_.tables_.count(*name) != 0) {
    Refuse("relation " + name->ToString() + " already exists");
    return;
  }
  auto existing = catalog_.views_.find(*name);
  if (existing != catalog_.views_.end() && !op.or_replace) {
    if (!op.if_not_exists) Refuse("relation " + name->ToString() + " already exists");
    return;
  }
  View view;
  view.name = *name;
  view.column_names = op.column_names;
  view.query = op.query;
  view.source = op.source;
  view.search_path = catalog_.search_path_;
  view.materialized = op.materialized;
  view.kind = op.kind;
  view.rebinds_star = op.rebinds_star;
  view.binds_types = op.binds_types;
  view.span = span_;
  view.id = Identity();
  if (existing != catalog_.views_.end()) {
    // OR REPLACE keeps the view's identity, as PostgreSQL keeps its OID. What was derived from
    // the old definition is stale: a generation of its own.
    ++catalog_.generation_;
    view.id = existing->second.id;
    view.span = existing->second.span;
  }
  view.defined_at = catalog_.generation_;
  if (op.query) view.depends_on = BindDependencies(*op.query);
  catalog_.views_[*name] = std::move(view);
  if (op.query) catalog_.views_[*name].column_deps = BindColumnDependencies(*name);
}

std::vector<std::pair<std::string, std::string>> Replay::BindColumnDependencies(
    const ir::QualifiedName& name) {
  std::vector<std::pair<std::string, std::string>> deps;
  if (!catalog_.view_reads_) return deps;
  for (const auto& [relation, column] : catalog_.view_reads_(catalog_, name)) {
    // Only table columns: a view on a view depends on that view as a whole (depends_on), which
    // DROP COLUMN never reaches.
    const Table* table = catalog_.FindTable(relation);
    const Column* found = table != nullptr ? table->FindColumn(column) : nullptr;
    if (found == nullptr) continue;
    std::pair<std::string, std::string> dep{table->id, found->id};
    if (std::find(deps.begin(), deps.end(), dep) == deps.end()) deps.push_back(std::move(dep));
  }
  return deps;
}

void Replay::operator()(const ir::DropView& op) {
  View* view = LookupView(op.view);
  const char* kind = op.materialized ? "materialized view " : "view ";
  if (view == nullptr) {
    if (NamedInSameDrop(op.view)) return;
    if (LookupTable(op.view) != nullptr) {
      Refuse(op.view.ToString() + " is not a " + kind);
    } else if (!op.if_exists) {
      Refuse(kind + op.view.ToString() + " does not exist");
    }
    return;
  }
  if (view->materialized != op.materialized) {
    Refuse(op.view.ToString() + " is not a " + kind);
    return;
  }
  DropRelation(view->id, op.cascade);
}

Enum* Replay::LookupEnum(const ir::QualifiedName& name) {
  auto find = [&](const ir::QualifiedName& qualified) -> Enum* {
    auto it = catalog_.enums_.find(qualified);
    return it == catalog_.enums_.end() ? nullptr : &it->second;
  };
  if (name.Qualified()) return find(name);
  for (const std::string& schema : catalog_.search_path_) {
    if (Enum* found = find({schema, name.name})) return found;
  }
  return nullptr;
}

void Replay::operator()(const ir::CreateEnum& op) {
  std::optional<ir::QualifiedName> name = CreationName(op.type);
  if (!name) return;
  // A table's row type takes the type name too.
  if (catalog_.enums_.count(*name) != 0 || catalog_.tables_.count(*name) != 0 ||
      catalog_.views_.count(*name) != 0) {
    Refuse("type " + name->ToString() + " already exists");
    return;
  }
  catalog_.enums_[*name] = Enum{*name, op.values, span_};
}

void Replay::operator()(const ir::AddEnumValue& op) {
  Enum* type = LookupEnum(op.type);
  if (type == nullptr) {
    Refuse("type " + op.type.ToString() + " does not exist");
    return;
  }
  auto& values = type->values;
  // Already there: IF NOT EXISTS (which the op does not record) or a refusal; either way no-op.
  if (std::find(values.begin(), values.end(), op.value) != values.end()) return;
  auto at = values.end();
  if (!op.neighbor.empty()) {
    at = std::find(values.begin(), values.end(), op.neighbor);
    if (at == values.end()) {
      Refuse(op.neighbor + " is not an existing enum label of " + op.type.ToString());
      return;
    }
    if (!op.before) ++at;
  }
  values.insert(at, op.value);
}

void Replay::operator()(const ir::RenameEnumValue& op) {
  Enum* type = LookupEnum(op.type);
  if (type == nullptr) {
    Refuse("type " + op.type.ToString() + " does not exist");
    return;
  }
  auto& values = type->values;
  auto at = std::find(values.begin(), values.end(), op.value);
  if (at == values.end()) {
    Refuse(op.value + " is not an existing enum label of " + op.type.ToString());
  } else if (std::find(values.begin(), values.end(), op.new_value) != values.end()) {
    Refuse("enum label " + op.new_value + " already exists in " + op.type.ToString());
  } else {
    *at = op.new_value;
    ChangeEvent& event = Event(ChangeEvent::Kind::kRenameEnumValue, "", "", type->name);
    event.old_type = ShownTypeName(type->name);
    event.value = op.value;
    event.new_value = op.new_value;
  }
}

void Replay::operator()(const ir::DropType& op) {
  // Types other than enums (domains, composites) are not tracked: a miss is not an error here.
  if (Enum* type = LookupEnum(op.type)) catalog_.enums_.erase(type->name);
}

void Replay::operator()(const ir::RenameType& op) {
  std::string from, to;
  if (Enum* type = LookupEnum(op.type)) {
    ir::QualifiedName renamed{type->name.schema, op.new_name};
    if (catalog_.enums_.count(renamed) != 0 || RelationExists(renamed)) {
      Refuse("type " + renamed.ToString() + " already exists");
      return;
    }
    from = ShownTypeName(type->name);
    to = ShownTypeName(renamed);
    auto node = catalog_.enums_.extract(type->name);
    node.key() = renamed;
    node.mapped().name = renamed;
    catalog_.enums_.insert(std::move(node));
  } else {
    // A domain or another type we do not track: its columns carry its name as shown.
    from = ShownTypeName(op.type);
    to = ShownTypeName({op.type.schema, op.new_name});
  }
  if (from == to) return;
  ChangeEvent& event = Event(ChangeEvent::Kind::kRenameType, "", "", op.type);
  event.old_type = from;
  event.new_type = to;
  for (auto& [name, table] : catalog_.tables_) {
    for (Column& column : table.columns) {
      size_t base = column.type.size();
      while (base > 2 && column.type.compare(base - 2, 2, "[]") == 0) base -= 2;
      if (column.type.compare(0, base, from) == 0 && base == from.size()) {
        column.type = to + column.type.substr(base);
      }
    }
  }
}

void Replay::operator()(const ir::CreateSchema& op) {
  // Re-creating is a no-op: the op does not record IF NOT EXISTS.
  catalog_.schemas_.insert(op.schema);
}

void Replay::operator()(const ir::DropSchema& op) {
  if (catalog_.schemas_.count(op.schema) == 0) return;  // IF EXISTS is not recorded either
  auto first_in_schema = [&]() -> std::string {
    for (const auto& [name, table] : catalog_.tables_) {
      if (name.schema == op.schema) return table.id;
    }
    for (const auto& [name, view] : catalog_.views_) {
      if (name.schema == op.schema) return view.id;
    }
    return "";
  };
  bool has_enums = std::any_of(catalog_.enums_.begin(), catalog_.enums_.end(),
                               [&](const auto& entry) { return entry.first.schema == op.schema; });
  if (!op.cascade && (has_enums || !first_in_schema().empty())) {
    Refuse("cannot drop schema " + op.schema + " because other objects depend on it; use CASCADE");
    return;
  }
  for (std::string id = first_in_schema(); !id.empty(); id = first_in_schema()) {
    DropRelation(id, true);
  }
  std::erase_if(catalog_.enums_, [&](const auto& entry) { return entry.first.schema == op.schema; });
  catalog_.schemas_.erase(op.schema);
}

}  // namespace ds::catalog
