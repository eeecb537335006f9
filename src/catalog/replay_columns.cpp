// ALTER TABLE column operations. As in PostgreSQL, they recurse into inheritance children and
// partitions, and an inherited column cannot be dropped, renamed or retyped on its own.
#include <algorithm>
#include <functional>

#include "src/catalog/replay.h"

namespace ds::catalog {
namespace {

Column* FindColumn(Table& table, const std::string& name) {
  for (Column& column : table.columns) {
    if (column.name == name) return &column;
  }
  return nullptr;
}

}  // namespace

Column* Replay::RequireColumn(Table& table, const std::string& column, bool if_exists) {
  Column* found = FindColumn(table, column);
  if (found == nullptr && !if_exists) {
    Refuse("column " + table.name.name + "." + column + " does not exist");
  }
  return found;
}

void Replay::operator()(const ir::AddColumn& op) {
  Table* table = RequireTable(op.table);
  if (table == nullptr) return;
  if (FindColumn(*table, op.column.name) != nullptr) {
    if (!op.if_not_exists) {
      Refuse("column " + table->name.name + "." + op.column.name + " already exists");
    }
    return;
  }
  if (table->partition) {
    Refuse("cannot add column " + op.column.name + " to partition " + table->name.ToString());
    return;
  }
  Column column{op.column.name, NormalizeType(op.column.type), op.column.not_null,
                Identity() + "#" + op.column.name, false, 0, true, span_};
  table->columns.push_back(column);
  std::function<void(const std::string&)> add_to_children = [&](const std::string& parent_id) {
    for (Table* child : Children(parent_id)) {
      if (Column* existing = FindColumn(*child, column.name)) {
        ++existing->inherited;
        continue;
      }
      Column inherited = column;
      inherited.inherited = 1;
      inherited.local = false;
      child->columns.push_back(inherited);
      add_to_children(child->id);
    }
  };
  add_to_children(table->id);
}

void Replay::DropColumnFrom(Table& table, const std::string& column, bool recursing,
                            std::vector<std::string>& readers) {
  auto it = std::find_if(table.columns.begin(), table.columns.end(),
                         [&](const Column& c) { return c.name == column; });
  if (it == table.columns.end()) return;
  if (recursing && (it->local || it->inherited > 1)) {
    // Declared locally too, or inherited from another parent: the child keeps it.
    --it->inherited;
    return;
  }
  std::vector<std::string> here = ColumnReaders(table.id, it->id);
  readers.insert(readers.end(), here.begin(), here.end());
  Event(ChangeEvent::Kind::kDropColumn, it->id, table.id, table.name).column = column;
  table.columns.erase(it);
  for (Table* child : Children(table.id)) DropColumnFrom(*child, column, true, readers);
}

std::vector<std::string> Replay::ColumnReaders(const std::string& table_id,
                                              const std::string& column_id) const {
  std::vector<std::string> readers;
  std::pair<std::string, std::string> dependency{table_id, column_id};
  for (const auto& [name, view] : catalog_.views_) {
    const auto& deps = view.column_deps;
    if (std::find(deps.begin(), deps.end(), dependency) != deps.end()) readers.push_back(view.id);
  }
  return readers;
}

void Replay::operator()(const ir::DropColumn& op) {
  Table* table = RequireTable(op.table);
  if (table == nullptr) return;
  Column* column = RequireColumn(*table, op.column, op.if_exists);
  if (column == nullptr) return;
  if (column->inherited > 0) {
    Refuse("cannot drop inherited column " + table->name.name + "." + op.column);
    return;
  }
  std::string what = table->name.ToString() + "." + op.column;
  std::vector<std::string> readers;
  DropColumnFrom(*table, op.column, false, readers);
  if (readers.empty()) return;
  // PostgreSQL drops the views reading the column with CASCADE, and refuses without it. The
  // drop applies either way (see DropRelation): the views left reading it are then reported.
  if (op.cascade) {
    DropCascaded(readers, what);
  } else {
    RefuseDependents("drop column " + what, readers);
  }
}

void Replay::operator()(const ir::RenameColumn& op) {
  Table* table = RequireTable(op.table);
  if (table == nullptr) return;
  Column* column = RequireColumn(*table, op.column);
  if (column == nullptr) return;
  if (FindColumn(*table, op.new_name) != nullptr) {
    Refuse("column " + table->name.name + "." + op.new_name + " already exists");
    return;
  }
  if (column->inherited > 0) {
    Refuse("cannot rename inherited column " + table->name.name + "." + op.column);
    return;
  }
  std::function<void(Table&)> rename = [&](Table& target) {
    Column* c = FindColumn(target, op.column);
    if (c == nullptr) return;
    ChangeEvent& event = Event(ChangeEvent::Kind::kRenameColumn, c->id, target.id, target.name);
    event.column = op.column;
    event.new_name = op.new_name;
    c->name = op.new_name;
    for (Table* child : Children(target.id)) rename(*child);
  };
  rename(*table);
}

void Replay::operator()(const ir::AlterColumnType& op) {
  Table* table = RequireTable(op.table);
  if (table == nullptr) return;
  Column* column = RequireColumn(*table, op.column);
  if (column == nullptr) return;
  if (column->inherited > 0) {
    Refuse("cannot alter inherited column " + table->name.name + "." + op.column);
    return;
  }
  std::string new_type = NormalizeType(op.new_type);
  std::vector<std::string> readers;
  std::function<void(Table&)> retype = [&](Table& target) {
    Column* c = FindColumn(target, op.column);
    if (c == nullptr || c->type == new_type) return;
    std::vector<std::string> here = ColumnReaders(target.id, c->id);
    readers.insert(readers.end(), here.begin(), here.end());
    ChangeEvent& event = Event(ChangeEvent::Kind::kRetypeColumn, c->id, target.id, target.name);
    event.column = op.column;
    event.old_type = c->type;
    event.new_type = new_type;
    c->type = new_type;
    for (Table* child : Children(target.id)) retype(*child);
  };
  retype(*table);
  // PostgreSQL cannot retype a column a view uses, CASCADE or not. The change still applies (as
  // for drops): what follows sees it, and the views reading it are reported.
  if (!readers.empty()) {
    RefuseDependents("change the type of column " + table->name.ToString() + "." + op.column, readers,
                     "drop them first and re-create them after");
  }
}

void Replay::operator()(const ir::SetNotNull& op) {
  Table* table = RequireTable(op.table);
  if (table == nullptr || RequireColumn(*table, op.column) == nullptr) return;
  std::function<void(Table&)> set = [&](Table& target) {
    if (Column* c = FindColumn(target, op.column)) c->not_null = true;
    for (Table* child : Children(target.id)) set(*child);
  };
  set(*table);
}

void Replay::operator()(const ir::DropNotNull& op) {
  Table* table = RequireTable(op.table);
  if (table == nullptr) return;
  Column* column = RequireColumn(*table, op.column);
  if (column == nullptr) return;
  if (table->partition && column->inherited > 0) {
    for (const std::string& parent_id : table->parent_ids) {
      const ir::QualifiedName* parent = NameOf(parent_id);
      const Table* parent_table = parent ? catalog_.FindTable(*parent) : nullptr;
      const Column* in_parent = parent_table ? parent_table->FindColumn(op.column) : nullptr;
      if (in_parent != nullptr && in_parent->not_null) {
        Refuse("column " + op.column + " is marked NOT NULL in parent table");
        return;
      }
    }
  }
  std::function<void(Table&)> drop = [&](Table& target) {
    if (Column* c = FindColumn(target, op.column); c != nullptr && c->not_null) {
      Event(ChangeEvent::Kind::kDropNotNull, c->id, target.id, target.name).column = op.column;
      c->not_null = false;
    }
    for (Table* child : Children(target.id)) drop(*child);
  };
  drop(*table);
}

}  // namespace ds::catalog

namespace ds::catalog {

void Replay::operator()(const ir::RewriteValues& op) {
  // Rows are not replayed; the event says which values the data migration rewrote. An UPDATE of a
  // table or column that is not there fails as PostgreSQL would.
  Table* table = RequireTable(op.table);
  if (table == nullptr) return;
  Column* column = RequireColumn(*table, op.column);
  if (column == nullptr) return;
  for (const std::string& value : op.old_values) {
    ChangeEvent& event = Event(ChangeEvent::Kind::kRewriteValues, column->id, table->id, table->name);
    event.column = op.column;
    event.value = value;
    event.new_value = op.new_value;
  }
}

}  // namespace ds::catalog
