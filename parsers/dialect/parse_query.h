#pragma once
/// Our own SQL frontend for the warehouse dialects (Snowflake, BigQuery, Redshift, Databricks,
/// Trino, DuckDB, PostgreSQL): a tokenizer and a recursive-descent parser producing the same
/// ir::Query the lineage engine reads from libpg_query. Never throws: unknown syntax is a
/// diagnostic (kSyntaxError) at a byte offset; nesting past ParseOptions::max_depth is a
/// kLimitExceeded diagnostic.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "parsers/dialect/dialect.h"
#include "src/ir/diagnostic.h"
#include "src/ir/limits.h"
#include "src/ir/query.h"
#include "src/ir/source_text.h"

namespace ds::dialect {

struct ParseOptions {
  std::string_view path;  ///< the file, for diagnostics' spans (may be empty)
  int max_depth = ir::kMaxNestingDepth;  ///< nesting of parentheses, subqueries and calls
  /// Only the bytes [begin, end) of the text are parsed (one statement of a larger file); every
  /// offset in the result, and every diagnostic's line:col, stays relative to the whole text.
  size_t begin = 0;
  size_t end = std::string_view::npos;
  /// Maps offsets to file:line:col for diagnostics (SQL embedded at a line of another file);
  /// when null, the text is the file itself, from line 1 (`path` names it).
  const ir::SourceText* source = nullptr;
};

/// A query, or why there is none.
struct QueryParse {
  std::shared_ptr<const ir::Query> query;  ///< null when parsing failed
  ir::Diagnostic diagnostic;               ///< when query is null: code, message, span
  uint32_t error_offset = 0;               ///< when query is null: byte offset in the text
  bool ok() const { return query != nullptr; }
};

/// Parses one query (WITH / SELECT / VALUES / set operations; a trailing `;` is allowed).
/// Expression and FROM-item offsets are byte offsets into `sql`.
QueryParse ParseDialectQuery(std::string_view sql, const Dialect& dialect,
                             const ParseOptions& options = {});

/// A statement the analytics side cares about.
struct DialectStatement {
  enum class Kind : uint8_t {
    kQuery,          ///< a bare query
    kCreateView,     ///< CREATE [OR REPLACE] [SECURE|TEMP...] [MATERIALIZED] VIEW x AS <query>
    kCreateTableAs,  ///< CREATE [OR REPLACE] [TEMP|TRANSIENT] TABLE x AS <query>
    kOther,          ///< anything else (DDL, DML, SET, USE): skipped
  };
  Kind kind = Kind::kOther;
  ir::QualifiedName name;                 ///< the view or table created
  std::vector<std::string> column_names;  ///< CREATE VIEW v (a, b)
  bool materialized = false;
  bool or_replace = false;
  bool if_not_exists = false;
  std::shared_ptr<const ir::Query> query;
  uint32_t offset = 0;      ///< where the statement starts in the text
  uint32_t end_offset = 0;  ///< where it ends (its `;`, or the end of the text)
};

/// One statement, or why it could not be read.
struct StatementParse {
  std::optional<DialectStatement> statement;
  ir::Diagnostic diagnostic;
  uint32_t error_offset = 0;
  /// When the statement could not be read but creates a view or a table AS a query: that
  /// statement read partly (its query is ir::Query::salvaged), so nothing drops out.
  std::optional<DialectStatement> salvaged;
  bool ok() const { return statement.has_value(); }
};

/// Parses one statement (see DialectStatement::Kind).
StatementParse ParseDialectStatement(std::string_view sql, const Dialect& dialect,
                                     const ParseOptions& options = {});

/// Every statement of a script, split at top-level semicolons, in order; a statement that
/// cannot be read is a diagnostic (and, when it creates a view or a table AS a query, a salvaged
/// statement: see StatementParse::salvaged) and the others are still read (before an unterminated quote
/// or comment, which is a diagnostic at its start).
struct ScriptParse {
  std::vector<DialectStatement> statements;
  std::vector<ir::Diagnostic> diagnostics;
};
ScriptParse ParseDialectScript(std::string_view sql, const Dialect& dialect,
                               const ParseOptions& options = {});

/// A salvaged query (ir::Query::salvaged) at `offset` reading `relations` (repeats dropped) and
/// naming `names`, each with its byte offset: what a failed statement names (salvage.cpp), or
/// what a dbt model whose SQL failed names besides its ref() and source() targets.
ir::Query SalvagedQuery(const std::vector<std::pair<ir::QualifiedName, uint32_t>>& relations,
                        const std::vector<std::pair<std::string, uint32_t>>& names, uint32_t offset);

}  // namespace ds::dialect
