#pragma once
/// The columns a parsed model outputs, by name, as far as its SQL alone says them: what
/// dbt_utils.star(ref('m')) and the like list for a model of the same project (dbt asks the
/// warehouse; we ask the model's own select list).
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "src/ir/names.h"
#include "src/ir/query.h"

namespace ds::analytics {

/// The columns of a relation a query reads from (another model, a source); nullopt: not known.
using RelationColumnsLookup = std::function<std::optional<std::vector<std::string>>(const ir::QualifiedName&)>;

/// The output column names of `query`, in order: aliases, column names, `*` and `t.*` expanded
/// through CTEs, subqueries and `relations` (EXCLUDE / EXCEPT / RENAME applied). nullopt when any
/// column's name depends on the warehouse (an unaliased expression), on a relation not known, on
/// a join's USING / NATURAL merge, or on a table function: a wrong list would be worse than none.
std::optional<std::vector<std::string>> OutputColumns(const ir::Query& query, const RelationColumnsLookup& relations);

}  // namespace ds::analytics
