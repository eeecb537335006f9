// CREATE / DROP / RENAME of tables (and of views, for DROP's dependents and RENAME).
#include <algorithm>
#include <set>

#include "src/catalog/replay.h"

namespace ds::catalog {
namespace {

// Adds `column` to `table`, merging it with an inherited column of the same name as
// PostgreSQL does; false when the name is taken by a local column or the types differ.
bool MergeColumn(Table& table, Column column, std::string* error) {
  for (Column& existing : table.columns) {
    if (existing.name != column.name) continue;
    if (existing.local && column.local) {
      *error = "column " + column.name + " specified more than once";
      return false;
    }
    if (existing.type != column.type) {
      *error = "column " + column.name + " has a type conflict (" + existing.type + " versus " +
               column.type + ")";
      return false;
    }
    existing.not_null = existing.not_null || column.not_null;
    existing.local = existing.local || column.local;
    existing.inherited += column.inherited;
    return true;
  }
  table.columns.push_back(std::move(column));
  return true;
}

}  // namespace

bool Replay::AddTableColumns(const ir::CreateTable& op, Table& table) {
  std::string error;
  auto copy_from = [&](const ir::QualifiedName& source_name, bool inherited) -> bool {
    const Table* source = LookupTable(source_name);
    if (source == nullptr) {
      Refuse(LookupView(source_name) != nullptr
                 ? "cannot copy the columns of view " + source_name.ToString()
                 : "table " + source_name.ToString() + " does not exist");
      return false;
    }
    if (inherited) table.parent_ids.push_back(source->id);
    for (const Column& from : source->columns) {
      Column column{from.name, from.type, from.not_null, table.id + "#" + from.name,
                    false, 0, true, span_};
      column.inherited = inherited ? 1 : 0;
      column.local = !inherited;
      if (!MergeColumn(table, column, &error)) return Refuse(error), false;
    }
    return true;
  };
  if (op.partition_of) {
    table.partition = true;
    if (!copy_from(*op.partition_of, true)) return false;
  }
  for (const ir::QualifiedName& parent : op.inherits) {
    if (!copy_from(parent, true)) return false;
  }
  for (const ir::TableElement& element : op.elements) {
    if (element.like) {
      if (!copy_from(*element.like, false)) return false;
      continue;
    }
    const ir::ColumnDef& def = element.column;
    if (op.partition_of) {
      // A partition's own list only adds options (NOT NULL) to the parent's columns.
      Column* existing = nullptr;
      for (Column& c : table.columns) existing = c.name == def.name ? &c : existing;
      if (existing == nullptr) {
        Refuse("column " + def.name + " does not exist in " + op.partition_of->ToString());
        return false;
      }
      existing->not_null = existing->not_null || def.not_null;
      continue;
    }
    Column column{def.name, NormalizeType(def.type), def.not_null, table.id + "#" + def.name,
                  false, 0, true, span_};
    if (!MergeColumn(table, column, &error)) return Refuse(error), false;
  }
  return true;
}

void Replay::operator()(const ir::CreateTable& op) {
  std::optional<ir::QualifiedName> name = CreationName(op.table);
  if (!name) return;
  if (RelationExists(*name)) {
    if (!op.if_not_exists) Refuse("relation " + name->ToString() + " already exists");
    return;
  }
  Table table;
  table.name = *name;
  table.id = Identity();
  // One op read several times (a Rails loop unrolled: `0.upto(9) { |i| create_table "t_#{i}" }`)
  // creates several tables at one span: each keeps an identity of its own.
  for (const auto& [other_name, other] : catalog_.tables_) {
    if (other.id == table.id) table.id += "/" + name->ToString();
  }
  table.span = span_;
  if (op.as_query) {
    std::vector<ir::ColumnDef> shape;
    if (catalog_.query_shape_) {
      shape = catalog_.query_shape_(*op.as_query, catalog_, catalog_.search_path_);
    } else {
      Refuse("cannot tell the columns of CREATE TABLE " + name->ToString() + " AS: no query shape");
      for (const std::string& column : op.as_column_names) shape.push_back({column, "unknown"});
    }
    for (size_t i = 0; i < shape.size(); ++i) {
      std::string column = i < op.as_column_names.size() ? op.as_column_names[i] : shape[i].name;
      table.columns.push_back(Column{column, NormalizeType(shape[i].type), false,
                                     table.id + "#" + column, false, 0, true, span_});
    }
  } else if (!AddTableColumns(op, table)) {
    return;
  }
  catalog_.tables_[*name] = std::move(table);
}

void Replay::operator()(const ir::DropTable& op) {
  Table* table = LookupTable(op.table);
  if (table == nullptr) {
    if (NamedInSameDrop(op.table)) return;
    if (LookupView(op.table) != nullptr) {
      Refuse(op.table.ToString() + " is not a table");
    } else if (!op.if_exists) {
      Refuse("table " + op.table.ToString() + " does not exist");
    }
    return;
  }
  DropRelation(table->id, op.cascade);
}

void Replay::operator()(const ir::RenameTable& op) {
  ir::QualifiedName from = catalog_.Qualify(op.table, catalog_.search_path_);
  Table* table = LookupTable(op.table);
  View* view = table == nullptr ? LookupView(op.table) : nullptr;
  if (table == nullptr && view == nullptr) {
    if (!op.if_exists) Refuse("relation " + op.table.ToString() + " does not exist");
    return;
  }
  ir::QualifiedName to{op.to.schema.empty() ? from.schema : op.to.schema,
                       op.to.name.empty() ? from.name : op.to.name};
  if (to == from) return;
  if (catalog_.schemas_.count(to.schema) == 0) {
    Refuse("schema " + to.schema + " does not exist");
    return;
  }
  if (RelationExists(to)) {
    Refuse("relation " + to.ToString() + " already exists");
    return;
  }
  std::string id = table != nullptr ? table->id : view->id;
  if (table != nullptr) {
    auto node = catalog_.tables_.extract(from);
    node.key() = to;
    node.mapped().name = to;
    catalog_.tables_.insert(std::move(node));
  } else {
    auto node = catalog_.views_.extract(from);
    node.key() = to;
    node.mapped().name = to;
    catalog_.views_.insert(std::move(node));
  }
  Event(ChangeEvent::Kind::kRenameTable, id, id, from).new_name = to.ToString();
}

std::vector<Table*> Replay::Children(const std::string& id) {
  std::vector<Table*> children;
  for (auto& [name, table] : catalog_.tables_) {
    const auto& parents = table.parent_ids;
    if (std::find(parents.begin(), parents.end(), id) != parents.end()) children.push_back(&table);
  }
  return children;
}

std::vector<std::string> Replay::DependentViews(const std::string& id) const {
  std::vector<std::string> found;
  std::vector<std::string> work{id};
  while (!work.empty()) {
    std::string current = work.back();
    work.pop_back();
    for (const auto& [name, view] : catalog_.views_) {
      const auto& deps = view.depends_on;
      if (std::find(deps.begin(), deps.end(), current) == deps.end()) continue;
      if (std::find(found.begin(), found.end(), view.id) != found.end()) continue;
      found.push_back(view.id);
      work.push_back(view.id);
    }
  }
  return found;
}

bool Replay::DropRelation(std::string id, bool cascade) {
  // What goes: the relation, its partitions (always), and with CASCADE its inheritance children
  // and the views reading any of them. Without CASCADE those last two block the drop.
  std::vector<std::string> doomed{id};
  std::vector<std::string> blockers;
  bool child_blocks = false;
  for (size_t i = 0; i < doomed.size(); ++i) {
    std::vector<std::string> dependents = DependentViews(doomed[i]);
    size_t views = dependents.size();
    for (Table* child : Children(doomed[i])) {
      if (child->partition) {
        doomed.push_back(child->id);
      } else {
        dependents.push_back(child->id);
      }
    }
    for (size_t d = 0; d < dependents.size(); ++d) {
      const std::string& dependent = dependents[d];
      if (std::find(doomed.begin(), doomed.end(), dependent) != doomed.end()) continue;
      if (cascade) {
        doomed.push_back(dependent);
      } else if (std::find(blockers.begin(), blockers.end(), dependent) == blockers.end()) {
        blockers.push_back(dependent);
        child_blocks = child_blocks || d >= views;
      }
    }
  }
  const ir::QualifiedName& name = *NameOf(id);
  if (!blockers.empty()) {
    RefuseDependents((catalog_.tables_.count(name) != 0 ? "drop table " : "drop view ") + name.ToString(),
                     blockers);
    // A table left without its parent is beyond what replay can model: keep the parent.
    if (child_blocks) return false;
  }
  std::string dropped_by = name.ToString();
  for (const std::string& gone : doomed) {
    const ir::QualifiedName* gone_name = NameOf(gone);
    ChangeEvent& event = Event(ChangeEvent::Kind::kDropTable, gone, gone, *gone_name);
    if (gone != id && catalog_.views_.count(*gone_name) != 0) event.dropped_by = dropped_by;
    EraseById(gone);
  }
  return true;
}

bool Replay::NamedInSameDrop(const ir::QualifiedName& name) {
  // `DROP VIEW a, b CASCADE` where a's CASCADE already took b: PostgreSQL drops the named objects
  // together, so b went because it was named, not by surprise.
  for (auto it = catalog_.events_.rbegin(); it != catalog_.events_.rend() && it->span == span_; ++it) {
    bool same = name.Qualified() ? it->table == name : it->table.name == name.name;
    if (it->kind == ChangeEvent::Kind::kDropTable && same && !it->dropped_by.empty()) {
      it->dropped_by.clear();
      return true;
    }
  }
  return false;
}

void Replay::DropCascaded(const std::vector<std::string>& ids, const std::string& dropped_by) {
  for (const std::string& id : ids) {
    if (NameOf(id) == nullptr) continue;  // already gone with an earlier one
    size_t first = catalog_.events_.size();
    DropRelation(id, true);
    for (size_t i = first; i < catalog_.events_.size(); ++i) catalog_.events_[i].dropped_by = dropped_by;
  }
}

const ir::QualifiedName* Replay::NameOf(const std::string& id) const {
  for (const auto& [name, table] : catalog_.tables_) {
    if (table.id == id) return &name;
  }
  for (const auto& [name, view] : catalog_.views_) {
    if (view.id == id) return &name;
  }
  return nullptr;
}

void Replay::EraseById(const std::string& id) {
  std::erase_if(catalog_.tables_, [&](const auto& entry) { return entry.second.id == id; });
  std::erase_if(catalog_.views_, [&](const auto& entry) { return entry.second.id == id; });
}

}  // namespace ds::catalog
