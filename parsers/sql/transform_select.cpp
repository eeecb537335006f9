// Query blocks: SELECT, set operations, VALUES, WITH; and the entry point ConvertQuery.
#include <memory>

#include "parsers/sql/query_convert.h"
#include "parsers/sql/transform.h"

namespace ds::parsers::sql {
namespace {

ir::SetOp SetOpOf(PgQuery__SetOperation op) {
  switch (op) {
    case PG_QUERY__SET_OPERATION__SETOP_UNION: return ir::SetOp::kUnion;
    case PG_QUERY__SET_OPERATION__SETOP_INTERSECT: return ir::SetOp::kIntersect;
    case PG_QUERY__SET_OPERATION__SETOP_EXCEPT: return ir::SetOp::kExcept;
    default: return ir::SetOp::kNone;
  }
}

std::unique_ptr<ir::Expr> Optional(QueryConverter& converter, const PgQuery__Node* node) {
  if (node == nullptr) return nullptr;
  return std::make_unique<ir::Expr>(converter.ToExpr(node));
}

}  // namespace

uint32_t QueryConverter::Offset(int32_t location, uint32_t fallback) const {
  return location >= 0 ? base_offset_ + static_cast<uint32_t>(location) : fallback;
}

uint32_t QueryConverter::QueryOffset(const PgQuery__SelectStmt* stmt, uint32_t fallback) const {
  // SelectStmt carries no location of its own: the first select-list item or VALUES row stands
  // for it, or the left side of a set operation.
  if (stmt->n_target_list > 0 && stmt->target_list[0]->node_case == PG_QUERY__NODE__NODE_RES_TARGET) {
    return Offset(stmt->target_list[0]->res_target->location, fallback);
  }
  if (stmt->larg != nullptr) return QueryOffset(stmt->larg, fallback);
  return fallback;
}

ir::Query QueryConverter::Select(const PgQuery__Node* node, uint32_t fallback_offset) {
  if (node == nullptr || node->node_case != PG_QUERY__NODE__NODE_SELECT_STMT) {
    ir::Query empty;  // a data-modifying CTE (INSERT ... RETURNING): no columns to trace here
    empty.offset = fallback_offset;
    return empty;
  }
  return Select(node->select_stmt, fallback_offset);
}

ir::Query QueryConverter::Select(const PgQuery__SelectStmt* stmt, uint32_t fallback_offset) {
  ir::Query query;
  query.offset = QueryOffset(stmt, fallback_offset);
  if (stmt->with_clause != nullptr) With(stmt->with_clause, query);
  query.set_op = SetOpOf(stmt->op);
  if (query.set_op != ir::SetOp::kNone) {
    query.set_all = stmt->all;
    query.larg = std::make_shared<const ir::Query>(Select(stmt->larg, query.offset));
    query.rarg = std::make_shared<const ir::Query>(Select(stmt->rarg, query.offset));
  } else {
    SelectBody(stmt, query);
  }
  query.order_by = SortItems(stmt->sort_clause, stmt->n_sort_clause);
  query.limit = Optional(*this, stmt->limit_count);
  query.offset_expr = Optional(*this, stmt->limit_offset);
  return query;
}

void QueryConverter::SelectBody(const PgQuery__SelectStmt* stmt, ir::Query& query) {
  for (size_t i = 0; i < stmt->n_target_list; ++i) {
    const PgQuery__Node* node = stmt->target_list[i];
    if (node->node_case != PG_QUERY__NODE__NODE_RES_TARGET) continue;
    const PgQuery__ResTarget* target = node->res_target;
    query.targets.push_back(
        ir::ResTarget{target->name != nullptr ? target->name : "", ToExpr(target->val)});
  }
  for (size_t i = 0; i < stmt->n_values_lists; ++i) {
    std::vector<PgQuery__Node*> row = pg::ListItems(stmt->values_lists[i]);
    query.values.push_back(Exprs(row.data(), row.size()));
  }
  for (size_t i = 0; i < stmt->n_from_clause; ++i) query.from.push_back(From(stmt->from_clause[i]));
  query.where = Optional(*this, stmt->where_clause);
  query.group_by = Exprs(stmt->group_clause, stmt->n_group_clause);
  query.having = Optional(*this, stmt->having_clause);
  // DISTINCT is a list holding one empty node; DISTINCT ON (a, b) lists a and b.
  query.distinct = stmt->n_distinct_clause > 0;
  for (size_t i = 0; i < stmt->n_distinct_clause; ++i) {
    const PgQuery__Node* item = stmt->distinct_clause[i];
    if (item != nullptr && item->node_case != PG_QUERY__NODE__NODE__NOT_SET) {
      query.distinct_on.push_back(ToExpr(item));
    }
  }
  for (size_t i = 0; i < stmt->n_window_clause; ++i) {
    const PgQuery__Node* node = stmt->window_clause[i];
    if (node->node_case == PG_QUERY__NODE__NODE_WINDOW_DEF) {
      query.windows.push_back(Window(node->window_def));
    }
  }
}

void QueryConverter::With(const PgQuery__WithClause* with, ir::Query& query) {
  query.recursive = with->recursive;
  for (size_t i = 0; i < with->n_ctes; ++i) {
    const PgQuery__Node* node = with->ctes[i];
    if (node->node_case != PG_QUERY__NODE__NODE_COMMON_TABLE_EXPR) continue;
    const PgQuery__CommonTableExpr* cte = node->common_table_expr;
    uint32_t offset = Offset(cte->location, query.offset);
    query.ctes.push_back(ir::Cte{
        cte->ctename != nullptr ? cte->ctename : "",
        pg::StringsOf(cte->aliascolnames, cte->n_aliascolnames),
        std::make_shared<const ir::Query>(Select(cte->ctequery, offset)), offset});
  }
}

std::shared_ptr<const ir::Query> ConvertQuery(const PgQuery__Node* select, uint32_t base_offset,
                                              uint32_t fallback_offset) {
  QueryConverter converter(base_offset);
  return std::make_shared<const ir::Query>(converter.Select(select, fallback_offset));
}

}  // namespace ds::parsers::sql
