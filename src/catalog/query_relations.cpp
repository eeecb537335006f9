#include "src/catalog/query_relations.h"

#include <algorithm>
#include <set>
#include <string>

namespace ds::catalog {
namespace {

// Walks a query tree collecting relation names; `ctes_` holds the CTE names in scope.
class RelationCollector {
 public:
  std::vector<ir::QualifiedName> names;

  void Query(const ir::Query& query) {
    size_t scope_depth = ctes_.size();
    // A recursive WITH sees all of its names in every body; a plain one only the earlier ones.
    if (query.recursive) {
      for (const ir::Cte& cte : query.ctes) ctes_.push_back(cte.name);
    }
    for (const ir::Cte& cte : query.ctes) {
      if (cte.query) Query(*cte.query);
      if (!query.recursive) ctes_.push_back(cte.name);
    }
    if (query.larg) Query(*query.larg);
    if (query.rarg) Query(*query.rarg);
    for (const ir::ResTarget& target : query.targets) Expr(target.expr);
    for (const ir::FromItem& item : query.from) From(item);
    if (query.where) Expr(*query.where);
    for (const ir::Expr& e : query.group_by) Expr(e);
    if (query.having) Expr(*query.having);
    for (const ir::Expr& e : query.distinct_on) Expr(e);
    for (const ir::WindowSpec& w : query.windows) Window(w);
    for (const auto& row : query.values) {
      for (const ir::Expr& e : row) Expr(e);
    }
    for (const ir::SortItem& s : query.order_by) Expr(s.expr);
    if (query.limit) Expr(*query.limit);
    if (query.offset_expr) Expr(*query.offset_expr);
    ctes_.resize(scope_depth);
  }

 private:
  void From(const ir::FromItem& item) {
    switch (item.kind) {
      case ir::FromItem::Kind::kRelation:
        if (item.relation.Qualified() ||
            std::find(ctes_.begin(), ctes_.end(), item.relation.name) == ctes_.end()) {
          Add(item.relation);
        }
        break;
      case ir::FromItem::Kind::kSubquery:
        if (item.subquery) Query(*item.subquery);
        break;
      case ir::FromItem::Kind::kJoin:
        if (item.left) From(*item.left);
        if (item.right) From(*item.right);
        if (item.on) Expr(*item.on);
        break;
      case ir::FromItem::Kind::kFunction:
        for (const ir::Expr& e : item.functions) Expr(e);
        break;
    }
  }

  void Expr(const ir::Expr& expr) {
    for (const ir::Expr& arg : expr.args) Expr(arg);
    for (const ir::SortItem& s : expr.agg_order) Expr(s.expr);
    if (expr.agg_filter) Expr(*expr.agg_filter);
    if (expr.over) Window(*expr.over);
    if (expr.subquery) Query(*expr.subquery);
  }

  void Window(const ir::WindowSpec& window) {
    for (const ir::Expr& e : window.partition_by) Expr(e);
    for (const ir::SortItem& s : window.order_by) Expr(s.expr);
    for (const ir::Expr& e : window.frame_bounds) Expr(e);
  }

  void Add(const ir::QualifiedName& name) {
    if (seen_.insert(name).second) names.push_back(name);
  }

  std::vector<std::string> ctes_;
  std::set<ir::QualifiedName> seen_;
};

}  // namespace

std::vector<ir::QualifiedName> RelationsNamedBy(const ir::Query& query) {
  RelationCollector collector;
  collector.Query(query);
  return collector.names;
}

}  // namespace ds::catalog
