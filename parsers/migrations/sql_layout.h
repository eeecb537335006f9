#pragma once
/// Which files of a migration folder are part of the up-history, and in what order.
#include <string>
#include <vector>

#include "src/ir/diagnostic.h"

namespace ds::parsers {

enum class SqlFileRole { kMigration, kSchemaSnapshot };

struct OrderedSqlFile {
  std::string path;
  SqlFileRole role = SqlFileRole::kMigration;
};

/// Orders the .sql files found under one configured migrations path (repository-relative paths,
/// '/'-separated) the way the tool that owns the layout runs them: Flyway `V<ver>__name.sql`
/// (versions compared numerically by part, repeatable `R__` last), golang-migrate / dbmate
/// `NNN_name.up.sql` (`.down.sql` left out), Prisma `<ts>_name/migration.sql`, diesel
/// `<ts>_name/up.sql` (`down.sql` left out), plain numbered files; a schema dump (structure.sql,
/// schema.sql, pg_dump output) is a snapshot that comes first. Ties break on the full path so the
/// order is deterministic. Files that fit no layout are reported in `notes`, not dropped silently.
std::vector<OrderedSqlFile> OrderSqlMigrations(const std::vector<std::string>& paths,
                                               std::vector<ir::Diagnostic>& notes);

}  // namespace ds::parsers
