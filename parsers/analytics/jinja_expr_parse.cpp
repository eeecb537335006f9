// Jinja's expression grammar, by precedence from loosest: `a if c else b`, or, and, not,
// comparisons (== != < > <= >= in, not in, is [not] test), + -, ~, * / // %, unary - +, then
// postfix .attr [item] (call) |filter.
#include <cstdint>
#include <cstdlib>
#include <optional>
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

/// The length of the white space character at `i` (0: none): ASCII's, and the Unicode ones
/// Python's `\s` matches, as Jinja's lexer skips them (a no-break space typed in a tag).
size_t SpaceAt(std::string_view s, size_t i) {
  auto byte = [&](size_t k) { return k < s.size() ? static_cast<unsigned char>(s[k]) : 0u; };
  unsigned c = byte(i);
  if (c == ' ' || (c >= '\t' && c <= '\r') || (c >= 0x1c && c <= 0x1f)) return 1;
  if (c == 0xC2 && (byte(i + 1) == 0x85 || byte(i + 1) == 0xA0)) return 2;  // U+0085, U+00A0
  unsigned c1 = byte(i + 1), c2 = byte(i + 2);
  if (c == 0xE1 && c1 == 0x9A && c2 == 0x80) return 3;                                  // U+1680
  if (c == 0xE2 && c1 == 0x80 && ((c2 >= 0x80 && c2 <= 0x8A) || c2 == 0xA8 || c2 == 0xA9 || c2 == 0xAF)) return 3;
  if (c == 0xE2 && c1 == 0x81 && c2 == 0x9F) return 3;                                  // U+205F
  if (c == 0xE3 && c1 == 0x80 && c2 == 0x80) return 3;                                  // U+3000
  return 0;
}

/// `0x1f`, `0o17`, `0b101` (underscores allowed): the value, nullopt past int64.
std::optional<int64_t> RadixValue(std::string_view digits, int radix) {
  uint64_t v = 0;
  for (char d : digits) {
    if (d == '_') continue;
    int x = IsDigit(d) ? d - '0' : (d | 0x20) - 'a' + 10;
    if (v > (static_cast<uint64_t>(INT64_MAX) - static_cast<uint64_t>(x)) / static_cast<uint64_t>(radix)) return std::nullopt;
    v = v * static_cast<uint64_t>(radix) + static_cast<uint64_t>(x);
  }
  return static_cast<int64_t>(v);
}

int RadixOf(std::string_view text, size_t i) {
  if (text[i] != '0' || i + 1 >= text.size()) return 0;
  char p = static_cast<char>(text[i + 1] | 0x20);
  return p == 'x' ? 16 : p == 'o' ? 8 : p == 'b' ? 2 : 0;
}

bool IsRadixDigit(char c, int radix) {
  if (c == '_') return true;
  if (radix == 16) return IsDigit(c) || ((c | 0x20) >= 'a' && (c | 0x20) <= 'f');
  return c >= '0' && c < '0' + radix;
}

}  // namespace

ExprParser::ExprParser(std::string_view text, uint32_t base, std::vector<ParseError>& errors)
    : text_(text), base_(base), errors_(errors) {
  Lex();
}

void ExprParser::Lex() {
  size_t i = 0;
  while (i < text_.size()) {
    char c = text_[i];
    if (size_t space = SpaceAt(text_, i)) {
      i += space;
      continue;
    }
    Token t;
    t.offset = static_cast<uint32_t>(i);
    if (int radix = RadixOf(text_, i); radix != 0 && i + 2 < text_.size() && IsRadixDigit(text_[i + 2], radix)) {
      size_t j = i + 2;
      while (j < text_.size() && IsRadixDigit(text_[j], radix)) ++j;
      t.kind = Token::kRadix;
      t.text = std::string(text_.substr(i, j - i));
      i = j;
    } else if (IsNameStart(c)) {
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

Expr ExprParser::ParseTuple(bool with_cond) {
  uint32_t at = Peek().offset;
  Expr first = with_cond ? ParseCond() : ParseOr();
  if (!IsOp(",")) return first;
  Expr tuple = Make(Expr::Kind::kList, at);
  tuple.args.push_back(std::move(first));
  while (Accept(",")) {
    if (AtExprEnd() || (!with_cond && IsWord("if"))) break;
    tuple.args.push_back(with_cond ? ParseCond() : ParseOr());
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
  // One argument without parentheses, as Jinja takes it: `is divisibleby 3`, `is in ['a', 'b']`.
  bool bare = Peek().kind == Token::kString || Peek().kind == Token::kInt || Peek().kind == Token::kRadix ||
              Peek().kind == Token::kFloat || IsOp("[") || IsOp("{") ||
              (Peek().kind == Token::kName && !IsWord("else") && !IsWord("or") && !IsWord("and") && !IsWord("if") &&
               !IsWord("is"));
  if (IsOp("(")) {
    ParseArguments(e);
  } else if (bare) {
    e.args.push_back(ParsePostfix(ParsePrimary(), false));
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

Expr ExprParser::ParseUnary(bool with_filter) {
  if (IsOp("-") || IsOp("+")) {
    Descent level(*this);
    if (!level.Step()) return Make(Expr::Kind::kLiteral, Peek().offset);
    Expr e = Make(Expr::Kind::kUnary, Peek().offset, Next().text);
    e.args.push_back(ParseUnary(false));
    return with_filter ? ParsePostfix(std::move(e)) : e;
  }
  return ParsePostfix(ParsePrimary(), with_filter);
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

Expr ExprParser::ParsePostfix(Expr e, bool with_filter) {
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
      e = ParseSubscript(std::move(e));
    } else if (IsOp("(")) {
      Expr call = Make(Expr::Kind::kCall, e.offset - base_);
      call.args.push_back(std::move(e));
      ParseArguments(call);
      e = std::move(call);
    } else if (with_filter && Accept("|")) {
      e = ParseFilter(std::move(e));
    } else {
      break;
    }
  }
  return e;
}

Expr ExprParser::ParseFilters(Expr subject) {
  Descent chain(*this);
  Expr e = ParseFilter(std::move(subject));
  while (!failed_ && Accept("|") && chain.Step()) e = ParseFilter(std::move(e));
  return e;
}

Expr ExprParser::ParseFilter(Expr subject) {
  if (Peek().kind != Token::kName) {
    Error(Peek().offset, "expected a filter name after '|'");
    return subject;
  }
  Expr filter = Make(Expr::Kind::kFilter, subject.offset - base_);
  filter.name = Next().text;
  while (Accept(".")) filter.name += "." + Next().text;
  filter.args.push_back(std::move(subject));
  if (IsOp("(")) ParseArguments(filter);
  return filter;
}

Expr ExprParser::ParseSubscript(Expr base) {
  Expr e = Make(Expr::Kind::kItem, base.offset - base_);
  e.args.push_back(std::move(base));
  // An absent slice bound is an undefined literal (Python's None).
  auto bound = [&](std::initializer_list<const char*> ends) {
    for (const char* end : ends) {
      if (IsOp(end)) return Make(Expr::Kind::kLiteral, Peek().offset);
    }
    return ParseCond();
  };
  Expr first = bound({":"});
  if (Accept(":")) {
    e.kind = Expr::Kind::kSlice;
    e.args.push_back(std::move(first));
    e.args.push_back(bound({":", "]"}));
    e.args.push_back(Accept(":") ? bound({"]"}) : Make(Expr::Kind::kLiteral, Peek().offset));
  } else if (IsOp(",")) {  // x[a, b]: the key is the tuple
    Expr tuple = Make(Expr::Kind::kList, first.offset - base_);
    tuple.args.push_back(std::move(first));
    while (Accept(",") && !IsOp("]")) tuple.args.push_back(ParseCond());
    e.args.push_back(std::move(tuple));
  } else {
    e.args.push_back(std::move(first));
  }
  Expect("]");
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
    case Token::kRadix: {
      std::string text = Next().text;
      int radix = RadixOf(text, 0);
      std::optional<int64_t> v = RadixValue(std::string_view(text).substr(2), radix);
      // Python's integers have no bound; ours do: a larger one is a value we do not hold.
      e.value = v ? Value::Int(*v) : Value::Unknown(text);
      return e;
    }
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
