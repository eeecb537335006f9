#pragma once
/// What `lineage` found, ready for a reporter: per view, the output columns with the columns each
/// is computed from (direct) or decided by (indirect), and every column the view reads with how.
/// Reporters are pure functions of this; names are already strings ("schema.name").
#include <ostream>
#include <string>
#include <vector>

#include "src/ir/diagnostic.h"
#include "src/report/coverage.h"

namespace ds::report {

/// An input column of an output column.
struct LineageInput {
  std::string table;   ///< "schema.name"; empty when unresolved and the relation is unknown
  std::string column;
  std::string kind;    ///< direct: identity | transformation | aggregation;
                       ///< indirect: conditional | filter | sort | window
  bool unresolved = false;  ///< a name that resolved nowhere (a diagnostic says where)
};

struct LineageColumn {
  std::string name;
  std::vector<LineageInput> sources;   ///< direct inputs
  std::vector<LineageInput> indirect;  ///< inputs that decide this column's value only
};

struct LineageReference {
  std::string table;  ///< as LineageInput::table
  std::string column;
  std::vector<std::string> usages;  ///< select, filter, join, group, order, window
  bool unresolved = false;
};

struct LineageView {
  std::string name;  ///< "schema.name"
  ir::SourceSpan span;
  bool materialized = false;
  bool partial = false;  ///< read partly (its statement could not be parsed): "confidence": "partial"
  std::vector<LineageColumn> columns;        ///< in output order
  std::vector<LineageReference> references;  ///< sorted by table, column
  std::vector<std::string> relations;        ///< every relation read, sorted
};

struct LineageReport {
  std::string rev;          ///< commit sha
  bool transitive = false;  ///< inputs resolved down to base tables
  std::vector<LineageView> views;           ///< ordered by name
  std::vector<ir::Diagnostic> diagnostics;  ///< ordered by file, line, column
  Coverage coverage;  ///< what of the revision was read fully, partly, not at all
};

/// OpenLineage dataset naming: namespace `postgres://host:port`, name `database.schema.table`.
struct OpenLineageNames {
  std::string dataset_namespace = "postgres://localhost:5432";
  std::string database = "postgres";
  std::string producer = "urn:downstream";  ///< the facets' `_producer` URI
};

/// A tree per view: each column with its inputs, then what the view reads; then diagnostics.
void WriteLineageText(const LineageReport& report, std::ostream& out);
/// INTERFACE.md's `lineage --format json`, plus `indirect` per column, `unresolved` flags and
/// `diagnostics`.
void WriteLineageJson(const LineageReport& report, std::ostream& out);
/// OpenLineage: `inputs` and `outputs` datasets, each output with a ColumnLineageDatasetFacet
/// 1-2-0 (`fields` with DIRECT and per-column INDIRECT transformations, `dataset` with the
/// dataset-wide INDIRECT ones). Unresolved names are left out (they have no dataset name).
void WriteLineageOpenLineage(const LineageReport& report, const OpenLineageNames& names,
                             std::ostream& out);
/// A Mermaid flowchart: a box per relation with its columns, an edge per input column.
void WriteLineageMermaid(const LineageReport& report, std::ostream& out);
/// The same picture in Graphviz DOT.
void WriteLineageDot(const LineageReport& report, std::ostream& out);

}  // namespace ds::report
