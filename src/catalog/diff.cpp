#include "src/catalog/diff.h"

#include <algorithm>
#include <functional>
#include <set>
#include <tuple>

#include "src/catalog/matching.h"
#include "src/catalog/replay.h"

namespace ds::catalog {
namespace {

using Kind = ChangeEvent::Kind;

// Finds the statement behind each change among head's new events.
class Attribution {
 public:
  explicit Attribution(std::vector<const ChangeEvent*> events) : events_(std::move(events)) {}

  /// The first event satisfying `match`, else the first touching `fallback_id`, else none.
  ir::SourceSpan Find(const std::function<bool(const ChangeEvent&)>& match,
                      const std::string& fallback_id,
                      const std::string& last_resort_id = "") const {
    for (const ChangeEvent* e : events_) {
      if (match(*e)) return e->span;
    }
    for (const std::string& id : {fallback_id, last_resort_id}) {
      if (id.empty()) continue;
      for (const ChangeEvent* e : events_) {
        if (e->object_id == id) return e->span;
      }
    }
    return {};
  }

  const std::vector<const ChangeEvent*>& events() const { return events_; }

  /// What a CASCADE drop of `id` was for: the first drop event of it naming one.
  std::string DroppedBy(const std::string& id) const {
    for (const ChangeEvent* e : events_) {
      if (e->kind == Kind::kDropTable && e->object_id == id) return e->dropped_by;
    }
    return "";
  }

 private:
  std::vector<const ChangeEvent*> events_;
};

// A type replay could not resolve: comparing it says nothing about the column.
bool Unresolved(const std::string& type) { return type.empty() || type == "unknown"; }

// Whether a column's base type and its head type differ in a way that matters: neither
// unresolved, and not one type under the name a new ALTER TYPE RENAME gave it.
bool Retyped(const std::string& before, const std::string& after,
             const std::vector<const ChangeEvent*>& events) {
  if (before == after || Unresolved(before) || Unresolved(after)) return false;
  size_t base = before.size();
  while (base > 2 && before.compare(base - 2, 2, "[]") == 0) base -= 2;
  std::string name = before.substr(0, base);
  for (const ChangeEvent* e : events) {
    if (e->kind == Kind::kRenameType && e->old_type == name) name = e->new_type;
  }
  return name + before.substr(base) != after;
}

SchemaChange Change(const char* kind, const ir::QualifiedName& table, ir::SourceSpan span) {
  SchemaChange change;
  change.change.kind = kind;
  change.change.table = table;
  change.span = std::move(span);
  return change;
}

template <class Relation>
void DiffRelation(const Relation& base, const Relation* head, const Attribution& events,
                  std::vector<SchemaChange>& out) {
  const std::string& id = base.id;
  if (head == nullptr) {
    out.push_back(Change("drop_table", base.name, events.Find([&](const ChangeEvent& e) {
      return e.kind == Kind::kDropTable && e.object_id == id;
    }, id)));
    out.back().dropped_by = events.DroppedBy(id);
    return;
  }
  if (head->name != base.name) {
    auto any_rename = [&](const ChangeEvent& e) {
      return e.kind == Kind::kRenameTable && (e.object_id == id || e.object_id == head->id);
    };
    auto renamed = [&](const ChangeEvent& e) { return any_rename(e) && e.table == base.name; };
    ir::SourceSpan span = events.Find(renamed, "");
    if (span.line == 0) span = events.Find(any_rename, id);
    SchemaChange change = Change("rename_table", base.name, span);
    change.change.new_name = head->name.ToString();
    out.push_back(std::move(change));
  }
}

// A column dropped or renamed away whose name a new column took (added back in the pull
// request): readers of the name now read the new column, compared with the original.
void DiffReAdded(const Table& base, const Table& head,
                 const std::vector<std::pair<const Column*, const Column*>>& matches,
                 const std::vector<const ChangeEvent*>& events, std::vector<SchemaChange>& out) {
  std::set<const Column*> claimed;
  for (const auto& match : matches) claimed.insert(match.second);
  for (const auto& [before, after] : matches) {
    if (after != nullptr && after->name == before->name) continue;
    const Column* now = head.FindColumn(before->name);
    if (now == nullptr || claimed.count(now) != 0 || !Retyped(before->type, now->type, events)) {
      continue;
    }
    SchemaChange change = Change("retype_column", base.name, now->span);
    change.change.column = before->name;
    change.change.old_type = before->type;
    change.change.new_type = now->type;
    out.push_back(std::move(change));
  }
}

void DiffColumns(const Table& base, const Table& head, const Attribution& events,
                 std::vector<SchemaChange>& out) {
  auto in_table = [&](const ChangeEvent& e) {
    return e.table_id == base.id || e.table_id == head.id;
  };
  auto matches = MatchColumns(base, head, events.events());
  DiffReAdded(base, head, matches, events.events(), out);
  // Columns the table gains (not one of its own renamed, nor one re-added under a dropped name).
  std::set<const Column*> matched;
  for (const auto& match : matches) matched.insert(match.second);
  for (const Column& column : head.columns) {
    if (matched.count(&column) != 0 || base.FindColumn(column.name) != nullptr) continue;
    SchemaChange change = Change("add_column", base.name, column.span);
    change.change.column = column.name;
    out.push_back(std::move(change));
  }
  for (const auto& match : matches) {
    // Plain variables, not structured bindings: the lambdas below capture them (clang 14).
    const auto before = match.first;
    const auto after = match.second;
    const std::string& id = before->id;
    const std::string head_id = after != nullptr ? after->id : id;
    auto about = [&](Kind kind) {
      return [&, kind](const ChangeEvent& e) {
        return e.kind == kind && (e.object_id == id || e.object_id == head_id) && in_table(e);
      };
    };
    if (after == nullptr) {
      SchemaChange change = Change("drop_column", base.name,
                                   events.Find(about(Kind::kDropColumn), id, base.id));
      change.change.column = before->name;
      out.push_back(std::move(change));
      continue;
    }
    if (after->name != before->name) {
      auto from_base_name = [&](const ChangeEvent& e) {
        return about(Kind::kRenameColumn)(e) && e.column == before->name;
      };
      ir::SourceSpan span = events.Find(from_base_name, "");
      if (span.line == 0) span = events.Find(about(Kind::kRenameColumn), id);
      SchemaChange change = Change("rename_column", base.name, span);
      change.change.column = before->name;
      change.change.new_name = after->name;
      out.push_back(std::move(change));
    }
    if (before->not_null && !after->not_null) {
      SchemaChange change = Change("drop_not_null", base.name, events.Find(about(Kind::kDropNotNull), id, base.id));
      change.change.column = before->name;
      out.push_back(std::move(change));
    }
    if (Retyped(before->type, after->type, events.events())) {
      auto from_base_type = [&](const ChangeEvent& e) {
        return about(Kind::kRetypeColumn)(e) && e.old_type == before->type;
      };
      ir::SourceSpan span = events.Find(from_base_type, "");
      if (span.line == 0) span = events.Find(about(Kind::kRetypeColumn), id, base.id);
      SchemaChange change = Change("retype_column", base.name, span);
      change.change.column = before->name;
      change.change.old_type = before->type;
      change.change.new_type = after->type;
      out.push_back(std::move(change));
    }
  }
}

// The columns of `shown` (an enum as columns show its name) at head: one change each, since
// views read columns, not types.
void PerColumnOfType(const Catalog& head, const std::string& shown, const SchemaChange& about,
                     std::vector<SchemaChange>& out) {
  for (const auto& [name, table] : head.tables()) {
    for (const Column& column : table.columns) {
      if (column.type != shown) continue;
      SchemaChange change = about;
      change.change.table = name;
      change.change.column = column.name;
      out.push_back(change);
    }
  }
}

// Labels an enum had at base that it lacks at head: renamed (ALTER TYPE ... RENAME VALUE,
// followed through later renames) or gone (the type re-created without them: the change is the
// CREATE TYPE at head). Views comparing its columns with the old label find nothing any more.
void DiffEnums(const Catalog& base, const Catalog& head, const Attribution& events, std::vector<SchemaChange>& out) {
  for (const auto& [name, before] : base.enums()) {
    const Enum* after = head.FindEnum(name);
    if (after == nullptr) continue;
    for (const std::string& label : before.values) {
      if (std::find(after->values.begin(), after->values.end(), label) != after->values.end()) continue;
      SchemaChange change = Change("drop_enum_value", {}, after->span);
      change.change.value = label;
      change.change.old_type = Replay::ShownTypeName(name);
      std::string current = label;
      for (const ChangeEvent* e : events.events()) {
        if (e->kind != Kind::kRenameEnumValue || e->table != name || e->value != current) continue;
        if (change.change.kind == "drop_enum_value") change.span = e->span;
        change.change.kind = "rename_enum_value";
        current = e->new_value;
      }
      if (change.change.kind == "rename_enum_value") change.change.new_value = current;
      PerColumnOfType(head, change.change.old_type, change, out);
    }
  }
}

// Data migrations that rewrite literal values of a column: one change per old value.
void DiffRewrites(const Attribution& events, std::vector<SchemaChange>& out) {
  for (const ChangeEvent* e : events.events()) {
    if (e->kind != Kind::kRewriteValues) continue;
    SchemaChange change = Change("rewrite_values", e->table, e->span);
    change.change.column = e->column;
    change.change.value = e->value;
    change.change.new_value = e->new_value;
    out.push_back(std::move(change));
  }
}

}  // namespace

std::vector<SchemaChange> Diff(const Catalog& base, const Catalog& head) {
  Attribution events(NewEvents(base, head));
  RelationMatching matching = MatchRelations(base, head, events.events());
  std::vector<SchemaChange> changes;
  for (const auto& [before, after] : matching.tables) {
    DiffRelation(*before, after, events, changes);
    if (after != nullptr) DiffColumns(*before, *after, events, changes);
  }
  for (const auto& [before, after] : matching.views) DiffRelation(*before, after, events, changes);
  DiffEnums(base, head, events, changes);
  DiffRewrites(events, changes);
  // Each change happened with its statement: the latest event of that statement.
  for (SchemaChange& change : changes) {
    for (const ChangeEvent* e : events.events()) {
      if (e->span == change.span && e->generation > change.generation) change.generation = e->generation;
    }
  }
  std::stable_sort(changes.begin(), changes.end(), [](const SchemaChange& a, const SchemaChange& b) {
    return std::tie(a.span, a.change.kind, a.change.table, a.change.column, a.change.value) <
           std::tie(b.span, b.change.kind, b.change.table, b.change.column, b.change.value);
  });
  return changes;
}

}  // namespace ds::catalog
