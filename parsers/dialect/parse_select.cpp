// Query blocks: WITH, set operations, SELECT (DuckDB's FROM-first too), VALUES, and the clauses
// of a block, including QUALIFY, GROUP BY ALL and ORDER BY ALL.
#include <algorithm>
#include <memory>

#include "parsers/dialect/parser.h"

namespace ds::dialect::detail {
namespace {

std::shared_ptr<const ir::Query> Share(ir::Query query) {
  return std::make_shared<const ir::Query>(std::move(query));
}

ir::Query Combine(ir::SetOp op, bool all, ir::Query left, ir::Query right) {
  ir::Query query;
  query.offset = left.offset;
  query.set_op = op;
  query.set_all = all;
  query.larg = Share(std::move(left));
  query.rarg = Share(std::move(right));
  return query;
}

bool ContainsAggregate(const ir::Expr& expr) {
  if (expr.kind == ir::ExprKind::kFunc && !expr.Extras().over &&
      (expr.agg_star || expr.agg_distinct || expr.Extras().agg_filter || expr.agg_within_group ||
       expr.aggregate)) {
    return true;
  }
  if (expr.Extras().over) return true;  // a window function is not a grouping key either
  return std::any_of(expr.args.begin(), expr.args.end(),
                     [&](const ir::Expr& arg) { return ContainsAggregate(arg); });
}

}  // namespace

ir::Query Parser::Query() {
  Nest nest(*this);
  ir::Query with;
  if (AtKeyword("WITH")) With(with);
  ir::Query query = SetExpression();
  OrderLimit(query);
  if (!with.ctes.empty()) {
    query.recursive = query.recursive || with.recursive;
    query.ctes.insert(query.ctes.begin(), std::make_move_iterator(with.ctes.begin()),
                      std::make_move_iterator(with.ctes.end()));
  }
  return query;
}

void Parser::With(ir::Query& query) {
  Expect("WITH");
  query.recursive = Accept("RECURSIVE");
  do {
    ir::Cte cte;
    cte.offset = Peek().offset;
    cte.name = Identifier();
    if (AtOp("(")) cte.column_names = IdentifierList();
    Expect("AS");
    Accept("NOT");
    Accept("MATERIALIZED");
    ExpectOp("(");
    cte.query = Share(Query());
    ExpectOp(")");
    query.ctes.push_back(std::move(cte));
  } while (AcceptOp(","));
}

ir::Query Parser::SetExpression() {
  ir::Query left = SetTerm();
  while (AtKeyword("UNION") || AtKeyword("EXCEPT") || AtKeyword("MINUS")) {
    ir::SetOp op = AtKeyword("UNION") ? ir::SetOp::kUnion : ir::SetOp::kExcept;
    Advance();
    bool all = Accept("ALL");
    if (!all) Accept("DISTINCT");
    if (Accept("BY")) Expect("NAME");  // DuckDB: UNION BY NAME
    left = Combine(op, all, std::move(left), SetTerm());
  }
  return left;
}

ir::Query Parser::SetTerm() {
  ir::Query left = SetPrimary();
  while (Accept("INTERSECT")) {
    bool all = Accept("ALL");
    if (!all) Accept("DISTINCT");
    left = Combine(ir::SetOp::kIntersect, all, std::move(left), SetPrimary());
  }
  return left;
}

ir::Query Parser::SetPrimary() {
  Nest nest(*this);
  if (AcceptOp("(")) {
    ir::Query query = Query();
    ExpectOp(")");
    return query;
  }
  if (AtKeyword("SELECT") || AtKeyword("FROM")) return SelectBlock();
  if (AtKeyword("VALUES")) return Values();
  if (AtKeyword("WITH")) return Query();
  if (AtKeyword("TABLE")) {
    // TABLE t is SELECT * FROM t.
    ir::Query query;
    query.offset = Advance().offset;
    ir::FromItem item;
    item.offset = Peek().offset;
    item.relation = RelationName();
    query.targets.push_back({"", ir::Expr{}});
    query.targets.back().expr.kind = ir::ExprKind::kStar;
    query.targets.back().expr.offset = query.offset;
    query.from.push_back(std::move(item));
    return query;
  }
  Fail(AtEnd() ? "syntax error at end of input"
               : "syntax error at or near \"" + std::string(Peek().text) + "\"");
}

ir::Query Parser::Values() {
  ir::Query query;
  query.offset = Peek().offset;
  Expect("VALUES");
  do {
    ExpectOp("(");
    std::vector<ir::Expr> row;
    row.push_back(Expr());
    while (AcceptOp(",")) row.push_back(Expr());
    ExpectOp(")");
    query.values.push_back(std::move(row));
  } while (AcceptOp(","));
  return query;
}

ir::Query Parser::SelectBlock() {
  ir::Query query;
  query.offset = Peek().offset;
  query.lateral_aliases = dialect_.lateral_aliases;  // the dialect's rules, for lineage to read
  query.constant_keys = dialect_.AllowsConstantKeys();
  if (Accept("FROM")) {  // DuckDB: FROM t [SELECT ...]
    query.from = FromList();
    if (Accept("SELECT")) {
      SelectList(query);
    } else {
      ir::Expr star;
      star.kind = ir::ExprKind::kStar;
      star.offset = query.offset;
      query.targets.push_back({"", std::move(star)});
    }
  } else {
    Expect("SELECT");
    SelectList(query);
    if (Accept("INTO")) {
      if (!Accept("TEMP") && !Accept("TEMPORARY")) Accept("UNLOGGED");
      Accept("TABLE");
      RelationName();
    }
    if (Accept("FROM")) query.from = FromList();
  }
  if (!query.targets.empty()) query.offset = query.targets[0].expr.offset;
  SelectClauses(query);
  return query;
}

bool Parser::AtTop() {
  // SELECT TOP 10 (Snowflake, Redshift); `top` stays a column name elsewhere.
  if (!AtKeyword("TOP") || (Peek(1).kind != TokenKind::kNumber && !AtOp("(", 1))) return false;
  Advance();
  return true;
}

void Parser::SelectList(ir::Query& query) {
  if (AtTop()) Expr(kPrecedenceMul);
  if (Accept("DISTINCT")) {
    query.distinct = true;
    if (Accept("ON")) {
      ExpectOp("(");
      query.distinct_on.push_back(Expr());
      while (AcceptOp(",")) query.distinct_on.push_back(Expr());
      ExpectOp(")");
    }
  } else {
    Accept("ALL");
  }
  if (AtKeyword("AS") && (AtKeyword("STRUCT", 1) || AtKeyword("VALUE", 1))) pos_ += 2;  // BigQuery
  if (AtTop()) Expr(kPrecedenceMul);
  // PostgreSQL allows an empty select list: SELECT FROM t.
  if (AtKeyword("FROM") || AtEnd() || AtOp(")")) return;
  do {
    if (AtKeyword("FROM") || AtOp(")") || AtEnd()) break;  // a trailing comma
    query.targets.push_back(Target());
  } while (AcceptOp(","));
}

ir::ResTarget Parser::Target() {
  ir::ResTarget target;
  target.expr = Expr();
  if (target.expr.kind == ir::ExprKind::kStar) {
    if (dialect_.kind != DialectKind::kPostgres) StarModifiers(target.expr);
    return target;
  }
  if (Accept("AS")) {
    target.alias = AliasName();
  } else if (AtAlias()) {
    target.alias = AliasName();
  }
  return target;
}

void Parser::StarModifiers(ir::Expr& star) {
  while (true) {
    if ((AtKeyword("EXCLUDE") || AtKeyword("EXCEPT")) && (AtOp("(", 1) || (AtKeyword("EXCLUDE") && AtIdentifier(1)))) {
      Advance();
      if (AtOp("(")) {
        for (std::string& name : IdentifierList()) star.MutableExtras().star_except.push_back(std::move(name));
      } else {
        star.MutableExtras().star_except.push_back(Identifier());
      }
    } else if (AtKeyword("REPLACE") && AtOp("(", 1)) {
      pos_ += 2;
      do {
        ir::ResTarget replace;
        replace.expr = Expr();
        Expect("AS");
        replace.alias = Identifier();
        star.MutableExtras().star_replace.push_back(std::move(replace));
      } while (AcceptOp(","));
      ExpectOp(")");
    } else if (AtKeyword("RENAME") && (AtOp("(", 1) || AtIdentifier(1))) {
      Advance();
      bool list = AcceptOp("(");
      do {
        std::string old_name = Identifier();
        Expect("AS");
        star.MutableExtras().star_rename.emplace_back(std::move(old_name), Identifier());
      } while (list && AcceptOp(","));
      if (list) ExpectOp(")");
    } else if (AtKeyword("ILIKE") && Peek(1).kind == TokenKind::kString) {
      pos_ += 2;  // Snowflake: * ILIKE 'pattern' (columns unknown here; all of them are kept)
    } else {
      return;
    }
  }
}

void Parser::SelectClauses(ir::Query& query) {
  bool group_all = false;
  while (true) {
    if (Accept("WHERE")) {
      query.where = std::make_unique<ir::Expr>(Expr());
    } else if (AtKeyword("GROUP") && AtKeyword("BY", 1)) {
      pos_ += 2;
      if (AtKeyword("ALL") && (AtEnd() || AtOp(")", 1) || AtOp(";", 1) || Peek(1).kind == TokenKind::kEnd ||
                               AtKeyword("HAVING", 1) || AtKeyword("ORDER", 1) || AtKeyword("QUALIFY", 1) ||
                               AtKeyword("LIMIT", 1) || AtKeyword("WINDOW", 1) || AtKeyword("UNION", 1) ||
                               AtKeyword("EXCEPT", 1) || AtKeyword("INTERSECT", 1))) {
        Advance();
        group_all = true;
      } else {
        GroupBy(query);
      }
    } else if (Accept("HAVING")) {
      query.having = std::make_unique<ir::Expr>(Expr());
    } else if (Accept("WINDOW")) {
      do {
        std::string name = Identifier();
        Expect("AS");
        ir::WindowSpec window = WindowBody();
        window.name = std::move(name);
        query.windows.push_back(std::move(window));
      } while (AcceptOp(","));
    } else if (dialect_.kind != DialectKind::kPostgres &&
               ((AtKeyword("START") && AtKeyword("WITH", 1)) || (AtKeyword("CONNECT") && AtKeyword("BY", 1)))) {
      // Snowflake's hierarchical query: START WITH <condition> CONNECT BY [NOCYCLE] <condition>,
      // read as filters over the FROM items (lineage needs no more: the columns are the same).
      uint32_t offset = Advance().offset;
      Advance();
      Accept("NOCYCLE");
      ir::Expr condition = Expr();
      if (query.where) {
        ir::Expr both = MakeExpr(ir::ExprKind::kOperator, offset, {"and"});
        both.args.push_back(std::move(*query.where));
        both.args.push_back(std::move(condition));
        condition = std::move(both);
      }
      query.where = std::make_unique<ir::Expr>(std::move(condition));
    } else if (dialect_.kind != DialectKind::kPostgres && Accept("QUALIFY")) {
      // Not PostgreSQL's: as the fallback of libpg_query, postgres mode must refuse it, so that a
      // warehouse's file read without its `dialect:` is a syntax error, not a silent misread.
      query.qualify = std::make_unique<ir::Expr>(Expr());
    } else {
      break;
    }
  }
  if (group_all) {
    // GROUP BY ALL: every select item that is not an aggregate (DuckDB, Snowflake, Databricks).
    for (const ir::ResTarget& target : query.targets) {
      if (!ContainsAggregate(target.expr)) query.group_by.push_back(Clone(target.expr));
    }
  }
}

void Parser::GroupBy(ir::Query& query) {
  Accept("DISTINCT");
  Accept("ALL");
  do {
    query.group_by.push_back(GroupingItem());
  } while (AcceptOp(","));
  if (AtKeyword("WITH") && (AtKeyword("ROLLUP", 1) || AtKeyword("CUBE", 1))) pos_ += 2;
}

ir::Expr Parser::GroupingItem() {
  // ROLLUP (...), CUBE (...), GROUPING SETS (...), () or an expression.
  const Token& token = Peek();
  std::string kind;
  if (AtKeyword("ROLLUP") && AtOp("(", 1)) kind = "rollup";
  if (AtKeyword("CUBE") && AtOp("(", 1)) kind = "cube";
  if (AtKeyword("GROUPING") && AtKeyword("SETS", 1)) kind = "sets";
  if (AtOp("(") && AtOp(")", 1)) kind = "empty";
  if (kind.empty()) return Expr();
  Nest nest(*this);
  pos_ += kind == "sets" ? 2 : kind == "empty" ? 0 : 1;
  ir::Expr set;
  set.kind = ir::ExprKind::kGroupingSet;
  set.offset = token.offset;
  set.names = {kind};
  ExpectOp("(");
  if (!AtOp(")")) {
    set.args.push_back(GroupingItem());
    while (AcceptOp(",")) set.args.push_back(GroupingItem());
  }
  ExpectOp(")");
  return set;
}

void Parser::OrderLimit(ir::Query& query) {
  if (AtKeyword("ORDER") && AtKeyword("BY", 1)) {
    pos_ += 2;
    if (AtKeyword("ALL") && !AtOp("(", 1) && query.set_op == ir::SetOp::kNone) {
      Advance();  // ORDER BY ALL (DuckDB, Databricks): every select item, in order
      Accept("ASC") || Accept("DESC");
      for (const ir::ResTarget& target : query.targets) query.order_by.push_back({Clone(target.expr)});
    } else {
      query.order_by = SortList();
    }
  }
  while (true) {
    if (Accept("LIMIT")) {
      if (Accept("ALL")) continue;
      query.limit = std::make_unique<ir::Expr>(Expr());
      if (AcceptOp(",")) query.limit = std::make_unique<ir::Expr>(Expr());  // LIMIT offset, count
    } else if (Accept("OFFSET")) {
      query.offset_expr = std::make_unique<ir::Expr>(Expr());
      if (!Accept("ROWS")) Accept("ROW");
    } else if (Accept("FETCH")) {
      if (!Accept("FIRST")) Expect("NEXT");
      if (!AtKeyword("ROW") && !AtKeyword("ROWS")) query.limit = std::make_unique<ir::Expr>(Expr(kPrecedenceAdd));
      if (!Accept("ROWS")) Expect("ROW");
      if (Accept("WITH")) {
        Expect("TIES");
      } else {
        Expect("ONLY");
      }
    } else {
      return;
    }
  }
}

}  // namespace ds::dialect::detail
