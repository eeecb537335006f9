// FROM items: relations (with time travel and sampling), subqueries, joins, table functions
// (UNNEST ... WITH OFFSET, TABLE(FLATTEN(...)), LATERAL VIEW explode), PIVOT and UNPIVOT.
#include <algorithm>
#include <memory>

#include "parsers/dialect/parser.h"

namespace ds::dialect::detail {
namespace {

// Words that end a FROM item or a select item instead of naming it.
constexpr std::string_view kReserved[] = {
    "ALL", "AND", "ANTI", "AS", "ASC", "ASOF", "BETWEEN", "CASE", "COLLATE", "CONNECT", "CROSS",
    "DESC", "DISTINCT", "ELSE", "END", "ESCAPE", "EXCEPT", "FETCH", "FILTER", "FOR", "FROM",
    "FULL", "GROUP", "HAVING", "ILIKE", "IN", "INNER", "INTERSECT", "INTO", "IS", "ISNULL", "JOIN",
    "LATERAL", "LEFT", "LIKE", "LIMIT", "MATCH_RECOGNIZE", "MINUS", "NATURAL", "NOT", "NOTNULL",
    "NULLS", "OFFSET", "ON", "OR", "ORDER", "OUTER", "OVER", "PIVOT", "POSITIONAL", "QUALIFY",
    "RETURNING", "RIGHT", "RLIKE", "SAMPLE", "SELECT", "SEMI", "SIMILAR", "START", "TABLESAMPLE",
    "THEN", "UNION", "UNPIVOT", "USING", "VALUES", "WHEN", "WHERE", "WINDOW", "WITH", "WITHIN"};

ir::FromItem MakeJoin(ir::FromItem left, ir::FromItem right, ir::JoinType type) {
  ir::FromItem join;
  join.kind = ir::FromItem::Kind::kJoin;
  join.offset = left.offset;
  join.join_type = type;
  join.left = std::make_unique<ir::FromItem>(std::move(left));
  join.right = std::make_unique<ir::FromItem>(std::move(right));
  return join;
}

// Single-part column names an expression reads (PIVOT's aggregated columns).
void ColumnNames(const ir::Expr& expr, std::vector<std::string>& out) {
  if (expr.kind == ir::ExprKind::kColumnRef && !expr.names.empty()) out.push_back(expr.names.back());
  for (const ir::Expr& arg : expr.args) ColumnNames(arg, out);
}

// The names the FROM items `item` holds answer to (aliases, unaliased relation names).
void ItemNames(const ir::FromItem& item, std::vector<std::string>& out) {
  if (item.kind == ir::FromItem::Kind::kJoin) {
    if (item.left) ItemNames(*item.left, out);
    if (item.right) ItemNames(*item.right, out);
    return;
  }
  if (!item.alias.empty()) {
    out.push_back(item.alias);
  } else if (item.kind == ir::FromItem::Kind::kRelation) {
    out.push_back(item.relation.name);
  }
}

// MATCH_RECOGNIZE's pattern variables qualify columns of the input row they matched (`A.price`,
// `LAST(B.price)`): the column is the input's.
void StripPatternVariables(ir::Expr& expr, const std::vector<std::string>& variables) {
  if (expr.kind == ir::ExprKind::kColumnRef && expr.names.size() == 2 &&
      std::find(variables.begin(), variables.end(), expr.names[0]) != variables.end()) {
    expr.names.erase(expr.names.begin());
  }
  for (ir::Expr& arg : expr.args) StripPatternVariables(arg, variables);
}

ir::Expr And(ir::Expr left, ir::Expr right) {
  ir::Expr both = MakeExpr(ir::ExprKind::kOperator, left.offset, {"and"});
  both.args.push_back(std::move(left));
  both.args.push_back(std::move(right));
  return both;
}

void PartiqlUnnest(Parser& parser, std::vector<ir::FromItem>& items) {
  // Redshift PartiQL: FROM t AS c, c.items AS i [AT n] iterates the SUPER array c.items (an
  // earlier item's name, not a schema), i its element and n its index: unnest(c.items) here.
  ir::FromItem& last = items.back();
  if (last.kind != ir::FromItem::Kind::kRelation || last.relation.schema.empty()) return;
  std::vector<std::string> names;
  for (size_t i = 0; i + 1 < items.size(); ++i) ItemNames(items[i], names);
  if (std::find(names.begin(), names.end(), last.relation.schema) == names.end()) return;
  ir::FromItem item;
  item.kind = ir::FromItem::Kind::kFunction;
  item.offset = last.offset;
  item.lateral = true;
  ir::Expr call = MakeExpr(ir::ExprKind::kFunc, last.offset, {"unnest"});
  call.args.push_back(MakeExpr(ir::ExprKind::kColumnRef, last.offset,
                               {last.relation.schema, last.relation.name}));
  item.functions.push_back(std::move(call));
  item.alias = last.alias.empty() ? last.relation.name : last.alias;
  item.column_aliases.push_back(item.alias);
  if (parser.Accept("AT")) {
    item.ordinality = true;
    item.column_aliases.push_back(parser.Identifier());
  }
  last = std::move(item);
}

// The file a stem names: 'data/raw_customers.csv' is raw_customers (DuckDB's alias of it).
std::string FileStem(const std::string& path) {
  size_t slash = path.find_last_of("/\\");
  std::string name = slash == std::string::npos ? path : path.substr(slash + 1);
  size_t dot = name.find('.');
  return dot == std::string::npos || dot == 0 ? name : name.substr(0, dot);
}

// DuckDB's readers of a file whose columns are the file's (read_text and read_blob have their
// own): the path when the first argument is one string, else null (a list, a parameter).
const std::string* FileReadPath(const ir::Expr& call, const Dialect& dialect) {
  static constexpr std::string_view kReaders[] = {
      "read_csv", "read_csv_auto", "read_parquet", "parquet_scan", "read_json", "read_json_auto",
      "read_ndjson", "read_ndjson_auto", "read_xlsx", "st_read", "delta_scan", "iceberg_scan"};
  if (dialect.kind != DialectKind::kDuckDB || call.names.size() != 1 || call.args.empty()) return nullptr;
  if (std::find(std::begin(kReaders), std::end(kReaders), call.names[0]) == std::end(kReaders)) return nullptr;
  const ir::Expr& first = call.args[0];
  if (first.kind != ir::ExprKind::kLiteral || first.literal != ir::LiteralKind::kString || first.names.empty()) {
    return nullptr;
  }
  return &first.names[0];
}

}  // namespace

bool Parser::AtAlias() const {
  const Token& token = Peek();
  if (token.kind == TokenKind::kQuoted) return true;
  if (token.kind != TokenKind::kWord) return false;
  for (std::string_view word : kReserved) {
    if (IsKeyword(token, word)) return false;
  }
  // Snowflake time travel AT(...) / BEFORE(...) / CHANGES(...); Databricks VERSION AS OF.
  if ((IsKeyword(token, "AT") || IsKeyword(token, "BEFORE") || IsKeyword(token, "CHANGES")) && AtOp("(", 1)) {
    return false;
  }
  if ((IsKeyword(token, "VERSION") || IsKeyword(token, "TIMESTAMP")) && AtKeyword("AS", 1) && AtKeyword("OF", 2)) {
    return false;
  }
  return !(IsKeyword(token, "LATERAL") || IsKeyword(token, "WINDOW"));
}

std::string Parser::AliasName() {
  if (Peek().kind == TokenKind::kString) return Unquote(Advance(), dialect_);  // AS 'name'
  return Identifier();
}

std::vector<ir::FromItem> Parser::FromList() {
  std::vector<ir::FromItem> items;
  items.push_back(JoinTree());
  while (true) {
    if (AcceptOp(",")) {
      items.push_back(JoinTree());
      if (dialect_.kind == DialectKind::kRedshift) PartiqlUnnest(*this, items);
    } else if (AtKeyword("LATERAL") && AtKeyword("VIEW", 1)) {
      items.push_back(LateralView());
    } else {
      return items;
    }
  }
}

ir::FromItem Parser::JoinTree() {
  Nest nest(*this);
  ir::FromItem left = FromPrimary();
  while (true) {
    size_t start = pos_;
    bool natural = Accept("NATURAL");
    ir::JoinType type = ir::JoinType::kInner;
    bool cross = false;
    if (Accept("CROSS")) {
      cross = true;
      type = ir::JoinType::kCross;
      if (Accept("APPLY")) {  // CROSS APPLY f(...): a lateral cross join
        ir::FromItem right = FromPrimary();
        right.lateral = true;
        left = MakeJoin(std::move(left), std::move(right), ir::JoinType::kCross);
        continue;
      }
    } else if (Accept("LEFT")) {
      type = ir::JoinType::kLeft;
    } else if (Accept("RIGHT")) {
      type = ir::JoinType::kRight;
    } else if (Accept("FULL")) {
      type = ir::JoinType::kFull;
    } else {
      Accept("INNER");
    }
    Accept("OUTER");
    // Databricks LEFT SEMI / LEFT ANTI, DuckDB ASOF / POSITIONAL / SEMI / ANTI.
    if (Accept("SEMI") || Accept("ANTI")) type = ir::JoinType::kInner;
    if (Accept("POSITIONAL")) cross = true, type = ir::JoinType::kCross;
    Accept("ASOF");
    if (!Accept("JOIN")) {
      Rewind(start);
      return left;
    }
    ir::FromItem right = FromPrimary();
    ir::FromItem join = MakeJoin(std::move(left), std::move(right), type);
    join.natural = natural;
    if (!cross && !natural) {
      if (Accept("ON")) {
        join.on = std::make_unique<ir::Expr>(Expr());
      } else if (Accept("USING")) {
        join.using_columns = IdentifierList();
        if (Accept("AS")) Identifier();
      } else if (Accept("MATCH_CONDITION")) {  // Snowflake ASOF JOIN
        ExpectOp("(");
        join.on = std::make_unique<ir::Expr>(Expr());
        ExpectOp(")");
      } else if (type == ir::JoinType::kInner) {
        join.join_type = ir::JoinType::kCross;  // JOIN without a condition (BigQuery UNNEST, DuckDB)
      }
    }
    if (join.join_type == ir::JoinType::kInner && join.on && Accept("ON")) Expr();
    left = std::move(join);
  }
}

ir::FromItem Parser::FromPrimary() {
  Nest nest(*this);
  const Token& first = Peek();
  bool lateral = Accept("LATERAL");
  ir::FromItem item;
  if (AtOp("(")) {
    bool done = false;
    if (AtQueryStart(1)) {
      size_t start = pos_;
      try {
        Advance();
        item.kind = ir::FromItem::Kind::kSubquery;
        item.subquery = std::make_shared<const ir::Query>(Query());
        item.offset = item.subquery->offset;
        ExpectOp(")");
        done = true;
      } catch (const ParseFailure& failure) {
        if (failure.code == ir::DiagCode::kLimitExceeded) throw;
        Rewind(start);
      }
    }
    if (!done) {
      ExpectOp("(");
      item = JoinTree();
      ExpectOp(")");
    }
  } else if (AtKeyword("ROWS") && AtKeyword("FROM", 1) && AtOp("(", 2)) {
    // ROWS FROM (f(...) [AS (defs)], g(...)): one FROM item of several functions.
    item.kind = ir::FromItem::Kind::kFunction;
    item.offset = first.offset;
    pos_ += 3;
    do {
      uint32_t offset = Peek().offset;
      std::vector<std::string> names{Identifier()};
      while (AcceptOp(".")) names.push_back(Identifier());
      item.functions.push_back(Call(std::move(names), offset));
      if (Accept("AS")) {
        ExpectOp("(");
        do {
          std::string name = Identifier();
          item.column_defs.push_back({name, TypeName()});
        } while (AcceptOp(","));
        ExpectOp(")");
      }
    } while (AcceptOp(","));
    ExpectOp(")");
    item.offset = item.functions[0].offset;
    if (AtKeyword("WITH") && AtKeyword("ORDINALITY", 1)) {
      pos_ += 2;
      item.ordinality = true;
    }
    Alias(item);
    return item;
  } else if (AtKeyword("TABLE") && AtOp("(", 1)) {
    pos_ += 2;  // Snowflake TABLE(FLATTEN(...)), TABLE(GENERATOR(...))
    uint32_t offset = Peek().offset;
    std::vector<std::string> names{Identifier()};
    while (AcceptOp(".")) names.push_back(Identifier());
    item = FunctionItem(std::move(names), offset);
    ExpectOp(")");
    if (item.alias.empty()) Alias(item);
    return item;
  } else if (AtKeyword("VALUES") && AtOp("(", 1)) {
    // Databricks: FROM VALUES (1, 'a'), (2, 'b') AS t(a, b), an inline table unparenthesized.
    uint32_t offset = Peek().offset;
    return Derived(Values(), offset);
  } else if (Peek().kind == TokenKind::kString) {
    // DuckDB: FROM 'file.parquet' reads a file: a relation no catalog knows, named by its stem.
    item.offset = first.offset;
    item.relation.name = Unquote(Advance(), dialect_);
    item.file = true;
  } else {
    item.offset = Peek().offset;
    item.only = Accept("ONLY");
    if (Peek().kind == TokenKind::kQuoted && Peek().text[0] == '`') {
      item.relation = RelationName();
    } else {
      std::vector<std::string> names{Identifier()};
      while (AtOp(".") && AtIdentifier(1)) {
        Advance();
        names.push_back(Identifier());
      }
      if (AtOp("(")) {
        ir::FromItem function = FunctionItem(std::move(names), item.offset);
        function.lateral = lateral;
        return function;
      }
      if (names.size() >= 3) names.erase(names.begin(), names.end() - 2);
      item.relation.name = names.back();
      if (names.size() == 2) item.relation.schema = names[0];
    }
    TimeTravel();
  }
  item.lateral = item.lateral || lateral;
  if (item.kind == ir::FromItem::Kind::kRelation && (AtKeyword("TABLESAMPLE") || AtKeyword("SAMPLE"))) {
    Advance();
    if (Peek().kind == TokenKind::kWord && !AtOp("(")) Advance();  // BERNOULLI / SYSTEM
    if (AtOp("(")) {
      Advance();
      while (!AtOp(")") && !AtEnd()) Advance();
      ExpectOp(")");
    }
    if (Accept("REPEATABLE") || Accept("SEED")) {
      ExpectOp("(");
      Expr();
      ExpectOp(")");
    }
  }
  if (item.kind != ir::FromItem::Kind::kFunction) Alias(item);
  if (item.file && item.alias.empty()) item.alias = FileStem(item.relation.name);
  if (item.kind == ir::FromItem::Kind::kRelation) TimeTravel();
  while (true) {
    if (AtKeyword("PIVOT") && AtOp("(", 1)) {
      item = Pivot(std::move(item));
    } else if (AtKeyword("UNPIVOT") && (AtOp("(", 1) || AtKeyword("INCLUDE", 1) || AtKeyword("EXCLUDE", 1))) {
      item = Unpivot(std::move(item));
    } else if (AtKeyword("MATCH_RECOGNIZE") && AtOp("(", 1)) {
      item = MatchRecognize(std::move(item));
    } else {
      return item;
    }
  }
}

ir::FromItem Parser::FunctionItem(std::vector<std::string> names, uint32_t offset) {
  ir::FromItem item;
  item.kind = ir::FromItem::Kind::kFunction;
  item.offset = offset;
  item.functions.push_back(Call(std::move(names), offset));
  if (const std::string* path = FileReadPath(item.functions[0], dialect_)) {
    // DuckDB: read_csv('data/x.csv', ...) is the file, as FROM 'data/x.csv' is; its alias
    // defaults to the function's name.
    ir::FromItem file;
    file.offset = offset;
    file.relation.name = *path;
    file.file = true;
    file.alias = item.functions[0].names.back();
    Alias(file);
    return file;
  }
  // IFF(...) in FROM reads as CASE, which has no name.
  const std::vector<std::string>& parts = item.functions[0].names;
  const std::string name = parts.empty() ? "" : parts.back();
  if (AtKeyword("WITH") && AtKeyword("ORDINALITY", 1)) {
    pos_ += 2;
    item.ordinality = true;
  }
  Alias(item);
  UnnestSuffixes(item);
  // Trino: UNNEST(map) AS t(k, v), UNNEST(array of rows) AS t(a, b): one argument, a column
  // per field, each made of the argument.
  size_t ordinal = item.ordinality ? 1 : 0;
  if (dialect_.kind == DialectKind::kTrino && name == "unnest" && item.column_defs.empty() &&
      item.column_aliases.size() > item.functions[0].args.size() + ordinal) {
    for (size_t i = 0; i + ordinal < item.column_aliases.size(); ++i) {
      item.column_defs.push_back({item.column_aliases[i], ""});
    }
  }
  if (item.column_defs.empty()) {  // the function's own columns, renamed by an alias list
    for (std::string_view column : dialect_.TableFunctionColumns(name)) {
      item.column_defs.push_back({std::string(column), ""});
    }
  }
  return item;
}

void Parser::UnnestSuffixes(ir::FromItem& item) {
  // BigQuery: UNNEST(a) AS x WITH OFFSET [AS] pos: the element is x, the position pos.
  if (!(AtKeyword("WITH") && AtKeyword("OFFSET", 1))) return;
  pos_ += 2;
  std::string position = "offset";
  if (Accept("AS") || AtAlias()) position = AliasName();
  item.ordinality = true;
  if (item.column_aliases.empty()) item.column_aliases.push_back(item.alias.empty() ? "unnest" : item.alias);
  item.column_aliases.push_back(position);
}

void Parser::TimeTravel() {
  // Snowflake AT(...) / BEFORE(...) / CHANGES(...), BigQuery FOR SYSTEM_TIME AS OF x, Trino
  // FOR TIMESTAMP|VERSION AS OF x, Databricks TIMESTAMP|VERSION AS OF x: the relation is read.
  while (true) {
    if ((AtKeyword("AT") || AtKeyword("BEFORE") || AtKeyword("CHANGES") || AtKeyword("END")) && AtOp("(", 1)) {
      pos_ += 2;
      int balance = 1;
      while (balance > 0 && !AtEnd()) {
        const Token& token = Advance();
        if (token.kind == TokenKind::kOp && token.text == "(") ++balance;
        if (token.kind == TokenKind::kOp && token.text == ")") --balance;
      }
    } else if (AtKeyword("FOR") && (AtKeyword("SYSTEM_TIME", 1) || AtKeyword("TIMESTAMP", 1) ||
                                    AtKeyword("VERSION", 1) || AtKeyword("SYSTEM_VERSION", 1))) {
      pos_ += 2;
      Expect("AS");
      Expect("OF");
      Expr(kPrecedenceOtherOp);
    } else if ((AtKeyword("TIMESTAMP") || AtKeyword("VERSION")) && AtKeyword("AS", 1) && AtKeyword("OF", 2)) {
      pos_ += 3;
      Expr(kPrecedenceOtherOp);
    } else if (dialect_.kind == DialectKind::kDatabricks && AtOp("@") &&
               (Peek(1).kind == TokenKind::kWord || Peek(1).kind == TokenKind::kNumber)) {
      pos_ += 2;  // Databricks t@v3 (a version), t@20240101000000000 (a timestamp)
    } else {
      return;
    }
  }
}

void Parser::Alias(ir::FromItem& item, bool allow_columns) {
  if (Accept("AS")) {
    item.alias = AliasName();
  } else if (AtAlias()) {
    item.alias = AliasName();
  } else {
    return;
  }
  if (!allow_columns || !AtOp("(")) return;
  Advance();
  do {
    std::string name = Identifier();
    if (!AtOp(",") && !AtOp(")")) {
      item.column_defs.push_back({name, TypeName()});  // AS x(a int, b text)
    } else {
      item.column_aliases.push_back(std::move(name));
    }
  } while (AcceptOp(","));
  ExpectOp(")");
  if (!item.column_defs.empty() && !item.column_aliases.empty()) {
    for (const std::string& name : item.column_aliases) item.column_defs.push_back({name, ""});
    item.column_aliases.clear();
  }
}

ir::FromItem Parser::LateralView() {
  // Databricks: LATERAL VIEW [OUTER] explode(x) t [AS c1, c2]
  pos_ += 2;
  Accept("OUTER");
  uint32_t offset = Peek().offset;
  std::vector<std::string> names{Identifier()};
  while (AcceptOp(".")) names.push_back(Identifier());
  ir::FromItem item;
  item.kind = ir::FromItem::Kind::kFunction;
  item.offset = offset;
  item.lateral = true;
  item.functions.push_back(Call(std::move(names), offset));
  if (AtAlias()) item.alias = Identifier();
  if (Accept("AS")) {
    do {
      item.column_aliases.push_back(Identifier());
    } while (AcceptOp(","));
  }
  // The function's own columns (posexplode: pos, col), renamed by the AS list.
  const std::vector<std::string>& parts = item.functions[0].names;
  for (std::string_view column : dialect_.TableFunctionColumns(parts.empty() ? "" : parts.back())) {
    item.column_defs.push_back({std::string(column), ""});
  }
  // The AS list names every column the generator gives: explode(map) AS k, v, inline(structs)
  // AS a, b, json_tuple(j, 'a', 'b') AS a, b -- each made of the arguments.
  if (item.column_aliases.size() > std::max<size_t>(item.column_defs.size(), 1)) {
    item.column_defs.clear();
    for (const std::string& name : item.column_aliases) item.column_defs.push_back({name, ""});
  }
  return item;
}

ir::FromItem Parser::Derived(ir::Query query, uint32_t offset) {
  ir::FromItem item;
  item.kind = ir::FromItem::Kind::kSubquery;
  item.offset = offset;
  item.subquery = std::make_shared<const ir::Query>(std::move(query));
  Alias(item);
  return item;
}

std::string Parser::PivotColumnName(const ir::Expr& value, const std::string& name,
                                    const std::string& aggregate, size_t aggregates) const {
  // Snowflake keeps a string value's quotes ('JAN'); BigQuery names it total_JAN after the
  // aggregate's alias; Databricks and DuckDB JAN_total.
  bool named = value.kind != ir::ExprKind::kLiteral || value.names.empty() || name != value.names.back();
  if (dialect_.kind == DialectKind::kSnowflake) {
    return !named && value.literal == ir::LiteralKind::kString ? "'" + name + "'" : name;
  }
  if (aggregate.empty() && aggregates == 1) return name;
  std::string suffix = aggregate.empty() ? "?column?" : aggregate;
  return dialect_.kind == DialectKind::kBigQuery ? suffix + "_" + name : name + "_" + suffix;
}

ir::FromItem Parser::Pivot(ir::FromItem source) {
  // t PIVOT (agg(x) [AS a], ... FOR c IN (v1 [AS n1], ...)): SELECT * EXCLUDE (x, c),
  // agg(x) FILTER (WHERE c = v1) AS n1, ... FROM t -- the same lineage, in our IR.
  uint32_t offset = Peek().offset;
  pos_ += 2;
  std::vector<ir::ResTarget> aggregates;
  do {
    ir::ResTarget aggregate;
    aggregate.expr = Expr();
    if (Accept("AS") || AtAlias()) aggregate.alias = AliasName();
    aggregates.push_back(std::move(aggregate));
  } while (AcceptOp(","));
  Expect("FOR");
  ir::Expr pivot_column = Expr(kPrecedenceOtherOp);
  Expect("IN");
  ExpectOp("(");
  std::vector<std::pair<ir::Expr, std::string>> values;
  if (Accept("ANY")) {
    if (Accept("ORDER")) {
      Expect("BY");
      SortList();
    }
  } else {
    do {
      ir::Expr value = Expr();
      std::string name;
      if (Accept("AS") || AtAlias()) {
        name = AliasName();
      } else if ((value.kind == ir::ExprKind::kLiteral || value.kind == ir::ExprKind::kColumnRef) &&
                 !value.names.empty()) {
        name = value.names.back();
      }
      values.emplace_back(std::move(value), std::move(name));
    } while (AcceptOp(","));
  }
  ExpectOp(")");
  if (Accept("DEFAULT")) {
    Expect("ON");
    Expect("NULL");
    ExpectOp("(");
    Expr();
    ExpectOp(")");
  }
  ExpectOp(")");
  ir::Query query;
  query.offset = offset;
  ir::Expr star;
  star.kind = ir::ExprKind::kStar;
  star.offset = offset;
  ColumnNames(pivot_column, star.MutableExtras().star_except);
  for (const ir::ResTarget& aggregate : aggregates) ColumnNames(aggregate.expr, star.MutableExtras().star_except);
  query.targets.push_back({"", std::move(star)});
  for (const auto& [value, name] : values) {
    for (const ir::ResTarget& aggregate : aggregates) {
      ir::ResTarget target{PivotColumnName(value, name, aggregate.alias, aggregates.size()),
                           Clone(aggregate.expr)};
      ir::Expr condition;
      condition.kind = ir::ExprKind::kOperator;
      condition.offset = value.offset;
      condition.names = {"="};
      condition.args.push_back(Clone(pivot_column));
      condition.args.push_back(Clone(value));
      target.expr.MutableExtras().agg_filter = std::make_unique<ir::Expr>(std::move(condition));
      query.targets.push_back(std::move(target));
    }
  }
  query.from.push_back(std::move(source));
  return Derived(std::move(query), offset);
}

ir::FromItem Parser::Unpivot(ir::FromItem source) {
  // t UNPIVOT (v FOR n IN (a, b)): SELECT * EXCLUDE (a, b), 'name' AS n, unpivot(a, b) AS v FROM t
  uint32_t offset = Advance().offset;
  if (Accept("INCLUDE") || Accept("EXCLUDE")) Expect("NULLS");
  ExpectOp("(");
  std::string value_name = Identifier();
  Expect("FOR");
  std::string name_name = Identifier();
  Expect("IN");
  ExpectOp("(");
  ir::Expr star = MakeExpr(ir::ExprKind::kStar, offset);
  ir::Expr values = MakeExpr(ir::ExprKind::kOther, offset, {"unpivot"});
  do {
    uint32_t column_offset = Peek().offset;
    std::string column = Identifier();
    if (Accept("AS")) Expr();
    star.MutableExtras().star_except.push_back(column);
    values.args.push_back(MakeExpr(ir::ExprKind::kColumnRef, column_offset, {column}));
  } while (AcceptOp(","));
  ExpectOp(")");
  ExpectOp(")");
  ir::Query query;
  query.offset = offset;
  query.targets.push_back({"", std::move(star)});
  ir::Expr label = MakeExpr(ir::ExprKind::kLiteral, offset, {name_name});
  label.literal = ir::LiteralKind::kString;
  // BigQuery gives the value column, then the name column; Snowflake, Databricks, Redshift and
  // DuckDB the name column first.
  if (dialect_.kind == DialectKind::kBigQuery) {
    query.targets.push_back({value_name, std::move(values)});
    query.targets.push_back({name_name, std::move(label)});
  } else {
    query.targets.push_back({name_name, std::move(label)});
    query.targets.push_back({value_name, std::move(values)});
  }
  query.from.push_back(std::move(source));
  return Derived(std::move(query), offset);
}

ir::FromItem Parser::MatchRecognize(ir::FromItem source) {
  // t MATCH_RECOGNIZE (PARTITION BY p ORDER BY o MEASURES m AS x ... [ONE ROW | ALL ROWS] PER MATCH
  // ... PATTERN (...) DEFINE A AS cond, ...): SELECT p, m AS x FROM t WHERE cond ... ORDER BY o
  // (ALL ROWS PER MATCH: SELECT *, m AS x): partition keys pass through, measures read what they
  // name, the conditions and the order decide which rows match.
  uint32_t offset = Advance().offset;
  ExpectOp("(");
  ir::Query query;
  query.offset = offset;
  std::vector<ir::Expr> partition;
  std::vector<ir::ResTarget> measures;
  std::vector<ir::Expr> conditions;
  std::vector<std::string> variables;
  bool all_rows = false;
  while (!AtOp(")") && !AtEnd()) {
    if (Accept("PARTITION")) {
      Expect("BY");
      do partition.push_back(Expr()); while (AcceptOp(","));
    } else if (Accept("ORDER")) {
      Expect("BY");
      query.order_by = SortList();
    } else if (Accept("MEASURES")) {
      do {
        if (!Accept("RUNNING")) Accept("FINAL");
        ir::ResTarget measure;
        measure.expr = Expr();
        Accept("AS");
        measure.alias = AliasName();
        measures.push_back(std::move(measure));
      } while (AcceptOp(","));
    } else if (Accept("ONE")) {
      Expect("ROW");
      Expect("PER");
      Expect("MATCH");
    } else if (Accept("ALL")) {
      Expect("ROWS");
      Expect("PER");
      Expect("MATCH");
      all_rows = true;
      if (Accept("SHOW") || Accept("OMIT")) {
        Expect("EMPTY");
        Expect("MATCHES");
      } else if (Accept("WITH")) {
        Expect("UNMATCHED");
        Expect("ROWS");
      }
    } else if (Accept("AFTER")) {
      Expect("MATCH");
      Expect("SKIP");
      if (Accept("PAST")) {
        Expect("LAST");
        Expect("ROW");
      } else {
        Expect("TO");
        if (Accept("NEXT")) {
          Expect("ROW");
        } else {
          if (!Accept("FIRST")) Accept("LAST");
          variables.push_back(Identifier());
        }
      }
    } else if (Accept("INITIAL") || Accept("SEEK")) {
    } else if (Accept("PATTERN")) {
      // A regular expression over pattern variables: its words are the variables.
      ExpectOp("(");
      for (int depth = 1; depth > 0 && !AtEnd();) {
        if (AtOp("(")) ++depth;
        if (AtOp(")") && --depth == 0) break;
        if (Peek().kind == TokenKind::kWord || Peek().kind == TokenKind::kQuoted) {
          variables.push_back(Identifier());
        } else {
          Advance();
        }
      }
      ExpectOp(")");
    } else if (Accept("SUBSET")) {
      do {
        variables.push_back(Identifier());
        ExpectOp("=");
        ExpectOp("(");
        IdentifierList();
        ExpectOp(")");
      } while (AcceptOp(","));
    } else if (Accept("DEFINE")) {
      do {
        variables.push_back(Identifier());
        Expect("AS");
        conditions.push_back(Expr());
      } while (AcceptOp(","));
    } else {
      throw ParseFailure{Peek().offset, ir::DiagCode::kSyntaxError,
                         "unexpected " + std::string(Peek().text) + " in MATCH_RECOGNIZE"};
    }
  }
  ExpectOp(")");
  if (all_rows) query.targets.push_back({"", MakeExpr(ir::ExprKind::kStar, offset)});
  for (ir::Expr& key : partition) {
    if (!all_rows) query.targets.push_back({"", std::move(key)});
  }
  for (ir::ResTarget& measure : measures) {
    StripPatternVariables(measure.expr, variables);
    query.targets.push_back(std::move(measure));
  }
  for (ir::Expr& condition : conditions) {
    StripPatternVariables(condition, variables);
    query.where = std::make_unique<ir::Expr>(query.where ? And(std::move(*query.where), std::move(condition))
                                                         : std::move(condition));
  }
  for (ir::SortItem& item : query.order_by) StripPatternVariables(item.expr, variables);
  query.from.push_back(std::move(source));
  return Derived(std::move(query), offset);
}

}  // namespace ds::dialect::detail
