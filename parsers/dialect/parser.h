#pragma once
/// Internal to parsers/dialect: the recursive-descent parser (precedence climbing for
/// expressions) from tokens to ir::Query. Errors unwind as ParseFailure, caught at the public
/// entry points (parse_query.cpp); nothing is thrown past them.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "parsers/dialect/dialect.h"
#include "parsers/dialect/parse_query.h"
#include "parsers/dialect/tokenizer.h"
#include "src/ir/diagnostic.h"
#include "src/ir/query.h"

namespace ds::dialect::detail {

/// Why parsing stopped: a syntax error or the nesting bound, at a byte offset.
struct ParseFailure {
  uint32_t offset = 0;
  ir::DiagCode code = ir::DiagCode::kSyntaxError;
  std::string message;
};

/// An expression of `kind` at `offset` named `names`.
inline ir::Expr MakeExpr(ir::ExprKind kind, uint32_t offset, std::vector<std::string> names = {}) {
  ir::Expr expr;
  expr.kind = kind;
  expr.offset = offset;
  expr.names = std::move(names);
  return expr;
}

/// PostgreSQL's spelling of a type name as format_type() prints it (int -> integer).
std::string PostgresTypeName(const std::string& base);

/// Operator precedence (PostgreSQL's), lowest first: Expr(n) stops before operators below n.
inline constexpr int kPrecedenceOr = 1, kPrecedenceAnd = 2, kPrecedenceNot = 3,
                     kPrecedenceIs = 4, kPrecedenceCompare = 5, kPrecedencePattern = 6,
                     kPrecedenceOtherOp = 7, kPrecedenceAdd = 8, kPrecedenceMul = 9,
                     kPrecedencePow = 10, kPrecedenceUnary = 11, kPrecedenceAt = 12;

/// ASCII lower case.
std::string LowerAscii(std::string_view text);

/// A deep copy (subqueries are shared, they are immutable).
ir::Expr Clone(const ir::Expr& expr);

class Parser {
 public:
  Parser(TokenSpan tokens, const Dialect& dialect, int max_depth)
      : tokens_(tokens), dialect_(dialect), max_depth_(max_depth) {}

  /// [WITH ...] set operations [ORDER BY] [LIMIT/OFFSET/FETCH].
  ir::Query Query();
  ir::Expr Expr(int min_precedence = 0);
  /// A relation name (schema.name; a three-part name drops the database).
  ir::QualifiedName RelationName();
  /// An identifier (unquoted words fold per dialect); fails on anything else.
  std::string Identifier();
  /// (a, b, c)
  std::vector<std::string> IdentifierList();

  // Token access, for the statement layer too.
  const Token& Peek(size_t ahead = 0) const;
  const Token& Advance();
  bool AtKeyword(std::string_view keyword, size_t ahead = 0) const;
  bool Accept(std::string_view keyword);
  bool AcceptOp(std::string_view op);
  void Expect(std::string_view keyword);
  void ExpectOp(std::string_view op);
  bool AtOp(std::string_view op, size_t ahead = 0) const;
  bool AtEnd() const;
  [[noreturn]] void Fail(const std::string& message) const;
  [[noreturn]] void FailAt(uint32_t offset, const std::string& message) const;
  size_t position() const { return pos_; }
  /// Back to `position` (backtracking); the work so spent is bounded (kLimitExceeded).
  void Rewind(size_t position);
  const Dialect& dialect() const { return dialect_; }

 private:
  /// Counts nesting (parentheses, subqueries, calls); past max_depth_ a kLimitExceeded failure.
  class Nest {
   public:
    explicit Nest(Parser& parser);
    ~Nest() { --parser_.depth_; }
    Nest(const Nest&) = delete;
    Nest& operator=(const Nest&) = delete;

   private:
    Parser& parser_;
  };

  // parse_expr.cpp
  ir::Expr Prefix();
  ir::Expr Postfix(ir::Expr expr);
  ir::Expr Primary();
  /// An infix operator after `left` binding at least `min_precedence`: consumed, true.
  bool Infix(ir::Expr& left, int min_precedence);
  /// The keyword operators: OR, AND, IS ..., [NOT] IN / BETWEEN / LIKE ..., AT TIME ZONE, COLLATE.
  bool InfixKeyword(ir::Expr& left, int min_precedence);
  ir::Expr Parenthesized();
  ir::Expr WordExpr();
  ir::Expr Call(std::vector<std::string> names, uint32_t offset);
  void CallArguments(ir::Expr& call);
  ir::Expr Argument(const std::string& function, size_t index);
  /// One clause after a SQL/JSON function's arguments (PASSING, WRAPPER, QUOTES, ON EMPTY, ON
  /// ERROR, RETURNING); false when there is none.
  bool JsonFunctionClause(ir::Expr& call);
  void CallSuffixes(ir::Expr& call);
  ir::Expr Conditional(ir::Expr call) const;
  ir::Expr SpecialForm(const std::string& word, uint32_t offset, bool& handled);
  ir::Expr Case(uint32_t offset);
  ir::Expr Interval(uint32_t offset);
  ir::Expr ColonPath(ir::Expr base);
  ir::Expr Subscript(ir::Expr base);
  ir::Expr InList(ir::Expr left, bool negated, uint32_t offset);
  ir::WindowSpec WindowBody();
  std::vector<ir::SortItem> SortList();
  std::string TypeName();
  std::string TypeWords();
  bool AtIdentifier(size_t ahead = 0) const;
  bool AtQueryStart(size_t ahead = 0) const;
  void DatePartArguments(ir::Expr& call) const;

  // parse_select.cpp
  ir::Query SetExpression();
  ir::Query SetTerm();
  ir::Query SetPrimary();
  ir::Query SelectBlock();
  ir::Query Values();
  void SelectList(ir::Query& query);
  bool AtTop();
  ir::ResTarget Target();
  void StarModifiers(ir::Expr& star);
  void SelectClauses(ir::Query& query);
  void GroupBy(ir::Query& query);
  ir::Expr GroupingItem();
  void OrderLimit(ir::Query& query);
  void With(ir::Query& query);
  std::vector<ir::FromItem> FromList();
  ir::FromItem JoinTree();
  ir::FromItem FromPrimary();
  ir::FromItem FunctionItem(std::vector<std::string> names, uint32_t offset);
  void TimeTravel();
  void Alias(ir::FromItem& item, bool allow_columns = true);
  void UnnestSuffixes(ir::FromItem& item);
  ir::FromItem Pivot(ir::FromItem source);
  /// A FROM item made of a query we built (PIVOT, UNPIVOT), with the alias that follows.
  ir::FromItem Derived(ir::Query query, uint32_t offset);
  std::string PivotColumnName(const ir::Expr& value, const std::string& name,
                              const std::string& aggregate, size_t aggregates) const;
  ir::FromItem Unpivot(ir::FromItem source);
  ir::FromItem MatchRecognize(ir::FromItem source);
  ir::FromItem LateralView();
  bool AtAlias() const;
  std::string AliasName();

  TokenSpan tokens_;
  const Dialect& dialect_;
  size_t pos_ = 0;
  int depth_ = 0;
  int max_depth_;
  size_t backtracked_ = 0;  ///< tokens read again after Rewind
};

/// Appends the parts of one name token, `part` its canonical spelling: BigQuery's
/// `project.dataset.table` in one pair of backticks is three parts.
void AppendNameParts(const Token& token, std::string part, std::vector<std::string>& parts);

/// CREATE's head up to the AS that starts its query (parse_query.cpp): true when a query follows
/// (a view, or a table AS), `statement` named and kinded; false for any other statement, the
/// parser then at its end. Throws ParseFailure on a malformed head.
bool StatementHeader(Parser& parser, DialectStatement& statement);

/// A statement that could not be parsed, read partly (salvage.cpp): when `tokens` create a view
/// or a table AS a query, that statement with a salvaged query (ir::Query::salvaged): the
/// relations named after FROM and JOIN (CTE names left out) and every identifier. nullopt for
/// any other statement. Never throws.
std::optional<DialectStatement> Salvage(TokenSpan tokens, const Dialect& dialect);

}  // namespace ds::dialect::detail
