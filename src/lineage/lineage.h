#pragma once
/// Column-level lineage of views, sqlglot's model in C++: scopes (sources map + parent), every
/// column qualified against the catalog, then traced, in every clause.
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "src/catalog/catalog.h"

namespace ds::lineage {

/// How a view reads a column (a bit set).
enum Usage : uint8_t {
  kSelect = 1 << 0,  ///< select list (incl. function arguments, CASE, subqueries in it)
  kFilter = 1 << 1,  ///< WHERE, HAVING, FILTER (WHERE), a subquery's filter
  kJoin = 1 << 2,    ///< JOIN ... ON / USING / NATURAL
  kGroup = 1 << 3,   ///< GROUP BY
  kOrder = 1 << 4,   ///< ORDER BY, DISTINCT ON
  kWindow = 1 << 5,  ///< PARTITION BY / ORDER BY of a window
  /// Reached by a `*` (named "select" in outputs when it is the only bit). A view whose `*` is
  /// expanded anew (ViewLineage::rebinds_star) does not break when a column it only reaches by
  /// `*` goes.
  kPassThrough = 1 << 6,
  /// In the select list only through a `*` (named "select" in outputs).
  kStarSelect = 1 << 7,
};
/// Usage names in INTERFACE.md's order: select, filter, join, group, order, window.
std::vector<std::string> UsageNames(uint8_t usages);

enum class Transform : uint8_t { kIdentity, kTransformation, kAggregation };
const char* TransformName(Transform t);  ///< "identity" | "transformation" | "aggregation"

/// How a column influences an output column whose value it does not flow into (OpenLineage's
/// INDIRECT subtypes that belong to one column; the dataset-wide ones come from usages).
enum class Indirect : uint8_t {
  kNone,         ///< a direct input: its value flows into the output (see Transform)
  kConditional,  ///< a CASE condition or operand, NULLIF's second argument
  kFilter,       ///< an aggregate's FILTER (WHERE ...)
  kSort,         ///< an aggregate's ORDER BY (string_agg(x ORDER BY y))
  kWindow,       ///< the PARTITION BY / ORDER BY / frame of the column's window
};
const char* IndirectName(Indirect kind);  ///< "direct" | "conditional" | "filter" | "sort" | "window"

/// One hop: a column of a relation named in the view itself (a table or another view).
struct ColumnSource {
  ir::QualifiedName relation;  ///< unresolved: the relation as written, or empty when unknown
  std::string column;
  Transform transform = Transform::kIdentity;  ///< for direct inputs; identity for indirect ones
  Indirect indirect = Indirect::kNone;
  bool unresolved = false;  ///< a name that resolves nowhere (a diagnostic says where)
  auto operator<=>(const ColumnSource&) const = default;
};

struct OutputColumn {
  std::string name;
  std::vector<ColumnSource> sources;   ///< direct inputs; sorted, unique
  std::vector<ColumnSource> indirect;  ///< indirect inputs of this column only; sorted, unique
};

struct Reference {
  ir::QualifiedName relation;
  std::string column;
  uint8_t usages = 0;
  bool unresolved = false;  ///< see ColumnSource::unresolved
};

/// A column compared with a string constant: `status = 'paid'`, `status IN ('paid', 'settled')`,
/// `CASE status WHEN 'paid' ...` (also through a cast: `status::text = 'paid'`). The values a
/// view relies on a column holding, which a migration may rename or rewrite under it.
struct LiteralUse {
  ir::QualifiedName relation;  ///< one hop, as Reference
  std::string column;
  std::string value;  ///< the constant, unquoted
  uint8_t usages = 0;  ///< where the comparison stands (filter, select for a CASE, join...)
  auto operator<=>(const LiteralUse&) const = default;
};

struct ViewLineage {
  ir::QualifiedName view;
  ir::SourceSpan span;
  std::vector<OutputColumn> columns;    ///< in output order
  std::vector<Reference> references;    ///< every column read anywhere; sorted by relation, column
  std::vector<ir::QualifiedName> relations;  ///< every relation read, even with no column (count(*))
  std::vector<LiteralUse> literals;  ///< columns compared with constants; sorted
  std::vector<ir::Diagnostic> diagnostics;   ///< what could not be resolved, with file:line:col
  bool materialized = false;
  /// Read partly (ir::Query::salvaged: its statement could not be parsed): `relations` are the
  /// relations it names, `references` the columns of theirs it names (usage unknown: select),
  /// `columns` empty. Readers of it see a relation whose columns are unknown.
  bool partial = false;
  /// Its output has columns beyond `columns`: a `*` over a relation whose columns are unknown
  /// (Tracer::last_open). Readers of it see those it lists, and the others silently.
  bool open = false;
  bool rebinds_star = false;  ///< catalog::View::rebinds_star
};

/// Traces views of one catalog. Results are memoised per view, so views on views stay cheap.
/// Not thread-safe: one engine per thread.
class LineageEngine {
 public:
  explicit LineageEngine(const catalog::Catalog& catalog);
  ~LineageEngine();

  /// The lineage of a view of the catalog (qualified name); nullptr when there is no such view.
  const ViewLineage* ForView(const ir::QualifiedName& view);
  /// Output columns (name, type when known) of any query, for CREATE TABLE AS.
  std::vector<ir::ColumnDef> QueryShape(const ir::Query& query,
                                        const std::vector<std::string>& search_path);
  /// The lineage of a view resolved through the views it reads down to base tables: sources,
  /// indirect inputs and references on tables only (transforms composed). Memoised.
  const ViewLineage* TransitiveForView(const ir::QualifiedName& view);
  /// Gives the lineage of a view this engine cannot trace (a view of another repository, read
  /// from `downstream lineage --format json`): ForView answers it as given. For impact analysis
  /// to visit it, the catalog holds a View of that name (PutView, no query).
  void Provide(ViewLineage lineage);
  /// Traces `views` ahead of ForView on up to `threads` threads; ForView then answers them as
  /// it would have (the same lineage, whatever the thread count).
  void TraceAll(const std::vector<ir::QualifiedName>& views, size_t threads);
  /// Query blocks traced so far (SELECT, VALUES, set operation): memoisation keeps it linear.
  size_t blocks_traced() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace ds::lineage
