// Jinja's expression grammar, by precedence from loosest: `a if c else b`, or, and, not,
// comparisons (== != < > <= >= in, not in, is [not] test), + -, ~, * / // %, unary - +, then
// postfix .attr [item] (call) |filter.
#include <cstdlib>
#include <utility>

#include "parsers/analytics/jinja_expr_parse.h"
#include "src/ir/limits.h"

namespace ds::analytics::jinja {

Expr::Expr() = default;
Expr::Expr(const Expr&) = default;
Expr::Expr(Expr&&) noexcept = default;
Expr& Expr::operator=(const Expr&) = default;
Expr& Expr::operator=(Expr&&) noexcept = default;
Expr::~Expr() = default;

namespace {

bool IsNameStart(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }
bool IsNameChar(char c) { return IsNameStart(c) || (c >= '0' && c <= '9'); }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }

}  // namespace

ExprParser::ExprParser(std::string_view text, uint32_t base, std::vector<ParseError>& errors)
    : text_(text), base_(base), errors_(errors) {
  Lex();
}

void ExprParser::Lex() {
  size_t i = 0;
  while (i < text_.size()) {
    char c = text_[i];
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') { ++i; continue; }
    Token t;
    t.offset = static_cast<uint32_t>(i);
    if (IsNameStart(c)) {
      size_t j = i;
      while (j < text_.size() && IsNameChar(text_[j])) ++j;
      t.kind = Token::kName;
      t.text = std::string(text_.substr(i, j - i));
      i = j;
    } else if (IsDigit(c)) {
      size_t j = i;
      bool real = false;
      while (j < text_.size() && (IsDigit(text_[j]) || text_[j] == '_' ||
                                  (text_[j] == '.' && j + 1 < text_.size() && IsDigit(text_[j + 1])))) {
        real |= text_[j] == '.';
        ++j;
      }
      t.kind = real ? Token::kFloat : Token::kInt;
      for (size_t k = i; k < j; ++k) {
        if (text_[k] != '_') t.text += text_[k];
      }
      i = j;
    } else if (c == '\'' || c == '"') {
      size_t j = i + 1;
      while (j < text_.size() && text_[j] != c) {
        if (text_[j] == '\\' && j + 1 < text_.size()) {
          char e = text_[++j];
          t.text += e == 'n' ? '\n' : e == 't' ? '\t' : e;
        } else {
          t.text += text_[j];
        }
        ++j;
      }
      if (j >= text_.size()) Error(t.offset, "unterminated string");
      t.kind = Token::kString;
      i = j + 1;
    } else {
      static const char* kOps[] = {"//", "**", "==", "!=", "<=", ">=", "(", ")", "[", "]", "{", "}",
                                   ",", ":", ".", "|", "~", "+", "-", "*", "/", "%", "<", ">", "="};
      t.kind = Token::kOp;
      for (const char* op : kOps) {
        if (text_.substr(i).starts_with(op)) { t.text = op; break; }
      }
      if (t.text.empty()) {
        Error(t.offset, std::string("unexpected character '") + c + "'");
        t.text = std::string(1, c);
      }
      i += t.text.size();
    }
    tokens_.push_back(std::move(t));
  }
  tokens_.push_back(Token{Token::kEnd, "", static_cast<uint32_t>(text_.size())});
}

void ExprParser::Error(uint32_t offset, const std::string& message) {
  if (!failed_) errors_.push_back(ParseError{base_ + offset, message});
  failed_ = true;
}

bool ExprParser::Descent::Step() {
  if (++parser_.depth_ <= ir::kMaxNestingDepth) return true;
  if (!parser_.failed_) {
    parser_.errors_.push_back(ParseError{parser_.base_ + parser_.Peek().offset,
                                         "an expression nested more than " +
                                             std::to_string(ir::kMaxNestingDepth) + " deep: not read",
                                         true});
  }
  parser_.failed_ = true;
  return false;
}

bool ExprParser::IsOp(const char* op) const { return Peek().kind == Token::kOp && Peek().text == op; }
bool ExprParser::IsWord(const char* word) const { return Peek().kind == Token::kName && Peek().text == word; }

bool ExprParser::Accept(const char* op) {
  if (!IsOp(op)) return false;
  ++pos_;
  return true;
}

void ExprParser::Expect(const char* op) {
  if (!Accept(op)) Error(Peek().offset, std::string("expected '") + op + "'");
}

Expr ExprParser::Make(Expr::Kind kind, uint32_t offset, std::string name) const {
  Expr e;
  e.kind = kind;
  e.offset = base_ + offset;
  e.name = std::move(name);
  return e;
}

Expr ExprParser::Binary(std::string op, Expr left, Expr right) const {
  Expr e;
  e.kind = Expr::Kind::kBinary;
  e.offset = left.offset;
  e.name = std::move(op);
  e.args.push_back(std::move(left));
  e.args.push_back(std::move(right));
  return e;
}

Expr ExprParser::ParseAll() {
  Expr e = ParseTuple();
  if (Peek().kind != Token::kEnd) Error(Peek().offset, "unexpected '" + Peek().text + "'");
  return e;
}

Expr ExprParser::ParseTuple() {
  uint32_t at = Peek().offset;
  Expr first = ParseCond();
  if (!IsOp(",")) return first;
  Expr tuple = Make(Expr::Kind::kList, at);
  tuple.args.push_back(std::move(first));
  while (Accept(",")) {
    if (AtExprEnd()) break;
    tuple.args.push_back(ParseCond());
  }
  return tuple;
}

bool ExprParser::AtExprEnd() const {
  return Peek().kind == Token::kEnd || IsOp(")") || IsOp("]") || IsOp("}") || IsOp("=");
}

Expr ExprParser::ParseCond() {
  Descent level(*this);
  if (!level.Step()) return Make(Expr::Kind::kLiteral, Peek().offset);
  Expr value = ParseOr();
  if (!IsWord("if")) return value;
  ++pos_;
  Expr e = Make(Expr::Kind::kCond, value.offset - base_);
  Expr condition = ParseOr();
  e.args.push_back(std::move(value));
  e.args.push_back(std::move(condition));
  if (IsWord("else")) {
    ++pos_;
    e.args.push_back(ParseCond());
  }
  return e;
}

Expr ExprParser::ParseOr() {
  Descent chain(*this);
  Expr left = ParseAnd();
  while (IsWord("or") && chain.Step()) {
    ++pos_;
    left = Binary("or", std::move(left), ParseAnd());
  }
  return left;
}

Expr ExprParser::ParseAnd() {
  Descent chain(*this);
  Expr left = ParseNot();
  while (IsWord("and") && chain.Step()) {
    ++pos_;
    left = Binary("and", std::move(left), ParseNot());
  }
  return left;
}

Expr ExprParser::ParseNot() {
  if (!IsWord("not")) return ParseCompare();
  Descent level(*this);
  if (!level.Step()) return Make(Expr::Kind::kLiteral, Peek().offset);
  Expr e = Make(Expr::Kind::kUnary, Next().offset, "not");
  e.args.push_back(ParseNot());
  return e;
}

Expr ExprParser::ParseCompare() {
  Descent chain(*this);
  Expr left = ParseAdd();
  while (!failed_ && chain.Step()) {
    static const char* kCompare[] = {"==", "!=", "<=", ">=", "<", ">"};
    std::string op;
    for (const char* c : kCompare) {
      if (IsOp(c)) op = c;
    }
    if (!op.empty()) {
      ++pos_;
    } else if (IsWord("in")) {
      ++pos_;
      op = "in";
    } else if (IsWord("not") && pos_ + 1 < tokens_.size() && tokens_[pos_ + 1].text == "in") {
      pos_ += 2;
      op = "not in";
    } else if (IsWord("is")) {
      ++pos_;
      left = ParseTest(std::move(left));
      continue;
    } else {
      break;
    }
    left = Binary(op, std::move(left), ParseAdd());
  }
  return left;
}

Expr ExprParser::ParseTest(Expr subject) {
  Expr e = Make(Expr::Kind::kTest, subject.offset - base_);
  if (IsWord("not")) {
    ++pos_;
    e.negated = true;
  }
  if (Peek().kind != Token::kName) {
    Error(Peek().offset, "expected a test name after 'is'");
    return subject;
  }
  e.name = Next().text;
  e.args.push_back(std::move(subject));
  if (IsOp("(")) {
    ParseArguments(e);
  } else if (Peek().kind == Token::kString || Peek().kind == Token::kInt) {
    e.args.push_back(ParsePrimary());  // `is divisibleby 3`, `is sameas none`
  }
  return e;
}

Expr ExprParser::ParseAdd() {
  Descent chain(*this);
  Expr left = ParseConcat();
  while ((IsOp("+") || IsOp("-")) && chain.Step()) {
    std::string op = Next().text;
    left = Binary(op, std::move(left), ParseConcat());
  }
  return left;
}

Expr ExprParser::ParseConcat() {
  Descent chain(*this);
  Expr left = ParseMul();
  while (IsOp("~") && chain.Step() && Accept("~")) left = Binary("~", std::move(left), ParseMul());
  return left;
}

Expr ExprParser::ParseMul() {
  Descent chain(*this);
  Expr left = ParseUnary();
  while ((IsOp("*") || IsOp("/") || IsOp("//") || IsOp("%") || IsOp("**")) && chain.Step()) {
    std::string op = Next().text;
    left = Binary(op, std::move(left), ParseUnary());
  }
  return left;
}

Expr ExprParser::ParseUnary() {
  if (IsOp("-") || IsOp("+")) {
    Descent level(*this);
    if (!level.Step()) return Make(Expr::Kind::kLiteral, Peek().offset);
    Expr e = Make(Expr::Kind::kUnary, Peek().offset, Next().text);
    e.args.push_back(ParseUnary());
    return e;
  }
  return ParsePostfix(ParsePrimary());
}

void ExprParser::ParseArguments(Expr& call) {
  Expect("(");
  while (!failed_ && !IsOp(")")) {
    if (Peek().kind == Token::kName && pos_ + 1 < tokens_.size() && tokens_[pos_ + 1].text == "=" &&
        tokens_[pos_ + 1].kind == Token::kOp) {
      std::string key = Next().text;
      ++pos_;
      call.kwargs.emplace_back(key, ParseCond());
    } else {
      call.args.push_back(ParseCond());
    }
    if (!Accept(",")) break;
  }
  Expect(")");
}

Expr ExprParser::ParsePostfix(Expr e) {
  Descent chain(*this);
  while (!failed_ && chain.Step()) {
    if (Accept(".")) {
      Expr attr = Make(Expr::Kind::kAttr, e.offset - base_);
      if (Peek().kind != Token::kName && Peek().kind != Token::kInt) {
        Error(Peek().offset, "expected a name after '.'");
        break;
      }
      attr.name = Next().text;
      attr.args.push_back(std::move(e));
      e = std::move(attr);
    } else if (Accept("[")) {
      Expr item = Make(Expr::Kind::kItem, e.offset - base_);
      item.args.push_back(std::move(e));
      item.args.push_back(ParseTuple());
      Expect("]");
      e = std::move(item);
    } else if (IsOp("(")) {
      Expr call = Make(Expr::Kind::kCall, e.offset - base_);
      call.args.push_back(std::move(e));
      ParseArguments(call);
      e = std::move(call);
    } else if (Accept("|")) {
      Expr filter = Make(Expr::Kind::kFilter, e.offset - base_);
      if (Peek().kind != Token::kName) {
        Error(Peek().offset, "expected a filter name after '|'");
        break;
      }
      filter.name = Next().text;
      while (Accept(".")) filter.name += "." + Next().text;
      filter.args.push_back(std::move(e));
      if (IsOp("(")) ParseArguments(filter);
      e = std::move(filter);
    } else {
      break;
    }
  }
  return e;
}

Expr ExprParser::ParsePrimary() {
  const Token& t = Peek();
  Expr e = Make(Expr::Kind::kLiteral, t.offset);
  switch (t.kind) {
    case Token::kName: {
      std::string word = Next().text;
      if (word == "true" || word == "True") e.value = Value::Bool(true);
      else if (word == "false" || word == "False") e.value = Value::Bool(false);
      else if (word == "none" || word == "None") e.value = Value::None();
      else { e.kind = Expr::Kind::kName; e.name = word; }
      return e;
    }
    case Token::kString: {
      std::string s;
      while (Peek().kind == Token::kString) s += Next().text;  // 'a' 'b' is 'ab'
      e.value = Value::String(std::move(s));
      return e;
    }
    case Token::kInt: e.value = Value::Int(std::strtoll(Next().text.c_str(), nullptr, 10)); return e;
    case Token::kFloat: e.value = Value::Float(std::strtod(Next().text.c_str(), nullptr)); return e;
    case Token::kEnd: Error(t.offset, "expected an expression"); return e;
    case Token::kOp: break;
  }
  if (Accept("(")) {
    if (Accept(")")) { e.kind = Expr::Kind::kList; return e; }
    Expr inner = ParseTuple();
    Expect(")");
    return inner;
  }
  if (Accept("[")) {
    e.kind = Expr::Kind::kList;
    while (!failed_ && !IsOp("]")) {
      e.args.push_back(ParseCond());
      if (!Accept(",")) break;
    }
    Expect("]");
    return e;
  }
  if (Accept("{")) {
    e.kind = Expr::Kind::kDict;
    while (!failed_ && !IsOp("}")) {
      e.args.push_back(ParseCond());
      Expect(":");
      e.args.push_back(ParseCond());
      if (!Accept(",")) break;
    }
    Expect("}");
    return e;
  }
  Error(t.offset, "unexpected '" + t.text + "'");
  ++pos_;
  return e;
}

Expr ParseExpression(std::string_view text, std::vector<ParseError>& errors) {
  ExprParser parser(text, 0, errors);
  return parser.ParseAll();
}

}  // namespace ds::analytics::jinja
