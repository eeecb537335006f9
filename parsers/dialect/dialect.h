#pragma once
/// The dialect seam: one value that answers every question whose answer depends on the warehouse
/// (identifier folding, quoting, which functions aggregate, date-part keywords, `:` paths, ...).
/// The SQL frontend of parsers/dialect reads it; nothing else branches on a dialect's name.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace ds::dialect {

enum class DialectKind : uint8_t {
  kPostgres,
  kSnowflake,
  kBigQuery,
  kRedshift,
  kDatabricks,  ///< Spark SQL
  kTrino,       ///< also Athena and Presto
  kDuckDB,
};

/// How the warehouse folds an unquoted identifier.
enum class IdentifierFold : uint8_t { kLower, kUpper };

/// What a dialect's SQL looks like and how its names compare. Values live for the program's
/// duration (DialectByName returns a pointer into a static table).
struct Dialect {
  DialectKind kind = DialectKind::kPostgres;
  std::string_view name;                        ///< "snowflake"
  IdentifierFold fold = IdentifierFold::kLower; ///< of unquoted identifiers
  bool quoted_case_sensitive = true;   ///< "Email" differs from email (PostgreSQL, Snowflake)
  bool backtick_identifiers = false;   ///< `name`, `project.dataset.table` (BigQuery, Databricks)
  bool double_quoted_strings = false;  ///< "text" is a string, not a name (BigQuery, Databricks)
  bool backslash_escapes = false;      ///< 'it\'s' (BigQuery, Databricks, Snowflake)
  bool hash_comments = false;          ///< # to end of line (BigQuery)
  bool colon_paths = false;            ///< v:a.b[0] is semi-structured access (Snowflake, Databricks)
  bool dollar_strings = true;          ///< $$...$$ / $tag$...$tag$ (PostgreSQL, Snowflake, ...)
  bool date_part_last = false;         ///< DATE_DIFF(a, b, DAY): the part is the last argument
  /// SELECT a * 2 AS b, b + 1: a bare name that is no input column names an earlier select item
  /// (Snowflake, Databricks, Redshift, DuckDB). The parser records it on each SELECT block
  /// (ir::Query::lateral_aliases), which is all the lineage engine reads.
  bool lateral_aliases = false;

  /// The catalog's spelling of an identifier as written (`raw` without its quotes, unescaped).
  /// The catalog keeps PostgreSQL's convention (lower case is the folded form), so a name the
  /// warehouse folds to upper case (Snowflake's EMAIL) is the same column as PostgreSQL's email.
  std::string Canonical(std::string_view raw, bool quoted) const;
  /// True when GROUP BY / ORDER BY may name a non-integer constant (every warehouse; PostgreSQL
  /// refuses it).
  bool AllowsConstantKeys() const { return kind != DialectKind::kPostgres; }
  /// True when a view expands `*` anew at each query (BigQuery, DuckDB): a column it passed
  /// through may vanish from the table without breaking it. PostgreSQL refuses the drop,
  /// Snowflake, Redshift, Databricks and Trino views fail once the column is gone.
  bool ViewsRebindStar() const { return kind == DialectKind::kBigQuery || kind == DialectKind::kDuckDB; }
  /// True for the dialect's aggregate functions (by canonical, unqualified name). The parser
  /// records the answer on each call (ir::Expr::aggregate) for the lineage engine.
  bool IsAggregate(std::string_view name) const;
  /// True when `name(...) WITHIN GROUP (ORDER BY x)` aggregates x itself (percentile_cont);
  /// false when the ORDER BY only sorts what is aggregated (Snowflake's LISTAGG, ARRAY_AGG).
  bool IsOrderedSetAggregate(std::string_view name) const;
  /// True for the dialect's window-only functions (row_number, lag, ...).
  bool IsWindowFunction(std::string_view name) const;
  /// True for a date-part keyword (day, month, hour, dow, ...), canonical spelling.
  bool IsDatePart(std::string_view name) const;
  /// True when argument `index` of `function` (of `count` arguments) is a date part written as a
  /// bare keyword: DATEADD(day, 1, x), DATE_TRUNC(x, MONTH), EXTRACT is handled by the parser.
  bool IsDatePartArgument(std::string_view function, size_t index, size_t count) const;
  /// The column names a table function produces when the query does not name them (FLATTEN's
  /// seq, key, path, index, value, this); empty when the function is not known to this dialect.
  std::vector<std::string_view> TableFunctionColumns(std::string_view function) const;
};

/// The dialect called `name` ("snowflake", "bigquery", "redshift", "databricks", "spark",
/// "trino", "athena", "presto", "duckdb", "postgres", "postgresql"), case-insensitive; null
/// when there is none.
const Dialect* DialectByName(std::string_view name);

/// The dialects' names, PostgreSQL first ("postgres", "snowflake", ...).
std::vector<std::string_view> DialectNames();
/// The other names DialectByName accepts ("postgresql", "spark", "athena", ...).
std::vector<std::string_view> DialectAliases();

/// PostgreSQL's dialect (the default).
const Dialect& Postgres();

}  // namespace ds::dialect
