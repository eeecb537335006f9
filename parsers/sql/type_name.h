#pragma once
/// Internal to parsers/sql: a TypeName printed as PostgreSQL's format_type() prints it.
#include <string>

#include "parsers/sql/pg_tree.h"

namespace ds::parsers::sql {

/// "integer", "character varying(255)", "timestamp(3) with time zone", "text[]", "public.mood".
/// serial types print as the integer type they stand for.
std::string FormatTypeName(const PgQuery__TypeName* type);

/// True for serial, bigserial, smallserial (and serial2/4/8): implicitly NOT NULL.
bool IsSerialType(const PgQuery__TypeName* type);

}  // namespace ds::parsers::sql
