// Expressions: what each reads (recorded with the usage of its clause) and which leaves its
// value is made of (the lineage of an output column).
#include "src/lineage/tracer.h"

namespace ds::lineage::detail {

namespace {

void Merge(Leaves& into, const Leaves& more) { into.insert(more.begin(), more.end()); }

bool IsAggregateCall(const ir::Expr& expr) {
  if (expr.agg_star || expr.agg_distinct || expr.agg_filter || expr.agg_within_group ||
      !expr.agg_order.empty()) {
    return true;
  }
  return !expr.names.empty() && IsAggregateName(expr.names.back());
}

}  // namespace

Leaves Tracer::Expr(const ir::Expr& expr, const Scope& scope, uint8_t usage) {
  switch (expr.kind) {
    case ir::ExprKind::kColumnRef: {
      std::optional<Leaves> leaves = ResolveColumn(expr, scope, false);
      if (!leaves) return {};
      Record(*leaves, usage);
      return *leaves;
    }
    case ir::ExprKind::kStar:
      return StarInExpr(expr, scope, usage);
    case ir::ExprKind::kLiteral:
    case ir::ExprKind::kParam:
      return {};
    case ir::ExprKind::kFunc:
      return Func(expr, scope, usage);
    case ir::ExprKind::kSubLink:
      return SubLink(expr, scope, usage);
    default: {
      Leaves value;
      for (const ir::Expr& arg : expr.args) Merge(value, Expr(arg, scope, usage));
      return Under(Transform::kTransformation, value);
    }
  }
}

Leaves Tracer::Func(const ir::Expr& expr, const Scope& scope, uint8_t usage) {
  Leaves value;
  for (const ir::Expr& arg : expr.args) Merge(value, Expr(arg, scope, usage));
  for (const ir::SortItem& item : expr.agg_order) {
    // WITHIN GROUP (ORDER BY x) aggregates x itself; f(x ORDER BY y) only orders by y.
    if (expr.agg_within_group) {
      Merge(value, Expr(item.expr, scope, usage));
    } else {
      Expr(item.expr, scope, kOrder);
    }
  }
  if (expr.agg_filter) Expr(*expr.agg_filter, scope, kFilter);
  if (expr.over) TraceWindow(*expr.over, scope);
  return Under(IsAggregateCall(expr) ? Transform::kAggregation : Transform::kTransformation, value);
}

Leaves Tracer::SubLink(const ir::Expr& expr, const Scope& scope, uint8_t usage) {
  Leaves value;
  for (const ir::Expr& arg : expr.args) Merge(value, Expr(arg, scope, usage));
  if (expr.subquery) {
    std::vector<SourceColumn> outputs = TraceQuery(*expr.subquery, &scope, usage);
    switch (expr.sublink) {
      case ir::SubLinkKind::kExists:
        break;
      case ir::SubLinkKind::kExpr:
      case ir::SubLinkKind::kArray:
        if (!outputs.empty()) Merge(value, outputs[0].leaves);
        break;
      default:
        for (const SourceColumn& column : outputs) Merge(value, column.leaves);
        break;
    }
  }
  // A scalar subquery passes its column through; anything else computes a new value.
  bool scalar = expr.sublink == ir::SubLinkKind::kExpr && expr.args.empty();
  return scalar ? value : Under(Transform::kTransformation, value);
}

Leaves Tracer::StarInExpr(const ir::Expr& expr, const Scope& scope, uint8_t usage) {
  Leaves value;
  if (expr.names.empty()) {
    for (const Source& source : scope.sources) {
      if (source.cols_visible) Merge(value, AllColumns(source));
    }
  } else if (const Source* source = FindSource(expr.names, scope)) {
    value = AllColumns(*source);
  } else {
    std::string name = expr.names.back();
    Diagnose(expr.offset, "missing FROM-clause entry for table \"" + name + "\"");
  }
  Record(value, usage);
  return Under(Transform::kTransformation, value);
}

void Tracer::TraceWindow(const ir::WindowSpec& window, const Scope& scope) {
  for (const ir::Expr& expr : window.partition_by) Expr(expr, scope, kWindow);
  for (const ir::SortItem& item : window.order_by) Expr(item.expr, scope, kWindow);
  for (const ir::Expr& expr : window.frame_bounds) Expr(expr, scope, kWindow);
}

}  // namespace ds::lineage::detail
