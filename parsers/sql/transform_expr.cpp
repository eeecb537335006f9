// Expressions: column references, constants, calls, operators, CASE, subqueries, rows, arrays,
// indirection, windows; anything else keeps every child expression as an argument.
#include <algorithm>
#include <cctype>
#include <iterator>
#include <memory>
#include <string_view>
#include <utility>

#include "parsers/sql/query_convert.h"
#include "parsers/sql/type_name.h"

namespace ds::parsers::sql {
namespace {

/// "SVFOP_CURRENT_DATE" -> "current_date"; "IS_NOT_NULL" -> "is not null".
std::string Spelled(std::string name, std::string_view prefix) {
  if (name.rfind(prefix, 0) == 0) name = name.substr(prefix.size());
  for (char& c : name) {
    c = c == '_' ? ' ' : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return name;
}

std::string AExprLabel(PgQuery__AExprKind kind, const std::vector<std::string>& op) {
  bool negated = !op.empty() && (op.back() == "<>" || op.back().rfind("!~", 0) == 0);
  switch (kind) {
    case PG_QUERY__A__EXPR__KIND__AEXPR_OP_ANY: return "any";
    case PG_QUERY__A__EXPR__KIND__AEXPR_OP_ALL: return "all";
    case PG_QUERY__A__EXPR__KIND__AEXPR_DISTINCT: return "is distinct from";
    case PG_QUERY__A__EXPR__KIND__AEXPR_NOT_DISTINCT: return "is not distinct from";
    case PG_QUERY__A__EXPR__KIND__AEXPR_IN: return negated ? "not in" : "in";
    case PG_QUERY__A__EXPR__KIND__AEXPR_LIKE: return negated ? "not like" : "like";
    case PG_QUERY__A__EXPR__KIND__AEXPR_ILIKE: return negated ? "not ilike" : "ilike";
    case PG_QUERY__A__EXPR__KIND__AEXPR_SIMILAR: return negated ? "not similar to" : "similar to";
    case PG_QUERY__A__EXPR__KIND__AEXPR_BETWEEN: return "between";
    case PG_QUERY__A__EXPR__KIND__AEXPR_NOT_BETWEEN: return "not between";
    case PG_QUERY__A__EXPR__KIND__AEXPR_BETWEEN_SYM: return "between symmetric";
    case PG_QUERY__A__EXPR__KIND__AEXPR_NOT_BETWEEN_SYM: return "not between symmetric";
    default: return "";
  }
}

ir::SubLinkKind SubLinkKindOf(PgQuery__SubLinkType type) {
  switch (type) {
    case PG_QUERY__SUB_LINK_TYPE__EXISTS_SUBLINK: return ir::SubLinkKind::kExists;
    case PG_QUERY__SUB_LINK_TYPE__ANY_SUBLINK: return ir::SubLinkKind::kAny;
    case PG_QUERY__SUB_LINK_TYPE__ALL_SUBLINK: return ir::SubLinkKind::kAll;
    case PG_QUERY__SUB_LINK_TYPE__EXPR_SUBLINK: return ir::SubLinkKind::kExpr;
    case PG_QUERY__SUB_LINK_TYPE__ARRAY_SUBLINK: return ir::SubLinkKind::kArray;
    default: return ir::SubLinkKind::kOther;
  }
}

// PostgreSQL's aggregate functions, and the warehouses' by name (no PostgreSQL built-in has
// those names; a user-defined function so named is almost always one). libpg_query does not
// know which functions aggregate, so this frontend says it in ir::Expr::aggregate. The dialect
// frontend's PostgreSQL mode (Dialect::IsAggregate) answers the same for every name (held by
// tests/dialect/differential_test.cpp).
bool IsAggregateName(std::string_view name) {
  static constexpr std::string_view kAggregates[] = {
      "any_value",    "array_agg",       "avg",         "bit_and",       "bit_or",
      "bit_xor",      "bool_and",        "bool_or",     "corr",          "count",
      "covar_pop",    "covar_samp",      "every",       "json_agg",      "json_object_agg",
      "jsonb_agg",    "jsonb_object_agg", "max",        "min",           "mode",
      "percentile_cont", "percentile_disc", "range_agg", "range_intersect_agg", "regr_avgx",
      "regr_avgy",    "regr_count",      "regr_intercept", "regr_r2",    "regr_slope",
      "regr_sxx",     "regr_sxy",        "regr_syy",    "stddev",        "stddev_pop",
      "stddev_samp",  "string_agg",      "sum",         "var_pop",       "var_samp",
      "variance",     "xmlagg",
      "approx_count_distinct", "approx_distinct", "approx_percentile", "approx_quantiles",
      "approx_top_count", "approx_top_k", "array_concat_agg", "array_union_agg",
      "array_unique_agg", "arbitrary", "arg_max", "arg_min", "bitand_agg", "bitor_agg",
      "booland_agg", "boolor_agg", "collect_list", "collect_set", "count_if", "countif",
      "group_concat", "kurtosis", "listagg", "logical_and", "logical_or", "max_by", "median",
      "min_by", "object_agg", "percentile_approx", "skewness"};
  return std::find(std::begin(kAggregates), std::end(kAggregates), name) != std::end(kAggregates);
}

}  // namespace

ir::Expr QueryConverter::Make(ir::ExprKind kind, int32_t location, std::vector<std::string> names) {
  ir::Expr expr;
  expr.kind = kind;
  expr.offset = Offset(location, base_offset_);
  expr.names = std::move(names);
  return expr;
}

std::vector<ir::Expr> QueryConverter::Exprs(PgQuery__Node* const* items, size_t n) {
  std::vector<ir::Expr> out;
  out.reserve(n);
  for (size_t i = 0; i < n; ++i) out.push_back(ToExpr(items[i]));
  return out;
}

std::vector<ir::SortItem> QueryConverter::SortItems(PgQuery__Node* const* items, size_t n) {
  std::vector<ir::SortItem> out;
  for (size_t i = 0; i < n; ++i) {
    const PgQuery__Node* item = items[i];
    bool sort_by = item->node_case == PG_QUERY__NODE__NODE_SORT_BY;
    out.push_back(ir::SortItem{ToExpr(sort_by ? item->sort_by->node : item)});
  }
  return out;
}

ir::WindowSpec QueryConverter::Window(const PgQuery__WindowDef* window) {
  ir::WindowSpec spec;
  spec.name = window->name != nullptr ? window->name : "";
  spec.ref_name = window->refname != nullptr ? window->refname : "";
  spec.partition_by = Exprs(window->partition_clause, window->n_partition_clause);
  spec.order_by = SortItems(window->order_clause, window->n_order_clause);
  if (window->start_offset != nullptr) spec.frame_bounds.push_back(ToExpr(window->start_offset));
  if (window->end_offset != nullptr) spec.frame_bounds.push_back(ToExpr(window->end_offset));
  return spec;
}

ir::Expr QueryConverter::ToExpr(const PgQuery__Node* node) {
  if (node == nullptr) return Make(ir::ExprKind::kOther, -1);
  switch (node->node_case) {
    case PG_QUERY__NODE__NODE_COLUMN_REF: return ColumnRef(node->column_ref);
    case PG_QUERY__NODE__NODE_A_CONST: return Constant(node->a_const);
    case PG_QUERY__NODE__NODE_PARAM_REF:
      return Make(ir::ExprKind::kParam, node->param_ref->location,
                  {"$" + std::to_string(node->param_ref->number)});
    case PG_QUERY__NODE__NODE_FUNC_CALL: return FuncCall(node->func_call);
    case PG_QUERY__NODE__NODE_A_EXPR: return AExpr(node->a_expr);
    case PG_QUERY__NODE__NODE_BOOL_EXPR: {
      const PgQuery__BoolExpr* bool_expr = node->bool_expr;
      const char* op = bool_expr->boolop == PG_QUERY__BOOL_EXPR_TYPE__AND_EXPR  ? "and"
                       : bool_expr->boolop == PG_QUERY__BOOL_EXPR_TYPE__OR_EXPR ? "or"
                                                                                : "not";
      ir::Expr expr = Make(ir::ExprKind::kOperator, bool_expr->location, {op});
      expr.args = Exprs(bool_expr->args, bool_expr->n_args);
      return expr;
    }
    case PG_QUERY__NODE__NODE_NULL_TEST: {
      const PgQuery__NullTest* test = node->null_test;
      ir::Expr expr = Make(ir::ExprKind::kOperator, test->location,
                           {Spelled(pg::EnumValueName(pg_query__null_test_type__descriptor,
                                                      test->nulltesttype), "")});
      expr.args.push_back(ToExpr(test->arg));
      return expr;
    }
    case PG_QUERY__NODE__NODE_BOOLEAN_TEST: {
      const PgQuery__BooleanTest* test = node->boolean_test;
      ir::Expr expr = Make(ir::ExprKind::kOperator, test->location,
                           {Spelled(pg::EnumValueName(pg_query__bool_test_type__descriptor,
                                                      test->booltesttype), "")});
      expr.args.push_back(ToExpr(test->arg));
      return expr;
    }
    case PG_QUERY__NODE__NODE_TYPE_CAST: {
      ir::Expr expr = Make(ir::ExprKind::kCast, node->type_cast->location);
      expr.MutableExtras().type_name = FormatTypeName(node->type_cast->type_name);
      expr.args.push_back(ToExpr(node->type_cast->arg));
      return expr;
    }
    case PG_QUERY__NODE__NODE_CASE_EXPR: return Case(node->case_expr);
    case PG_QUERY__NODE__NODE_SUB_LINK: return SubLink(node->sub_link);
    case PG_QUERY__NODE__NODE_ROW_EXPR: {
      ir::Expr expr = Make(ir::ExprKind::kRow, node->row_expr->location);
      expr.args = Exprs(node->row_expr->args, node->row_expr->n_args);
      return expr;
    }
    case PG_QUERY__NODE__NODE_A_ARRAY_EXPR: {
      ir::Expr expr = Make(ir::ExprKind::kArray, node->a_array_expr->location);
      expr.args = Exprs(node->a_array_expr->elements, node->a_array_expr->n_elements);
      return expr;
    }
    case PG_QUERY__NODE__NODE_A_INDIRECTION: return Indirection(node->a_indirection);
    case PG_QUERY__NODE__NODE_GROUPING_SET: {
      const PgQuery__GroupingSet* set = node->grouping_set;
      ir::Expr expr = Make(ir::ExprKind::kGroupingSet, set->location,
                           {Spelled(pg::EnumValueName(pg_query__grouping_set_kind__descriptor,
                                                      set->kind), "GROUPING_SET_")});
      expr.args = Exprs(set->content, set->n_content);
      return expr;
    }
    case PG_QUERY__NODE__NODE_A_STAR: return Make(ir::ExprKind::kStar, -1);
    case PG_QUERY__NODE__NODE_NAMED_ARG_EXPR:  // f(x => col): the argument is what matters
      return ToExpr(node->named_arg_expr->arg);
    case PG_QUERY__NODE__NODE_RES_TARGET:  // XMLELEMENT / XMLFOREST named arguments
      return ToExpr(node->res_target->val);
    case PG_QUERY__NODE__NODE_COALESCE_EXPR: return Generic(node, {"coalesce"});
    case PG_QUERY__NODE__NODE_MIN_MAX_EXPR:
      return Generic(node, {Spelled(pg::EnumValueName(pg_query__min_max_op__descriptor,
                                                      node->min_max_expr->op), "IS_")});
    case PG_QUERY__NODE__NODE_SQLVALUE_FUNCTION:
      return Generic(node, {Spelled(pg::EnumValueName(pg_query__sqlvalue_function_op__descriptor,
                                                      node->sqlvalue_function->op), "SVFOP_")});
    case PG_QUERY__NODE__NODE_COLLATE_CLAUSE: return Generic(node, {"collate"});
    case PG_QUERY__NODE__NODE_GROUPING_FUNC: return Generic(node, {"grouping"});
    case PG_QUERY__NODE__NODE_XML_EXPR: return Generic(node, {"xml"});
    case PG_QUERY__NODE__NODE_XML_SERIALIZE: return Generic(node, {"xmlserialize"});
    case PG_QUERY__NODE__NODE_SET_TO_DEFAULT: return Generic(node, {"default"});
    default: return Generic(node, {pg::NodeTypeName(node)});
  }
}

ir::Expr QueryConverter::ColumnRef(const PgQuery__ColumnRef* ref) {
  bool star = ref->n_fields > 0 &&
              ref->fields[ref->n_fields - 1]->node_case == PG_QUERY__NODE__NODE_A_STAR;
  return Make(star ? ir::ExprKind::kStar : ir::ExprKind::kColumnRef, ref->location,
              pg::StringsOf(ref->fields, ref->n_fields));
}

ir::Expr QueryConverter::Constant(const PgQuery__AConst* constant) {
  std::string text = "NULL";
  ir::LiteralKind kind = ir::LiteralKind::kOther;
  auto or_empty = [](const char* value) { return std::string(value != nullptr ? value : ""); };
  // protobuf-c leaves a oneof member null when the value is its default (0, "", false).
  switch (constant->val_case) {
    case PG_QUERY__A__CONST__VAL_IVAL:
      text = std::to_string(constant->ival != nullptr ? constant->ival->ival : 0);
      kind = ir::LiteralKind::kInteger;
      break;
    case PG_QUERY__A__CONST__VAL_FVAL:
      text = constant->fval != nullptr ? or_empty(constant->fval->fval) : "0";
      break;
    case PG_QUERY__A__CONST__VAL_BOOLVAL:
      text = constant->boolval != nullptr && constant->boolval->boolval ? "true" : "false";
      break;
    case PG_QUERY__A__CONST__VAL_SVAL:
      text = constant->sval != nullptr ? or_empty(constant->sval->sval) : "";
      kind = ir::LiteralKind::kString;
      break;
    case PG_QUERY__A__CONST__VAL_BSVAL:
      text = constant->bsval != nullptr ? or_empty(constant->bsval->bsval) : "";
      break;
    default:
      break;
  }
  ir::Expr expr = Make(ir::ExprKind::kLiteral, constant->location, {std::move(text)});
  expr.literal = kind;
  return expr;
}

ir::Expr QueryConverter::FuncCall(const PgQuery__FuncCall* call) {
  ir::Expr expr = Make(ir::ExprKind::kFunc, call->location,
                       pg::StringsOf(call->funcname, call->n_funcname));
  expr.args = Exprs(call->args, call->n_args);
  expr.agg_star = call->agg_star;
  expr.agg_distinct = call->agg_distinct;
  expr.agg_within_group = call->agg_within_group;
  expr.aggregate = !expr.names.empty() && IsAggregateName(expr.names.back());
  if (call->n_agg_order > 0) expr.MutableExtras().agg_order = SortItems(call->agg_order, call->n_agg_order);
  if (call->agg_filter != nullptr) expr.MutableExtras().agg_filter = std::make_unique<ir::Expr>(ToExpr(call->agg_filter));
  if (call->over != nullptr) {
    auto window = std::make_unique<ir::WindowSpec>(Window(call->over));
    // libpg_query spells `OVER w` as a window named w; ours says it builds on w.
    if (window->ref_name.empty()) std::swap(window->name, window->ref_name);
    expr.MutableExtras().over = std::move(window);
  }
  return expr;
}

ir::Expr QueryConverter::AExpr(const PgQuery__AExpr* a_expr) {
  std::vector<std::string> op = pg::StringsOf(a_expr->name, a_expr->n_name);
  ir::Expr expr;
  if (a_expr->kind == PG_QUERY__A__EXPR__KIND__AEXPR_NULLIF) {
    expr = Make(ir::ExprKind::kOther, a_expr->location, {"nullif"});
  } else {
    std::string label = AExprLabel(a_expr->kind, op);
    if (label.find("between") != std::string::npos) op.clear();  // its name is the keyword
    if (!label.empty()) op.insert(op.begin(), label);
    expr = Make(ir::ExprKind::kOperator, a_expr->location, std::move(op));
  }
  if (a_expr->lexpr != nullptr) expr.args.push_back(ToExpr(a_expr->lexpr));
  // IN (a, b) and BETWEEN x AND y put their right side in a list: each item is an argument.
  if (a_expr->rexpr != nullptr && a_expr->rexpr->node_case == PG_QUERY__NODE__NODE_LIST) {
    for (const PgQuery__Node* item : pg::ListItems(a_expr->rexpr)) expr.args.push_back(ToExpr(item));
  } else if (a_expr->rexpr != nullptr) {
    expr.args.push_back(ToExpr(a_expr->rexpr));
  }
  return expr;
}

ir::Expr QueryConverter::Case(const PgQuery__CaseExpr* case_expr) {
  ir::Expr expr = Make(ir::ExprKind::kCase, case_expr->location);
  expr.case_operand = case_expr->arg != nullptr;
  if (expr.case_operand) expr.args.push_back(ToExpr(case_expr->arg));
  for (size_t i = 0; i < case_expr->n_args; ++i) {
    const PgQuery__Node* node = case_expr->args[i];
    if (node->node_case != PG_QUERY__NODE__NODE_CASE_WHEN) {
      expr.args.push_back(ToExpr(node));
      continue;
    }
    expr.args.push_back(ToExpr(node->case_when->expr));
    expr.args.push_back(ToExpr(node->case_when->result));
  }
  expr.case_else = case_expr->defresult != nullptr;
  if (expr.case_else) expr.args.push_back(ToExpr(case_expr->defresult));
  return expr;
}

ir::Expr QueryConverter::SubLink(const PgQuery__SubLink* link) {
  ir::Expr expr = Make(ir::ExprKind::kSubLink, link->location,
                       pg::StringsOf(link->oper_name, link->n_oper_name));
  expr.sublink = SubLinkKindOf(link->sub_link_type);
  if (link->testexpr != nullptr) expr.args.push_back(ToExpr(link->testexpr));
  expr.subquery = std::make_shared<const ir::Query>(Select(link->subselect, expr.offset));
  return expr;
}

ir::Expr QueryConverter::Indirection(const PgQuery__AIndirection* indirection) {
  ir::Expr expr = Make(ir::ExprKind::kIndirection, -1);
  expr.args.push_back(ToExpr(indirection->arg));
  expr.offset = expr.args[0].offset;
  for (size_t i = 0; i < indirection->n_indirection; ++i) {
    const PgQuery__Node* step = indirection->indirection[i];
    if (step->node_case == PG_QUERY__NODE__NODE_STRING) {
      expr.names.emplace_back(pg::StringOf(step));
    } else if (step->node_case == PG_QUERY__NODE__NODE_A_STAR) {
      expr.names.emplace_back("*");
    } else if (step->node_case == PG_QUERY__NODE__NODE_A_INDICES) {
      if (step->a_indices->lidx != nullptr) expr.args.push_back(ToExpr(step->a_indices->lidx));
      if (step->a_indices->uidx != nullptr) expr.args.push_back(ToExpr(step->a_indices->uidx));
    }
  }
  return expr;
}

ir::Expr QueryConverter::Generic(const PgQuery__Node* node, std::vector<std::string> names) {
  ir::Expr expr = Make(ir::ExprKind::kOther, -1, std::move(names));
  for (const PgQuery__Node* child : pg::ChildNodes(node)) {
    switch (child->node_case) {
      case PG_QUERY__NODE__NODE_STRING:     // collation and XML argument names
      case PG_QUERY__NODE__NODE_TYPE_NAME:  // XMLSERIALIZE's target type
        continue;
      default:
        break;
    }
    expr.args.push_back(ToExpr(child));
  }
  // Most of these nodes have a location field; the protobuf struct keeps it under that name.
  int32_t location = -1;
  switch (node->node_case) {
    case PG_QUERY__NODE__NODE_COALESCE_EXPR: location = node->coalesce_expr->location; break;
    case PG_QUERY__NODE__NODE_MIN_MAX_EXPR: location = node->min_max_expr->location; break;
    case PG_QUERY__NODE__NODE_SQLVALUE_FUNCTION: location = node->sqlvalue_function->location; break;
    case PG_QUERY__NODE__NODE_COLLATE_CLAUSE: location = node->collate_clause->location; break;
    case PG_QUERY__NODE__NODE_GROUPING_FUNC: location = node->grouping_func->location; break;
    case PG_QUERY__NODE__NODE_XML_EXPR: location = node->xml_expr->location; break;
    case PG_QUERY__NODE__NODE_XML_SERIALIZE: location = node->xml_serialize->location; break;
    default: break;
  }
  if (location >= 0) {
    expr.offset = Offset(location, base_offset_);
  } else if (!expr.args.empty()) {
    expr.offset = expr.args[0].offset;
  }
  return expr;
}

}  // namespace ds::parsers::sql
