#pragma once
/// Internal to parsers/sql: libpg_query statements and queries converted into our IR, one file
/// per family (tables, other DDL, SELECT, FROM, expressions), as DuckDB's transformer does.
#include <memory>
#include <string>
#include <vector>

#include "parsers/sql/pg_tree.h"
#include "src/ir/parsed_file.h"

namespace ds::parsers::sql {

/// Where the ops of one statement go, and how its node locations map to the file's text.
struct StatementContext {
  ir::ParsedFile& out;
  ir::SourceSpan span;       ///< the statement's first token
  uint32_t base_offset = 0;  ///< added to node locations (non-zero when a statement was re-parsed alone)
  uint32_t stmt_offset = 0;  ///< the statement's first token, relative to the file's text

  void Emit(ir::OpKind op) { out.ops.push_back(ir::SchemaOp{span, std::move(op)}); }
  /// An Unknown op plus the warning "not understood: <what> may change the schema".
  void NotUnderstood(const std::string& what);
};

/// Converts one top-level statement (RawStmt::stmt) into zero or more ops.
void TransformStatement(const PgQuery__Node* stmt, StatementContext& context);
/// Statements that cannot change a table's or view's columns: skipped without a word.
bool CannotChangeColumns(PgQuery__Node__NodeCase kind);
/// A DO block (transform_do.cpp): silent when every statement it runs leaves columns alone (data,
/// RAISE, control flow); else one "not understood" at the first statement that may change them.
void TransformDo(const PgQuery__DoStmt* stmt, StatementContext& context);

// Families of statements (transform_table.cpp, transform_ddl.cpp).
void TransformCreateTable(const PgQuery__CreateStmt* stmt, StatementContext& context,
                          const std::string& default_schema = "");
void TransformAlterTable(const PgQuery__AlterTableStmt* stmt, StatementContext& context);
void TransformCreateTableAs(const PgQuery__CreateTableAsStmt* stmt, StatementContext& context);
void TransformSelectInto(const PgQuery__SelectStmt* stmt, StatementContext& context);
void TransformView(const PgQuery__ViewStmt* stmt, StatementContext& context,
                   const std::string& default_schema = "");
void TransformDrop(const PgQuery__DropStmt* stmt, StatementContext& context);
void TransformRename(const PgQuery__RenameStmt* stmt, StatementContext& context);
void TransformSetSchema(const PgQuery__AlterObjectSchemaStmt* stmt, StatementContext& context);
void TransformCreateEnum(const PgQuery__CreateEnumStmt* stmt, StatementContext& context);
void TransformAlterEnum(const PgQuery__AlterEnumStmt* stmt, StatementContext& context);
void TransformCreateSchema(const PgQuery__CreateSchemaStmt* stmt, StatementContext& context);
/// A data migration: UPDATE t SET c = 'new' WHERE c = 'old' | c IN (...) becomes RewriteValues;
/// any other UPDATE changes no column and is skipped.
void TransformUpdate(const PgQuery__UpdateStmt* stmt, StatementContext& context);
void TransformVariableSet(const PgQuery__VariableSetStmt* stmt, StatementContext& context);
/// pg_dump's `SELECT pg_catalog.set_config('search_path', '', false);`: true when it was one.
bool TransformSetConfig(const PgQuery__SelectStmt* stmt, StatementContext& context);

/// Converts a query (SelectStmt) into ir::Query; node locations are shifted by `base_offset`.
/// `fallback_offset` stands for the query's own position when none of its nodes has one.
std::shared_ptr<const ir::Query> ConvertQuery(const PgQuery__Node* select, uint32_t base_offset,
                                              uint32_t fallback_offset);

}  // namespace ds::parsers::sql
