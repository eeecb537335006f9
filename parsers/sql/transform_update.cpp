// Data migrations: an UPDATE that rewrites constant values of a column (value-rewritten-in-use).
#include "parsers/sql/query_convert.h"
#include "parsers/sql/transform.h"
#include "src/ir/query_walk.h"

namespace ds::parsers::sql {

namespace {

bool NamesColumn(const ir::Expr& expr, const std::string& column) {
  const ir::Expr& inner = ir::StripCasts(expr);
  return inner.kind == ir::ExprKind::kColumnRef && !inner.names.empty() && inner.names.back() == column;
}

// The constants `column` must equal for a row to be rewritten: `c = 'x'`, `'x' = c`,
// `c IN ('x', 'y')`, or one conjunct of an AND saying so. Empty when the WHERE says no such thing.
std::vector<std::string> OldValues(const ir::Expr& where, const std::string& column) {
  std::vector<std::string> values;
  if (where.kind != ir::ExprKind::kOperator || where.names.empty()) return values;
  const std::string& op = where.names.front();
  if (op == "and") {
    for (const ir::Expr& conjunct : where.args) {
      values = OldValues(conjunct, column);
      if (!values.empty()) return values;
    }
    return values;
  }
  if (op != "=" && op != "in") return values;
  bool names_column = false;
  for (const ir::Expr& arg : where.args) {
    if (NamesColumn(arg, column)) {
      names_column = true;
    } else if (const std::string* constant = ir::StringConstant(arg)) {
      values.push_back(*constant);
    } else {
      return {};
    }
  }
  return names_column ? values : std::vector<std::string>{};
}

}  // namespace

void TransformUpdate(const PgQuery__UpdateStmt* stmt, StatementContext& context) {
  if (stmt->relation == nullptr || stmt->where_clause == nullptr) return;
  QueryConverter converter(context.base_offset);
  ir::Expr where = converter.ToExpr(stmt->where_clause);
  for (size_t i = 0; i < stmt->n_target_list; ++i) {
    const PgQuery__Node* node = stmt->target_list[i];
    if (node == nullptr || node->node_case != PG_QUERY__NODE__NODE_RES_TARGET) continue;
    const PgQuery__ResTarget* target = node->res_target;
    if (target->name == nullptr || target->n_indirection > 0 || target->val == nullptr) continue;
    std::string column = target->name;
    std::vector<std::string> old_values = OldValues(where, column);
    if (old_values.empty()) continue;
    ir::Expr value = converter.ToExpr(target->val);
    const std::string* constant = ir::StringConstant(value);
    context.Emit(ir::RewriteValues{pg::NameOf(stmt->relation), column, std::move(old_values),
                                   constant != nullptr ? *constant : ""});
  }
}

}  // namespace ds::parsers::sql
