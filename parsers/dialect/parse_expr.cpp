// Expressions: precedence climbing over PostgreSQL's operator precedence, plus the warehouse
// forms (`v:a.b::t`, `x -> x + 1`, `LIKE ANY`, `IGNORE NULLS`, named arguments, date parts).
#include <cctype>
#include <memory>
#include <utility>

#include "parsers/dialect/parser.h"

namespace ds::dialect::detail {
namespace {

// PostgreSQL's precedence, lowest first.
constexpr int kOr = 1, kAnd = 2, kNot = 3, kIs = 4, kCompare = 5, kPattern = 6, kOtherOp = 7,
              kAdd = 8, kMul = 9, kPow = 10, kUnary = 11, kAt = 12;

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

// PostgreSQL's spelling of a type as format_type() prints it (so output columns named after a
// cast read as PostgreSQL names them).
std::string PostgresType(const std::string& base) {
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

// Replaces references to lambda parameters by constants: `x -> x + 1` reads no column x.
void BindLambda(ir::Expr& expr, const std::vector<std::string>& params) {
  if (expr.kind == ir::ExprKind::kColumnRef && expr.names.size() == 1) {
    for (const std::string& param : params) {
      if (expr.names[0] == param) {
        expr.kind = ir::ExprKind::kLiteral;
        return;
      }
    }
  }
  if (expr.kind == ir::ExprKind::kIndirection && !expr.args.empty()) {
    BindLambda(expr.args[0], params);
  }
  for (ir::Expr& arg : expr.args) BindLambda(arg, params);
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
  out.type_name = expr.type_name;
  out.literal = expr.literal;
  out.case_operand = expr.case_operand;
  out.case_else = expr.case_else;
  out.agg_star = expr.agg_star;
  out.agg_distinct = expr.agg_distinct;
  out.agg_within_group = expr.agg_within_group;
  for (const ir::SortItem& item : expr.agg_order) out.agg_order.push_back({Clone(item.expr)});
  if (expr.agg_filter) out.agg_filter = std::make_unique<ir::Expr>(Clone(*expr.agg_filter));
  if (expr.over) {
    auto window = std::make_unique<ir::WindowSpec>();
    window->name = expr.over->name;
    window->ref_name = expr.over->ref_name;
    for (const ir::Expr& e : expr.over->partition_by) window->partition_by.push_back(Clone(e));
    for (const ir::SortItem& s : expr.over->order_by) window->order_by.push_back({Clone(s.expr)});
    for (const ir::Expr& e : expr.over->frame_bounds) window->frame_bounds.push_back(Clone(e));
    out.over = std::move(window);
  }
  out.sublink = expr.sublink;
  out.subquery = expr.subquery;
  out.star_except = expr.star_except;
  out.star_rename = expr.star_rename;
  for (const ir::ResTarget& target : expr.star_replace) {
    out.star_replace.push_back({target.alias, Clone(target.expr)});
  }
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
  if (token.kind != TokenKind::kWord) return false;
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
      cast.type_name = TypeName();
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
      cast.type_name = dialect_.kind == DialectKind::kPostgres ? PostgresType(base) : base;
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

ir::Expr Parser::Call(std::vector<std::string> names, uint32_t offset) {
  Nest nest(*this);
  ir::Expr call = MakeExpr(ir::ExprKind::kFunc, offset, std::move(names));
  ExpectOp("(");
  CallArguments(call);
  ExpectOp(")");
  DatePartArguments(call);
  CallSuffixes(call);
  return Conditional(std::move(call));
}

ir::Expr Parser::Conditional(ir::Expr call) const {
  // IFF(c, a, b) / IF(c, a, b) / NVL2(x, a, b) and DECODE(x, s1, r1, ..., default) are CASE: the condition and
  // the searched values only decide which result (conditional inputs, not values).
  if (dialect_.kind == DialectKind::kPostgres || call.names.size() != 1 || call.over) return call;
  const std::string& name = call.names[0];
  bool iff = (name == "iff" || name == "if" || name == "nvl2") && call.args.size() == 3;
  bool decode = name == "decode" && call.args.size() >= 3 && dialect_.kind != DialectKind::kBigQuery;
  if (!iff && !decode) return call;
  ir::Expr expr = MakeExpr(ir::ExprKind::kCase, call.offset);
  expr.case_operand = decode;
  expr.case_else = iff || (call.args.size() - 1) % 2 == 1;
  expr.args = std::move(call.args);
  return expr;
}

void Parser::CallArguments(ir::Expr& call) {
  if (AtOp(")")) return;
  if (AtOp("*") && AtOp(")", 1)) {
    Advance();
    call.agg_star = true;
    return;
  }
  if (Accept("DISTINCT")) {
    call.agg_distinct = true;
  } else if (AtKeyword("ALL") && !AtOp(")", 1) && !AtOp(",", 1)) {
    Advance();
  }
  const std::string function = call.names.empty() ? "" : call.names.back();
  do {
    if (AtOp(")")) break;  // a trailing comma
    call.args.push_back(Argument(function, call.args.size()));
  } while (AcceptOp(","));
  // Inside the parentheses: ORDER BY, IGNORE/RESPECT NULLS, LIMIT (BigQuery), SEPARATOR.
  while (true) {
    if (Accept("ORDER")) {
      Expect("BY");
      call.agg_order = SortList();
    } else if (AtKeyword("IGNORE") || AtKeyword("RESPECT")) {
      Advance();
      Expect("NULLS");
    } else if (Accept("LIMIT") || Accept("SEPARATOR")) {
      Expr();
    } else {
      break;
    }
  }
}

ir::Expr Parser::Argument(const std::string& function, size_t index) {
  (void)function;
  (void)index;
  // Named arguments: name => value (Snowflake, PostgreSQL), name := value.
  if (AtIdentifier() && (AtOp("=>", 1) || AtOp(":=", 1))) {
    pos_ += 2;
    return Expr();
  }
  // Lambdas: x -> body, (x, y) -> body (not PostgreSQL, where -> is a JSON operator).
  if (dialect_.kind != DialectKind::kPostgres) {
    std::vector<std::string> params;
    size_t start = pos_;
    if (AtIdentifier() && AtOp("->", 1)) {
      params.push_back(Identifier());
    } else if (AtOp("(") && AtIdentifier(1)) {
      Advance();
      params.push_back(Identifier());
      while (AcceptOp(",") && AtIdentifier()) params.push_back(Identifier());
      if (!AcceptOp(")") || !AtOp("->")) {
        params.clear();
        Rewind(start);
      }
    }
    if (!params.empty() && AtOp("->") && Peek(1).kind != TokenKind::kString) {
      Advance();
      ir::Expr body = Expr();
      BindLambda(body, params);
      return body;
    }
    Rewind(start);
  }
  ir::Expr arg = Expr();
  // STRUCT(x AS a), named_struct-like forms: the alias names a field, not a column.
  if (dialect_.kind != DialectKind::kPostgres && Accept("AS")) AliasName();
  return arg;
}

void Parser::CallSuffixes(ir::Expr& call) {
  if ((AtKeyword("IGNORE") || AtKeyword("RESPECT")) && AtKeyword("NULLS", 1)) pos_ += 2;
  if (Accept("WITHIN")) {
    Expect("GROUP");
    ExpectOp("(");
    Expect("ORDER");
    Expect("BY");
    call.agg_order = SortList();
    call.agg_within_group = call.names.empty() || dialect_.IsOrderedSetAggregate(call.names.back());
    ExpectOp(")");
  }
  if (AtKeyword("FILTER") && AtOp("(", 1)) {
    pos_ += 2;
    Expect("WHERE");
    call.agg_filter = std::make_unique<ir::Expr>(Expr());
    ExpectOp(")");
  }
  if ((AtKeyword("IGNORE") || AtKeyword("RESPECT")) && AtKeyword("NULLS", 1)) pos_ += 2;
  if (Accept("OVER")) {
    if (AtOp("(")) {
      call.over = std::make_unique<ir::WindowSpec>(WindowBody());
    } else {
      call.over = std::make_unique<ir::WindowSpec>();
      call.over->ref_name = Identifier();
    }
  }
}

void Parser::DatePartArguments(ir::Expr& call) const {
  if (call.names.empty()) return;
  const std::string& function = call.names.back();
  for (size_t i = 0; i < call.args.size(); ++i) {
    ir::Expr& arg = call.args[i];
    if (!dialect_.IsDatePartArgument(function, i, call.args.size())) continue;
    bool keyword = arg.kind == ir::ExprKind::kColumnRef && arg.names.size() == 1 &&
                   dialect_.IsDatePart(arg.names[0]);
    // BigQuery: WEEK(MONDAY)
    bool week = arg.kind == ir::ExprKind::kFunc && arg.names.size() == 1 && dialect_.IsDatePart(arg.names[0]);
    if (!keyword && !week) continue;
    std::string part = arg.names[0];
    arg = MakeExpr(ir::ExprKind::kLiteral, arg.offset, {part});
  }
}

ir::WindowSpec Parser::WindowBody() {
  Nest nest(*this);
  ir::WindowSpec window;
  ExpectOp("(");
  if (AtIdentifier() && !AtKeyword("PARTITION") && !AtKeyword("ORDER") && !AtKeyword("ROWS") &&
      !AtKeyword("RANGE") && !AtKeyword("GROUPS")) {
    window.ref_name = Identifier();
  }
  if (Accept("PARTITION")) {
    Expect("BY");
    window.partition_by.push_back(Expr());
    while (AcceptOp(",")) window.partition_by.push_back(Expr());
  }
  if (Accept("ORDER")) {
    Expect("BY");
    window.order_by = SortList();
  }
  if (Accept("ROWS") || Accept("RANGE") || Accept("GROUPS")) {
    auto bound = [&]() {
      if (Accept("UNBOUNDED")) {
        if (!Accept("PRECEDING")) Expect("FOLLOWING");
      } else if (Accept("CURRENT")) {
        Expect("ROW");
      } else {
        window.frame_bounds.push_back(Expr(kOtherOp));
        if (!Accept("PRECEDING")) Expect("FOLLOWING");
      }
    };
    if (Accept("BETWEEN")) {
      bound();
      Expect("AND");
    }
    bound();
    if (Accept("EXCLUDE")) {
      if (Accept("CURRENT")) {
        Expect("ROW");
      } else if (Accept("NO")) {
        Expect("OTHERS");
      } else if (!Accept("GROUP")) {
        Expect("TIES");
      }
    }
  }
  ExpectOp(")");
  return window;
}

std::vector<ir::SortItem> Parser::SortList() {
  std::vector<ir::SortItem> items;
  do {
    items.push_back(ir::SortItem{Expr()});
    if (!Accept("ASC") && !Accept("DESC") && Accept("USING")) Advance();
    if (Accept("NULLS")) {
      if (!Accept("FIRST")) Expect("LAST");
    }
  } while (AcceptOp(","));
  return items;
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
  // ARRAY<STRUCT<a INT64>>, MAP<STRING, INT>: kept as written.
  if (AtOp("<") || (Peek().kind == TokenKind::kOp && Peek().text.front() == '<' && Peek().text != "<=")) {
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
  if (dialect_.kind == DialectKind::kPostgres) base = PostgresType(base);
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
  cast.type_name = "interval";
  cast.args.push_back(Peek().kind == TokenKind::kString ? Primary() : Prefix());
  while (AtIdentifier() && Peek().kind == TokenKind::kWord && dialect_.IsDatePart(LowerAscii(Peek().text))) {
    Advance();
    Accept("TO");
  }
  return cast;
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
