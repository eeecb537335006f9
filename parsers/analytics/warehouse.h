#pragma once
/// Warehouse naming: an ELT tool copies production tables into warehouse schemas, sometimes
/// renaming them (`public.users` -> `raw_app.app_users`). downstream.yml's `warehouse.mirrors`
/// says which warehouse schema mirrors which production schema.
#include <optional>
#include <string>
#include <vector>

#include "parsers/analytics/analytics.h"
#include "src/ir/names.h"
#include "src/ir/schema_ops.h"

namespace ds::analytics {

/// One warehouse schema that mirrors a production schema.
struct Mirror {
  std::string warehouse_schema;   ///< raw_app
  std::string production_schema;  ///< public
  /// How the copy of production table {table} is named: "{table}" (default), "app_{table}",
  /// "{table}_raw".
  std::string table_pattern = "{table}";
};

/// The production table name inside a warehouse table name, per the pattern ("{table}",
/// "app_{table}"); "" when it does not fit. An all-upper-case name (Snowflake folds unquoted names
/// to upper case) matches case-insensitively and gives the lower-case name PostgreSQL uses.
std::string UnwrapTable(const std::string& name, const std::string& pattern);

/// The production table a warehouse relation copies; nullopt when its schema mirrors none or
/// its name does not fit the pattern. Schemas compare case-insensitively, tables as UnwrapTable.
std::optional<ir::QualifiedName> ToProduction(const ir::QualifiedName& warehouse, const std::vector<Mirror>& mirrors);

/// The warehouse copies of a production table, one per mirror of its schema.
std::vector<ir::QualifiedName> ToWarehouse(const ir::QualifiedName& production, const std::vector<Mirror>& mirrors);

/// `name` as the warehouse sees it once ref() / source() have rendered it (quoted where it needs
/// a quote, jinja::QuoteIdentifier): Trino folds `"EventEmitter_evt_EventLog1"` to lower case
/// as it folds the reads of it, PostgreSQL and Snowflake keep it. The rendered SQL keeps dbt's
/// spelling; catalogs and comparisons use this one.
ir::QualifiedName RenderedName(const ir::QualifiedName& name, const dialect::Dialect& dialect);

/// The name a source is configured by (`schema.identifier`), what mirrors are matched against:
/// its relation, unless that was made distinct by database (Source::relation), as `dialect`
/// sees it (RenderedName).
ir::QualifiedName ConfiguredName(const Source& source, const dialect::Dialect& dialect);

/// A pass-through view per source that mirrors a production table,
/// `CREATE VIEW <source relation> AS SELECT * FROM <production table>`, spanned at the source's
/// YAML entry, so lineage runs from the migration's table through the source into the models.
std::vector<ir::SchemaOp> MirrorViews(const AnalyticsProject& project, const std::vector<Mirror>& mirrors);

}  // namespace ds::analytics
