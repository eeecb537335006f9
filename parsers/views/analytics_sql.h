#pragma once
/// One frontend for the analytics side's SQL (view files, dbt models, lea files), in the
/// warehouse's dialect.
#include <string_view>

#include "parsers/dialect/dialect.h"
#include "src/ir/parsed_file.h"

namespace ds::views {

/// Parses `text` (a view file, or a model wrapped as CREATE VIEW) into CreateView and CreateTable
/// AS ops in file order, each spanned at its statement, offsets mapped through `source` to
/// `first_line`/`first_column` of `path`, as parsers::ParseEmbeddedSql does.
/// - postgres: libpg_query, exact; a statement it refuses with a syntax error is read by our
///   own parser in postgres mode (PostgreSQL 16+ syntax) when it defines a view or table there.
/// - the other dialects: our own parser; statements that define no relation (GRANT, COMMENT,
///   USE, SET, other DDL) are skipped.
/// A statement neither reads is a kSyntaxError (or kLimitExceeded) diagnostic at file:line:col,
/// and the statements around it are still read; when it creates a view or a table AS a query,
/// that relation is still defined, read partly (ir::Query::salvaged). Never throws; safe from
/// several threads.
ir::ParsedFile ParseAnalyticsSql(std::string_view path, std::string_view text, const dialect::Dialect& dialect,
                                 int first_line = 1, int first_column = 1);

/// A SQL migration or schema dump (PostgreSQL): libpg_query, exact; a CREATE VIEW or CREATE TABLE
/// AS statement it refuses with a syntax error (PostgreSQL 16+ syntax, such as lemmy's
/// `CREATE TABLE t AS SELECT ... FROM (SELECT ...)` with no alias) is read by our own parser in
/// postgres mode, as in view files, so the relation exists for the statements after it. Any other
/// refused statement keeps libpg_query's syntax error.
ir::ParsedFile ParseSqlMigration(std::string_view path, std::string_view text);

}  // namespace ds::views
