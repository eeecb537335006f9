// FROM items as namespace items: catalog relations, CTEs, derived tables, functions and joins
// (PostgreSQL's transformFromClauseItem: USING/NATURAL merge columns, an alias on a join hides
// the names inside it, a join without alias shows its columns and its members' names).
#include <algorithm>
#include <array>

#include "src/lineage/tracer.h"

namespace ds::lineage::detail {

namespace {

void Rename(std::vector<SourceColumn>& columns, const std::vector<std::string>& aliases) {
  for (size_t i = 0; i < aliases.size() && i < columns.size(); ++i) columns[i].name = aliases[i];
}

std::vector<SourceColumn> VisibleColumns(const std::vector<Source>& sources) {
  std::vector<SourceColumn> columns;
  for (const Source& source : sources) {
    if (source.cols_visible) columns.insert(columns.end(), source.columns.begin(), source.columns.end());
  }
  return columns;
}

// Set-returning functions whose output columns have names of their own (OUT parameters).
std::vector<std::string> KnownFunctionColumns(const std::string& name) {
  if (name == "json_each" || name == "jsonb_each" || name == "json_each_text" ||
      name == "jsonb_each_text") {
    return {"key", "value"};
  }
  if (name == "json_array_elements" || name == "jsonb_array_elements" ||
      name == "json_array_elements_text" || name == "jsonb_array_elements_text") {
    return {"value"};  // a single OUT parameter: its name wins over the alias
  }
  return {};
}

bool IsPopulateRecord(const std::string& name) {
  return name == "json_populate_record" || name == "jsonb_populate_record" ||
         name == "json_populate_recordset" || name == "jsonb_populate_recordset";
}

}  // namespace

Scope Tracer::LateralScope(const Scope& block, const std::vector<Source>& visible) const {
  Scope scope;
  scope.parent = block.parent;
  scope.ctes = block.ctes;
  scope.sources = visible;
  return scope;
}

std::vector<Source> Tracer::FromItem(const ir::FromItem& item, const Scope& block,
                                     const std::vector<Source>& earlier) {
  switch (item.kind) {
    case ir::FromItem::Kind::kRelation:
      return {RelationSource(item, block)};
    case ir::FromItem::Kind::kSubquery:
      return {SubquerySource(item, block, earlier)};
    case ir::FromItem::Kind::kFunction:
      return {FunctionSource(item, block, earlier)};
    case ir::FromItem::Kind::kJoin:
      return JoinSources(item, block, earlier);
  }
  return {};
}

Source Tracer::RelationSource(const ir::FromItem& item, const Scope& block) {
  Source source;
  source.alias = item.alias.empty() ? item.relation.name : item.alias;
  source.aliased = !item.alias.empty();
  if (!item.relation.Qualified()) {
    if (const CteShape* cte = block.FindCte(item.relation.name)) {  // a CTE shadows a table
      source.columns = cte->columns;
      source.opaque = cte->open;
      source.unknown_from = cte->open_from;
      Rename(source.columns, item.column_aliases);
      return source;
    }
  }
  ir::QualifiedName qualified = catalog_.Qualify(item.relation, search_path_);
  if (const catalog::Table* table = catalog_.FindTable(qualified)) {
    relations_.insert(qualified);
    source.relation = qualified;
    for (const catalog::Column& column : table->columns) {
      source.columns.push_back(
          {column.name, {ColumnSource{qualified, column.name, Transform::kIdentity}}});
    }
  } else if (catalog_.FindView(qualified) != nullptr) {
    relations_.insert(qualified);
    source.relation = qualified;
    ViewLookup view = views_(qualified);
    if (view.lineage == nullptr || view.lineage->partial || view.lineage->open) {
      source.opaque = true;  // columns unknown: reads of them stay silent
      if (view.cycle) {
        Diagnose(item.offset,
                 "infinite recursion detected in rules for relation \"" + qualified.ToString() + "\"",
                 ir::DiagCode::kMigrationRefused);
      }
    }
    if (view.lineage != nullptr && !view.lineage->partial) {  // the known ones, of an open view
      for (const OutputColumn& column : view.lineage->columns) {
        source.columns.push_back(
            {column.name, {ColumnSource{qualified, column.name, Transform::kIdentity}}});
      }
    }
  } else {
    source.opaque = true;
    source.relation = item.relation;  // as written: what unresolved reads of it name
    if (item.relation.schema == ir::kPlaceholderSchema) return source;  // the template said why
    std::string message = "relation \"" + item.relation.ToString() + "\" does not exist";
    std::string hint = RelationSuggestion(item.relation, block);
    if (!hint.empty()) message += "; did you mean \"" + hint + "\"?";
    Diagnose(item.offset, std::move(message), ir::DiagCode::kUnknownRelation);
  }
  Rename(source.columns, item.column_aliases);
  return source;
}

Source Tracer::SubquerySource(const ir::FromItem& item, const Scope& block,
                              const std::vector<Source>& earlier) {
  // A derived table sees the block's CTEs and outer blocks; earlier FROM items only if LATERAL.
  Scope outer = LateralScope(block, item.lateral ? earlier : std::vector<Source>{});
  Source source;
  source.alias = item.alias;
  source.aliased = true;
  if (item.subquery) {
    source.columns = TraceQuery(*item.subquery, &outer, 0);
    source.opaque = last_open_;
    source.unknown_from = last_open_from_;
  }
  Rename(source.columns, item.column_aliases);
  return source;
}

std::vector<SourceColumn> Tracer::FunctionColumns(const ir::Expr& function, const Leaves& all,
                                                  const std::vector<Leaves>& args,
                                                  bool only_function, const std::string& alias) {
  std::string name = function.names.empty() ? "?column?" : function.names.back();
  // unnest(a, b, ...) is ROWS FROM (unnest(a), unnest(b), ...): a column per argument.
  if (name == "unnest" && args.size() > 1) {
    std::vector<SourceColumn> columns;
    for (const Leaves& arg : args) columns.push_back({name, arg});
    return columns;
  }
  std::vector<std::string> known = KnownFunctionColumns(name);
  // json_populate_record(null::t, ...): the columns of t's row type.
  if (known.empty() && IsPopulateRecord(name) && !function.args.empty() &&
      function.args[0].kind == ir::ExprKind::kCast) {
    ir::QualifiedName type = catalog_.Qualify(ir::ParseQualifiedName(function.args[0].Extras().type_name),
                                              search_path_);
    if (const catalog::Table* table = catalog_.FindTable(type)) {
      // Each column is typed by the table's column: the view depends on it (as PostgreSQL
      // records), though its value comes from the JSON argument.
      relations_.insert(type);
      std::vector<SourceColumn> columns;
      for (const catalog::Column& column : table->columns) {
        Leaves leaves = all;
        leaves.insert({type, column.name, Transform::kTransformation});
        columns.push_back({column.name, std::move(leaves)});
      }
      return columns;
    }
  }
  if (known.empty()) known = {only_function && !alias.empty() ? alias : name};
  std::vector<SourceColumn> columns;
  for (const std::string& column : known) columns.push_back({column, all});
  return columns;
}

Source Tracer::FunctionSource(const ir::FromItem& item, const Scope& block,
                              const std::vector<Source>& earlier) {
  Scope lateral = LateralScope(block, earlier);  // functions in FROM are always lateral
  Source source;
  Leaves all;
  std::vector<SourceColumn> columns;
  for (const ir::Expr& function : item.functions) {
    std::vector<Leaves> args;
    Leaves function_all;
    for (const ir::Expr& arg : function.args) {
      args.push_back(Under(Transform::kTransformation, Expr(arg, lateral, 0)));
      function_all.insert(args.back().begin(), args.back().end());
    }
    all.insert(function_all.begin(), function_all.end());
    for (SourceColumn& column : FunctionColumns(function, function_all, args,
                                                item.functions.size() == 1, item.alias)) {
      columns.push_back(std::move(column));
    }
  }
  if (!item.column_defs.empty()) {
    for (const ir::ColumnTypeDef& def : item.column_defs) source.columns.push_back({def.name, all});
  } else {
    source.columns = std::move(columns);
  }
  if (item.ordinality) source.columns.push_back({"ordinality", {}});
  Rename(source.columns, item.column_aliases);
  source.aliased = !item.alias.empty();
  source.alias = item.alias;
  if (source.alias.empty() && !item.functions.empty() && !item.functions[0].names.empty()) {
    source.alias = item.functions[0].names.back();
  }
  return source;
}

SourceColumn Tracer::UsingColumn(const std::string& name, const ir::FromItem& item,
                                 std::array<const std::vector<Source>*, 2> sources,
                                 std::array<const std::vector<SourceColumn>*, 2> columns) {
  Leaves sides[2];
  for (int side = 0; side < 2; ++side) {
    int count = 0;
    for (const SourceColumn& column : *columns[side]) {
      if (column.name != name) continue;
      ++count;
      sides[side] = column.leaves;
    }
    const char* which = side == 0 ? "left" : "right";
    bool opaque = std::any_of(sources[side]->begin(), sources[side]->end(),
                              [](const Source& s) { return s.opaque; });
    if (count == 0 && !opaque) {
      Diagnose(item.offset, "column \"" + name + "\" specified in USING clause does not exist in " +
                                which + " table", ir::DiagCode::kUnknownColumn);
    } else if (count > 1) {
      Diagnose(item.offset, "common column name \"" + name + "\" appears more than once in " +
                                which + " table", ir::DiagCode::kAmbiguousColumn);
    }
    Record(sides[side], kJoin);
  }
  // The merged column is the left one (the right one for RIGHT JOIN), COALESCE(l, r) for FULL.
  Leaves value = sides[0];
  if (item.join_type == ir::JoinType::kRight) value = sides[1];
  if (item.join_type == ir::JoinType::kFull) {
    value.insert(sides[1].begin(), sides[1].end());
    value = Under(Transform::kTransformation, value);
  }
  return {name, value};
}

std::vector<Source> Tracer::JoinSources(const ir::FromItem& item, const Scope& block,
                                        const std::vector<Source>& earlier) {
  std::vector<Source> left = FromItem(*item.left, block, earlier);
  std::vector<Source> visible = earlier;
  visible.insert(visible.end(), left.begin(), left.end());
  std::vector<Source> right = FromItem(*item.right, block, visible);
  std::vector<SourceColumn> left_columns = VisibleColumns(left);
  std::vector<SourceColumn> right_columns = VisibleColumns(right);

  std::vector<std::string> merged_names = item.using_columns;
  if (item.natural) {
    for (const SourceColumn& column : left_columns) {
      bool on_right = std::any_of(right_columns.begin(), right_columns.end(),
                                  [&](const SourceColumn& r) { return r.name == column.name; });
      if (on_right && std::find(merged_names.begin(), merged_names.end(), column.name) ==
                          merged_names.end()) {
        merged_names.push_back(column.name);
      }
    }
  }
  Source join;
  for (const std::string& name : merged_names) {
    join.columns.push_back(UsingColumn(name, item, {&left, &right}, {&left_columns, &right_columns}));
  }
  if (item.on) {
    std::vector<Source> both = left;
    both.insert(both.end(), right.begin(), right.end());
    Expr(*item.on, LateralScope(block, both), kJoin);
  }
  auto is_merged = [&](const SourceColumn& c) {
    return std::find(merged_names.begin(), merged_names.end(), c.name) != merged_names.end();
  };
  for (const auto* side : {&left_columns, &right_columns}) {
    for (const SourceColumn& column : *side) {
      if (!is_merged(column)) join.columns.push_back(column);
    }
  }
  Rename(join.columns, item.column_aliases);
  join.alias = item.alias;
  join.aliased = true;
  join.rel_visible = !item.alias.empty();
  join.opaque = std::any_of(left.begin(), left.end(), [](const Source& s) { return s.opaque; }) ||
                std::any_of(right.begin(), right.end(), [](const Source& s) { return s.opaque; });
  if (!item.alias.empty()) return {join};
  std::vector<Source> out = std::move(left);
  out.insert(out.end(), right.begin(), right.end());
  for (Source& member : out) member.cols_visible = false;
  out.push_back(std::move(join));
  return out;
}

}  // namespace ds::lineage::detail
