// Expressions with a grammar of their own: CASE, CAST, EXISTS, ARRAY, INTERVAL, EXTRACT,
// SUBSTRING/POSITION/TRIM/OVERLAY, COALESCE and friends, CURRENT_DATE and friends.
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

}  // namespace

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
    cast.type_name = TypeName();
    if (Accept("FORMAT")) Expr();
    ExpectOp(")");
    return cast;
  }
  if (word == "EXISTS" && call) {
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
    function.args.push_back(word == "POSITION" ? Expr(7) : Expr());
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

}  // namespace ds::dialect::detail
