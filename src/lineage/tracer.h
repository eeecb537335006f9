#pragma once
/// Internal to src/lineage: traces one query (a view's, or CREATE TABLE AS's) block by block,
/// resolving every name against scopes and the catalog and recording what each clause reads.
#include <array>
#include <deque>
#include <functional>
#include <map>
#include <set>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "src/lineage/scope.h"

namespace ds::lineage::detail {

/// What the engine knows of another view used as a source.
struct ViewLookup {
  const ViewLineage* lineage = nullptr;
  bool cycle = false;  ///< the view is being traced right now (it reads itself)
};
using ViewFn = std::function<ViewLookup(const ir::QualifiedName&)>;

/// A column read: relation, column, unresolved.
using RefKey = std::tuple<ir::QualifiedName, std::string, bool>;

class Tracer {
 public:
  /// `source` maps expression offsets to file:line:col; when null, `fallback` is used.
  Tracer(const catalog::Catalog& catalog, ViewFn views, std::vector<std::string> search_path,
         const ir::SourceText* source, ir::SourceSpan fallback);

  /// Traces a query block: its output columns. Reads in its select list are recorded with
  /// `select_usage` (0 for CTEs and derived tables: their readers add the usage later).
  std::vector<SourceColumn> TraceQuery(const ir::Query& query, const Scope* parent,
                                       uint8_t select_usage);
  /// Whether the block TraceQuery traced last outputs more columns than it returned: a `*`
  /// over a relation whose columns are unknown (a missing relation, an unmapped source, a
  /// model read partly), directly or through a CTE, derived table or view of it.
  bool last_open() const { return last_open_; }
  /// The one relation whose unknown columns that `*` passes on; empty when several.
  const ir::QualifiedName& last_open_from() const { return last_open_from_; }

  /// Every catalog column read (and every name that resolved nowhere), with its usage bits.
  const std::map<RefKey, uint8_t>& references() const { return refs_; }
  /// Query blocks traced by this tracer.
  size_t blocks_traced() const { return blocks_traced_; }
  const std::set<ir::QualifiedName>& relations() const { return relations_; }
  /// Columns compared with string constants: {relation, column, value} -> usage bits.
  const std::map<std::tuple<ir::QualifiedName, std::string, std::string>, uint8_t>& literals() const {
    return literals_;
  }
  std::vector<ir::Diagnostic>& diagnostics() { return diagnostics_; }

 private:
  // tracer_query.cpp
  std::vector<SourceColumn> TraceSelect(const ir::Query& query, Scope& scope,
                                        uint8_t select_usage);
  std::vector<SourceColumn> TraceSetOp(const ir::Query& query, const Scope& scope,
                                       uint8_t select_usage);
  std::vector<SourceColumn> TraceValues(const ir::Query& query, const Scope& scope,
                                        uint8_t select_usage);
  void TraceCtes(const ir::Query& query, Scope& scope);
  /// A salvaged block (ir::Query::salvaged): its names matched against its relations' columns.
  std::vector<SourceColumn> TraceSalvaged(const ir::Query& query, const Scope& scope);
  /// The select list; with lateral aliases, each aliased item is added to `aliases` once traced.
  void TraceTargets(const ir::Query& query, const Scope& scope, uint8_t select_usage,
                    std::vector<SourceColumn>& outputs, std::vector<SourceColumn>& aliases);
  /// QUALIFY's reads (kFilter): a bare name may be a select item's alias.
  void TraceQualify(const ir::Expr& expr, const Scope& scope,
                    const std::vector<SourceColumn>& outputs);
  /// One column of a `*` expansion after EXCLUDE / REPLACE / RENAME; nullopt when excluded.
  std::optional<SourceColumn> StarColumn(const ir::Expr& star, const SourceColumn& column,
                                         const Scope& scope, uint8_t select_usage);
  void TraceRecursiveCte(const ir::Cte& cte, Scope& scope, CteShape& shape);
  void TraceGroupBy(const ir::Expr& expr, const Scope& scope,
                    const std::vector<SourceColumn>& outputs);
  /// ORDER BY (clause "ORDER BY") and DISTINCT ON (clause "DISTINCT ON") items.
  void TraceSort(const ir::Expr& expr, const Scope& scope, const std::vector<SourceColumn>& outputs,
                 const char* clause);
  /// `ORDER BY 2` / `GROUP BY 2`: true when `expr` is a constant (then handled: recorded, or
  /// diagnosed as PostgreSQL does), false when it is an expression to trace.
  bool TracePosition(const ir::Expr& expr, const Scope& scope,
                     const std::vector<SourceColumn>& outputs, const char* clause, uint8_t usage);
  /// Reads of a window (kWindow), and what they are: the window's own and those it builds on.
  Leaves TraceWindow(const ir::WindowSpec& window, const Scope& scope, int depth = 0);

  // tracer_from.cpp
  std::vector<Source> FromItem(const ir::FromItem& item, const Scope& block,
                               const std::vector<Source>& earlier);
  /// The output columns of one function in FROM, its arguments' leaves given.
  std::vector<SourceColumn> FunctionColumns(const ir::Expr& function, const Leaves& all,
                                            const std::vector<Leaves>& args, bool only_function,
                                            const std::string& alias);
  Source RelationSource(const ir::FromItem& item, const Scope& block);
  Source SubquerySource(const ir::FromItem& item, const Scope& block,
                        const std::vector<Source>& earlier);
  Source FunctionSource(const ir::FromItem& item, const Scope& block,
                        const std::vector<Source>& earlier);
  std::vector<Source> JoinSources(const ir::FromItem& item, const Scope& block,
                                  const std::vector<Source>& earlier);
  /// A column merged by USING / NATURAL: both sides read as kJoin, the merged value.
  SourceColumn UsingColumn(const std::string& name, const ir::FromItem& item,
                           std::array<const std::vector<Source>*, 2> sources,
                           std::array<const std::vector<SourceColumn>*, 2> columns);
  Scope LateralScope(const Scope& block, const std::vector<Source>& visible) const;

  // tracer_expr.cpp
  Leaves Expr(const ir::Expr& expr, const Scope& scope, uint8_t usage);
  Leaves Func(const ir::Expr& expr, const Scope& scope, uint8_t usage);
  Leaves SubLink(const ir::Expr& expr, const Scope& scope, uint8_t usage);
  Leaves Case(const ir::Expr& expr, const Scope& scope, uint8_t usage);
  Leaves StarInExpr(const ir::Expr& expr, const Scope& scope, uint8_t usage);
  /// `column <op> 'constant'` (=, <>, IN, IS [NOT] DISTINCT FROM): records the constants each
  /// operand column is compared with (LiteralUse).
  void RecordComparison(const ir::Expr& expr, const Scope& scope, uint8_t usage);
  /// The columns whose value `expr` is unchanged (a column, or one under a cast).
  Leaves ComparedColumns(const ir::Expr& expr, const Scope& scope, uint8_t usage);

  // tracer_resolve.cpp
  /// Resolves a column reference; nullopt (and a diagnostic unless `quiet`) when it does not.
  std::optional<Leaves> ResolveColumn(const ir::Expr& ref, const Scope& scope, bool quiet);
  std::optional<Leaves> ResolveUnqualified(const ir::Expr& ref, const Scope& scope, bool quiet);
  /// The source a qualifier designates, innermost scope first; null when none does.
  const Source* FindSource(const std::vector<std::string>& qualifier, const Scope& scope) const;
  std::string Suggestion(const std::string& name, const Scope& scope) const;
  /// A relation or CTE name close to `name`, for "relation ... does not exist".
  std::string RelationSuggestion(const ir::QualifiedName& name, const Scope& scope) const;
  /// A FROM item alias close to `name`, for "missing FROM-clause entry".
  std::string AliasSuggestion(const std::string& name, const Scope& scope) const;

 public:
  /// Records that every leaf is read with `usage` (0 records the read without a usage yet).
  void Record(const Leaves& leaves, uint8_t usage);
  void Diagnose(uint32_t offset, std::string message, ir::DiagCode code);
  /// Leaves of every column of `source`.
  static Leaves AllColumns(const Source& source);

 private:
  const catalog::Catalog& catalog_;
  ViewFn views_;
  std::vector<std::string> search_path_;
  const ir::SourceText* source_;
  ir::SourceSpan fallback_;
  std::deque<CteShape> ctes_;  ///< owned CTE shapes (stable addresses for Scope::ctes)
  std::map<RefKey, uint8_t> refs_;
  size_t blocks_traced_ = 0;
  std::set<ir::QualifiedName> relations_;
  std::map<std::tuple<ir::QualifiedName, std::string, std::string>, uint8_t> literals_;
  std::vector<ir::Diagnostic> diagnostics_;
  /// The block being traced expanded a `*` over an opaque source (OpenStar), of open_from_.
  bool open_ = false;
  ir::QualifiedName open_from_;
  bool last_open_ = false;  ///< see last_open()
  ir::QualifiedName last_open_from_;
  /// Notes that the block outputs a `*` over the unknown columns of `from`.
  void OpenStar(const ir::QualifiedName& from);
};

}  // namespace ds::lineage::detail
