#pragma once
/// The relations a query names: what a view depends on, as PostgreSQL records it at creation.
#include <vector>

#include "src/ir/names.h"
#include "src/ir/query.h"

namespace ds::catalog {

/// Every table or view name the query reads, as written (FROM items, joins, subqueries in FROM
/// and in expressions, CTE bodies, set operations), without references to the query's own CTEs.
/// In first-seen order, without duplicates.
std::vector<ir::QualifiedName> RelationsNamedBy(const ir::Query& query);

}  // namespace ds::catalog
