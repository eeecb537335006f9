// The one ir::Query traversal: clause order is the order names are first seen in.
#include "src/ir/query_walk.h"

#include <algorithm>
#include <set>

namespace ds::ir {
namespace {

class Walker {
 public:
  explicit Walker(const QueryHooks& hooks) : hooks_(hooks) {}

  void Block(const Query& query) {
    if (hooks_.query) hooks_.query(query);
    size_t depth = ctes_.size();
    // A recursive WITH sees all of its names in every body; a plain one only the earlier ones.
    if (query.recursive) {
      for (const Cte& cte : query.ctes) ctes_.push_back(cte.name);
    }
    for (const Cte& cte : query.ctes) {
      if (cte.query) Block(*cte.query);
      if (!query.recursive) ctes_.push_back(cte.name);
    }
    if (query.larg) Block(*query.larg);
    if (query.rarg) Block(*query.rarg);
    for (const ResTarget& target : query.targets) Walk(target.expr);
    for (const FromItem& item : query.from) From(item);
    if (query.where) Walk(*query.where);
    for (const Expr& e : query.group_by) Walk(e);
    if (query.having) Walk(*query.having);
    if (query.qualify) Walk(*query.qualify);
    for (const Expr& e : query.distinct_on) Walk(e);
    for (const WindowSpec& w : query.windows) Window(w);
    for (const auto& row : query.values) {
      for (const Expr& e : row) Walk(e);
    }
    for (const SortItem& s : query.order_by) Walk(s.expr);
    if (query.limit) Walk(*query.limit);
    if (query.offset_expr) Walk(*query.offset_expr);
    ctes_.resize(depth);
  }

 private:
  void From(const FromItem& item) {
    switch (item.kind) {
      case FromItem::Kind::kRelation:
        if (hooks_.relation) {
          bool cte = !item.relation.Qualified() &&
                     std::find(ctes_.begin(), ctes_.end(), item.relation.name) != ctes_.end();
          hooks_.relation(item, cte);
        }
        break;
      case FromItem::Kind::kSubquery:
        if (item.subquery) Block(*item.subquery);
        break;
      case FromItem::Kind::kJoin:
        if (item.left) From(*item.left);
        if (item.right) From(*item.right);
        if (item.on) Walk(*item.on);
        break;
      case FromItem::Kind::kFunction:
        for (const Expr& e : item.functions) Walk(e);
        break;
    }
  }

  void Walk(const Expr& expr) {
    if (hooks_.expr) hooks_.expr(expr);
    for (const Expr& arg : expr.args) Walk(arg);
    for (const SortItem& s : expr.Extras().agg_order) Walk(s.expr);
    if (expr.Extras().agg_filter) Walk(*expr.Extras().agg_filter);
    if (expr.Extras().over) Window(*expr.Extras().over);
    for (const ResTarget& replace : expr.Extras().star_replace) Walk(replace.expr);
    if (expr.subquery) Block(*expr.subquery);
  }

  void Window(const WindowSpec& window) {
    for (const Expr& e : window.partition_by) Walk(e);
    for (const SortItem& s : window.order_by) Walk(s.expr);
    for (const Expr& e : window.frame_bounds) Walk(e);
  }

  const QueryHooks& hooks_;
  std::vector<std::string> ctes_;  ///< CTE names visible here, innermost last
};

}  // namespace

void WalkQuery(const Query& query, const QueryHooks& hooks) { Walker(hooks).Block(query); }

std::vector<QualifiedName> RelationsNamedBy(const Query& query) {
  std::vector<QualifiedName> names;
  std::set<QualifiedName> seen;
  QueryHooks hooks;
  hooks.relation = [&](const FromItem& item, bool cte) {
    if (!cte && seen.insert(item.relation).second) names.push_back(item.relation);
  };
  WalkQuery(query, hooks);
  return names;
}

const Expr& StripCasts(const Expr& expr) {
  const Expr* inner = &expr;
  while (inner->kind == ExprKind::kCast && !inner->args.empty()) inner = &inner->args[0];
  return *inner;
}

const std::string* StringConstant(const Expr& expr) {
  const Expr& inner = StripCasts(expr);
  if (inner.kind != ExprKind::kLiteral || inner.literal != LiteralKind::kString || inner.names.empty()) return nullptr;
  return &inner.names[0];
}

}  // namespace ds::ir
