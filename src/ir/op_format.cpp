#include "src/ir/op_format.h"

#include <type_traits>

namespace ds::ir {
namespace {

std::string Join(const std::vector<std::string>& items, const char* separator) {
  std::string out;
  for (size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += separator;
    out += items[i];
  }
  return out;
}

std::string Quoted(const std::string& value) { return "'" + value + "'"; }

std::string Flag(bool on, const char* name) { return on ? std::string(" ") + name : ""; }

std::string Column(const ColumnDef& column) {
  return column.name + " " + column.type + (column.not_null ? " not null" : "");
}

std::string Format(const CreateTable& op) {
  std::vector<std::string> elements;
  for (const TableElement& element : op.elements) {
    elements.push_back(element.like ? "like " + element.like->ToString() : Column(element.column));
  }
  std::string out = "create_table " + op.table.ToString();
  if (op.as_query) {
    if (!op.as_column_names.empty()) out += " (" + Join(op.as_column_names, ", ") + ")";
    out += " as query";
  } else {
    out += " (" + Join(elements, ", ") + ")";
  }
  if (!op.inherits.empty()) {
    std::vector<std::string> parents;
    for (const QualifiedName& parent : op.inherits) parents.push_back(parent.ToString());
    out += " inherits (" + Join(parents, ", ") + ")";
  }
  if (op.partition_of) out += " partition_of " + op.partition_of->ToString();
  return out + Flag(op.if_not_exists, "if_not_exists");
}

std::string Format(const DropTable& op) {
  return "drop_table " + op.table.ToString() + Flag(op.if_exists, "if_exists") +
         Flag(op.cascade, "cascade");
}
std::string Format(const RenameTable& op) {
  return "rename_table " + op.table.ToString() + " -> " + op.to.ToString() +
         Flag(op.if_exists, "if_exists");
}
std::string Format(const AddColumn& op) {
  return "add_column " + op.table.ToString() + "." + Column(op.column) +
         Flag(op.if_not_exists, "if_not_exists");
}
std::string Format(const DropColumn& op) {
  return "drop_column " + op.table.ToString() + "." + op.column + Flag(op.if_exists, "if_exists") +
         Flag(op.cascade, "cascade");
}
std::string Format(const RenameColumn& op) {
  return "rename_column " + op.table.ToString() + "." + op.column + " -> " + op.new_name;
}
std::string Format(const AlterColumnType& op) {
  return "alter_column_type " + op.table.ToString() + "." + op.column + " " + op.new_type;
}
std::string Format(const SetNotNull& op) {
  return "set_not_null " + op.table.ToString() + "." + op.column;
}
std::string Format(const DropNotNull& op) {
  return "drop_not_null " + op.table.ToString() + "." + op.column;
}
std::string Format(const CreateView& op) {
  std::string out = "create_view " + op.view.ToString();
  if (!op.column_names.empty()) out += " (" + Join(op.column_names, ", ") + ")";
  return out + Flag(op.materialized, "materialized") + Flag(op.or_replace, "or_replace") +
         Flag(op.if_not_exists, "if_not_exists");
}
std::string Format(const DropView& op) {
  return "drop_view " + op.view.ToString() + Flag(op.materialized, "materialized") +
         Flag(op.if_exists, "if_exists") + Flag(op.cascade, "cascade");
}
std::string Format(const CreateEnum& op) {
  std::vector<std::string> values;
  for (const std::string& value : op.values) values.push_back(Quoted(value));
  return "create_enum " + op.type.ToString() + " (" + Join(values, ", ") + ")";
}
std::string Format(const AddEnumValue& op) {
  std::string out = "add_enum_value " + op.type.ToString() + " " + Quoted(op.value);
  if (!op.neighbor.empty()) out += (op.before ? " before " : " after ") + Quoted(op.neighbor);
  return out;
}
std::string Format(const RenameEnumValue& op) {
  return "rename_enum_value " + op.type.ToString() + " " + Quoted(op.value) + " -> " +
         Quoted(op.new_value);
}
std::string Format(const DropType& op) {
  return "drop_type " + op.type.ToString() + Flag(op.if_exists, "if_exists");
}
std::string Format(const RenameType& op) {
  return "rename_type " + op.type.ToString() + " -> " + op.new_name;
}
std::string Format(const CreateSchema& op) { return "create_schema " + op.schema; }
std::string Format(const DropSchema& op) {
  return "drop_schema " + op.schema + Flag(op.cascade, "cascade");
}
std::string Format(const SetSearchPath& op) {
  return "set_search_path (" + Join(op.schemas, ", ") + ")";
}
std::string Format(const RewriteValues& op) {
  return "rewrite_values " + op.table.ToString() + "." + op.column + " (" + Join(op.old_values, ", ") + ") -> " +
         op.new_value;
}
std::string Format(const Unknown& op) { return "unknown " + op.what; }

// Queries as S-expressions: a list head names the node, atoms are names and literals.

std::string Dotted(const std::vector<std::string>& names) { return Join(names, "."); }

/// "op" + ["is not null"] -> "op:is_not_null": a list head with no spaces in it.
std::string Head(const char* kind, const std::vector<std::string>& names) {
  std::string out = kind;
  for (const std::string& name : names) {
    out += ":";
    for (char c : name) out += c == ' ' ? '_' : c;
  }
  return out;
}

class SexprWriter {
 public:
  std::string Query(const ir::Query& query);
  std::string Expr(const ir::Expr& expr);

 private:
  std::string List(const char* head, const std::vector<ir::Expr>& exprs);
  std::string Sort(const char* head, const std::vector<SortItem>& items);
  std::string Window(const WindowSpec& window);
  std::string From(const FromItem& item);
  std::string Func(const ir::Expr& expr);
};

std::string SexprWriter::List(const char* head, const std::vector<ir::Expr>& exprs) {
  std::string out = std::string("(") + head;
  for (const ir::Expr& expr : exprs) out += " " + Expr(expr);
  return out + ")";
}

std::string SexprWriter::Sort(const char* head, const std::vector<SortItem>& items) {
  std::string out = std::string("(") + head;
  for (const SortItem& item : items) out += " " + Expr(item.expr);
  return out + ")";
}

std::string SexprWriter::Window(const WindowSpec& window) {
  std::string out = "(window";
  if (!window.name.empty()) out += " " + window.name;
  if (!window.ref_name.empty()) out += " (ref " + window.ref_name + ")";
  if (!window.partition_by.empty()) out += " " + List("partition", window.partition_by);
  if (!window.order_by.empty()) out += " " + Sort("order", window.order_by);
  if (!window.frame_bounds.empty()) out += " " + List("frame", window.frame_bounds);
  return out + ")";
}

std::string SexprWriter::Func(const ir::Expr& expr) {
  std::string out = "(fn:" + Dotted(expr.names);
  if (expr.agg_distinct) out += " distinct";
  if (expr.agg_star) out += " *";
  for (const ir::Expr& arg : expr.args) out += " " + Expr(arg);
  if (!expr.Extras().agg_order.empty()) {
    out += " " + Sort(expr.agg_within_group ? "within_group" : "order", expr.Extras().agg_order);
  }
  if (expr.Extras().agg_filter) out += " (filter " + Expr(*expr.Extras().agg_filter) + ")";
  if (expr.Extras().over) out += " (over " + Window(*expr.Extras().over) + ")";
  return out + ")";
}

std::string SexprWriter::Expr(const ir::Expr& expr) {
  switch (expr.kind) {
    case ExprKind::kColumnRef: return Dotted(expr.names);
    case ExprKind::kStar: return expr.names.empty() ? "*" : Dotted(expr.names) + ".*";
    case ExprKind::kLiteral: return Quoted(expr.names.empty() ? "" : expr.names[0]);
    case ExprKind::kParam: return expr.names.empty() ? "$?" : expr.names[0];
    case ExprKind::kFunc: return Func(expr);
    case ExprKind::kOperator: return List(Head("op", expr.names).c_str(), expr.args);
    case ExprKind::kCast: return List(("cast:" + expr.Extras().type_name).c_str(), expr.args);
    case ExprKind::kCase: return List("case", expr.args);
    case ExprKind::kSubLink: {
      static const char* const kKinds[] = {"exists", "any", "all", "expr", "array", "other"};
      std::string head = std::string("sublink:") + kKinds[static_cast<int>(expr.sublink)];
      std::string out = List(head.c_str(), expr.args);
      out.pop_back();
      return out + " " + (expr.subquery ? Query(*expr.subquery) : "()") + ")";
    }
    case ExprKind::kRow: return List("row", expr.args);
    case ExprKind::kArray: return List("array", expr.args);
    case ExprKind::kIndirection: return List(Head("ind", expr.names).c_str(), expr.args);
    case ExprKind::kGroupingSet: return List(Head("grouping", expr.names).c_str(), expr.args);
    case ExprKind::kOther: return List(Head("other", expr.names).c_str(), expr.args);
  }
  return "?";
}

std::string SexprWriter::From(const FromItem& item) {
  std::string out;
  switch (item.kind) {
    case FromItem::Kind::kRelation:
      out = "(rel " + item.relation.ToString() + (item.only ? " only" : "");
      break;
    case FromItem::Kind::kSubquery:
      out = "(subquery " + (item.subquery ? Query(*item.subquery) : "()");
      break;
    case FromItem::Kind::kJoin: {
      static const char* const kTypes[] = {"inner", "left", "right", "full", "cross"};
      out = std::string("(join:") + kTypes[static_cast<int>(item.join_type)];
      if (item.natural) out += " natural";
      out += " " + (item.left ? From(*item.left) : "()") + " " +
             (item.right ? From(*item.right) : "()");
      if (!item.using_columns.empty()) out += " (using " + Join(item.using_columns, " ") + ")";
      if (item.on) out += " (on " + Expr(*item.on) + ")";
      break;
    }
    case FromItem::Kind::kFunction:
      out = List("function", item.functions);
      out.pop_back();
      if (item.ordinality) out += " ordinality";
      if (!item.column_defs.empty()) {
        out += " (coldefs";
        for (const ColumnTypeDef& def : item.column_defs) out += " " + def.name + ":" + def.type;
        out += ")";
      }
      break;
  }
  if (item.lateral) out += " lateral";
  if (!item.alias.empty()) out += " as " + item.alias;
  if (!item.column_aliases.empty()) out += " (" + Join(item.column_aliases, " ") + ")";
  return out + ")";
}

std::string SexprWriter::Query(const ir::Query& query) {
  std::string out;
  if (!query.ctes.empty()) {
    out += query.recursive ? "(with_recursive" : "(with";
    for (const Cte& cte : query.ctes) {
      out += " (" + cte.name;
      if (!cte.column_names.empty()) out += " (" + Join(cte.column_names, " ") + ")";
      out += " " + (cte.query ? Query(*cte.query) : "()") + ")";
    }
    out += " ";
  }
  if (query.set_op != SetOp::kNone) {
    static const char* const kOps[] = {"none", "union", "intersect", "except"};
    out += std::string("(") + kOps[static_cast<int>(query.set_op)] + (query.set_all ? "_all" : "");
    out += " " + (query.larg ? Query(*query.larg) : "()") + " " +
           (query.rarg ? Query(*query.rarg) : "()");
  } else if (!query.values.empty()) {
    out += "(values";
    for (const std::vector<ir::Expr>& row : query.values) out += " " + List("row", row);
  } else {
    out += query.distinct ? "(select_distinct" : "(select";
    if (!query.distinct_on.empty()) out += " " + List("on", query.distinct_on);
    for (const ResTarget& target : query.targets) {
      out += " " + (target.alias.empty() ? Expr(target.expr)
                                         : "(as " + target.alias + " " + Expr(target.expr) + ")");
    }
    if (!query.from.empty()) {
      out += " (from";
      for (const FromItem& item : query.from) out += " " + From(item);
      out += ")";
    }
    if (query.where) out += " (where " + Expr(*query.where) + ")";
    if (!query.group_by.empty()) out += " " + List("group", query.group_by);
    if (query.having) out += " (having " + Expr(*query.having) + ")";
    for (const WindowSpec& window : query.windows) out += " " + Window(window);
  }
  if (!query.order_by.empty()) out += " " + Sort("order", query.order_by);
  if (query.limit) out += " (limit " + Expr(*query.limit) + ")";
  if (query.offset_expr) out += " (offset " + Expr(*query.offset_expr) + ")";
  out += ")";
  return query.ctes.empty() ? out : out + ")";
}

}  // namespace

std::string FormatOp(const SchemaOp& op) {
  std::string body = std::visit([](const auto& kind) { return Format(kind); }, op.op);
  return std::to_string(op.span.line) + ":" + std::to_string(op.span.column) + " " + body;
}

std::string FormatQuery(const Query& query) { return SexprWriter().Query(query); }

std::string FormatExpr(const Expr& expr) { return SexprWriter().Expr(expr); }

}  // namespace ds::ir
