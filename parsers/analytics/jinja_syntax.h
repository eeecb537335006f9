#pragma once
/// A Jinja template parsed into a small tree: text runs, `{{ }}` outputs, and the statements dbt
/// models and macros use (if/elif/else, for, set, set blocks, do, raw, macro, call). Offsets point into the template so
/// the renderer can keep the model's line structure and report file:line:col.
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "parsers/analytics/jinja_value.h"

namespace ds::analytics::jinja {

/// An expression of Jinja's expression language.
struct Expr {
  enum class Kind : uint8_t {
    kLiteral,  ///< `value`
    kName,     ///< `name`
    kAttr,     ///< args[0].name
    kItem,     ///< args[0][args[1]]
    kSlice,    ///< args[0][args[1]:args[2]:args[3]] (an absent bound is an undefined literal)
    kCall,     ///< args[0](args[1..]; keywords -> kwargs)
    kList,     ///< [args...] (also tuples)
    kDict,     ///< {args[0]: args[1], ...}
    kUnary,    ///< name = "not" | "-" | "+"; args[0]
    kBinary,   ///< name = operator ("~", "+", "and", "==", "in", "not in", ...); args[0], args[1]
    kFilter,   ///< args[0] | name(args[1..]; kwargs)
    kTest,     ///< args[0] is [not] name(args[1..]); negated
    kCond,     ///< args[0] if args[1] else args[2] (args[2] absent: undefined)
  };
  Kind kind = Kind::kLiteral;
  uint32_t offset = 0;  ///< in the template
  Value value;
  std::string name;
  bool negated = false;
  std::vector<Expr> args;
  std::vector<std::pair<std::string, Expr>> kwargs;

  // Defined in jinja_expr_parse.cpp, where Expr is complete: clang with libstdc++ 12 refuses to
  // define them inline over vector<pair<string, Expr>>.
  Expr();
  Expr(const Expr&);
  Expr(Expr&&) noexcept;
  Expr& operator=(const Expr&);
  Expr& operator=(Expr&&) noexcept;
  ~Expr();
};

/// A parameter of `{% macro m(a, b=1) %}` or of a `{% call(row) m() %}` block.
struct Param {
  std::string name;
  bool has_default = false;
  Expr default_value;
};

/// One node of a template body.
struct Node {
  enum class Kind : uint8_t {
    kText, kOutput, kIf, kFor, kSet, kSetBlock, kDo, kRaw, kSkipped, kMacro, kCallBlock,
    kBreak, kContinue,  ///< dbt's loop controls, only inside a {% for %}
    kFilterBlock,       ///< {% filter f(args) %}: `expr` is a kFilter over an undefined literal,
                        ///< which the body's text replaces; the body in branches[0], whose
                        ///< `offset` is the end of {% endfilter %}
  };
  Kind kind = Kind::kText;
  uint32_t begin = 0, end = 0;  ///< kText/kRaw: the template range to copy; others: the tag
  Expr expr;                    ///< kOutput, kFor (the iterable), kSet, kDo
  std::vector<std::string> targets;  ///< kFor loop variables, kSet/kSetBlock names
  /// kIf: one branch per if/elif/else (else: has_condition false); kFor: body (its condition the
  /// loop's filter, `for x in xs if x`), then else body.
  struct Branch {
    bool has_condition = false;
    Expr condition;
    uint32_t offset = 0;
    std::vector<Node> body;
  };
  std::vector<Branch> branches;
  std::string what;  ///< kSkipped: the tag name (test, docs, ...); kMacro: the macro's name
  /// kMacro: its parameters, its body in branches[0]; kCallBlock: the caller's parameters, `expr`
  /// the call, the caller's body in branches[0].
  std::vector<Param> params;
};

struct ParseError {
  uint32_t offset = 0;
  std::string message;
  bool limit = false;  ///< a bound on hostile input (src/ir/limits.h), not a syntax error
};

struct Template {
  std::vector<Node> body;
  std::vector<ParseError> errors;  ///< a broken tag is skipped, the rest is still parsed
};

/// Parses a template. Whitespace control (`{%-`, `-%}`, `{{-`, `-}}`) is applied to the text
/// ranges here, as Jinja does (dbt sets neither trim_blocks nor lstrip_blocks).
Template ParseTemplate(std::string_view text);

/// Parses one expression (an exposure's `depends_on: ["ref('m')"]`); errors go to `errors`.
Expr ParseExpression(std::string_view text, std::vector<ParseError>& errors);

}  // namespace ds::analytics::jinja
