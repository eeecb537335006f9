#pragma once
/// Internal to parsers/sql: libpg_query's SelectStmt and expression nodes converted into
/// ir::Query / ir::Expr. Every child expression is kept, since a column used anywhere matters.
/// The methods live in one file per family: transform_select.cpp, transform_from.cpp,
/// transform_expr.cpp.
#include <cstdint>
#include <vector>

#include "parsers/sql/pg_tree.h"
#include "src/ir/query.h"

namespace ds::parsers::sql {

class QueryConverter {
 public:
  /// `base_offset` is added to every node location (the start of the parsed text in the file).
  explicit QueryConverter(uint32_t base_offset) : base_offset_(base_offset) {}

  /// A SelectStmt node (anything else gives an empty query at `fallback_offset`).
  ir::Query Select(const PgQuery__Node* node, uint32_t fallback_offset);
  ir::Query Select(const PgQuery__SelectStmt* stmt, uint32_t fallback_offset);
  ir::FromItem From(const PgQuery__Node* node);
  ir::Expr ToExpr(const PgQuery__Node* node);

 private:
  /// File-relative offset of a node location, or `fallback` when the node has none (-1).
  uint32_t Offset(int32_t location, uint32_t fallback) const;
  uint32_t QueryOffset(const PgQuery__SelectStmt* stmt, uint32_t fallback) const;

  // transform_select.cpp
  void SelectBody(const PgQuery__SelectStmt* stmt, ir::Query& query);
  void With(const PgQuery__WithClause* with, ir::Query& query);

  // transform_from.cpp
  ir::FromItem Join(const PgQuery__JoinExpr* join);
  ir::FromItem Function(const PgQuery__RangeFunction* function);
  ir::FromItem TableFunction(const PgQuery__Node* node);

  // transform_expr.cpp
  std::vector<ir::Expr> Exprs(PgQuery__Node* const* items, size_t n);
  std::vector<ir::SortItem> SortItems(PgQuery__Node* const* items, size_t n);
  ir::WindowSpec Window(const PgQuery__WindowDef* window);
  ir::Expr Make(ir::ExprKind kind, int32_t location, std::vector<std::string> names = {});
  ir::Expr ColumnRef(const PgQuery__ColumnRef* ref);
  ir::Expr Constant(const PgQuery__AConst* constant);
  ir::Expr FuncCall(const PgQuery__FuncCall* call);
  ir::Expr AExpr(const PgQuery__AExpr* expr);
  ir::Expr Case(const PgQuery__CaseExpr* expr);
  ir::Expr SubLink(const PgQuery__SubLink* link);
  ir::Expr Indirection(const PgQuery__AIndirection* indirection);
  ir::Expr Generic(const PgQuery__Node* node, std::vector<std::string> names);

  uint32_t base_offset_;
};

}  // namespace ds::parsers::sql
