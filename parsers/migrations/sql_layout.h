#pragma once
/// Which files of a migration folder are part of the up-history, and in what order.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "src/ir/diagnostic.h"

namespace ds::parsers {

enum class SqlFileRole { kMigration, kSchemaSnapshot };

struct OrderedSqlFile {
  std::string path;
  SqlFileRole role = SqlFileRole::kMigration;
};

/// How a migrations entry's files are ordered (downstream.yml `order:`).
enum class SqlOrder {
  kAuto,           ///< "auto": by the file names' layout (see OrderSqlMigrations)
  kPath,           ///< "path": by path, numbers within names compared as numbers
  kVersionFolder,  ///< "version-folder": by the numbered folder holding each file (synapse)
};

/// What the configuration says about an entry beyond its files.
struct SqlLayout {
  SqlOrder order = SqlOrder::kAuto;
  /// `role:`: every file's role when set; else by name (auto), by folder (version-folder), or
  /// migration (path).
  std::optional<SqlFileRole> role;
  /// The entry's path names this one file: it is taken whatever its name (auto: a snapshot unless
  /// its name is a migration's).
  bool single_file = false;
};

/// "auto", "path", "version-folder"; nullopt for anything else.
std::optional<SqlOrder> SqlOrderNamed(std::string_view name);
/// "snapshot", "migration"; nullopt for anything else.
std::optional<SqlFileRole> SqlFileRoleNamed(std::string_view name);

/// Orders the SQL files found under one configured migrations path (repository-relative paths,
/// '/'-separated).
///
/// `auto` runs them the way the tool that owns the layout does: Flyway `V<ver>__name.sql`
/// (versions compared numerically by part, repeatable `R__` last), golang-migrate / dbmate
/// `NNN_name.up.sql` (`.down.sql` left out), Prisma `<ts>_name/migration.sql`, diesel
/// `<ts>_name/up.sql` (`down.sql` left out), plain numbered files; a schema dump (structure.sql,
/// schema.sql, pg_dump output) is a snapshot that comes first. Files that fit no layout are
/// reported in `notes`, not dropped silently.
///
/// `path` takes every file, by path, digit runs compared as numbers (`2_b.sql` before `10_a.sql`).
///
/// `version-folder` (synapse's `full_schemas/<N>/` then `delta/<v>/`): a file's version is the
/// nearest folder above it named by a number; files in a version folder under `full_schemas`
/// (`full_schema`, `snapshots`, `snapshot`) are snapshots. Files in no version folder run first,
/// then the highest snapshot version's files (older snapshots left out), then every migration of
/// a later version (earlier ones are in the snapshot), by version, file name, then path. `paths`
/// may hold Python deltas (synapse's `.py`): one in a replayed version folder is a note, not a file.
///
/// Ties break on the full path so the order is deterministic.
std::vector<OrderedSqlFile> OrderSqlMigrations(const std::vector<std::string>& paths,
                                               std::vector<ir::Diagnostic>& notes,
                                               const SqlLayout& layout = {});

}  // namespace ds::parsers
