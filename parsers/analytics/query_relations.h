#pragma once
/// The relations a query reads, for layouts whose dependencies are written in plain SQL (lea).
#include <algorithm>
#include <vector>

#include "src/ir/query.h"

namespace ds::analytics {

/// Every relation named in FROM/JOIN anywhere in `query` (CTE names excluded), sorted, unique.
std::vector<ir::QualifiedName> RelationsRead(const ir::Query& query);

}  // namespace ds::analytics
