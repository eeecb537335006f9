#pragma once
/// The expression parser behind ParseExpression, also used for the inside of template tags.
#include <string>
#include <string_view>
#include <vector>

#include "parsers/analytics/jinja_syntax.h"

namespace ds::analytics::jinja {

class ExprParser {
 public:
  /// `text` starts at template offset `base`; errors are reported with template offsets.
  ExprParser(std::string_view text, uint32_t base, std::vector<ParseError>& errors);

  /// The whole text as one expression (a bare tuple `a, b` included).
  Expr ParseAll();
  /// `a, b` as a list, one item as itself; `with_cond`: items may be `x if c else y` (not in a
  /// for loop's iterable, where `if` starts the loop's filter).
  Expr ParseTuple(bool with_cond = true);
  Expr ParseCond();
  /// `f(args) | g`, as after `{% filter`: filters applied to `subject`.
  Expr ParseFilters(Expr subject);
  /// Whether the tokens are used up.
  bool AtEnd() const { return Peek().kind == Token::kEnd; }
  bool failed() const { return failed_; }
  /// For statements: the next word, consumed, or "" when the next token is not a name.
  std::string TakeName() { return Peek().kind == Token::kName ? Next().text : std::string(); }
  bool Accept(const char* op);
  bool IsOp(const char* op) const;
  bool IsWord(const char* word) const;
  void SkipWord() { ++pos_; }
  /// A syntax error at `offset` within the text (the first one only: the parser has failed).
  void Error(uint32_t offset, const std::string& message);
  /// The same at the next token, or at a template offset.
  void ErrorHere(const std::string& message) { Error(Peek().offset, message); }
  void ErrorAt(uint32_t template_offset, const std::string& message) { Error(template_offset - base_, message); }

 private:
  /// One level of nesting, or one link of an operator chain, while in scope: the expression
  /// tree (and every recursion over it: evaluation, destruction) stays within kMaxNestingDepth.
  class Descent {
   public:
    explicit Descent(ExprParser& parser) : parser_(parser), saved_(parser.depth_) {}
    ~Descent() { parser_.depth_ = saved_; }
    Descent(const Descent&) = delete;
    Descent& operator=(const Descent&) = delete;
    /// One level deeper; false (and the parser failed with a limit error) past the bound.
    bool Step();

   private:
    ExprParser& parser_;
    int saved_;
  };

  struct Token {
    enum Kind { kName, kString, kInt, kRadix, kFloat, kOp, kEnd } kind = kEnd;  ///< kRadix: 0x1f, 0o17, 0b1
    std::string text;
    uint32_t offset = 0;
  };

  void Lex();
  const Token& Peek() const { return tokens_[pos_]; }
  const Token& Next() { return tokens_[pos_ < tokens_.size() - 1 ? pos_++ : pos_]; }
  void Expect(const char* op);
  bool AtExprEnd() const;
  Expr Make(Expr::Kind kind, uint32_t offset, std::string name = "") const;
  Expr Binary(std::string op, Expr left, Expr right) const;
  Expr ParseOr();
  Expr ParseAnd();
  Expr ParseNot();
  Expr ParseCompare();
  Expr ParseTest(Expr subject);
  Expr ParseAdd();
  Expr ParseConcat();
  Expr ParseMul();
  /// `with_filter` false: the operand of a unary minus, which Jinja filters as a whole (-3|abs).
  Expr ParseUnary(bool with_filter = true);
  Expr ParsePostfix(Expr e, bool with_filter = true);
  Expr ParsePrimary();
  void ParseArguments(Expr& call);
  /// After `|`: one filter applied to `subject`.
  Expr ParseFilter(Expr subject);
  /// After `[`: an item (`x[k]`, `x[a, b]`) or a slice (`x[a:b:c]`), up to and with `]`.
  Expr ParseSubscript(Expr base);

  std::string_view text_;
  uint32_t base_;
  std::vector<ParseError>& errors_;
  std::vector<Token> tokens_;
  size_t pos_ = 0;
  int depth_ = 0;
  bool failed_ = false;
};

}  // namespace ds::analytics::jinja
