#pragma once
/// Which views a schema change breaks, directly or through other views.
#include <set>
#include <vector>

#include "src/catalog/diff.h"
#include "src/lineage/lineage.h"

namespace ds::lineage {

/// The views of `catalog` (an overlay: head plus what head lost) that a change breaks. A view
/// that reads the changed column (or relation) anywhere breaks, and so does every view that
/// reads a broken view (downstream: Impact::via names it). For each: its kind, the output columns
/// derived from the change, the usages, and one column path from the change to the view.
/// Ordered by view name. Changes to the values a column holds (rename_enum_value,
/// drop_enum_value, rewrite_values) list the views comparing it with the old value as a constant;
/// add_column lists the table's direct readers, with how each reads the new column.
std::vector<ir::Impact> ImpactsOf(const catalog::SchemaChange& change, LineageEngine& engine,
                                  const catalog::Catalog& catalog);

/// The same, where `copies` are pass-through views standing for a warehouse's copies of
/// production tables (ELT: `raw_app.users` copies `public.users`). A copy loses a dropped column
/// without breaking, so it breaks nothing by itself: only the columns derived from the change flow
/// through it. It is never listed (nor is a view of kind kSource); it appears in the paths.
std::vector<ir::Impact> ImpactsOf(const catalog::SchemaChange& change, LineageEngine& engine,
                                  const catalog::Catalog& catalog, const std::set<ir::QualifiedName>& copies);

}  // namespace ds::lineage
