// Expressions: what each reads (recorded with the usage of its clause) and which leaves its
// value is made of (the lineage of an output column).
#include <algorithm>

#include "src/ir/query_walk.h"
#include "src/lineage/tracer.h"

namespace ds::lineage::detail {

namespace {

void Merge(Leaves& into, const Leaves& more) { into.insert(more.begin(), more.end()); }

bool IsEqualityComparison(const ir::Expr& expr) {
  if (expr.kind != ir::ExprKind::kOperator || expr.names.empty() || expr.args.size() < 2) return false;
  const std::string& op = expr.names.front();
  return op == "=" || op == "<>" || op == "!=" || op == "in" || op == "not in" || op == "is distinct from" ||
         op == "is not distinct from";
}

bool IsAggregateCall(const ir::Expr& expr) {
  if (expr.agg_star || expr.agg_distinct || expr.Extras().agg_filter || expr.agg_within_group ||
      !expr.Extras().agg_order.empty()) {
    return true;
  }
  return expr.aggregate;  // the frontend's dialect knows which names aggregate
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
    case ir::ExprKind::kCase:
      return Case(expr, scope, usage);
    default: {
      // NULLIF(a, b) is a or null: b only decides which.
      if (expr.kind == ir::ExprKind::kOther && expr.args.size() == 2 && !expr.names.empty() &&
          expr.names.back() == "nullif") {
        Leaves value = Under(Transform::kTransformation, Expr(expr.args[0], scope, usage));
        Merge(value, AsIndirect(Indirect::kConditional, Expr(expr.args[1], scope, usage)));
        return value;
      }
      Leaves value;
      for (const ir::Expr& arg : expr.args) Merge(value, Expr(arg, scope, usage));
      if (IsEqualityComparison(expr)) RecordComparison(expr, scope, usage);
      return Under(Transform::kTransformation, value);
    }
  }
}

Leaves Tracer::ComparedColumns(const ir::Expr& expr, const Scope& scope, uint8_t usage) {
  const ir::Expr& inner = ir::StripCasts(expr);
  Leaves columns;
  if (inner.kind != ir::ExprKind::kColumnRef) return columns;
  for (const ColumnSource& leaf : Expr(inner, scope, usage)) {
    if (leaf.indirect == Indirect::kNone && leaf.transform == Transform::kIdentity && !leaf.unresolved) {
      columns.insert(leaf);
    }
  }
  return columns;
}

void Tracer::RecordComparison(const ir::Expr& expr, const Scope& scope, uint8_t usage) {
  std::vector<const std::string*> constants;
  for (const ir::Expr& arg : expr.args) {
    if (const std::string* constant = ir::StringConstant(arg)) constants.push_back(constant);
  }
  if (constants.empty()) return;
  // `a = 'x'`, `'x' = a`, `a IN ('x', 'y')`: the columns are the operands that are no constant.
  for (const ir::Expr& arg : expr.args) {
    if (ir::StringConstant(arg) != nullptr) continue;
    for (const ColumnSource& leaf : ComparedColumns(arg, scope, usage)) {
      for (const std::string* constant : constants) literals_[{leaf.relation, leaf.column, *constant}] |= usage;
    }
  }
}

Leaves Tracer::Func(const ir::Expr& expr, const Scope& scope, uint8_t usage) {
  Leaves value;
  for (const ir::Expr& arg : expr.args) Merge(value, Expr(arg, scope, usage));
  Leaves indirect;
  for (const ir::SortItem& item : expr.Extras().agg_order) {
    // WITHIN GROUP (ORDER BY x) aggregates x itself; f(x ORDER BY y) only orders by y.
    if (expr.agg_within_group) {
      Merge(value, Expr(item.expr, scope, usage));
    } else {
      Merge(indirect, AsIndirect(Indirect::kSort, Expr(item.expr, scope, kOrder)));
    }
  }
  if (expr.Extras().agg_filter) {
    Merge(indirect, AsIndirect(Indirect::kFilter, Expr(*expr.Extras().agg_filter, scope, kFilter)));
  }
  if (expr.Extras().over) {
    Merge(indirect, AsIndirect(Indirect::kWindow, TraceWindow(*expr.Extras().over, scope)));
    const std::string& name = expr.Extras().over->ref_name;
    bool defined = !name.empty() && scope.windows != nullptr &&
                   std::any_of(scope.windows->begin(), scope.windows->end(),
                               [&](const ir::WindowSpec& w) { return w.name == name; });
    if (!name.empty() && !defined) Diagnose(expr.offset, "window \"" + name + "\" does not exist", ir::DiagCode::kMigrationRefused);
  }
  value = Under(IsAggregateCall(expr) ? Transform::kAggregation : Transform::kTransformation, value);
  Merge(value, indirect);
  return value;
}

Leaves Tracer::Case(const ir::Expr& expr, const Scope& scope, uint8_t usage) {
  // args: [operand] (when, then)* [else]; the operand and the WHENs only decide which result.
  Leaves value, conditions;
  size_t first = expr.case_operand ? 1 : 0;
  size_t end = expr.args.size() - (expr.case_else && !expr.args.empty() ? 1 : 0);
  if (expr.case_operand && !expr.args.empty()) {
    Merge(conditions, Expr(expr.args[0], scope, usage));
    // CASE status WHEN 'paid' THEN ...: the operand is compared with each WHEN constant.
    Leaves operand = ComparedColumns(expr.args[0], scope, usage);
    for (size_t i = first; i + 1 < end; i += 2) {
      const std::string* constant = ir::StringConstant(expr.args[i]);
      if (constant == nullptr) continue;
      for (const ColumnSource& leaf : operand) literals_[{leaf.relation, leaf.column, *constant}] |= usage;
    }
  }
  for (size_t i = first; i < end; ++i) {
    bool is_when = (i - first) % 2 == 0 && i + 1 < end;
    Merge(is_when ? conditions : value, Expr(expr.args[i], scope, usage));
  }
  if (end < expr.args.size()) Merge(value, Expr(expr.args.back(), scope, usage));
  value = Under(Transform::kTransformation, value);
  Merge(value, AsIndirect(Indirect::kConditional, conditions));
  return value;
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
    Diagnose(expr.offset, "missing FROM-clause entry for table \"" + name + "\"", ir::DiagCode::kUnknownRelation);
    value = UnresolvedLeaf({"", name}, "*");
  }
  Record(value, usage);
  return Under(Transform::kTransformation, value);
}

Leaves Tracer::TraceWindow(const ir::WindowSpec& window, const Scope& scope, int depth) {
  Leaves read;
  for (const ir::Expr& expr : window.partition_by) Merge(read, Expr(expr, scope, kWindow));
  for (const ir::SortItem& item : window.order_by) Merge(read, Expr(item.expr, scope, kWindow));
  for (const ir::Expr& expr : window.frame_bounds) Merge(read, Expr(expr, scope, kWindow));
  // OVER w / OVER (w ...): the named window's reads are this one's too (traced with the
  // WINDOW clause already; a chain of names is short, the depth guards a cycle).
  if (!window.ref_name.empty() && scope.windows != nullptr && depth < 8) {
    for (const ir::WindowSpec& named : *scope.windows) {
      if (named.name == window.ref_name) Merge(read, TraceWindow(named, scope, depth + 1));
    }
  }
  return read;
}

}  // namespace ds::lineage::detail
