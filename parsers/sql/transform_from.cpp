// FROM items: relations, subqueries, joins, functions (ROWS FROM, WITH ORDINALITY), XMLTABLE.
#include <memory>

#include "parsers/sql/query_convert.h"
#include "parsers/sql/type_name.h"

namespace ds::parsers::sql {
namespace {

void ApplyAlias(const PgQuery__Alias* alias, ir::FromItem& item) {
  if (alias == nullptr) return;
  item.alias = alias->aliasname != nullptr ? alias->aliasname : "";
  item.column_aliases = pg::StringsOf(alias->colnames, alias->n_colnames);
}

ir::JoinType JoinTypeOf(const PgQuery__JoinExpr* join) {
  switch (join->jointype) {
    case PG_QUERY__JOIN_TYPE__JOIN_LEFT: return ir::JoinType::kLeft;
    case PG_QUERY__JOIN_TYPE__JOIN_RIGHT: return ir::JoinType::kRight;
    case PG_QUERY__JOIN_TYPE__JOIN_FULL: return ir::JoinType::kFull;
    default: break;
  }
  // CROSS JOIN (and a comma-free join with no condition) is an inner join with nothing to match.
  bool has_condition = join->quals != nullptr || join->is_natural || join->n_using_clause > 0;
  return has_condition ? ir::JoinType::kInner : ir::JoinType::kCross;
}

void AppendColumnDefs(PgQuery__Node* const* items, size_t n, ir::FromItem& item) {
  for (size_t i = 0; i < n; ++i) {
    if (items[i]->node_case != PG_QUERY__NODE__NODE_COLUMN_DEF) continue;
    const PgQuery__ColumnDef* def = items[i]->column_def;
    item.column_defs.push_back(
        ir::ColumnTypeDef{def->colname != nullptr ? def->colname : "", FormatTypeName(def->type_name)});
  }
}

}  // namespace

ir::FromItem QueryConverter::From(const PgQuery__Node* node) {
  ir::FromItem item;
  switch (node->node_case) {
    case PG_QUERY__NODE__NODE_RANGE_VAR: {
      const PgQuery__RangeVar* range_var = node->range_var;
      item.kind = ir::FromItem::Kind::kRelation;
      item.offset = Offset(range_var->location, base_offset_);
      item.relation = pg::NameOf(range_var);
      item.only = !range_var->inh;
      ApplyAlias(range_var->alias, item);
      return item;
    }
    case PG_QUERY__NODE__NODE_RANGE_SUBSELECT: {
      const PgQuery__RangeSubselect* subselect = node->range_subselect;
      auto query = std::make_shared<const ir::Query>(Select(subselect->subquery, base_offset_));
      item.kind = ir::FromItem::Kind::kSubquery;
      item.offset = query->offset;
      item.subquery = std::move(query);
      item.lateral = subselect->lateral;
      ApplyAlias(subselect->alias, item);
      return item;
    }
    case PG_QUERY__NODE__NODE_JOIN_EXPR:
      return Join(node->join_expr);
    case PG_QUERY__NODE__NODE_RANGE_FUNCTION:
      return Function(node->range_function);
    case PG_QUERY__NODE__NODE_RANGE_TABLE_SAMPLE:
      // TABLESAMPLE's method arguments are constants; the relation is what matters.
      return From(node->range_table_sample->relation);
    default:
      return TableFunction(node);
  }
}

ir::FromItem QueryConverter::Join(const PgQuery__JoinExpr* join) {
  ir::FromItem item;
  item.kind = ir::FromItem::Kind::kJoin;
  item.left = std::make_unique<ir::FromItem>(From(join->larg));
  item.right = std::make_unique<ir::FromItem>(From(join->rarg));
  item.offset = item.left->offset;
  item.join_type = JoinTypeOf(join);
  item.natural = join->is_natural;
  item.using_columns = pg::StringsOf(join->using_clause, join->n_using_clause);
  if (join->quals != nullptr) item.on = std::make_unique<ir::Expr>(ToExpr(join->quals));
  ApplyAlias(join->alias, item);
  return item;
}

ir::FromItem QueryConverter::Function(const PgQuery__RangeFunction* function) {
  ir::FromItem item;
  item.kind = ir::FromItem::Kind::kFunction;
  item.lateral = function->lateral;
  item.ordinality = function->ordinality;
  // Each entry is a two-item list: the call, and its own column definition list (ROWS FROM).
  for (size_t i = 0; i < function->n_functions; ++i) {
    std::vector<PgQuery__Node*> pair = pg::ListItems(function->functions[i]);
    if (pair.empty() || pair[0] == nullptr) continue;
    item.functions.push_back(ToExpr(pair[0]));
    if (pair.size() > 1) {
      std::vector<PgQuery__Node*> defs = pg::ListItems(pair[1]);
      AppendColumnDefs(defs.data(), defs.size(), item);
    }
  }
  AppendColumnDefs(function->coldeflist, function->n_coldeflist, item);
  item.offset = item.functions.empty() ? base_offset_ : item.functions[0].offset;
  ApplyAlias(function->alias, item);
  return item;
}

ir::FromItem QueryConverter::TableFunction(const PgQuery__Node* node) {
  // XMLTABLE (and any FROM item we do not know): one function holding every child expression.
  ir::FromItem item;
  item.kind = ir::FromItem::Kind::kFunction;
  if (node->node_case == PG_QUERY__NODE__NODE_RANGE_TABLE_FUNC) {
    const PgQuery__RangeTableFunc* table = node->range_table_func;
    item.lateral = table->lateral;
    item.functions.push_back(Generic(node, {"xmltable"}));
    for (size_t i = 0; i < table->n_columns; ++i) {
      if (table->columns[i]->node_case != PG_QUERY__NODE__NODE_RANGE_TABLE_FUNC_COL) continue;
      const PgQuery__RangeTableFuncCol* column = table->columns[i]->range_table_func_col;
      item.column_defs.push_back(ir::ColumnTypeDef{
          column->colname != nullptr ? column->colname : "",
          column->for_ordinality ? "integer" : FormatTypeName(column->type_name)});
    }
    ApplyAlias(table->alias, item);
  } else {
    item.functions.push_back(Generic(node, {pg::NodeTypeName(node)}));
  }
  item.offset = item.functions[0].offset;
  return item;
}

}  // namespace ds::parsers::sql
