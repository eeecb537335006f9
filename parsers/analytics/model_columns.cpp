#include "parsers/analytics/model_columns.h"

#include <algorithm>
#include <map>

namespace ds::analytics {
namespace {

using Columns = std::optional<std::vector<std::string>>;

class OutputNamer {
 public:
  explicit OutputNamer(const RelationColumnsLookup& relations) : relations_(relations) {}

  Columns Of(const ir::Query& query, int depth) {
    if (depth > kMaxDepth) return std::nullopt;
    size_t scoped = ctes_.size();
    for (const ir::Cte& cte : query.ctes) {
      if (cte.query) ctes_.emplace_back(&cte);
    }
    Columns out = Block(query, depth);
    ctes_.resize(scoped);
    return out;
  }

 private:
  static constexpr int kMaxDepth = 64;

  Columns Block(const ir::Query& query, int depth) {
    if (query.set_op != ir::SetOp::kNone) return query.larg ? Of(*query.larg, depth + 1) : std::nullopt;
    if (query.salvaged || !query.values.empty()) return std::nullopt;
    std::vector<std::string> out;
    for (const ir::ResTarget& target : query.targets) {
      if (!target.alias.empty()) {
        out.push_back(target.alias);
      } else if (target.expr.kind == ir::ExprKind::kColumnRef && !target.expr.names.empty()) {
        out.push_back(target.expr.names.back());
      } else if (target.expr.kind == ir::ExprKind::kStar) {
        if (!Star(query, target.expr, depth, out)) return std::nullopt;
      } else {
        return std::nullopt;
      }
    }
    return out;
  }

  bool Star(const ir::Query& query, const ir::Expr& star, int depth, std::vector<std::string>& out) {
    std::vector<std::string> expanded;
    for (const ir::FromItem& item : query.from) {
      if (!ItemColumns(item, star.names, depth, expanded)) return false;
    }
    const ir::ExprExtras& extras = star.Extras();
    for (std::string& column : expanded) {
      if (std::find(extras.star_except.begin(), extras.star_except.end(), column) != extras.star_except.end()) continue;
      for (const auto& [old_name, new_name] : extras.star_rename) {
        if (column == old_name) column = new_name;
      }
      out.push_back(column);
    }
    return true;
  }

  // Appends the columns of `item` that `qualifier` (`t` of `t.*`; empty for `*`) takes.
  bool ItemColumns(const ir::FromItem& item, const std::vector<std::string>& qualifier, int depth,
                   std::vector<std::string>& out) {
    if (item.kind == ir::FromItem::Kind::kJoin) {
      // `*` over USING / NATURAL merges the join columns: left as not known.
      if ((item.natural || !item.using_columns.empty()) && qualifier.empty()) return false;
      return Both(item, qualifier, depth, out);
    }
    std::string name = !item.alias.empty() ? item.alias : item.relation.name;
    if (!qualifier.empty() && qualifier.back() != name) return true;
    Columns columns = RelationOutput(item, depth);
    if (!columns) return false;
    for (size_t i = 0; i < columns->size(); ++i) {
      out.push_back(i < item.column_aliases.size() ? item.column_aliases[i] : (*columns)[i]);
    }
    return true;
  }

  bool Both(const ir::FromItem& join, const std::vector<std::string>& qualifier, int depth,
            std::vector<std::string>& out) {
    return (!join.left || ItemColumns(*join.left, qualifier, depth, out)) &&
           (!join.right || ItemColumns(*join.right, qualifier, depth, out));
  }

  Columns RelationOutput(const ir::FromItem& item, int depth) {
    switch (item.kind) {
      case ir::FromItem::Kind::kSubquery:
        return item.subquery ? Of(*item.subquery, depth + 1) : std::nullopt;
      case ir::FromItem::Kind::kRelation: {
        if (item.relation.schema.empty()) {
          for (auto it = ctes_.rbegin(); it != ctes_.rend(); ++it) {
            if ((*it)->name != item.relation.name) continue;
            if (!(*it)->column_names.empty()) return (*it)->column_names;
            // A CTE's own query sees only the CTEs before it (no recursion here).
            std::vector<const ir::Cte*> saved(ctes_.begin(), it.base() - 1);
            std::swap(saved, ctes_);
            Columns columns = Of(*(*it)->query, depth + 1);
            std::swap(saved, ctes_);
            return columns;
          }
        }
        return relations_ ? relations_(item.relation) : std::nullopt;
      }
      default:
        return std::nullopt;
    }
  }

  const RelationColumnsLookup& relations_;
  std::vector<const ir::Cte*> ctes_;  ///< in scope, innermost last
};

}  // namespace

std::optional<std::vector<std::string>> OutputColumns(const ir::Query& query, const RelationColumnsLookup& relations) {
  return OutputNamer(relations).Of(query, 0);
}

}  // namespace ds::analytics
