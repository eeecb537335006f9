#pragma once
/// One traversal of ir::Query (sqlglot's scope walk): every query block, FROM item and
/// expression of every clause, with the CTE names each block sees. Relation listing (catalog,
/// lea dependencies) goes through it, so a clause added to the IR is added here once.
#include <functional>
#include <string>
#include <vector>

#include "src/ir/query.h"

namespace ds::ir {

/// What the walk reports; a hook left empty is skipped.
struct QueryHooks {
  /// Each query block: the top one, CTE bodies, set operation arms, subqueries anywhere.
  std::function<void(const Query&)> query;
  /// Each FROM item named by a relation; `cte` when the name is a CTE visible at that point.
  std::function<void(const FromItem&, bool cte)> relation;
  /// Each expression node, parents before children (subquery bodies are walked as blocks).
  std::function<void(const Expr&)> expr;
};

/// Walks `query` and everything below it: CTEs (a plain WITH sees only the earlier names, a
/// recursive one all of them), set operations, select list (star REPLACE values included), FROM
/// (joins, ON, function arguments, derived tables), WHERE, GROUP BY, HAVING, QUALIFY, DISTINCT
/// ON, WINDOW, VALUES, ORDER BY, LIMIT and OFFSET, and inside each expression its arguments,
/// aggregate ORDER BY and FILTER, window and subquery.
void WalkQuery(const Query& query, const QueryHooks& hooks);

/// Every table or view name the query reads, as written, without its own CTE names; in
/// first-seen order, without duplicates.
std::vector<QualifiedName> RelationsNamedBy(const Query& query);

/// `expr` without the casts around it (`status::text` is `status`).
const Expr& StripCasts(const Expr& expr);

/// A string constant, or one under casts ('paid'::order_status): its text; nullptr otherwise.
const std::string* StringConstant(const Expr& expr);

}  // namespace ds::ir
