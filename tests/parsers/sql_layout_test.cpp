// OrderSqlMigrations: which files of a migrations folder run, and in what order.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "parsers/migrations/sql_layout.h"

namespace ds::parsers {
namespace {

struct Row {
  const char* name;
  std::vector<std::string> paths;
  std::vector<std::string> expected;  ///< ordered paths; snapshots marked "snapshot:"
  std::vector<std::string> noted;     ///< paths reported as fitting no layout
};

std::vector<std::string> Render(const std::vector<OrderedSqlFile>& files) {
  std::vector<std::string> out;
  for (const OrderedSqlFile& file : files) {
    out.push_back((file.role == SqlFileRole::kSchemaSnapshot ? "snapshot:" : "") + file.path);
  }
  return out;
}

}  // namespace

TEST_CASE("OrderSqlMigrations") {
  const Row rows[] = {
      {"flyway versions compare numerically by part",
       {"db/V10__c.sql", "db/V2__b.sql", "db/V1_1__a2.sql", "db/V1__a.sql", "db/V1.2__a3.sql"},
       {"db/V1__a.sql", "db/V1_1__a2.sql", "db/V1.2__a3.sql", "db/V2__b.sql", "db/V10__c.sql"},
       {}},
      {"flyway repeatables after versioned, undo left out",
       {"db/R__views.sql", "db/U2__undo.sql", "db/V2__b.sql", "db/R__a_first.sql", "db/V1__a.sql"},
       {"db/V1__a.sql", "db/V2__b.sql", "db/R__a_first.sql", "db/R__views.sql"},
       {}},
      {"flyway near miss: one underscore is not a flyway name",
       {"db/V1_init.sql", "db/V1__init.sql"},
       {"db/V1__init.sql"},
       {"db/V1_init.sql"}},
      {"golang-migrate: up files only",
       {"m/000002_add.up.sql", "m/000002_add.down.sql", "m/000001_init.up.sql",
        "m/000001_init.down.sql", "m/000010_more.up.sql"},
       {"m/000001_init.up.sql", "m/000002_add.up.sql", "m/000010_more.up.sql"},
       {}},
      {"dbmate timestamps",
       {"db/migrations/20240301000000_b.sql", "db/migrations/20231231235959_a.sql"},
       {"db/migrations/20231231235959_a.sql", "db/migrations/20240301000000_b.sql"},
       {}},
      {"prisma folders",
       {"prisma/migrations/20240102000000_two/migration.sql",
        "prisma/migrations/20240101000000_init/migration.sql"},
       {"prisma/migrations/20240101000000_init/migration.sql",
        "prisma/migrations/20240102000000_two/migration.sql"},
       {}},
      {"diesel folders, down.sql left out",
       {"migrations/2024-02-01-000000_b/up.sql", "migrations/2024-02-01-000000_b/down.sql",
        "migrations/2024-01-15-093000_a/up.sql", "migrations/2024-01-15-093000_a/down.sql"},
       {"migrations/2024-01-15-093000_a/up.sql", "migrations/2024-02-01-000000_b/up.sql"},
       {}},
      {"plain numbered files in natural order",
       {"sql/10_ten.sql", "sql/9_nine.sql", "sql/001_one.sql", "sql/2-two.sql"},
       {"sql/001_one.sql", "sql/2-two.sql", "sql/9_nine.sql", "sql/10_ten.sql"},
       {}},
      {"equal versions tie-break on the path",
       {"b/001_x.sql", "a/001_y.sql", "a/01_x.sql"},
       {"a/001_y.sql", "a/01_x.sql", "b/001_x.sql"},
       {}},
      {"schema dumps first",
       {"db/002_b.sql", "db/structure.sql", "db/001_a.sql", "db/schema.sql", "db/pg_dump.sql"},
       {"snapshot:db/pg_dump.sql", "snapshot:db/schema.sql", "snapshot:db/structure.sql",
        "db/001_a.sql", "db/002_b.sql"},
       {}},
      {"a numbered file that mentions dump is a migration",
       {"db/003_dump_old_rows.sql", "db/001_a.sql"},
       {"db/001_a.sql", "db/003_dump_old_rows.sql"},
       {}},
      {"files that fit no layout are noted, not dropped silently",
       {"db/001_a.sql", "db/seed.sql", "db/views/customers.sql", "prisma/misc/migration.sql"},
       {"db/001_a.sql"},
       {"db/seed.sql", "db/views/customers.sql", "prisma/misc/migration.sql"}},
      {"nothing in, nothing out", {}, {}, {}},
  };
  for (const Row& row : rows) {
    SUBCASE(row.name) {
      std::vector<ir::Diagnostic> notes;
      CHECK(Render(OrderSqlMigrations(row.paths, notes)) == row.expected);
      std::vector<std::string> noted;
      for (const ir::Diagnostic& note : notes) {
        noted.push_back(note.span.file);
        CHECK(note.message.rfind("left out of the migration order", 0) == 0);
      }
      CHECK(noted == row.noted);
    }
  }
}

TEST_CASE("OrderSqlMigrations: what the configuration says (order, role, a file named alone)") {
  struct LayoutRow {
    const char* name;
    SqlLayout layout;
    std::vector<std::string> paths;
    std::vector<std::string> expected;
    size_t notes = 0;
  };
  const SqlLayout single{SqlOrder::kAuto, std::nullopt, true};
  const SqlLayout path_order{SqlOrder::kPath, std::nullopt, false};
  const SqlLayout folders{SqlOrder::kVersionFolder, std::nullopt, false};
  const LayoutRow rows[] = {
      {"a dump named alone is taken whatever its name, as a snapshot", single, {"db/init.sql"}, {"snapshot:db/init.sql"}},
      {"near miss: the same name in a folder fits no layout", {}, {"db/init.sql", "db/001_a.sql"}, {"db/001_a.sql"}, 1},
      {"a migration named alone stays a migration", single, {"db/V3__add.sql"}, {"db/V3__add.sql"}},
      {"role: migration on a file named alone",
       {SqlOrder::kAuto, SqlFileRole::kMigration, true}, {"schema/base.sql"}, {"schema/base.sql"}},
      {"role: snapshot on a folder", {SqlOrder::kAuto, SqlFileRole::kSchemaSnapshot, false},
       {"db/002_b.sql", "db/001_a.sql"}, {"snapshot:db/001_a.sql", "snapshot:db/002_b.sql"}},
      {"order: path takes every file, numbers compared as numbers", path_order,
       {"sql/10_ten.sql", "sql/setup.sql", "sql/9_nine.sql", "sql/a/2.sql", "sql/a-b/1.sql", "sql/a/10.sql"},
       {"sql/9_nine.sql", "sql/10_ten.sql", "sql/a/2.sql", "sql/a/10.sql", "sql/a-b/1.sql", "sql/setup.sql"}},
      {"near miss: auto leaves a name it cannot place out", {}, {"sql/setup.sql", "sql/9_nine.sql"}, {"sql/9_nine.sql"}, 1},
      {"order: path, role: snapshot", {SqlOrder::kPath, SqlFileRole::kSchemaSnapshot, false},
       {"b.sql", "a.sql"}, {"snapshot:a.sql", "snapshot:b.sql"}},
      {"version-folder: the highest full schema, then later deltas by version, name, path", folders,
       {"s/main/delta/73/02_b.sql", "s/common/full_schemas/72/full.sql.postgres", "s/main/delta/72/01_old.sql",
        "s/main/full_schemas/72/full.sql.postgres", "s/main/full_schemas/16/full.sql", "s/state/delta/73/01_a.sql",
        "s/main/delta/100/01_z.sql", "s/main/delta/73/01_a.sql.postgres", "s/common/schema_version.sql",
        "s/main/delta/9/01_older.sql"},
       {"s/common/schema_version.sql", "snapshot:s/common/full_schemas/72/full.sql.postgres",
        "snapshot:s/main/full_schemas/72/full.sql.postgres", "s/state/delta/73/01_a.sql",
        "s/main/delta/73/01_a.sql.postgres", "s/main/delta/73/02_b.sql", "s/main/delta/100/01_z.sql"}},
      {"version-folder: a Python delta in a replayed version is noted, not read", folders,
       {"s/__init__.py", "s/full_schemas/2/full.sql", "s/delta/1/old.py", "s/delta/3/a.sql", "s/delta/3/b.py"},
       {"snapshot:s/full_schemas/2/full.sql", "s/delta/3/a.sql"}, 1},
      {"version-folder without snapshots: every delta", folders,
       {"m/2/b.sql", "m/10/a.sql", "m/1.5/z.sql", "m/2/a.sql"},
       {"m/1.5/z.sql", "m/2/a.sql", "m/2/b.sql", "m/10/a.sql"}},
      {"version-folder near miss: a numbered file name is no version folder", folders,
       {"m/20_b.sql", "m/3/a.sql"}, {"m/20_b.sql", "m/3/a.sql"}},
      {"version-folder, role: migration: full schemas are versions like any other",
       {SqlOrder::kVersionFolder, SqlFileRole::kMigration, false},
       {"s/delta/3/a.sql", "s/full_schemas/2/full.sql"}, {"s/full_schemas/2/full.sql", "s/delta/3/a.sql"}},
  };
  for (const LayoutRow& row : rows) {
    SUBCASE(row.name) {
      std::vector<ir::Diagnostic> notes;
      CHECK(Render(OrderSqlMigrations(row.paths, notes, row.layout)) == row.expected);
      CHECK(notes.size() == row.notes);
      for (const ir::Diagnostic& note : notes) CHECK(note.code == ir::DiagCode::kNotAMigration);
    }
  }
}

TEST_CASE("the names of order: and role:") {
  CHECK(SqlOrderNamed("auto") == SqlOrder::kAuto);
  CHECK(SqlOrderNamed("path") == SqlOrder::kPath);
  CHECK(SqlOrderNamed("version-folder") == SqlOrder::kVersionFolder);
  CHECK_FALSE(SqlOrderNamed("Path").has_value());
  CHECK(SqlFileRoleNamed("snapshot") == SqlFileRole::kSchemaSnapshot);
  CHECK(SqlFileRoleNamed("migration") == SqlFileRole::kMigration);
  CHECK_FALSE(SqlFileRoleNamed("dump").has_value());
}

}  // namespace ds::parsers
