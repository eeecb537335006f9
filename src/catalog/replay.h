#pragma once
/// Applies one schema op to a catalog as PostgreSQL would (internal to the catalog module).
/// Split by family: replay_tables.cpp, replay_columns.cpp, replay_others.cpp, replay.cpp.
#include <optional>
#include <string>
#include <vector>

#include "src/catalog/catalog.h"

namespace ds::catalog {

class Replay {
 public:
  Replay(Catalog& catalog, const ir::SourceSpan& span, std::vector<ir::Diagnostic>& diagnostics)
      : catalog_(catalog), span_(span), diagnostics_(diagnostics) {}

  void operator()(const ir::CreateTable& op);
  void operator()(const ir::DropTable& op);
  void operator()(const ir::RenameTable& op);
  void operator()(const ir::AddColumn& op);
  void operator()(const ir::DropColumn& op);
  void operator()(const ir::RenameColumn& op);
  void operator()(const ir::AlterColumnType& op);
  void operator()(const ir::SetNotNull& op);
  void operator()(const ir::DropNotNull& op);
  void operator()(const ir::CreateView& op);
  void operator()(const ir::DropView& op);
  void operator()(const ir::CreateEnum& op);
  void operator()(const ir::AddEnumValue& op);
  void operator()(const ir::RenameEnumValue& op);
  void operator()(const ir::DropType& op);
  void operator()(const ir::RenameType& op);
  void operator()(const ir::CreateSchema& op);
  void operator()(const ir::DropSchema& op);
  void operator()(const ir::SetSearchPath& op);
  void operator()(const ir::RewriteValues& op);
  void operator()(const ir::Unknown& op);

  /// A type's name as format_type() prints it: quoted as needed, qualified unless in public.
  static std::string ShownTypeName(const ir::QualifiedName& type);

 private:
  // replay.cpp: names, identities, diagnostics, events.
  void Refuse(std::string message);
  /// PostgreSQL refuses the statement because objects depend on what it changes: an error, since
  /// the migration will fail when it runs. `action` is "drop table public.t", `dependents` ids.
  void RefuseDependents(const std::string& action, const std::vector<std::string>& dependents,
                        const std::string& remedy = "drop them first, or use CASCADE");
  /// Ids of the views that read the column `column_id` of the table `table_id`.
  std::vector<std::string> ColumnReaders(const std::string& table_id, const std::string& column_id) const;
  std::string Identity() const;  ///< "file:line:col" of the op
  /// The name CREATE gives `name`; nullopt (and a diagnostic) when its schema does not exist.
  std::optional<ir::QualifiedName> CreationName(const ir::QualifiedName& name);
  bool RelationExists(const ir::QualifiedName& qualified) const;
  /// The table `name` designates through the search_path, or nullptr (no diagnostic).
  Table* LookupTable(const ir::QualifiedName& name);
  /// As LookupTable, with PostgreSQL's refusal when missing (silent when `if_exists`).
  Table* RequireTable(const ir::QualifiedName& name, bool if_exists = false);
  View* LookupView(const ir::QualifiedName& name);
  /// A type as format_type() prints it: enum names resolved and qualified unless in public.
  std::string NormalizeType(const std::string& type) const;
  /// Records a change to an existing object; returns it for the kind's extra fields.
  ChangeEvent& Event(ChangeEvent::Kind kind, const std::string& object_id,
                     const std::string& table_id, const ir::QualifiedName& table);

  // replay_tables.cpp: dropping with dependents.
  /// Ids of the views that read `id`, directly or through other views.
  std::vector<std::string> DependentViews(const std::string& id) const;
  /// Tables that inherit from (or are partitions of) the table `id`.
  std::vector<Table*> Children(const std::string& id);
  /// Drops a relation and what depends on it. Without `cascade`, dependent views are an error
  /// (the migration will fail) and the drop still applies, so that what follows sees the
  /// statement's intent and the views left reading it are reported; dependent tables
  /// (inheritance children) refuse it. False when refused.
  bool DropRelation(std::string id, bool cascade);  // by value: the id may live in what it erases
  /// Drops the views `ids` (and theirs) for a CASCADE of `dropped_by` ("public.t.c").
  /// The relation `name` (already gone) went with a CASCADE of the same statement, which names it
  /// too: its drop is no cascade any more (the event's dropped_by is cleared). False otherwise.
  bool NamedInSameDrop(const ir::QualifiedName& name);
  void DropCascaded(const std::vector<std::string>& ids, const std::string& dropped_by);
  const ir::QualifiedName* NameOf(const std::string& id) const;  ///< a table's or view's name
  void EraseById(const std::string& id);
  bool AddTableColumns(const ir::CreateTable& op, Table& table);

  // replay_others.cpp
  Enum* LookupEnum(const ir::QualifiedName& name);
  std::vector<std::string> BindDependencies(const ir::Query& query);
  /// View::column_deps of the view just stored under `name`, through the ViewReadsFn.
  std::vector<std::pair<std::string, std::string>> BindColumnDependencies(const ir::QualifiedName& name);

  // replay_columns.cpp
  Column* RequireColumn(Table& table, const std::string& column, bool if_exists = false);
  /// Drops the column here and in inheritance children; `readers` gets the views reading it.
  void DropColumnFrom(Table& table, const std::string& column, bool recursing,
                      std::vector<std::string>& readers);

  Catalog& catalog_;
  const ir::SourceSpan& span_;
  std::vector<ir::Diagnostic>& diagnostics_;
};

}  // namespace ds::catalog
