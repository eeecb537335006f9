#pragma once
/// Internal to src/lineage: a view's lineage resolved through the views it reads, down to tables.
#include <functional>

#include "src/lineage/lineage.h"

namespace ds::lineage::detail {

/// The transitive lineage of a view it reads (already resolved), or null for a table (or a view
/// that reads itself).
using TransitiveFn = std::function<const ViewLineage*(const ir::QualifiedName&)>;

/// `view` with every source, indirect input and reference on another view replaced by what that
/// view's column is made of (transforms composed, indirect kinds kept), and every relation read
/// through a view replaced by that view's relations. A view read as a whole (count(*)) brings its
/// references too: the view cannot be computed without them.
ViewLineage ResolveTransitive(const ViewLineage& view, const TransitiveFn& transitive_of);

}  // namespace ds::lineage::detail
