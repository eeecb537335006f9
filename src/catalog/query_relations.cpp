#include "src/catalog/query_relations.h"

#include "src/ir/query_walk.h"

namespace ds::catalog {

// The one ir::Query walker lists them (src/ir/query_walk.h): no copy of the traversal here.
std::vector<ir::QualifiedName> RelationsNamedBy(const ir::Query& query) {
  return ir::RelationsNamedBy(query);
}

}  // namespace ds::catalog
