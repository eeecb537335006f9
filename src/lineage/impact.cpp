// Impact analysis: a change taints columns (the changed column, or every column of the changed
// relation); a view column derived from a tainted column is tainted; a view reading anything
// tainted (or a broken view) is broken. Paths are the shortest chains found by relaxing until
// nothing improves, so the answer does not depend on the order views were defined in.
#include "src/lineage/impact.h"

#include <map>

namespace ds::lineage {

namespace {

using Path = std::vector<std::string>;
using ColumnKey = std::pair<ir::QualifiedName, std::string>;

bool Shorter(const Path& a, const Path& b) {
  if (b.empty()) return !a.empty();
  if (a.size() != b.size()) return a.size() < b.size();
  return a < b;
}

Path Extend(Path path, std::string step) {
  path.push_back(std::move(step));
  return path;
}

bool IsTableChange(const ir::ChangeRef& change) {
  return change.kind == "drop_table" || change.kind == "rename_table" || change.column.empty();
}

class Propagation {
 public:
  Propagation(const ir::ChangeRef& change, LineageEngine& engine, const catalog::Catalog& catalog,
              const std::set<ir::QualifiedName>& copies)
      : change_(change), engine_(engine), catalog_(catalog), copies_(copies), table_change_(IsTableChange(change)) {
    if (!table_change_) {
      tainted_[{change.table, change.column}] = {change.table.ToString() + "." + change.column};
      return;
    }
    // Every column of the changed relation is tainted, whatever it is (table or view).
    std::vector<std::string> columns;
    if (const catalog::Table* table = catalog.FindTable(change.table)) {
      for (const catalog::Column& column : table->columns) columns.push_back(column.name);
    } else if (const ViewLineage* view = engine.ForView(change.table)) {
      for (const OutputColumn& column : view->columns) columns.push_back(column.name);
    }
    for (const std::string& column : columns) {
      tainted_[{change.table, column}] = {change.table.ToString() + "." + column};
    }
  }

  void Run() {
    bool changed = true;
    while (changed) {
      changed = false;
      for (const auto& [name, view] : catalog_.views()) {
        if (view.gone || name == change_.table) continue;
        const ViewLineage* lineage = engine_.ForView(name);
        if (lineage != nullptr) changed = Visit(*lineage) || changed;
      }
    }
  }

  /// Whether a reference of a view reads what the change touched: the changed column (or
  /// relation), or a column derived from it. Other columns of a broken upstream view are not: the
  /// view breaks with it, but does not read the change.
  bool Reaches(const Reference& ref) const {
    return tainted_.count({ref.relation, ref.column}) != 0 ||
           (table_change_ && ref.relation == change_.table);
  }

  std::vector<ir::Impact> Impacts() const {
    std::vector<ir::Impact> impacts;
    std::map<ir::QualifiedName, Path> listed = broken_;
    for (const ir::QualifiedName& copy : copies_) {
      std::string prefix = copy.ToString() + ".";
      Path shortest;  // the path up to the copy, from the broken views running through it
      for (const auto& [name, path] : broken_) {
        for (size_t i = 0; i < path.size(); ++i) {
          Path upto(path.begin(), path.begin() + static_cast<long>(i) + 1);
          if (path[i].starts_with(prefix) && Shorter(upto, shortest)) shortest = upto;
        }
      }
      if (!shortest.empty()) listed[copy] = shortest;
    }
    for (const auto& [name, path] : listed) {
      const ViewLineage* lineage = engine_.ForView(name);
      ir::Impact impact;
      impact.view = name;
      impact.span = lineage->span;
      for (const OutputColumn& column : lineage->columns) {
        if (tainted_.count({name, column.name}) != 0) impact.columns.push_back(column.name);
      }
      uint8_t usages = 0;
      for (const Reference& ref : lineage->references) {
        if (Reaches(ref)) usages |= ref.usages;
      }
      impact.usages = UsageNames(usages);
      impact.path = path;
      impacts.push_back(std::move(impact));
    }
    return impacts;
  }

 private:
  bool Improve(Path& slot, const Path& candidate) {
    if (!Shorter(candidate, slot)) return false;
    slot = candidate;
    return true;
  }

  bool Visit(const ViewLineage& lineage) {
    bool changed = false;
    std::string view = lineage.view.ToString();
    Path best;  // the view's own best path: through a tainted output column when it has one
    for (const OutputColumn& column : lineage.columns) {
      // A column is derived from its direct inputs and decided by its indirect ones (a CASE
      // condition): either way a change to them reaches it.
      for (const auto* inputs : {&column.sources, &column.indirect}) {
        for (const ColumnSource& source : *inputs) {
          auto it = tainted_.find({source.relation, source.column});
          if (it == tainted_.end()) continue;
          Path candidate = Extend(it->second, view + "." + column.name);
          changed = Improve(tainted_[{lineage.view, column.name}], candidate) || changed;
        }
      }
      auto own = tainted_.find({lineage.view, column.name});
      if (own != tainted_.end() && Shorter(own->second, best)) best = own->second;
    }
    if (best.empty()) {
      for (const Reference& ref : lineage.references) {
        auto it = tainted_.find({ref.relation, ref.column});
        if (it != tainted_.end() && Shorter(Extend(it->second, view), best)) {
          best = Extend(it->second, view);
        }
      }
      for (const ir::QualifiedName& relation : lineage.relations) {
        Path candidate;
        if (table_change_ && relation == change_.table) candidate = {relation.ToString(), view};
        auto it = broken_.find(relation);
        if (it != broken_.end()) candidate = Extend(it->second, view);
        if (!candidate.empty() && Shorter(candidate, best)) best = candidate;
      }
    }
    if (best.empty() || copies_.count(lineage.view) != 0) return changed;
    auto [it, inserted] = broken_.try_emplace(lineage.view, best);
    return inserted || Improve(it->second, best) || changed;
  }

  const ir::ChangeRef& change_;
  LineageEngine& engine_;
  const catalog::Catalog& catalog_;
  const std::set<ir::QualifiedName>& copies_;
  bool table_change_;
  std::map<ColumnKey, Path> tainted_;
  std::map<ir::QualifiedName, Path> broken_;
};

}  // namespace

std::vector<ir::Impact> ImpactsOf(const catalog::SchemaChange& change, LineageEngine& engine,
                                  const catalog::Catalog& catalog) {
  return ImpactsOf(change, engine, catalog, {});
}

std::vector<ir::Impact> ImpactsOf(const catalog::SchemaChange& change, LineageEngine& engine,
                                  const catalog::Catalog& catalog, const std::set<ir::QualifiedName>& copies) {
  Propagation propagation(change.change, engine, catalog, copies);
  propagation.Run();
  return propagation.Impacts();
}

}  // namespace ds::lineage
