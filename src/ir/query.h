#pragma once
/// Our own small AST of a PostgreSQL query (SELECT, set operations, VALUES), converted from
/// libpg_query's tree at once so the lineage engine never sees a foreign type. It keeps what
/// column lineage needs: every name, every clause, every subquery, and byte offsets for messages.
#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "src/ir/names.h"

namespace ds::ir {

struct Query;

enum class ExprKind : uint8_t {
  kColumnRef,  ///< names = ["col"], ["t","col"], ["s","t","col"]; may name a whole row (`t`)
  kStar,       ///< names = qualifier parts before `*` ([] for a bare `*`, ["t"] for `t.*`)
  kLiteral,    ///< a constant; names = [text] when useful
  kParam,      ///< $1
  kFunc,       ///< names = function name parts; args; agg_* / over fields below
  kOperator,   ///< any operator, boolean connective, IS NULL, BETWEEN, IN (list), ...; args
  kCast,       ///< args[0] cast to type_name
  kCase,       ///< args = [arg?] + when/then pairs + [else?] (order kept; lineage treats all alike)
  kSubLink,    ///< subquery (scalar, EXISTS, IN, ANY/ALL, ARRAY); args = left operands (IN/ANY)
  kRow,        ///< ROW(...) or (a, b); args
  kArray,      ///< ARRAY[...]; args
  kIndirection,///< args[0] followed by field selection / subscripts: (c).f, a[1], (j->'k')
  kGroupingSet,///< GROUPING SETS / ROLLUP / CUBE / () in GROUP BY; args (nested sets are args)
  kOther,      ///< anything else (COALESCE, NULLIF, GREATEST, xml, ...): args hold every child
};

enum class SubLinkKind : uint8_t { kExists, kAny, kAll, kExpr, kArray, kOther };

/// What a kLiteral is: `ORDER BY 1` is a position, `ORDER BY '1'` and `ORDER BY 1.5` are not.
enum class LiteralKind : uint8_t { kOther, kInteger, kString };

struct Expr;

struct SortItem;
struct ResTarget;

/// A window: an OVER (...) clause or a WINDOW name AS (...) definition.
struct WindowSpec {
  std::string name;      ///< WINDOW w AS (...): "w"; empty inline
  std::string ref_name;  ///< OVER w, or OVER (w ORDER BY ...): the window it builds on
  std::vector<Expr> partition_by;
  std::vector<SortItem> order_by;
  std::vector<Expr> frame_bounds;  ///< ROWS BETWEEN <expr> PRECEDING ...
};

struct ExprExtras;

/// One expression node. What only some expressions carry (a cast's type, an aggregate's ORDER BY
/// and FILTER, a window, star modifiers) lives in `extras`, allocated only for them, so the
/// common node (a column, a constant, a call) stays small: a large project keeps millions.
struct Expr {
  ExprKind kind = ExprKind::kOther;
  LiteralKind literal = LiteralKind::kOther;  ///< kLiteral: integer, quoted string, or other
  SubLinkKind sublink = SubLinkKind::kOther;  ///< kSubLink
  // kCase: args = [operand if case_operand] + (when, then)* + [else if case_else]
  bool case_operand = false;        ///< CASE x WHEN ...: args[0] is x
  bool case_else = false;           ///< ELSE ...: the last arg
  // kFunc
  bool agg_star = false;            ///< count(*)
  bool agg_distinct = false;
  bool agg_within_group = false;    ///< ORDER BY belongs to WITHIN GROUP
  /// The frontend's dialect names this function an aggregate (count, listagg, ...): set by the
  /// frontend from its dialect's list, so lineage never learns which warehouse wrote the query.
  bool aggregate = false;
  uint32_t offset = 0;              ///< byte offset in the parsed text, for diagnostics
  std::vector<std::string> names;   ///< see ExprKind; already folded
  std::vector<Expr> args;
  std::shared_ptr<const Query> subquery;  ///< kSubLink
  std::unique_ptr<ExprExtras> extras;     ///< null for most nodes; read through Extras()

  /// The rare fields; empty ones when this node has none.
  const ExprExtras& Extras() const;
  /// The rare fields, allocated on first write.
  ExprExtras& MutableExtras();
};

struct SortItem {
  Expr expr;
};

/// SELECT list entry.
struct ResTarget {
  std::string alias;  ///< empty when none given
  Expr expr;
};

/// The fields of an Expr that only some nodes carry (see Expr::extras).
struct ExprExtras {
  std::string type_name;            ///< kCast: the target type, formatted like format_type()
  std::vector<SortItem> agg_order;  ///< kFunc: f(x ORDER BY y) / WITHIN GROUP (ORDER BY y)
  std::unique_ptr<Expr> agg_filter; ///< kFunc: FILTER (WHERE ...)
  std::unique_ptr<WindowSpec> over; ///< kFunc: OVER (...) / OVER w
  // kStar (warehouse dialects): SELECT * EXCLUDE (a) / EXCEPT (a), REPLACE (x AS a), RENAME (a AS b)
  std::vector<std::string> star_except;  ///< columns left out of the expansion
  std::vector<std::pair<std::string, std::string>> star_rename;  ///< (old, new) column names
  std::vector<ResTarget> star_replace;   ///< alias = the column replaced, expr = its new value
};

inline const ExprExtras& Expr::Extras() const {
  static const ExprExtras kNone;
  return extras ? *extras : kNone;
}

inline ExprExtras& Expr::MutableExtras() {
  if (!extras) extras = std::make_unique<ExprExtras>();
  return *extras;
}

/// A column definition list item: `AS x(a int, b text)` on a function in FROM.
struct ColumnTypeDef {
  std::string name;
  std::string type;
};

enum class JoinType : uint8_t { kInner, kLeft, kRight, kFull, kCross };

/// An item of FROM (or a JOIN tree node).
struct FromItem {
  enum class Kind : uint8_t { kRelation, kSubquery, kJoin, kFunction };
  Kind kind = Kind::kRelation;
  uint32_t offset = 0;
  std::string alias;                        ///< AS alias (also a join's alias)
  std::vector<std::string> column_aliases;  ///< AS alias(a, b)
  bool lateral = false;
  // kRelation
  QualifiedName relation;  ///< schema empty when unqualified (may name a CTE)
  bool only = false;       ///< ONLY t
  /// DuckDB reads a file in place: FROM 'data/x.csv', read_csv('data/x.csv'), read_parquet(...).
  /// `relation.name` is the path as written (unqualified, case kept); the alias defaults to the
  /// file's stem, as DuckDB names it.
  bool file = false;
  // kSubquery
  std::shared_ptr<const Query> subquery;
  // kJoin
  std::unique_ptr<FromItem> left, right;
  JoinType join_type = JoinType::kInner;
  bool natural = false;
  std::vector<std::string> using_columns;
  std::unique_ptr<Expr> on;
  // kFunction: one function, or several for ROWS FROM (...)
  std::vector<Expr> functions;
  bool ordinality = false;
  std::vector<ColumnTypeDef> column_defs;
};

struct Cte {
  std::string name;
  std::vector<std::string> column_names;
  std::shared_ptr<const Query> query;
  uint32_t offset = 0;
};

enum class SetOp : uint8_t { kNone, kUnion, kIntersect, kExcept };

/// A query block: a plain SELECT, a VALUES list, or a set operation of two queries.
struct Query {
  uint32_t offset = 0;
  std::vector<Cte> ctes;
  bool recursive = false;
  // set operation (when set_op != kNone only larg/rarg, order_by, limit apply)
  SetOp set_op = SetOp::kNone;
  bool set_all = false;
  std::shared_ptr<const Query> larg, rarg;
  // plain SELECT
  std::vector<ResTarget> targets;
  std::vector<FromItem> from;
  std::unique_ptr<Expr> where;
  std::vector<Expr> group_by;
  std::unique_ptr<Expr> having;
  std::unique_ptr<Expr> qualify;  ///< QUALIFY (warehouse dialects): a filter on window results
  bool distinct = false;
  /// Lateral column aliases (Snowflake, Databricks, Redshift, DuckDB): a bare name that is no
  /// column of the FROM inputs may name a select item's alias, in a later select item and in
  /// WHERE, GROUP BY, HAVING and QUALIFY. Set by the frontend from its dialect.
  bool lateral_aliases = false;
  /// GROUP BY / ORDER BY may name a constant that is no position (`GROUP BY 'sent'`): it groups
  /// or sorts by nothing (every warehouse but PostgreSQL, which refuses a non-integer constant).
  /// Set by the frontend from its dialect.
  bool constant_keys = false;
  /// Read partly: a statement no parser could read (issue: nothing drops out). `from` holds the
  /// relations it names (kRelation items: what follows FROM / JOIN, and a dbt model's ref() and
  /// source() targets) and `salvaged_names` every identifier in it (kColumnRef, one name each,
  /// at its first occurrence), which lineage matches against those relations' columns. A
  /// salvaged block has no select list: its output columns are unknown.
  bool salvaged = false;
  std::vector<Expr> salvaged_names;
  std::vector<Expr> distinct_on;
  std::vector<WindowSpec> windows;
  std::vector<std::vector<Expr>> values;  ///< VALUES (...), (...): non-empty for a VALUES block
  // both
  std::vector<SortItem> order_by;
  std::unique_ptr<Expr> limit, offset_expr;
};

}  // namespace ds::ir
