#pragma once
/// SQLAlchemy column types (sa.String(255), postgresql.JSONB, sa.Enum(..., name=...)) as
/// PostgreSQL's format_type() prints what SQLAlchemy's PostgreSQL dialect emits.
#include <optional>
#include <string>

#include "parsers/treesitter/value.h"
#include "src/ir/schema_ops.h"

namespace ds::parsers::python {

struct SqlAlchemyType {
  std::string type;  ///< "character varying(255)"; empty when it cannot be known
  /// A named enum that SQLAlchemy creates along with the table (sa.Enum, postgresql.ENUM
  /// without create_type=False).
  std::optional<ir::CreateEnum> creates_enum;
  std::string problem;  ///< why `type` is empty, for the diagnostic
};

/// `type` is a class (`sa.Integer`) or an instance (`sa.String(length=255)`).
SqlAlchemyType ReadSqlAlchemyType(const Value& type);

}  // namespace ds::parsers::python
