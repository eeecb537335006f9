#pragma once
/// The PostgreSQL frontend: libpg_query's tree converted at once into our IR.
#include <cstdint>
#include <functional>
#include <string_view>

#include "src/ir/parsed_file.h"

namespace ds::parsers {

/// A second reader for a statement libpg_query refuses with a syntax error (PostgreSQL 16+
/// syntax that libpg_query 15 does not know). It gets the whole text (after psql's
/// meta-commands are blanked) and the statement's bytes [begin, end); when it reads the
/// statement it adds its ops (spanned through `out.source`) and returns true, and no syntax error
/// is reported. It is never offered a statement over a limit, nor one the scanner cannot split.
using StatementFallback =
    std::function<bool(std::string_view text, uint32_t begin, uint32_t end, ir::ParsedFile& out)>;

struct SqlParseOptions {
  StatementFallback fallback;  ///< empty: libpg_query only (SQL embedded in Alembic, Django, Rails)
};

/// Parses a file of PostgreSQL statements (a migration, a schema dump, a view file) into schema
/// ops in file order, each with the file:line:col of its statement. Never throws: a syntax error
/// becomes a diagnostic and the statements around it are still read; statements that cannot
/// change a table's columns (indexes, grants, comments, functions) are skipped; statements that
/// might but are not understood (DO, EXECUTE, ...) become an Unknown op plus a diagnostic.
/// Safe to call from several threads at once.
ir::ParsedFile ParseSqlFile(std::string_view path, std::string_view text,
                            const SqlParseOptions& options = {});

/// The same for SQL embedded in another file (op.execute("..."), a heredoc): offsets map to
/// `first_line`/`first_column` of `path`.
ir::ParsedFile ParseEmbeddedSql(std::string_view path, std::string_view text, int first_line,
                                int first_column, const SqlParseOptions& options = {});

}  // namespace ds::parsers
