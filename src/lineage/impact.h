#pragma once
/// Which views a schema change breaks, directly or through other views.
#include <vector>

#include "src/catalog/diff.h"
#include "src/lineage/lineage.h"

namespace ds::lineage {

/// The views of `catalog` (an overlay: head plus what head lost) that a change breaks. A view
/// that reads the changed column (or relation) anywhere breaks, and so does every view that
/// reads a broken view. For each: the output columns derived from the change, the usages, and
/// one column path from the change to the view. Ordered by view name.
std::vector<ir::Impact> ImpactsOf(const catalog::SchemaChange& change, LineageEngine& engine,
                                  const catalog::Catalog& catalog);

}  // namespace ds::lineage
