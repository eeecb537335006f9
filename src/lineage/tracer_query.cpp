// Query blocks: WITH, set operations, VALUES, and a SELECT clause by clause, each clause's
// reads recorded with its usage.
#include <algorithm>
#include <utility>

#include "src/lineage/tracer.h"

namespace ds::lineage::detail {

namespace {

void Rename(std::vector<SourceColumn>& columns, const std::vector<std::string>& names) {
  for (size_t i = 0; i < names.size() && i < columns.size(); ++i) columns[i].name = names[i];
}

}  // namespace

Tracer::Tracer(const catalog::Catalog& catalog, ViewFn views, std::vector<std::string> search_path,
               const ir::SourceText* source, ir::SourceSpan fallback)
    : catalog_(catalog),
      views_(std::move(views)),
      search_path_(std::move(search_path)),
      source_(source),
      fallback_(std::move(fallback)) {
  if (search_path_.empty()) search_path_ = {"public"};
}

std::vector<SourceColumn> Tracer::TraceQuery(const ir::Query& query, const Scope* parent,
                                             uint8_t select_usage) {
  ++blocks_traced_;
  // open_ is this block's own: the caller's is kept, and this block's is left in last_open_.
  bool caller_open = std::exchange(open_, false);
  ir::QualifiedName caller_open_from = std::exchange(open_from_, {});
  Scope scope;
  scope.parent = parent;
  TraceCtes(query, scope);
  std::vector<SourceColumn> outputs = query.salvaged                      ? TraceSalvaged(query, scope)
                                      : query.set_op != ir::SetOp::kNone ? TraceSetOp(query, scope, select_usage)
                                      : !query.values.empty()            ? TraceValues(query, scope, select_usage)
                                                                         : TraceSelect(query, scope, select_usage);
  last_open_ = std::exchange(open_, caller_open);
  last_open_from_ = std::exchange(open_from_, std::move(caller_open_from));
  return outputs;
}

void Tracer::OpenStar(const ir::QualifiedName& from) {
  if (!open_) open_from_ = from;
  else if (open_from_ != from) open_from_ = {};  // several: the reads name no one relation
  open_ = true;
}

void Tracer::TraceCtes(const ir::Query& query, Scope& scope) {
  for (const ir::Cte& cte : query.ctes) {
    CteShape& shape = ctes_.emplace_back();
    shape.name = cte.name;
    if (!cte.query) {
      scope.ctes[cte.name] = &shape;
      continue;
    }
    const ir::Query& body = *cte.query;
    bool recursive = query.recursive && body.set_op == ir::SetOp::kUnion && body.larg && body.rarg;
    if (recursive) {
      TraceRecursiveCte(cte, scope, shape);
      continue;
    }
    shape.columns = TraceQuery(body, &scope, 0);
    shape.open = last_open_;
    shape.open_from = last_open_from_;
    Rename(shape.columns, cte.column_names);
    scope.ctes[cte.name] = &shape;
  }
}

void Tracer::TraceRecursiveCte(const ir::Cte& cte, Scope& scope, CteShape& shape) {
  // WITH RECURSIVE: the anchor gives the columns; the recursive branch reads them and adds to
  // them. Its column i may read the CTE's column j, so trace it again until nothing grows (each
  // pass adds leaves from a finite set, so this ends; the bound is a guard).
  const ir::Query& body = *cte.query;
  shape.columns = TraceQuery(*body.larg, &scope, 0);
  shape.open = last_open_;
  shape.open_from = last_open_from_;
  Rename(shape.columns, cte.column_names);
  scope.ctes[cte.name] = &shape;
  for (int pass = 0; pass < 64; ++pass) {
    std::vector<SourceColumn> recursive_part = TraceQuery(*body.rarg, &scope, 0);
    bool grew = false;
    for (size_t i = 0; i < shape.columns.size() && i < recursive_part.size(); ++i) {
      for (const ColumnSource& leaf : recursive_part[i].leaves) {
        grew = shape.columns[i].leaves.insert(leaf).second || grew;
      }
    }
    if (!grew) break;
  }
}

std::vector<SourceColumn> Tracer::TraceSetOp(const ir::Query& query, const Scope& scope,
                                             uint8_t select_usage) {
  std::vector<SourceColumn> outputs;
  bool open = false;  // a branch with unknown columns: the counts cannot be compared
  if (query.larg) {
    outputs = TraceQuery(*query.larg, &scope, select_usage);
    if (last_open_) OpenStar(last_open_from_);
    open = last_open_;
  }
  if (query.rarg) {
    std::vector<SourceColumn> right = TraceQuery(*query.rarg, &scope, select_usage);
    if (last_open_) OpenStar(last_open_from_);
    open = open || last_open_;
    if (query.larg && !open && right.size() != outputs.size()) {
      const char* op = query.set_op == ir::SetOp::kUnion       ? "UNION"
                       : query.set_op == ir::SetOp::kIntersect ? "INTERSECT"
                                                               : "EXCEPT";
      Diagnose(query.rarg->offset,
               std::string("each ") + op + " query must have the same number of columns", ir::DiagCode::kMigrationRefused);
    }
    for (size_t i = 0; i < outputs.size() && i < right.size(); ++i) {
      outputs[i].leaves.insert(right[i].leaves.begin(), right[i].leaves.end());
    }
  }
  for (const ir::SortItem& item : query.order_by) TraceSort(item.expr, scope, outputs, "ORDER BY");
  if (query.limit) Expr(*query.limit, scope, kFilter);
  if (query.offset_expr) Expr(*query.offset_expr, scope, kFilter);
  return outputs;
}

std::vector<SourceColumn> Tracer::TraceValues(const ir::Query& query, const Scope& scope,
                                              uint8_t select_usage) {
  std::vector<SourceColumn> outputs;
  for (const std::vector<ir::Expr>& row : query.values) {
    for (size_t i = 0; i < row.size(); ++i) {
      if (i >= outputs.size()) outputs.push_back({"column" + std::to_string(i + 1), {}});
      Leaves leaves = Expr(row[i], scope, select_usage);
      outputs[i].leaves.insert(leaves.begin(), leaves.end());
    }
  }
  for (const ir::SortItem& item : query.order_by) TraceSort(item.expr, scope, outputs, "ORDER BY");
  if (query.limit) Expr(*query.limit, scope, kFilter);
  if (query.offset_expr) Expr(*query.offset_expr, scope, kFilter);
  return outputs;
}

std::vector<SourceColumn> Tracer::TraceSelect(const ir::Query& query, Scope& scope,
                                              uint8_t select_usage) {
  std::vector<Source> visible;
  for (const ir::FromItem& item : query.from) {
    std::vector<Source> items = FromItem(item, scope, visible);
    visible.insert(visible.end(), std::make_move_iterator(items.begin()),
                   std::make_move_iterator(items.end()));
  }
  scope.sources = std::move(visible);
  scope.windows = &query.windows;
  scope.constant_keys = query.constant_keys;
  // Lateral column aliases: a later select item, WHERE, GROUP BY, HAVING and QUALIFY may name
  // a select item, so WHERE is traced once the select list has been.
  std::vector<SourceColumn> aliases;
  if (query.lateral_aliases) scope.aliases = &aliases;
  if (query.where && !query.lateral_aliases) Expr(*query.where, scope, kFilter);
  std::vector<SourceColumn> outputs;
  TraceTargets(query, scope, select_usage, outputs, aliases);
  if (query.where && query.lateral_aliases) Expr(*query.where, scope, kFilter);
  for (const ir::Expr& expr : query.group_by) TraceGroupBy(expr, scope, outputs);
  if (query.having) Expr(*query.having, scope, kFilter);
  for (const ir::WindowSpec& window : query.windows) TraceWindow(window, scope);
  if (query.qualify) TraceQualify(*query.qualify, scope, outputs);
  for (const ir::Expr& expr : query.distinct_on) TraceSort(expr, scope, outputs, "DISTINCT ON");
  for (const ir::SortItem& item : query.order_by) TraceSort(item.expr, scope, outputs, "ORDER BY");
  if (query.limit) Expr(*query.limit, scope, kFilter);
  if (query.offset_expr) Expr(*query.offset_expr, scope, kFilter);
  return outputs;
}

void Tracer::TraceTargets(const ir::Query& query, const Scope& scope, uint8_t select_usage,
                          std::vector<SourceColumn>& outputs, std::vector<SourceColumn>& aliases) {
  for (const ir::ResTarget& target : query.targets) {
    if (target.expr.kind != ir::ExprKind::kStar) {
      Leaves leaves = Expr(target.expr, scope, select_usage);
      outputs.push_back({target.alias.empty() ? FigureName(target.expr) : target.alias, leaves});
      // Only an alias written out is a lateral alias: a derived name (`upper(x)` -> upper) is not.
      if (query.lateral_aliases && !target.alias.empty()) aliases.push_back(outputs.back());
      continue;
    }
    // `*` and `t.*` expand into one output column per source column, identity preserved.
    std::vector<const Source*> expanded;
    if (target.expr.names.empty()) {
      for (const Source& source : scope.sources) {
        if (source.cols_visible) expanded.push_back(&source);
      }
    } else if (const Source* source = FindSource(target.expr.names, scope)) {
      expanded.push_back(source);
    } else {
      const std::string& name = target.expr.names.back();
      std::string message = "missing FROM-clause entry for table \"" + name + "\"";
      std::string hint = AliasSuggestion(name, scope);
      if (!hint.empty()) message += "; did you mean \"" + hint + "\"?";
      Diagnose(target.expr.offset, std::move(message), ir::DiagCode::kUnknownRelation);
      Record(UnresolvedLeaf({"", name}, "*"), select_usage);
    }
    for (const Source* source : expanded) {
      // A relation we could not read: its columns are unknown, but the read is kept.
      if (source->opaque) {
        Record(UnresolvedLeaf(source->LeafName(), "*"), select_usage);
        OpenStar(source->LeafName());
      }
      for (const SourceColumn& column : source->columns) {
        if (std::optional<SourceColumn> kept = StarColumn(target.expr, column, scope, select_usage)) {
          outputs.push_back(std::move(*kept));
        }
      }
    }
  }
}

std::optional<SourceColumn> Tracer::StarColumn(const ir::Expr& star, const SourceColumn& column,
                                               const Scope& scope, uint8_t select_usage) {
  // Warehouse dialects: * EXCLUDE (a) leaves a out, * REPLACE (x AS a) swaps a's value,
  // * RENAME (a AS b) renames it.
  // A column EXCLUDE / EXCEPT names is left out, but it is a reference: the warehouse refuses
  // the query once the column is gone (DuckDB, Snowflake and BigQuery alike).
  const std::vector<std::string>& except = star.Extras().star_except;
  if (std::find(except.begin(), except.end(), column.name) != except.end()) {
    Record(column.leaves, select_usage);
    return std::nullopt;
  }
  for (const ir::ResTarget& replace : star.Extras().star_replace) {
    if (replace.alias == column.name) return SourceColumn{column.name, Expr(replace.expr, scope, select_usage)};
  }
  // Passed through, not read: a select-list usage is recorded as the star's own (other usages,
  // a filtering subquery's, stay).
  uint8_t usage = (select_usage & ~kSelect) | ((select_usage & kSelect) != 0 ? kStarSelect : 0) | kPassThrough;
  Record(column.leaves, usage);
  SourceColumn out = column;
  for (const auto& [old_name, new_name] : star.Extras().star_rename) {
    if (old_name == column.name) out.name = new_name;
  }
  return out;
}

void Tracer::TraceQualify(const ir::Expr& expr, const Scope& scope,
                          const std::vector<SourceColumn>& outputs) {
  // QUALIFY may name a select item (`QUALIFY rn = 1`): an input column first, then an output.
  if (expr.kind == ir::ExprKind::kColumnRef && expr.names.size() == 1) {
    if (std::optional<Leaves> input = ResolveColumn(expr, scope, true)) {
      Record(*input, kFilter);
      return;
    }
    for (const SourceColumn& output : outputs) {
      if (output.name != expr.names[0]) continue;
      Record(output.leaves, kFilter);
      return;
    }
  }
  bool plain_call = expr.kind == ir::ExprKind::kFunc && !expr.Extras().over && !expr.Extras().agg_filter &&
                    expr.Extras().agg_order.empty();
  if (expr.kind == ir::ExprKind::kOperator || expr.kind == ir::ExprKind::kCast ||
      expr.kind == ir::ExprKind::kCase || expr.kind == ir::ExprKind::kOther || plain_call) {
    for (const ir::Expr& arg : expr.args) TraceQualify(arg, scope, outputs);
    return;
  }
  Expr(expr, scope, kFilter);
}

bool Tracer::TracePosition(const ir::Expr& expr, const Scope& scope,
                           const std::vector<SourceColumn>& outputs, const char* clause, uint8_t usage) {
  if (expr.kind != ir::ExprKind::kLiteral) return false;
  // An integer constant is a position; any other constant is an error in PostgreSQL, and groups
  // or sorts by nothing in the warehouses.
  if (expr.literal != ir::LiteralKind::kInteger || expr.names.empty()) {
    if (scope.constant_keys) return true;
    Diagnose(expr.offset, std::string("non-integer constant in ") + clause, ir::DiagCode::kMigrationRefused);
    return true;
  }
  const std::string& text = expr.names[0];
  long position = text.size() > 9 ? -1 : std::stol(text);
  if (position >= 1 && static_cast<size_t>(position) <= outputs.size()) {
    Record(outputs[position - 1].leaves, usage);
  } else {
    Diagnose(expr.offset, std::string(clause) + " position " + text + " is not in select list", ir::DiagCode::kMigrationRefused);
  }
  return true;
}

void Tracer::TraceGroupBy(const ir::Expr& expr, const Scope& scope,
                          const std::vector<SourceColumn>& outputs) {
  if (expr.kind == ir::ExprKind::kGroupingSet) {
    for (const ir::Expr& arg : expr.args) TraceGroupBy(arg, scope, outputs);
    return;
  }
  if (TracePosition(expr, scope, outputs, "GROUP BY", kGroup)) return;
  // GROUP BY name: an input column first, then an output column (PostgreSQL's SQL92 rule).
  if (expr.kind == ir::ExprKind::kColumnRef && expr.names.size() == 1) {
    if (std::optional<Leaves> input = ResolveColumn(expr, scope, true)) {
      Record(*input, kGroup);
      return;
    }
    for (const SourceColumn& output : outputs) {
      if (output.name == expr.names[0]) {
        Record(output.leaves, kGroup);
        return;
      }
    }
  }
  Expr(expr, scope, kGroup);
}

void Tracer::TraceSort(const ir::Expr& expr, const Scope& scope,
                       const std::vector<SourceColumn>& outputs, const char* clause) {
  if (TracePosition(expr, scope, outputs, clause, kOrder)) return;
  // ORDER BY name: an output column first, then an input column.
  if (expr.kind == ir::ExprKind::kColumnRef && expr.names.size() == 1) {
    bool found = false;
    for (const SourceColumn& output : outputs) {
      if (output.name != expr.names[0]) continue;
      Record(output.leaves, kOrder);
      found = true;
    }
    if (found) return;
  }
  Expr(expr, scope, kOrder);
}

}  // namespace ds::lineage::detail

namespace ds::lineage::detail {

std::vector<SourceColumn> Tracer::TraceSalvaged(const ir::Query& query, const Scope& scope) {
  // A statement read partly: the relations it names that exist (CTE names and unknown names are
  // passed over in silence: the syntax error already says the statement was not understood),
  // and each of their columns it names anywhere. What it outputs is unknown.
  std::vector<Source> named;
  for (const ir::FromItem& item : query.from) {
    if (item.kind != ir::FromItem::Kind::kRelation) continue;
    ir::QualifiedName qualified = catalog_.Qualify(item.relation, search_path_);
    if (catalog_.FindTable(qualified) == nullptr && catalog_.FindView(qualified) == nullptr) continue;
    named.push_back(RelationSource(item, scope));
  }
  for (const ir::Expr& name : query.salvaged_names) {
    for (const Source& source : named) {
      for (const SourceColumn* column : source.Find(name.names.front())) Record(column->leaves, kSelect);
    }
  }
  return {};
}

}  // namespace ds::lineage::detail
