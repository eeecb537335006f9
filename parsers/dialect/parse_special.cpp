// Expressions with a grammar of their own: CASE, CAST, EXISTS, ARRAY, INTERVAL, EXTRACT,
// SUBSTRING/POSITION/TRIM/OVERLAY, COALESCE and friends, CURRENT_DATE and friends; type names.
#include <cctype>
#include <memory>

#include "parsers/dialect/parser.h"

namespace ds::dialect::detail {
namespace {

// PostgreSQL's SQL-value functions (no parentheses needed), spelled as their node prints them.
constexpr std::string_view kValueFunctions[] = {
    "CURRENT_DATE", "CURRENT_TIME", "CURRENT_TIMESTAMP", "LOCALTIME", "LOCALTIMESTAMP",
    "CURRENT_ROLE", "CURRENT_USER", "SESSION_USER", "USER", "CURRENT_CATALOG", "CURRENT_SCHEMA"};

// Keyword-named expressions PostgreSQL keeps as their own node (kOther in our IR).
constexpr std::string_view kKeywordCalls[] = {"COALESCE", "GREATEST", "LEAST", "NULLIF", "GROUPING"};

// PostgreSQL's spelling of a type as format_type() prints it (so output columns named after a
// cast read as PostgreSQL names them).
}  // namespace

std::string PostgresTypeName(const std::string& base) {
  static const std::pair<std::string_view, std::string_view> kAliases[] = {
      {"int2", "smallint"}, {"int4", "integer"}, {"int", "integer"}, {"int8", "bigint"},
      {"float4", "real"}, {"float8", "double precision"}, {"bool", "boolean"},
      {"varchar", "character varying"}, {"char", "character"}, {"bpchar", "character"},
      {"decimal", "numeric"}, {"dec", "numeric"}, {"float", "double precision"},
      {"timestamp", "timestamp without time zone"}, {"timestamptz", "timestamp with time zone"},
      {"time", "time without time zone"}, {"timetz", "time with time zone"},
      {"varbit", "bit varying"}, {"char varying", "character varying"}};
  for (const auto& [alias, pretty] : kAliases) {
    if (base == alias) return std::string(pretty);
  }
  return base;
}

ir::Expr Parser::SpecialForm(const std::string& word, uint32_t offset, bool& handled) {
  handled = true;
  bool call = AtOp("(", 1);
  if (word == "CASE") {
    Advance();
    return Case(offset);
  }
  if ((word == "CAST" || word == "TRY_CAST" || word == "SAFE_CAST") && call) {
    pos_ += 2;
    ir::Expr cast = MakeExpr(ir::ExprKind::kCast, offset);
    cast.args.push_back(Expr());
    Expect("AS");
    cast.MutableExtras().type_name = TypeName();
    if (Accept("FORMAT")) Expr();
    ExpectOp(")");
    return cast;
  }
  // EXISTS (subquery); Databricks' exists(array, x -> ...) is a function call.
  if (word == "EXISTS" && call && AtQueryStart(2)) {
    pos_ += 2;
    ir::Expr link = MakeExpr(ir::ExprKind::kSubLink, offset);
    link.sublink = ir::SubLinkKind::kExists;
    link.subquery = std::make_shared<const ir::Query>(Query());
    ExpectOp(")");
    return link;
  }
  if (word == "ARRAY" && (AtOp("[", 1) || (call && AtQueryStart(2)))) {
    Advance();
    if (AcceptOp("(")) {
      ir::Expr link = MakeExpr(ir::ExprKind::kSubLink, offset);
      link.sublink = ir::SubLinkKind::kArray;
      link.subquery = std::make_shared<const ir::Query>(Query());
      ExpectOp(")");
      return link;
    }
    ExpectOp("[");
    ir::Expr array = MakeExpr(ir::ExprKind::kArray, offset);
    if (!AtOp("]")) {
      array.args.push_back(Expr());
      while (AcceptOp(",")) array.args.push_back(Expr());
    }
    ExpectOp("]");
    return array;
  }
  if (word == "ROW" && call) {
    pos_ += 2;
    ir::Expr row = MakeExpr(ir::ExprKind::kRow, offset);
    if (!AtOp(")")) {
      row.args.push_back(Expr());
      while (AcceptOp(",")) row.args.push_back(Expr());
    }
    ExpectOp(")");
    return row;
  }
  if (word == "INTERVAL" && !AtOp("(", 1) && !AtOp(",", 1) && !AtOp(")", 1) && Peek(1).kind != TokenKind::kEnd) {
    Advance();
    return Interval(offset);
  }
  if (word == "TRUE" || word == "FALSE" || word == "NULL") {
    Advance();
    return MakeExpr(ir::ExprKind::kLiteral, offset, {word == "NULL" ? "NULL" : LowerAscii(word)});
  }
  if (word == "APPROXIMATE" && dialect_.kind == DialectKind::kRedshift &&
      Peek(1).kind == TokenKind::kWord && AtOp("(", 2)) {
    // Redshift APPROXIMATE COUNT(DISTINCT x), APPROXIMATE PERCENTILE_DISC(p) WITHIN GROUP (...):
    // the aggregate itself, estimated.
    Advance();
    return WordExpr();
  }
  if (word == "SYSDATE" && !call && dialect_.kind == DialectKind::kRedshift) {
    Advance();  // Redshift's SYSDATE: the transaction's start, like CURRENT_TIMESTAMP
    return MakeExpr(ir::ExprKind::kOther, offset, {"sysdate"});
  }
  for (std::string_view name : kValueFunctions) {
    if (word != name) continue;
    Advance();
    ir::Expr value = MakeExpr(ir::ExprKind::kOther, offset, {LowerAscii(word)});
    for (char& c : value.names[0]) c = c == '_' ? ' ' : c;
    if (AcceptOp("(")) {  // CURRENT_TIMESTAMP(3); Snowflake's CURRENT_DATE()
      if (!AtOp(")")) value.args.push_back(Expr());
      ExpectOp(")");
    }
    return value;
  }
  if (!call) {
    handled = false;
    return {};
  }
  for (std::string_view name : kKeywordCalls) {
    if (word != name) continue;
    pos_ += 2;
    ir::Expr expr = MakeExpr(ir::ExprKind::kOther, offset, {LowerAscii(word)});
    if (!AtOp(")")) {
      expr.args.push_back(Expr());
      while (AcceptOp(",")) expr.args.push_back(Expr());
    }
    ExpectOp(")");
    return expr;
  }
  if (word == "EXTRACT") {
    pos_ += 2;
    ir::Expr extract = MakeExpr(ir::ExprKind::kFunc, offset, {"extract"});
    const Token& part = Advance();
    ir::Expr field = MakeExpr(ir::ExprKind::kLiteral, part.offset,
                          {part.kind == TokenKind::kString ? Unquote(part, dialect_) : LowerAscii(part.text)});
    field.literal = ir::LiteralKind::kString;
    if (AcceptOp("(")) {  // BigQuery: EXTRACT(WEEK(MONDAY) FROM x)
      Advance();
      ExpectOp(")");
    }
    extract.args.push_back(std::move(field));
    if (!Accept("FROM")) ExpectOp(",");
    extract.args.push_back(Expr());
    ExpectOp(")");
    return extract;
  }
  bool postgres = dialect_.kind == DialectKind::kPostgres;
  if (word == "SUBSTRING" || word == "POSITION" || word == "OVERLAY" || word == "TRIM") {
    pos_ += 2;
    std::string name = LowerAscii(word);
    if (word == "TRIM") {
      std::string side = Accept("LEADING") ? "ltrim" : Accept("TRAILING") ? "rtrim" : "btrim";
      Accept("BOTH");
      name = postgres ? side : "trim";
    }
    ir::Expr function = MakeExpr(ir::ExprKind::kFunc, offset, {name});
    if (word == "TRIM" && Accept("FROM")) {
      function.args.push_back(Expr());
      while (AcceptOp(",")) function.args.push_back(Expr());
      ExpectOp(")");
      return function;
    }
    // POSITION(a IN b): a stops before IN.
    function.args.push_back(word == "POSITION" ? Expr(kPrecedenceOtherOp) : Expr());
    while (Accept("FROM") || Accept("FOR") || Accept("IN") || Accept("PLACING") ||
           AcceptOp(",")) {
      function.args.push_back(Expr());
    }
    ExpectOp(")");
    if (word == "TRIM" && postgres && function.args.size() == 2) {
      std::swap(function.args[0], function.args[1]);  // TRIM(chars FROM x) is btrim(x, chars)
    }
    return function;
  }
  handled = false;
  return {};
}

std::string Parser::TypeWords() {
  // One type name, as words: double precision, character varying, timestamp with time zone.
  std::string base;
  if (Peek().kind == TokenKind::kQuoted) return Identifier();
  const Token& first = Advance();
  if (first.kind != TokenKind::kWord) FailAt(first.offset, "syntax error at or near \"" + std::string(first.text) + "\"");
  base = LowerAscii(first.text);
  while (AtOp(".") && AtIdentifier(1)) {
    Advance();
    base += "." + Identifier();
  }
  static constexpr std::string_view kFollowers[][2] = {
      {"double", "PRECISION"}, {"character", "VARYING"}, {"char", "VARYING"},
      {"national", "CHARACTER"}, {"bit", "VARYING"}};
  for (const auto& pair : kFollowers) {
    if (base == pair[0] && AtKeyword(pair[1])) base += " " + LowerAscii(Advance().text);
  }
  return base;
}

std::string Parser::TypeName() {
  Nest nest(*this);
  std::string base = TypeWords();
  std::string modifiers;
  // ARRAY<STRUCT<a INT64>>, MAP<STRING, INT>: kept as written. Only these take `<`: after any
  // other type it is an operator (`x::int <> 0`, `y::date < z`).
  bool generic = base == "array" || base == "struct" || base == "map" || base == "range";
  if (generic && (AtOp("<") || (Peek().kind == TokenKind::kOp && Peek().text.front() == '<' &&
                                Peek().text != "<=" && Peek().text != "<>"))) {
    int balance = 0;
    do {
      const Token& token = Advance();
      if (token.kind == TokenKind::kEnd) FailAt(token.offset, "syntax error at end of input");
      if (token.kind == TokenKind::kOp) {
        for (char c : token.text) balance += c == '<' ? 1 : c == '>' ? -1 : 0;
      }
      base += LowerAscii(token.text);
      if (token.kind == TokenKind::kWord && !AtOp(",") && Peek().kind == TokenKind::kWord) base += " ";
    } while (balance > 0);
  }
  if (AtOp("(")) {
    Advance();
    int balance = 1;
    std::string inside;
    while (balance > 0) {
      const Token& token = Advance();
      if (token.kind == TokenKind::kEnd) FailAt(token.offset, "syntax error at end of input");
      if (token.kind == TokenKind::kOp && token.text == "(") ++balance;
      if (token.kind == TokenKind::kOp && token.text == ")" && --balance == 0) break;
      if (!inside.empty() && token.kind != TokenKind::kOp && inside.back() != ',' &&
          inside.back() != '(') {
        inside += " ";
      }
      inside += LowerAscii(token.text);
    }
    modifiers = "(" + inside + ")";
  }
  // timestamp(3) with time zone, interval day to second
  if ((base == "timestamp" || base == "time") && (AtKeyword("WITH") || AtKeyword("WITHOUT")) &&
      AtKeyword("TIME", 1) && AtKeyword("ZONE", 2)) {
    base += AtKeyword("WITH") ? " with time zone" : " without time zone";
    pos_ += 3;
  }
  if (base == "interval") {
    while (AtIdentifier() && dialect_.IsDatePart(LowerAscii(Peek().text))) {
      Advance();
      Accept("TO");
    }
  }
  if (dialect_.kind == DialectKind::kPostgres) base = PostgresTypeName(base);
  std::string type = base + modifiers;
  while (AtOp("[")) {
    Advance();
    if (Peek().kind == TokenKind::kNumber) Advance();
    ExpectOp("]");
    type += "[]";
  }
  if (Accept("ARRAY")) type += "[]";
  return type;
}

ir::Expr Parser::Case(uint32_t offset) {
  Nest nest(*this);
  ir::Expr expr = MakeExpr(ir::ExprKind::kCase, offset);
  if (!AtKeyword("WHEN")) {
    expr.case_operand = true;
    expr.args.push_back(Expr());
  }
  while (Accept("WHEN")) {
    expr.args.push_back(Expr());
    Expect("THEN");
    expr.args.push_back(Expr());
  }
  if (Accept("ELSE")) {
    expr.case_else = true;
    expr.args.push_back(Expr());
  }
  Expect("END");
  return expr;
}

ir::Expr Parser::Interval(uint32_t offset) {
  // INTERVAL '1 day', INTERVAL '1' DAY, INTERVAL 1 DAY (BigQuery), INTERVAL x HOUR TO SECOND.
  ir::Expr cast = MakeExpr(ir::ExprKind::kCast, offset);
  cast.MutableExtras().type_name = "interval";
  cast.args.push_back(Peek().kind == TokenKind::kString ? Primary() : Prefix());
  while (AtIdentifier() && Peek().kind == TokenKind::kWord && dialect_.IsDatePart(LowerAscii(Peek().text))) {
    Advance();
    Accept("TO");
  }
  return cast;
}

}  // namespace ds::dialect::detail
