#include "src/catalog/matching.h"

#include <map>
#include <set>
#include <string>
#include <tuple>

namespace ds::catalog {
namespace {

using Kind = ChangeEvent::Kind;

bool HasEvent(const std::vector<const ChangeEvent*>& events, Kind kind, const std::string& id) {
  for (const ChangeEvent* e : events) {
    if (e->kind == kind && e->object_id == id) return true;
  }
  return false;
}

// Pairs the entries of two name-keyed maps by `id` (a renamed match needs a rename event),
// then by name.
template <class T>
std::vector<std::pair<const T*, const T*>> MatchByIdThenName(
    const std::map<ir::QualifiedName, T>& base, const std::map<ir::QualifiedName, T>& head,
    const std::vector<const ChangeEvent*>& events) {
  std::map<std::string, const T*> head_by_id;
  for (const auto& [name, object] : head) head_by_id[object.id] = &object;
  std::vector<std::pair<const T*, const T*>> pairs;
  std::set<const T*> claimed;
  for (const auto& [name, object] : base) {
    auto it = head_by_id.find(object.id);
    const T* match = it == head_by_id.end() ? nullptr : it->second;
    if (match != nullptr && match->name != name &&
        !HasEvent(events, Kind::kRenameTable, object.id)) {
      match = nullptr;
    }
    if (match != nullptr) claimed.insert(match);
    pairs.emplace_back(&object, match);
  }
  for (auto& [base_object, match] : pairs) {
    if (match != nullptr) continue;
    auto it = head.find(base_object->name);
    if (it != head.end() && claimed.insert(&it->second).second) match = &it->second;
  }
  return pairs;
}

auto EventKey(const ChangeEvent& e) {
  return std::tie(e.kind, e.object_id, e.table_id, e.table, e.column, e.new_name, e.old_type,
                  e.new_type, e.span);
}

// Follows the new rename events of `head` that start from `name`: the name it has now.
std::string FollowRenames(const std::string& name, const Table& head,
                          const std::vector<const ChangeEvent*>& events) {
  std::string current = name;
  for (const ChangeEvent* e : events) {
    if (e->kind == Kind::kRenameColumn && e->table_id == head.id && e->column == current) {
      current = e->new_name;
    }
  }
  return current;
}

}  // namespace

std::vector<const ChangeEvent*> NewEvents(const Catalog& base, const Catalog& head) {
  std::multiset<decltype(EventKey(std::declval<const ChangeEvent&>()))> at_base;
  for (const ChangeEvent& event : base.events()) at_base.insert(EventKey(event));
  std::vector<const ChangeEvent*> fresh;
  for (const ChangeEvent& event : head.events()) {
    auto it = at_base.find(EventKey(event));
    if (it != at_base.end()) {
      at_base.erase(it);
    } else {
      fresh.push_back(&event);
    }
  }
  return fresh;
}

RelationMatching MatchRelations(const Catalog& base, const Catalog& head,
                                const std::vector<const ChangeEvent*>& new_events) {
  return {MatchByIdThenName(base.tables(), head.tables(), new_events),
          MatchByIdThenName(base.views(), head.views(), new_events)};
}

std::vector<std::pair<const Column*, const Column*>> MatchColumns(
    const Table& base, const Table& head, const std::vector<const ChangeEvent*>& new_events) {
  std::map<std::string, const Column*> head_by_id;
  for (const Column& column : head.columns) head_by_id[column.id] = &column;
  std::vector<const ChangeEvent*> events;  // the new events about this table
  std::set<std::string> dropped_ids;
  for (const ChangeEvent* e : new_events) {
    if (e->table_id != base.id && e->table_id != head.id) continue;
    events.push_back(e);
    if (e->kind == Kind::kDropColumn) dropped_ids.insert(e->object_id);
  }
  std::vector<std::pair<const Column*, const Column*>> pairs;
  std::set<const Column*> claimed;
  for (const Column& column : base.columns) {
    auto it = head_by_id.find(column.id);
    const Column* match = it == head_by_id.end() ? nullptr : it->second;
    if (match != nullptr && match->name != column.name &&
        !HasEvent(events, Kind::kRenameColumn, column.id)) {
      match = nullptr;
    }
    if (match != nullptr) claimed.insert(match);
    pairs.emplace_back(&column, match);
  }
  for (auto& [base_column, match] : pairs) {
    if (match != nullptr || dropped_ids.count(base_column->id) != 0) continue;
    const Column* same_name = head.FindColumn(base_column->name);
    if (same_name != nullptr && claimed.insert(same_name).second) {
      match = same_name;
      continue;
    }
    std::string renamed = FollowRenames(base_column->name, head, events);
    const Column* found = head.FindColumn(renamed);
    if (renamed != base_column->name && found != nullptr && !dropped_ids.count(found->id) &&
        claimed.insert(found).second) {
      match = found;
    }
  }
  return pairs;
}

}  // namespace ds::catalog
