#pragma once
/// The schema operations every migration frontend produces (SQL, Alembic, Django, Rails): one
/// vocabulary, replayed by the catalog. Each op carries the span of the statement or call.
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "src/ir/diagnostic.h"
#include "src/ir/names.h"
#include "src/ir/query.h"
#include "src/ir/source_span.h"
#include "src/ir/source_text.h"

namespace ds::ir {

/// A column as declared. `type` is formatted as PostgreSQL's format_type() prints it
/// ("integer", "character varying(255)", "timestamp with time zone", "text[]").
struct ColumnDef {
  std::string name;
  std::string type;
  bool not_null = false;
};

/// One element of CREATE TABLE's list: a column, or LIKE other_table.
struct TableElement {
  ColumnDef column;
  std::optional<QualifiedName> like;  ///< when set, `column` is unused
};

struct CreateTable {
  QualifiedName table;
  std::vector<TableElement> elements;
  std::vector<QualifiedName> inherits;       ///< INHERITS (...): parents' columns come first
  std::optional<QualifiedName> partition_of; ///< PARTITION OF parent: the parent's columns
  std::shared_ptr<const Query> as_query;     ///< CREATE TABLE ... AS SELECT
  std::vector<std::string> as_column_names;  ///< CREATE TABLE t(a, b) AS ...
  std::shared_ptr<const SourceText> source;  ///< maps as_query offsets to file:line:col
  bool if_not_exists = false;
};
struct DropTable {
  QualifiedName table;
  bool if_exists = false;
  bool cascade = false;
};
/// ALTER TABLE ... RENAME TO / SET SCHEMA (also on views): `to` is the full new name.
struct RenameTable {
  QualifiedName table;
  QualifiedName to;
  bool if_exists = false;
};
struct AddColumn {
  QualifiedName table;
  ColumnDef column;
  bool if_not_exists = false;
};
struct DropColumn {
  QualifiedName table;
  std::string column;
  bool if_exists = false;
  bool cascade = false;
};
struct RenameColumn {
  QualifiedName table;
  std::string column;
  std::string new_name;
};
struct AlterColumnType {
  QualifiedName table;
  std::string column;
  std::string new_type;
};
struct SetNotNull {
  QualifiedName table;
  std::string column;
};
struct DropNotNull {
  QualifiedName table;
  std::string column;
};
struct CreateView {
  QualifiedName view;
  std::vector<std::string> column_names;  ///< CREATE VIEW v(a, b)
  std::shared_ptr<const Query> query;
  std::shared_ptr<const SourceText> source;  ///< maps query offsets to file:line:col
  bool materialized = false;
  bool or_replace = false;
  bool if_not_exists = false;
  /// What the analytics side calls it: a dbt model, a source's mirror...; kView for SQL (whose
  /// `materialized` says the rest).
  RelationKind kind = RelationKind::kView;
  /// `*` is expanded anew each time it is built or queried (a dbt table, a BigQuery or DuckDB
  /// view): a column that `*` only passes through may vanish without breaking it; readers of
  /// that column downstream break instead. False where the expansion is bound at creation (a
  /// PostgreSQL view refuses the drop; a Snowflake view fails) or a contract fixes the columns.
  bool rebinds_star = false;
  /// PostgreSQL binds a view to the types of the columns it reads: ALTER COLUMN TYPE is refused
  /// while it reads them. False for the warehouse's relations (dbt and lea models, view files in
  /// another dialect), which follow a widened column.
  bool binds_types = true;
};
struct DropView {
  QualifiedName view;
  bool materialized = false;
  bool if_exists = false;
  bool cascade = false;
};
struct CreateEnum {
  QualifiedName type;
  std::vector<std::string> values;
};
struct AddEnumValue {
  QualifiedName type;
  std::string value;
  std::string neighbor;  ///< BEFORE/AFTER this value; empty appends
  bool before = false;
};
struct RenameEnumValue {
  QualifiedName type;
  std::string value;
  std::string new_value;
};
struct DropType {
  QualifiedName type;
  bool if_exists = false;
};
/// ALTER TYPE t RENAME TO u: columns of type t now say u.
struct RenameType {
  QualifiedName type;
  std::string new_name;
};
struct CreateSchema {
  std::string schema;
};
struct DropSchema {
  std::string schema;
  bool cascade = false;
};
/// SET search_path (scoped to the file it appears in).
struct SetSearchPath {
  std::vector<std::string> schemas;
};
/// A data migration rewriting constant values of a column: `UPDATE t SET c = 'new' WHERE c = 'old'`
/// (or `c IN ('a', 'b')`). The schema is unchanged; views comparing c with an old value are not.
struct RewriteValues {
  QualifiedName table;
  std::string column;
  std::vector<std::string> old_values;
  std::string new_value;  ///< "" when it is not a constant (SET c = lower(c) WHERE c = 'X')
};

/// A statement that may change the schema but that we do not understand (DO blocks, dynamic
/// SQL, an unresolvable framework call). Replay skips it; a diagnostic says so.
struct Unknown {
  std::string what;  ///< "DO block", "op.execute with a non-literal argument", ...
};

using OpKind = std::variant<CreateTable, DropTable, RenameTable, AddColumn, DropColumn,
                            RenameColumn, AlterColumnType, SetNotNull, DropNotNull, CreateView,
                            DropView, CreateEnum, AddEnumValue, RenameEnumValue, DropType,
                            RenameType, CreateSchema, DropSchema, SetSearchPath, RewriteValues, Unknown>;

struct SchemaOp {
  SourceSpan span;
  OpKind op;
};

}  // namespace ds::ir
