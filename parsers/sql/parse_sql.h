#pragma once
/// The PostgreSQL frontend: libpg_query's tree converted at once into our IR.
#include <string_view>

#include "src/ir/parsed_file.h"

namespace ds::parsers {

/// Parses a file of PostgreSQL statements (a migration, a schema dump, a view file) into schema
/// ops in file order, each with the file:line:col of its statement. Never throws: a syntax error
/// becomes a diagnostic and the statements around it are still read; statements that cannot
/// change a table's columns (indexes, grants, comments, functions) are skipped; statements that
/// might but are not understood (DO, EXECUTE, ...) become an Unknown op plus a diagnostic.
/// Safe to call from several threads at once.
ir::ParsedFile ParseSqlFile(std::string_view path, std::string_view text);

/// The same for SQL embedded in another file (op.execute("..."), a heredoc): offsets map to
/// `first_line`/`first_column` of `path`.
ir::ParsedFile ParseEmbeddedSql(std::string_view path, std::string_view text, int first_line,
                                int first_column);

}  // namespace ds::parsers
