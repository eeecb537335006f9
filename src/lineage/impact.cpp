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

ir::RelationKind KindOf(const catalog::Catalog& catalog, const ir::QualifiedName& name) {
  const catalog::View* view = catalog.FindView(name);
  if (view == nullptr) return ir::RelationKind::kView;
  if (view->kind == ir::RelationKind::kView && view->materialized) return ir::RelationKind::kMaterializedView;
  return view->kind;
}

// A warehouse copy of a production table loses a dropped column without breaking.
bool IsCopy(const catalog::Catalog& catalog, const std::set<ir::QualifiedName>& copies, const ir::QualifiedName& name) {
  return copies.count(name) != 0 || KindOf(catalog, name) == ir::RelationKind::kSource;
}

// A consumer that reads the changed column itself (no `via`), as the value and new-column
// analyses list them.
ir::Impact ReaderImpact(const catalog::Catalog& catalog, const ViewLineage& lineage, uint8_t usages, Path path) {
  ir::Impact impact;
  impact.view = lineage.view;
  impact.span = lineage.span;
  impact.kind = KindOf(catalog, lineage.view);
  impact.usages = UsageNames(usages);
  impact.path = std::move(path);
  impact.partial = lineage.partial;
  if (const catalog::View* view = catalog.FindView(lineage.view)) impact.binds_types = view->binds_types;
  return impact;
}

bool IsValueChange(const ir::ChangeRef& change) {
  return change.kind == "rename_enum_value" || change.kind == "drop_enum_value" || change.kind == "rewrite_values";
}

// A change to the values a column holds (an enum label renamed or gone, a data migration
// rewriting a value): the column keeps its name and type, so nothing breaks by reading it. Views
// that compare it, or a column carrying its values unchanged (identity lineage, through copies
// and other views), with the old value as a constant silently stop matching: those are listed,
// with the usages of the comparison and the path by which the values reach it. A view that
// compares with the new value as well already follows the change.
std::vector<ir::Impact> ValueImpacts(const ir::ChangeRef& change, LineageEngine& engine,
                                     const catalog::Catalog& catalog, const std::set<ir::QualifiedName>& copies) {
  std::map<ColumnKey, Path> carriers = {{{change.table, change.column}, {change.table.ToString() + "." + change.column}}};
  for (bool grew = true; grew;) {
    grew = false;
    for (const auto& [name, view] : catalog.views()) {
      if (view.gone) continue;
      const ViewLineage* lineage = engine.ForView(name);
      if (lineage == nullptr) continue;
      for (const OutputColumn& column : lineage->columns) {
        for (const ColumnSource& source : column.sources) {
          if (source.transform != Transform::kIdentity) continue;
          auto from = carriers.find({source.relation, source.column});
          if (from == carriers.end()) continue;
          Path candidate = Extend(from->second, name.ToString() + "." + column.name);
          Path& slot = carriers[{name, column.name}];
          if (Shorter(candidate, slot)) {
            slot = candidate;
            grew = true;
          }
        }
      }
    }
  }
  std::vector<ir::Impact> impacts;
  for (const auto& [name, view] : catalog.views()) {
    if (view.gone || IsCopy(catalog, copies, name)) continue;
    const ViewLineage* lineage = engine.ForView(name);
    if (lineage == nullptr) continue;
    uint8_t usages = 0;
    Path path;
    bool knows_new_value = false;  // compares with the new value too: it follows the change
    for (const LiteralUse& use : lineage->literals) {
      auto carrier = carriers.find({use.relation, use.column});
      if (carrier == carriers.end()) continue;
      if (!change.new_value.empty() && use.value == change.new_value) knows_new_value = true;
      if (use.value != change.value) continue;
      usages |= use.usages;
      Path candidate = Extend(carrier->second, name.ToString());
      if (Shorter(candidate, path)) path = candidate;
    }
    if (usages == 0 || knows_new_value) continue;
    impacts.push_back(ReaderImpact(catalog, *lineage, usages, path));
  }
  return impacts;
}

// A column a table gains breaks nothing by itself. The direct readers of the table are listed
// (views and models reading it, or a warehouse copy of it), each with how it reads the new column
// (`usages` empty when it does not): what the rules about new columns judge (a soft-delete marker
// that readers do not filter on). Views further downstream see only what the readers pass on.
std::vector<ir::Impact> TableReaders(const ir::ChangeRef& change, LineageEngine& engine,
                                     const catalog::Catalog& catalog, const std::set<ir::QualifiedName>& copies) {
  std::map<ir::QualifiedName, Path> origins = {{change.table, {change.table.ToString() + "." + change.column}}};
  for (bool grew = true; grew;) {
    grew = false;
    for (const auto& [name, view] : catalog.views()) {
      if (view.gone || origins.count(name) != 0 || !IsCopy(catalog, copies, name)) continue;
      const ViewLineage* lineage = engine.ForView(name);
      if (lineage == nullptr) continue;
      for (const ir::QualifiedName& relation : lineage->relations) {
        auto from = origins.find(relation);
        if (from == origins.end()) continue;
        origins[name] = Extend(from->second, name.ToString() + "." + change.column);
        grew = true;
        break;
      }
    }
  }
  std::vector<ir::Impact> impacts;
  for (const auto& [name, view] : catalog.views()) {
    if (view.gone || origins.count(name) != 0 || IsCopy(catalog, copies, name)) continue;
    const ViewLineage* lineage = engine.ForView(name);
    if (lineage == nullptr) continue;
    Path path;
    for (const ir::QualifiedName& relation : lineage->relations) {
      auto from = origins.find(relation);
      if (from != origins.end() && Shorter(Extend(from->second, name.ToString()), path)) {
        path = Extend(from->second, name.ToString());
      }
    }
    if (path.empty()) continue;
    uint8_t usages = 0;
    for (const Reference& ref : lineage->references) {
      if (ref.column == change.column && origins.count(ref.relation) != 0) usages |= ref.usages;
    }
    impacts.push_back(ReaderImpact(catalog, *lineage, usages, path));
  }
  return impacts;
}

bool IsTableChange(const ir::ChangeRef& change) {
  return change.kind == "drop_table" || change.kind == "rename_table" || change.column.empty();
}

class Propagation {
 public:
  Propagation(const ir::ChangeRef& change, uint64_t generation, LineageEngine& engine, const catalog::Catalog& catalog,
              const std::set<ir::QualifiedName>& copies)
      : change_(change), generation_(generation), engine_(engine), catalog_(catalog), copies_(copies),
        table_change_(IsTableChange(change)) {
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
    for (const auto& [name, broken] : broken_) {
      const ViewLineage* lineage = engine_.ForView(name);
      ir::Impact impact;
      impact.view = name;
      impact.span = lineage->span;
      impact.kind = KindOf(name);
      impact.via = broken.via;
      impact.partial = broken.partial;
      if (const catalog::View* view = catalog_.FindView(name)) impact.binds_types = view->binds_types;
      for (const OutputColumn& column : lineage->columns) {
        if (tainted_.count({name, column.name}) != 0) impact.columns.push_back(column.name);
      }
      uint8_t usages = 0;
      for (const Reference& ref : lineage->references) {
        if (Reaches(ref)) usages |= ref.usages;
      }
      impact.usages = UsageNames(usages);
      impact.path = broken.path;
      impacts.push_back(std::move(impact));
    }
    return impacts;
  }

 private:
  // Why a view breaks: the shortest path that reaches it; `via` is set when it only reads a
  // broken consumer (downstream), empty when it reads the change itself.
  struct Broken {
    Path path;
    ir::QualifiedName via;
    bool partial = false;  ///< the view, or one on the way, was read only partly
  };

  bool Improve(Path& slot, const Path& candidate) {
    if (!Shorter(candidate, slot)) return false;
    slot = candidate;
    return true;
  }

  // A view that reads the change always beats one that is only downstream, whatever the lengths:
  // what a view *is* does not depend on the order views are visited in.
  bool Improve(Broken& slot, const Broken& candidate) {
    bool slot_reads = slot.via.name.empty(), candidate_reads = candidate.via.name.empty();
    if (slot_reads != candidate_reads) {
      if (!candidate_reads) return false;
    } else if (!Shorter(candidate.path, slot.path)) {
      return false;
    }
    slot = candidate;
    return true;
  }

  ir::RelationKind KindOf(const ir::QualifiedName& name) const { return lineage::KindOf(catalog_, name); }
  bool IsCopy(const ir::QualifiedName& name) const { return lineage::IsCopy(catalog_, copies_, name); }

  // Whether the view reads what the change touched other than by passing it through `*`.
  bool ReadsBeyondStar(const ViewLineage& lineage) const {
    for (const Reference& ref : lineage.references) {
      if (Reaches(ref) && (ref.usages & ~(kPassThrough | kStarSelect)) != 0) return true;
    }
    return false;
  }

  bool Visit(const ViewLineage& lineage) {
    bool changed = false;
    std::string view = lineage.view.ToString();
    // A view whose `*` is expanded anew (a dbt table, a BigQuery view) does not break when the
    // change only reaches columns its `*` passes through: they vanish from it, and those who
    // read them downstream break instead (its output columns stay tainted).
    bool passes_only = lineage.rebinds_star && !table_change_ && !ReadsBeyondStar(lineage);
    Broken best;  // the view's own best path: through a tainted output column when it has one
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
      if (own != tainted_.end() && Shorter(own->second, best.path)) best.path = own->second;
    }
    if (passes_only) best = Broken{};
    bool own_column = !best.path.empty();
    if (best.path.empty() && !passes_only) {
      for (const Reference& ref : lineage.references) {
        auto it = tainted_.find({ref.relation, ref.column});
        if (it != tainted_.end() && Shorter(Extend(it->second, view), best.path)) {
          best.path = Extend(it->second, view);
        }
      }
    }
    if (table_change_ && !own_column) {  // reads the changed relation itself (even only count(*))
      for (const ir::QualifiedName& relation : lineage.relations) {
        Path direct = {relation.ToString(), view};
        if (relation == change_.table && Shorter(direct, best.path)) best.path = direct;
      }
    }
    if (best.path.empty()) {
      for (const ir::QualifiedName& relation : lineage.relations) {
        auto it = broken_.find(relation);
        if (it == broken_.end()) continue;
        Broken candidate{Extend(it->second.path, view), relation, it->second.partial};
        if (Shorter(candidate.path, best.path)) best = candidate;
      }
    }
    if (best.path.empty() || IsCopy(lineage.view) || RedefinedAfter(lineage.view)) return changed;
    best.partial = best.partial || lineage.partial;
    auto [it, inserted] = broken_.try_emplace(lineage.view, best);
    return inserted || Improve(it->second, best) || changed;
  }

  // A view a migration (re)defined after the change (lemmy drops its views, changes the table and
  // creates them again in one migration) was validated against the new schema: the change does
  // not break it. Its columns still carry the change to the consumers downstream that read them.
  bool RedefinedAfter(const ir::QualifiedName& name) const {
    const catalog::View* view = catalog_.FindView(name);
    return generation_ != 0 && view != nullptr && view->defined_at > generation_ &&
           view->defined_at <= catalog_.migrations_end();
  }

  const ir::ChangeRef& change_;
  uint64_t generation_;
  LineageEngine& engine_;
  const catalog::Catalog& catalog_;
  const std::set<ir::QualifiedName>& copies_;
  bool table_change_;
  std::map<ColumnKey, Path> tainted_;
  std::map<ir::QualifiedName, Broken> broken_;
};

}  // namespace

std::vector<ir::Impact> ImpactsOf(const catalog::SchemaChange& change, LineageEngine& engine,
                                  const catalog::Catalog& catalog) {
  return ImpactsOf(change, engine, catalog, {});
}

std::vector<ir::Impact> ImpactsOf(const catalog::SchemaChange& change, LineageEngine& engine,
                                  const catalog::Catalog& catalog, const std::set<ir::QualifiedName>& copies) {
  if (IsValueChange(change.change)) return ValueImpacts(change.change, engine, catalog, copies);
  if (change.change.kind == "add_column") return TableReaders(change.change, engine, catalog, copies);
  Propagation propagation(change.change, change.generation, engine, catalog, copies);
  propagation.Run();
  return propagation.Impacts();
}

}  // namespace ds::lineage
