// The relations a parsed query reads (FROM and JOIN items anywhere, subqueries included), CTE
// names left out: what a lea script depends on, since it names its inputs in plain SQL. The
// traversal is the one every reader of ir::Query shares (src/ir/query_walk.h).
#include "parsers/analytics/query_relations.h"

#include "src/ir/query_walk.h"

namespace ds::analytics {

std::vector<ir::QualifiedName> RelationsRead(const ir::Query& query) {
  std::vector<ir::QualifiedName> out = ir::RelationsNamedBy(query);
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace ds::analytics
