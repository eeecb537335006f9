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
};
/// Usage names in INTERFACE.md's order: select, filter, join, group, order, window.
std::vector<std::string> UsageNames(uint8_t usages);

enum class Transform : uint8_t { kIdentity, kTransformation, kAggregation };
const char* TransformName(Transform t);  ///< "identity" | "transformation" | "aggregation"

/// One hop: a column of a relation named in the view itself (a table or another view).
struct ColumnSource {
  ir::QualifiedName relation;
  std::string column;
  Transform transform = Transform::kIdentity;
  auto operator<=>(const ColumnSource&) const = default;
};

struct OutputColumn {
  std::string name;
  std::vector<ColumnSource> sources;  ///< sorted, unique
};

struct Reference {
  ir::QualifiedName relation;
  std::string column;
  uint8_t usages = 0;
};

struct ViewLineage {
  ir::QualifiedName view;
  ir::SourceSpan span;
  std::vector<OutputColumn> columns;    ///< in output order
  std::vector<Reference> references;    ///< every column read anywhere; sorted by relation, column
  std::vector<ir::QualifiedName> relations;  ///< every relation read, even with no column (count(*))
  std::vector<ir::Diagnostic> diagnostics;   ///< what could not be resolved, with file:line:col
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

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace ds::lineage
