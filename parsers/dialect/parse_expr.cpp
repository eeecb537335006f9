// Expressions: precedence climbing over PostgreSQL's operator precedence, plus the warehouse
// forms (`v:a.b::t`, `x -> x + 1`, `LIKE ANY`, `IGNORE NULLS`, named arguments, date parts).
#include <cctype>
#include <memory>
#include <utility>

#include "parsers/dialect/parser.h"

namespace ds::dialect::detail {
namespace {

constexpr int kOr = kPrecedenceOr, kAnd = kPrecedenceAnd, kNot = kPrecedenceNot,
              kIs = kPrecedenceIs, kCompare = kPrecedenceCompare, kPattern = kPrecedencePattern,
              kOtherOp = kPrecedenceOtherOp, kAdd = kPrecedenceAdd, kMul = kPrecedenceMul,
              kPow = kPrecedencePow, kUnary = kPrecedenceUnary, kAt = kPrecedenceAt;

std::string Upper(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

ir::Expr Binary(std::vector<std::string> names, uint32_t offset, ir::Expr left, ir::Expr right) {
  ir::Expr expr = MakeExpr(ir::ExprKind::kOperator, offset, std::move(names));
  expr.args.push_back(std::move(left));
  expr.args.push_back(std::move(right));
  return expr;
}

bool IsComparison(std::string_view op) {
  return op == "=" || op == "<" || op == ">" || op == "<=" || op == ">=" || op == "<>" ||
         op == "!=" || op == "==" || op == "<=>";
}

bool IsStructural(std::string_view op) {
  return op == "(" || op == ")" || op == "," || op == ";" || op == "[" || op == "]" ||
         op == "." || op == ":" || op == "::" || op == ":=" || op == "=>" || op == "{" ||
         op == "}";
}


}  // namespace

std::string LowerAscii(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

ir::Expr Clone(const ir::Expr& expr) {
  ir::Expr out;
  out.kind = expr.kind;
  out.offset = expr.offset;
  out.names = expr.names;
  for (const ir::Expr& arg : expr.args) out.args.push_back(Clone(arg));
  out.literal = expr.literal;
  out.case_operand = expr.case_operand;
  out.case_else = expr.case_else;
  out.agg_star = expr.agg_star;
  out.agg_distinct = expr.agg_distinct;
  out.agg_within_group = expr.agg_within_group;
  out.aggregate = expr.aggregate;
  out.sublink = expr.sublink;
  out.subquery = expr.subquery;
  if (!expr.extras) return out;
  const ir::ExprExtras& from = *expr.extras;
  ir::ExprExtras& to = out.MutableExtras();
  to.type_name = from.type_name;
  for (const ir::SortItem& item : from.agg_order) to.agg_order.push_back({Clone(item.expr)});
  if (from.agg_filter) to.agg_filter = std::make_unique<ir::Expr>(Clone(*from.agg_filter));
  if (from.over) {
    auto window = std::make_unique<ir::WindowSpec>();
    window->name = from.over->name;
    window->ref_name = from.over->ref_name;
    for (const ir::Expr& e : from.over->partition_by) window->partition_by.push_back(Clone(e));
    for (const ir::SortItem& s : from.over->order_by) window->order_by.push_back({Clone(s.expr)});
    for (const ir::Expr& e : from.over->frame_bounds) window->frame_bounds.push_back(Clone(e));
    to.over = std::move(window);
  }
  to.star_except = from.star_except;
  to.star_rename = from.star_rename;
  for (const ir::ResTarget& target : from.star_replace) to.star_replace.push_back({target.alias, Clone(target.expr)});
  return out;
}

Parser::Nest::Nest(Parser& parser) : parser_(parser) {
  if (++parser_.depth_ > parser_.max_depth_) {
    --parser_.depth_;
    throw ParseFailure{parser_.Peek().offset, ir::DiagCode::kLimitExceeded,
                       "query nested more than " + std::to_string(parser_.max_depth_) +
                           " levels deep"};
  }
}

ir::Expr Parser::Expr(int min_precedence) {
  Nest nest(*this);
  ir::Expr left = Prefix();
  while (Infix(left, min_precedence)) {
  }
  return left;
}

ir::Expr Parser::Prefix() {
  const Token& token = Peek();
  // Snowflake's hierarchical queries: PRIOR col (in CONNECT BY), CONNECT_BY_ROOT col (in SELECT),
  // the column's value on another row of the hierarchy.
  if (dialect_.kind != DialectKind::kPostgres && (IsKeyword(token, "PRIOR") || IsKeyword(token, "CONNECT_BY_ROOT")) &&
      (Peek(1).kind == TokenKind::kWord || Peek(1).kind == TokenKind::kQuoted) && !AtKeyword("AS", 1) &&
      !AtKeyword("FROM", 1)) {
    Advance();
    ir::Expr expr = MakeExpr(ir::ExprKind::kOperator, token.offset, {LowerAscii(token.text)});
    expr.args.push_back(Expr(kUnary));
    return expr;
  }
  if (IsKeyword(token, "NOT")) {
    Advance();
    ir::Expr expr = MakeExpr(ir::ExprKind::kOperator, token.offset, {"not"});
    expr.args.push_back(Expr(kNot));
    return expr;
  }
  if (token.kind == TokenKind::kOp && (token.text == "-" || token.text == "+" || token.text == "~" ||
                                       token.text == "@" || token.text == "!")) {
    Advance();
    if (token.text == "-" && Peek().kind == TokenKind::kNumber) {
      ir::Expr number = Primary();  // PostgreSQL folds -1 into the constant
      number.names[0] = "-" + number.names[0];
      number.offset = token.offset;
      return Postfix(std::move(number));
    }
    ir::Expr expr = MakeExpr(ir::ExprKind::kOperator, token.offset, {std::string(token.text)});
    expr.args.push_back(Expr(kUnary));
    return expr;
  }
  return Postfix(Primary());
}

bool Parser::Infix(ir::Expr& left, int min_precedence) {
  const Token& token = Peek();
  uint32_t offset = token.offset;
  if (token.kind == TokenKind::kOp) {
    std::string_view op = token.text;
    if (IsStructural(op)) return false;
    int precedence = IsComparison(op)                    ? kCompare
                     : (op == "+" || op == "-")          ? kAdd
                     : (op == "*" || op == "/" || op == "%" || op == "//") ? kMul
                     : op == "^"                         ? kPow
                                                         : kOtherOp;
    if (precedence < min_precedence) return false;
    Advance();
    if (precedence == kCompare && (AtKeyword("ANY") || AtKeyword("ALL") || AtKeyword("SOME")) &&
        AtOp("(", 1)) {
      std::string quantifier = AtKeyword("ALL") ? "all" : "any";
      Advance();
      if (AtQueryStart(1)) {
        Advance();
        ir::Expr link = MakeExpr(ir::ExprKind::kSubLink, offset, {std::string(op)});
        link.sublink = quantifier == "all" ? ir::SubLinkKind::kAll : ir::SubLinkKind::kAny;
        link.args.push_back(std::move(left));
        link.subquery = std::make_shared<const ir::Query>(Query());
        ExpectOp(")");
        left = std::move(link);
        return true;
      }
      ExpectOp("(");
      ir::Expr expr = MakeExpr(ir::ExprKind::kOperator, offset, {quantifier, std::string(op)});
      expr.args.push_back(std::move(left));
      expr.args.push_back(Expr());
      while (AcceptOp(",")) expr.args.push_back(Expr());
      ExpectOp(")");
      left = std::move(expr);
      return true;
    }
    left = Binary({std::string(op)}, offset, std::move(left), Expr(precedence + 1));
    return true;
  }
  return token.kind == TokenKind::kWord && InfixKeyword(left, min_precedence);
}

bool Parser::InfixKeyword(ir::Expr& left, int min_precedence) {
  const Token& token = Peek();
  uint32_t offset = token.offset;
  if (IsKeyword(token, "OR") || IsKeyword(token, "AND")) {
    int precedence = IsKeyword(token, "OR") ? kOr : kAnd;
    if (precedence < min_precedence) return false;
    Advance();
    left = Binary({LowerAscii(token.text)}, offset, std::move(left), Expr(precedence + 1));
    return true;
  }
  if (IsKeyword(token, "IS") || IsKeyword(token, "ISNULL") || IsKeyword(token, "NOTNULL")) {
    if (kIs < min_precedence) return false;
    Advance();
    ir::Expr expr = MakeExpr(ir::ExprKind::kOperator, offset);
    expr.args.push_back(std::move(left));
    if (IsKeyword(token, "ISNULL") || IsKeyword(token, "NOTNULL")) {
      expr.names = {IsKeyword(token, "ISNULL") ? "is null" : "is not null"};
    } else {
      bool negated = Accept("NOT");
      std::string label = negated ? "is not " : "is ";
      if (Accept("DISTINCT")) {
        Expect("FROM");
        expr.args.push_back(Expr(kIs + 1));
        label += "distinct from";
        expr.names = {negated ? "is not distinct from" : "is distinct from"};
      } else {
        const Token& what = Advance();
        if (what.kind != TokenKind::kWord) FailAt(what.offset, "syntax error at or near \"" + std::string(what.text) + "\"");
        expr.names = {label + LowerAscii(what.text)};
      }
    }
    left = std::move(expr);
    return true;
  }
  bool negated = IsKeyword(token, "NOT");
  size_t at = negated ? 1 : 0;
  const Token& word = Peek(at);
  static constexpr std::string_view kPatterns[] = {"LIKE", "ILIKE", "RLIKE", "REGEXP", "SIMILAR"};
  bool pattern = false;
  for (std::string_view keyword : kPatterns) pattern = pattern || IsKeyword(word, keyword);
  if (IsKeyword(word, "BETWEEN") || IsKeyword(word, "IN") || pattern) {
    if (kPattern < min_precedence) return false;
    pos_ += at + 1;
    std::string prefix = negated ? "not " : "";
    if (IsKeyword(word, "IN")) {
      left = InList(std::move(left), negated, word.offset);
      return true;
    }
    if (IsKeyword(word, "BETWEEN")) {
      bool symmetric = Accept("SYMMETRIC");
      Accept("ASYMMETRIC");
      ir::Expr expr = MakeExpr(ir::ExprKind::kOperator, word.offset,
                           {prefix + (symmetric ? "between symmetric" : "between")});
      expr.args.push_back(std::move(left));
      expr.args.push_back(Expr(kOtherOp));
      Expect("AND");
      expr.args.push_back(Expr(kOtherOp));
      left = std::move(expr);
      return true;
    }
    std::string label = prefix + LowerAscii(word.text);
    if (IsKeyword(word, "SIMILAR")) {
      Expect("TO");
      label += " to";
    }
    ir::Expr expr = MakeExpr(ir::ExprKind::kOperator, word.offset, {label});
    expr.args.push_back(std::move(left));
    if ((AtKeyword("ANY") || AtKeyword("ALL") || AtKeyword("SOME")) && AtOp("(", 1)) {
      // LIKE ANY ('a%', 'b%') (Snowflake, Databricks, Trino): each pattern is an argument.
      expr.names[0] += AtKeyword("ALL") ? " all" : " any";
      Advance();
      ExpectOp("(");
      expr.args.push_back(Expr());
      while (AcceptOp(",")) expr.args.push_back(Expr());
      ExpectOp(")");
    } else {
      expr.args.push_back(Expr(kOtherOp));
    }
    if (Accept("ESCAPE")) expr.args.push_back(Expr(kOtherOp));
    left = std::move(expr);
    return true;
  }
  if (IsKeyword(token, "AT") && (AtKeyword("TIME", 1) || AtKeyword("LOCAL", 1))) {
    if (kAt < min_precedence) return false;
    Advance();
    ir::Expr expr = MakeExpr(ir::ExprKind::kFunc, offset, {"timezone"});
    if (Accept("LOCAL")) {
      expr.args.push_back(std::move(left));
    } else {
      Expect("TIME");
      Expect("ZONE");
      expr.args.push_back(Expr(kAt + 1));
      expr.args.push_back(std::move(left));
    }
    left = std::move(expr);
    return true;
  }
  if (IsKeyword(token, "COLLATE")) {
    if (kAt < min_precedence) return false;
    Advance();
    RelationName();  // the collation's name
    ir::Expr expr = MakeExpr(ir::ExprKind::kOther, offset, {"collate"});
    expr.args.push_back(std::move(left));
    left = std::move(expr);
    return true;
  }
  return false;
}

ir::Expr Parser::InList(ir::Expr left, bool negated, uint32_t offset) {
  if (AtOp("(") && AtQueryStart(1)) {
    size_t start = pos_;
    try {
      Advance();
      ir::Expr link = MakeExpr(ir::ExprKind::kSubLink, offset);
      link.sublink = ir::SubLinkKind::kAny;
      link.args.push_back(Clone(left));
      link.subquery = std::make_shared<const ir::Query>(Query());
      ExpectOp(")");
      if (!negated) return link;
      ir::Expr expr = MakeExpr(ir::ExprKind::kOperator, offset, {"not"});
      expr.args.push_back(std::move(link));
      return expr;
    } catch (const ParseFailure& failure) {
      if (failure.code == ir::DiagCode::kLimitExceeded) throw;
      Rewind(start);
    }
  }
  ir::Expr expr = MakeExpr(ir::ExprKind::kOperator, offset,
                       {negated ? "not in" : "in", negated ? "<>" : "="});
  expr.args.push_back(std::move(left));
  if (AcceptOp("(")) {
    if (!AtOp(")")) {
      expr.args.push_back(Expr());
      while (AcceptOp(",")) expr.args.push_back(Expr());
    }
    ExpectOp(")");
  } else {
    expr.args.push_back(Expr(kOtherOp));  // BigQuery: x IN UNNEST(array)
  }
  return expr;
}

ir::Expr Parser::Postfix(ir::Expr expr) {
  while (true) {
    if (AcceptOp("::")) {
      ir::Expr cast = MakeExpr(ir::ExprKind::kCast, tokens_[pos_ - 1].offset);
      cast.MutableExtras().type_name = TypeName();
      cast.args.push_back(std::move(expr));
      expr = std::move(cast);
    } else if (AtOp("[")) {
      expr = Subscript(std::move(expr));
    } else if (AtOp(".") && (AtIdentifier(1) || AtOp("*", 1))) {
      Advance();
      if (expr.kind != ir::ExprKind::kIndirection) {
        ir::Expr wrapped = MakeExpr(ir::ExprKind::kIndirection, expr.offset);
        wrapped.args.push_back(std::move(expr));
        expr = std::move(wrapped);
      }
      if (AcceptOp("*")) {
        expr.names.push_back("*");
      } else {
        expr.names.push_back(Identifier());
      }
    } else if (AtOp(":") && dialect_.colon_paths &&
               (expr.kind == ir::ExprKind::kColumnRef || expr.kind == ir::ExprKind::kIndirection ||
                expr.kind == ir::ExprKind::kFunc)) {
      expr = ColonPath(std::move(expr));
    } else {
      return expr;
    }
  }
}

ir::Expr Parser::Subscript(ir::Expr base) {
  Nest nest(*this);
  ExpectOp("[");
  if (base.kind != ir::ExprKind::kIndirection) {
    ir::Expr wrapped = MakeExpr(ir::ExprKind::kIndirection, base.offset);
    wrapped.args.push_back(std::move(base));
    base = std::move(wrapped);
  }
  if (!AtOp(":") && !AtOp("]")) base.args.push_back(Expr());
  if (AcceptOp(":") && !AtOp("]")) base.args.push_back(Expr());
  ExpectOp("]");
  return base;
}

ir::Expr Parser::ColonPath(ir::Expr base) {
  // v:a.b[0]."Key" -- the path's keys are case-sensitive names, kept as written.
  ExpectOp(":");
  if (base.kind != ir::ExprKind::kIndirection) {
    ir::Expr wrapped = MakeExpr(ir::ExprKind::kIndirection, base.offset);
    wrapped.args.push_back(std::move(base));
    base = std::move(wrapped);
  }
  auto key = [&]() {
    const Token& token = Advance();
    if (token.kind == TokenKind::kWord) return std::string(token.text);
    if (token.kind == TokenKind::kQuoted || token.kind == TokenKind::kString) return Unquote(token, dialect_);
    FailAt(token.offset, "syntax error at or near \"" + std::string(token.text) + "\"");
  };
  if (AtOp("[")) return base;  // v:['key'] is a subscript: Postfix reads it
  base.names.push_back(key());
  while (AtOp(".") && (AtIdentifier(1) || Peek(1).kind == TokenKind::kString)) {
    Advance();
    base.names.push_back(key());
  }
  return base;
}

ir::Expr Parser::Primary() {
  const Token& token = Peek();
  switch (token.kind) {
    case TokenKind::kNumber: {
      Advance();
      ir::Expr expr = MakeExpr(ir::ExprKind::kLiteral, token.offset, {std::string(token.text)});
      bool digits = token.text.find_first_not_of("0123456789") == std::string_view::npos;
      bool hex = token.text.size() > 2 && (token.text[1] == 'x' || token.text[1] == 'X');
      // PostgreSQL: an integer constant beyond int4 is a numeric, not a position.
      if ((digits && (token.text.size() < 10 || (token.text.size() == 10 && token.text <= "2147483647"))) || hex) {
        expr.literal = ir::LiteralKind::kInteger;
      }
      return expr;
    }
    case TokenKind::kString: {
      Advance();
      ir::Expr expr = MakeExpr(ir::ExprKind::kLiteral, token.offset, {Unquote(token, dialect_)});
      expr.literal = ir::LiteralKind::kString;
      return expr;
    }
    case TokenKind::kParam:
      Advance();
      return MakeExpr(ir::ExprKind::kParam, token.offset, {std::string(token.text)});
    case TokenKind::kWord:
    case TokenKind::kQuoted:
      return WordExpr();
    case TokenKind::kOp:
      if (token.text == "(") return Parenthesized();
      if (token.text == "*") {
        Advance();
        return MakeExpr(ir::ExprKind::kStar, token.offset);
      }
      if (token.text == "[" && dialect_.kind != DialectKind::kPostgres) {
        Nest nest(*this);
        Advance();
        ir::Expr array = MakeExpr(ir::ExprKind::kArray, token.offset);
        if (!AtOp("]")) {
          array.args.push_back(Expr());
          while (AcceptOp(",") && !AtOp("]")) array.args.push_back(Expr());
        }
        ExpectOp("]");
        return array;
      }
      if (token.text == "{" && dialect_.kind != DialectKind::kPostgres) {
        // {'a': x, 'b': y}: an object / struct constant (DuckDB, Snowflake).
        Nest nest(*this);
        Advance();
        ir::Expr object = MakeExpr(ir::ExprKind::kOther, token.offset, {"struct"});
        while (!AtOp("}")) {
          Expr();  // the key
          if (!AcceptOp(":")) ExpectOp("=>");
          object.args.push_back(Expr());
          if (!AcceptOp(",")) break;
        }
        ExpectOp("}");
        return object;
      }
      break;
    case TokenKind::kEnd:
      FailAt(token.offset, "syntax error at end of input");
  }
  FailAt(token.offset, "syntax error at or near \"" + std::string(token.text) + "\"");
}

ir::Expr Parser::Parenthesized() {
  Nest nest(*this);
  const Token& open = Peek();
  if (AtQueryStart(1)) {
    size_t start = pos_;
    try {
      Advance();
      ir::Expr link = MakeExpr(ir::ExprKind::kSubLink, open.offset);
      link.sublink = ir::SubLinkKind::kExpr;
      link.subquery = std::make_shared<const ir::Query>(Query());
      ExpectOp(")");
      return link;
    } catch (const ParseFailure& failure) {
      if (failure.code == ir::DiagCode::kLimitExceeded) throw;
      Rewind(start);
    }
  }
  ExpectOp("(");
  std::vector<ir::Expr> items;
  items.push_back(Expr());
  while (AcceptOp(",")) items.push_back(Expr());
  ExpectOp(")");
  if (items.size() == 1) return std::move(items[0]);
  ir::Expr row = MakeExpr(ir::ExprKind::kRow, open.offset);
  row.args = std::move(items);
  return row;
}

ir::Expr Parser::WordExpr() {
  const Token& first = Peek();
  if (first.kind == TokenKind::kWord) {
    bool handled = false;
    ir::Expr special = SpecialForm(Upper(first.text), first.offset, handled);
    if (handled) return special;
    // A typed constant: DATE '2024-01-01', TIMESTAMP '...', INTERVAL handled above.
    if (Peek(1).kind == TokenKind::kString) {
      Advance();
      ir::Expr cast = MakeExpr(ir::ExprKind::kCast, first.offset);
      std::string base = LowerAscii(first.text);
      cast.MutableExtras().type_name = dialect_.kind == DialectKind::kPostgres ? PostgresTypeName(base) : base;
      cast.args.push_back(Primary());
      return cast;
    }
  }
  std::vector<std::string> names{Identifier()};
  while (AtOp(".") && (AtIdentifier(1) || AtOp("*", 1))) {
    Advance();
    if (AcceptOp("*")) return MakeExpr(ir::ExprKind::kStar, first.offset, std::move(names));
    names.push_back(Identifier());
  }
  if (AtOp("(")) return Call(std::move(names), first.offset);
  return MakeExpr(ir::ExprKind::kColumnRef, first.offset, std::move(names));
}

bool Parser::AtIdentifier(size_t ahead) const {
  TokenKind kind = Peek(ahead).kind;
  return kind == TokenKind::kWord || kind == TokenKind::kQuoted;
}

bool Parser::AtQueryStart(size_t ahead) const {
  while (AtOp("(", ahead)) ++ahead;
  return AtKeyword("SELECT", ahead) || AtKeyword("WITH", ahead) || AtKeyword("VALUES", ahead) ||
         (AtKeyword("FROM", ahead) && dialect_.kind == DialectKind::kDuckDB) ||
         (AtKeyword("TABLE", ahead) && !AtOp("(", ahead + 1));
}

}  // namespace ds::dialect::detail
