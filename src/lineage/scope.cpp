#include "src/lineage/scope.h"

#include <algorithm>
#include <string_view>

namespace ds::lineage::detail {

Leaves Under(Transform outer, const Leaves& leaves) {
  Leaves out;
  for (ColumnSource leaf : leaves) {
    if (leaf.indirect == Indirect::kNone) leaf.transform = Compose(outer, leaf.transform);
    out.insert(std::move(leaf));
  }
  return out;
}

Leaves AsIndirect(Indirect kind, const Leaves& leaves) {
  Leaves out;
  for (ColumnSource leaf : leaves) {
    leaf.transform = Transform::kIdentity;
    leaf.indirect = kind;
    out.insert(std::move(leaf));
  }
  return out;
}

Leaves UnresolvedLeaf(ir::QualifiedName relation, std::string column) {
  ColumnSource leaf;
  leaf.relation = std::move(relation);
  leaf.column = std::move(column);
  leaf.unresolved = true;
  return {leaf};
}

std::vector<const SourceColumn*> Source::Find(const std::string& name) const {
  std::vector<const SourceColumn*> found;
  for (const SourceColumn& column : columns) {
    if (column.name == name) found.push_back(&column);
  }
  return found;
}

bool Source::Matches(const std::vector<std::string>& qualifier) const {
  if (qualifier.size() == 1) return alias == qualifier[0];
  // schema.table: only a catalog relation without an alias of its own.
  return qualifier.size() == 2 && relation && !aliased && relation->schema == qualifier[0] &&
         relation->name == qualifier[1];
}

ir::QualifiedName Source::LeafName() const {
  if (!unknown_from.name.empty()) return unknown_from;
  return relation ? *relation : ir::QualifiedName{"", alias};
}

const CteShape* Scope::FindCte(const std::string& name) const {
  for (const Scope* scope = this; scope != nullptr; scope = scope->parent) {
    auto it = scope->ctes.find(name);
    if (it != scope->ctes.end()) return it->second;
  }
  return nullptr;
}

namespace {

// PostgreSQL names a cast column after the type as written; format_type() gives the SQL
// spelling, so map the common ones back to the internal name PostgreSQL would print.
std::string TypeColumnName(std::string type) {
  size_t cut = type.find_first_of("([");
  if (cut != std::string::npos) type = type.substr(0, cut);
  while (!type.empty() && type.back() == ' ') type.pop_back();
  static const std::pair<std::string_view, std::string_view> kInternal[] = {
      {"integer", "int4"},
      {"bigint", "int8"},
      {"smallint", "int2"},
      {"boolean", "bool"},
      {"real", "float4"},
      {"double precision", "float8"},
      {"character varying", "varchar"},
      {"character", "bpchar"},
      {"bit varying", "varbit"},
      {"timestamp without time zone", "timestamp"},
      {"timestamp with time zone", "timestamptz"},
      {"time without time zone", "time"},
      {"time with time zone", "timetz"},
  };
  for (const auto& [sql, internal] : kInternal) {
    if (type == sql) return std::string(internal);
  }
  size_t dot = type.rfind('.');
  if (dot != std::string::npos) type = type.substr(dot + 1);
  if (type.size() >= 2 && type.front() == '"' && type.back() == '"') {
    type = type.substr(1, type.size() - 2);
  }
  return type.empty() ? "?column?" : type;
}

// FigureColnameInternal: a name and its strength (0 none, 1 weak, 2 strong).
int Figure(const ir::Expr& expr, std::string& name) {
  switch (expr.kind) {
    case ir::ExprKind::kColumnRef:
    case ir::ExprKind::kFunc:
      if (expr.names.empty()) return 0;
      name = expr.names.back();
      return 2;
    case ir::ExprKind::kCast: {
      int strength = expr.args.empty() ? 0 : Figure(expr.args[0], name);
      if (strength <= 1 && !expr.Extras().type_name.empty()) {
        name = TypeColumnName(expr.Extras().type_name);
        return 1;
      }
      return strength;
    }
    case ir::ExprKind::kCase:
      name = "case";
      return 1;
    case ir::ExprKind::kRow:
      name = "row";
      return 2;
    case ir::ExprKind::kArray:
      name = "array";
      return 2;
    case ir::ExprKind::kIndirection:
      if (!expr.names.empty() && expr.names.back() != "*") {
        name = expr.names.back();
        return 2;
      }
      return expr.args.empty() ? 0 : Figure(expr.args[0], name);
    case ir::ExprKind::kSubLink: {
      if (expr.sublink == ir::SubLinkKind::kExists) name = "exists";
      if (expr.sublink == ir::SubLinkKind::kArray) name = "array";
      if (expr.sublink == ir::SubLinkKind::kExists || expr.sublink == ir::SubLinkKind::kArray) {
        return 2;
      }
      if (expr.sublink != ir::SubLinkKind::kExpr || !expr.subquery) return 0;
      const ir::Query* query = expr.subquery.get();
      while (query->set_op != ir::SetOp::kNone && query->larg) query = query->larg.get();
      if (query->targets.empty()) return 0;
      const ir::ResTarget& first = query->targets[0];
      if (!first.alias.empty()) {
        name = first.alias;
        return 2;
      }
      std::string inner;
      if (Figure(first.expr, inner) == 0) inner = "?column?";
      name = inner;
      return 2;
    }
    case ir::ExprKind::kOther: {
      // COALESCE, NULLIF, GREATEST, CURRENT_DATE, ...: the parser keeps the keyword in names.
      if (expr.names.empty()) return 0;
      const std::string& keyword = expr.names.back();
      if (keyword == "collate") return expr.args.empty() ? 0 : Figure(expr.args[0], name);
      if (keyword == "xml" || keyword == "default") return 0;
      bool plain = std::all_of(keyword.begin(), keyword.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || c == '_' || c == ' ';
      });
      if (!plain) return 0;  // a node type name: nothing PostgreSQL would print
      name = keyword;
      std::replace(name.begin(), name.end(), ' ', '_');  // "current date" -> current_date
      return 2;
    }
    default:
      return 0;
  }
}

}  // namespace

std::string FigureName(const ir::Expr& expr) {
  std::string name;
  if (Figure(expr, name) == 0) return "?column?";
  return name;
}


}  // namespace ds::lineage::detail
