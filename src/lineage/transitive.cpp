// Transitive lineage: one hop at a time, through the memoised transitive lineage of each view
// read, so a deep stack of views costs one pass per view.
#include "src/lineage/transitive.h"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include "src/lineage/scope.h"

namespace ds::lineage::detail {

namespace {

const OutputColumn* FindColumn(const ViewLineage& view, const std::string& name) {
  for (const OutputColumn& column : view.columns) {
    if (column.name == name) return &column;
  }
  return nullptr;
}

// The upstream column of a one-hop leaf, or null when the leaf is on a table (or unresolved).
const OutputColumn* Upstream(const ColumnSource& leaf, const TransitiveFn& transitive_of) {
  if (leaf.unresolved) return nullptr;
  const ViewLineage* view = transitive_of(leaf.relation);
  return view == nullptr ? nullptr : FindColumn(*view, leaf.column);
}

// Every leaf reached from `leaf`: itself on a table, else the upstream column's leaves with the
// transform composed (direct) or the indirect kind of the outer leaf kept.
void Expand(const ColumnSource& leaf, const TransitiveFn& transitive_of, Leaves& out) {
  const OutputColumn* upstream = Upstream(leaf, transitive_of);
  if (upstream == nullptr) {
    out.insert(leaf);
    return;
  }
  for (const ColumnSource& source : upstream->sources) {
    if (leaf.indirect != Indirect::kNone) {
      Leaves indirect = AsIndirect(leaf.indirect, {source});
      out.insert(indirect.begin(), indirect.end());
      continue;
    }
    ColumnSource composed = source;
    composed.transform = Compose(leaf.transform, source.transform);
    out.insert(composed);
  }
  for (const ColumnSource& source : upstream->indirect) {
    Leaves indirect = leaf.indirect == Indirect::kNone ? Leaves{source}
                                                       : AsIndirect(leaf.indirect, {source});
    out.insert(indirect.begin(), indirect.end());
  }
}

using RefKey = std::tuple<ir::QualifiedName, std::string, bool>;

void AddReference(std::map<RefKey, uint8_t>& refs, const ColumnSource& leaf, uint8_t usages) {
  refs[{leaf.relation, leaf.column, leaf.unresolved}] |= usages;
}

}  // namespace

ViewLineage ResolveTransitive(const ViewLineage& view, const TransitiveFn& transitive_of) {
  ViewLineage out;
  out.view = view.view;
  out.span = view.span;
  out.materialized = view.materialized;
  out.partial = view.partial;
  out.rebinds_star = view.rebinds_star;
  out.diagnostics = view.diagnostics;
  for (const OutputColumn& column : view.columns) {
    Leaves leaves;
    for (const ColumnSource& source : column.sources) Expand(source, transitive_of, leaves);
    for (const ColumnSource& source : column.indirect) Expand(source, transitive_of, leaves);
    OutputColumn resolved{column.name, {}, {}};
    for (const ColumnSource& leaf : leaves) {
      (leaf.indirect == Indirect::kNone ? resolved.sources : resolved.indirect).push_back(leaf);
    }
    out.columns.push_back(std::move(resolved));
  }

  std::map<RefKey, uint8_t> refs;
  std::set<ir::QualifiedName> relations;
  for (const Reference& ref : view.references) {
    ColumnSource leaf{ref.relation, ref.column, Transform::kIdentity, Indirect::kNone, ref.unresolved};
    const OutputColumn* upstream = Upstream(leaf, transitive_of);
    if (upstream == nullptr) {
      AddReference(refs, leaf, ref.usages);
      continue;
    }
    // The view reads this column of another view the way it reads it: so it reads what the
    // column is made of, the same way.
    for (const ColumnSource& source : upstream->sources) AddReference(refs, source, ref.usages);
    for (const ColumnSource& source : upstream->indirect) AddReference(refs, source, ref.usages);
  }
  for (const ir::QualifiedName& relation : view.relations) {
    const ViewLineage* upstream = transitive_of(relation);
    if (upstream == nullptr) {
      relations.insert(relation);
      continue;
    }
    relations.insert(upstream->relations.begin(), upstream->relations.end());
    for (const Reference& ref : upstream->references) {
      AddReference(refs, {ref.relation, ref.column, Transform::kIdentity, Indirect::kNone,
                          ref.unresolved}, ref.usages);
    }
  }
  for (const auto& [key, usages] : refs) {
    const auto& [relation, column, unresolved] = key;
    out.references.push_back({relation, column, usages, unresolved});
  }
  out.relations.assign(relations.begin(), relations.end());
  return out;
}

}  // namespace ds::lineage::detail
