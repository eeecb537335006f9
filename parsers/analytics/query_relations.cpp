// The relations a parsed query reads (FROM and JOIN items anywhere, subqueries included), CTE
// names left out: what a lea script depends on, since it names its inputs in plain SQL.
#include <set>

#include "parsers/analytics/query_relations.h"

namespace ds::analytics {
namespace {

class Collector {
 public:
  explicit Collector(std::vector<ir::QualifiedName>& out) : out_(out) {}

  void Query(const ir::Query& q, std::vector<std::string> ctes) {
    for (const ir::Cte& c : q.ctes) ctes.push_back(c.name);
    for (const ir::Cte& c : q.ctes) {
      if (c.query) Query(*c.query, ctes);
    }
    if (q.larg) Query(*q.larg, ctes);
    if (q.rarg) Query(*q.rarg, ctes);
    for (const ir::FromItem& f : q.from) From(f, ctes);
    for (const ir::ResTarget& t : q.targets) Expr(t.expr, ctes);
    if (q.where) Expr(*q.where, ctes);
    if (q.having) Expr(*q.having, ctes);
    for (const ir::Expr& e : q.group_by) Expr(e, ctes);
  }

 private:
  void From(const ir::FromItem& f, const std::vector<std::string>& ctes) {
    switch (f.kind) {
      case ir::FromItem::Kind::kRelation: {
        bool cte = !f.relation.Qualified() &&
                   std::find(ctes.begin(), ctes.end(), f.relation.name) != ctes.end();
        if (!cte) out_.push_back(f.relation);
        break;
      }
      case ir::FromItem::Kind::kSubquery:
        if (f.subquery) Query(*f.subquery, ctes);
        break;
      case ir::FromItem::Kind::kJoin:
        if (f.left) From(*f.left, ctes);
        if (f.right) From(*f.right, ctes);
        if (f.on) Expr(*f.on, ctes);
        break;
      case ir::FromItem::Kind::kFunction:
        for (const ir::Expr& e : f.functions) Expr(e, ctes);
        break;
    }
  }

  void Expr(const ir::Expr& e, const std::vector<std::string>& ctes) {
    if (e.subquery) Query(*e.subquery, ctes);
    for (const ir::Expr& a : e.args) Expr(a, ctes);
  }

  std::vector<ir::QualifiedName>& out_;
};

}  // namespace

std::vector<ir::QualifiedName> RelationsRead(const ir::Query& query) {
  std::vector<ir::QualifiedName> out;
  Collector(out).Query(query, {});
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

}  // namespace ds::analytics
