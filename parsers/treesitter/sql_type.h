#pragma once
/// Framework column types as PostgreSQL's format_type() prints them: the frontends write the
/// type the framework would put in its DDL ("VARCHAR(255)", "TIMESTAMP WITH TIME ZONE") and
/// the SQL frontend formats it, so every frontend agrees with SQL migrations to the letter.
#include <string>
#include <string_view>

namespace ds::parsers {

/// `VARCHAR(255)` -> `character varying(255)`, `bigserial` -> `bigint`; memoised per thread.
/// Text the SQL frontend cannot read comes back lower-cased.
std::string FormatSqlType(std::string_view sql_type);

/// `name` as a double-quoted SQL identifier (the frameworks quote the names they emit).
std::string QuoteIdentifier(std::string_view name);

}  // namespace ds::parsers
