#include "src/catalog/matching.h"

#include <map>
#include <set>
#include <string>
#include <tuple>

namespace ds::catalog {
namespace {

// Pairs the entries of two name-keyed maps by `id`, then by name.
template <class T>
std::vector<std::pair<const T*, const T*>> MatchByIdThenName(
    const std::map<ir::QualifiedName, T>& base, const std::map<ir::QualifiedName, T>& head) {
  std::map<std::string, const T*> head_by_id;
  for (const auto& [name, object] : head) head_by_id[object.id] = &object;
  std::vector<std::pair<const T*, const T*>> pairs;
  std::set<const T*> claimed;
  for (const auto& [name, object] : base) {
    auto it = head_by_id.find(object.id);
    const T* match = it == head_by_id.end() ? nullptr : it->second;
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

}  // namespace

RelationMatching MatchRelations(const Catalog& base, const Catalog& head) {
  return {MatchByIdThenName(base.tables(), head.tables()),
          MatchByIdThenName(base.views(), head.views())};
}

std::vector<std::pair<const Column*, const Column*>> MatchColumns(
    const Table& base, const Table& head, const std::vector<const ChangeEvent*>& head_events) {
  std::map<std::string, const Column*> head_by_id;
  for (const Column& column : head.columns) head_by_id[column.id] = &column;
  std::set<std::string> dropped_ids;
  for (const ChangeEvent* event : head_events) {
    if (event->kind == ChangeEvent::Kind::kDropColumn &&
        (event->table_id == base.id || event->table_id == head.id)) {
      dropped_ids.insert(event->object_id);
    }
  }
  std::vector<std::pair<const Column*, const Column*>> pairs;
  std::set<const Column*> claimed;
  for (const Column& column : base.columns) {
    auto it = head_by_id.find(column.id);
    const Column* match = it == head_by_id.end() ? nullptr : it->second;
    if (match != nullptr) claimed.insert(match);
    pairs.emplace_back(&column, match);
  }
  for (auto& [base_column, match] : pairs) {
    if (match != nullptr || dropped_ids.count(base_column->id) != 0) continue;
    const Column* same_name = head.FindColumn(base_column->name);
    if (same_name != nullptr && claimed.insert(same_name).second) match = same_name;
  }
  return pairs;
}

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

}  // namespace ds::catalog
