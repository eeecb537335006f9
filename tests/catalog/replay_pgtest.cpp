// Differential test: PostgreSQL itself is the oracle for the schema a migration history builds.
// Each history of tests/fixtures/pg_migrations/ is applied with psql to a fresh database and
// replayed through ParseSqlFile + Catalog; tables (ordered columns, format_type, not null) and
// views must agree.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <set>
#include <sstream>

#include "parsers/sql/parse_sql.h"
#include "src/catalog/diff.h"
#include "src/lineage/lineage.h"
#include "tests/catalog/replay_helpers.h"
#include "tests/support/postgres.h"
#include "tests/support/temp_dir.h"

namespace ds::test {
namespace {

namespace fs = std::filesystem;

const fs::path kCorpus = fs::path(DOWNSTREAM_SOURCE_DIR) / "tests/fixtures/pg_migrations";

std::vector<std::string> Histories() {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(kCorpus)) {
    if (entry.is_directory()) names.push_back(entry.path().filename().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

std::vector<std::string> Files(const std::string& history) {
  std::vector<std::string> files;
  for (const auto& entry : fs::directory_iterator(kCorpus / history)) {
    if (entry.path().extension() == ".sql") files.push_back(entry.path().filename().string());
  }
  std::sort(files.begin(), files.end());
  return files;
}

// Replays the first `count` files of a history; every diagnostic fails the test (PostgreSQL ran
// every statement, so a refusal or an unread statement is our mistake).
catalog::Catalog Replay(const std::string& history, size_t count) {
  catalog::Catalog catalog;
  // As the engine does: DROP COLUMN needs the columns each view reads (lineage knows them).
  catalog.SetViewReads([](const catalog::Catalog& at, const ir::QualifiedName& view) {
    std::vector<std::pair<ir::QualifiedName, std::string>> reads;
    lineage::LineageEngine engine(at);
    if (const lineage::ViewLineage* traced = engine.ForView(view)) {
      for (const lineage::Reference& ref : traced->references) reads.emplace_back(ref.relation, ref.column);
    }
    return reads;
  });
  std::vector<ir::Diagnostic> diagnostics;
  std::vector<std::string> files = Files(history);
  for (size_t i = 0; i < std::min(count, files.size()); ++i) {
    std::string path = history + "/" + files[i];
    ir::ParsedFile parsed = parsers::ParseSqlFile(path, ReadFile((kCorpus / path).string()));
    diagnostics.insert(diagnostics.end(), parsed.diagnostics.begin(), parsed.diagnostics.end());
    catalog.BeginFile();
    for (const ir::SchemaOp& op : parsed.ops) catalog.Apply(op, diagnostics);
  }
  CHECK_MESSAGE(diagnostics.empty(), "diagnostics:\n" << DumpDiagnostics(diagnostics));
  return catalog;
}

// Our catalog in the oracle's words: "table s.t: col type [not null], ..." and "view s.v".
std::set<std::string> Describe(const catalog::Catalog& catalog) {
  std::set<std::string> lines;
  for (const auto& [name, table] : catalog.tables()) {
    std::string line = "table " + name.ToString() + ":";
    for (const catalog::Column& c : table.columns) {
      line += " " + c.name + " " + c.type + (c.not_null ? " not null" : "") + ",";
    }
    lines.insert(line);
  }
  for (const auto& [name, view] : catalog.views()) lines.insert("view " + name.ToString());
  return lines;
}

std::set<std::string> DescribeDatabase(Postgres& pg, const std::string& db) {
  std::set<std::string> lines;
  auto tables = pg.Query(db,
      "SELECT table_schema || '.' || table_name FROM information_schema.tables "
      "WHERE table_type = 'BASE TABLE' "
      "AND table_schema NOT IN ('pg_catalog', 'information_schema') ORDER BY 1");
  auto columns = pg.Query(db,
      "SELECT n.nspname || '.' || c.relname, a.attname, format_type(a.atttypid, a.atttypmod), "
      "a.attnotnull FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid "
      "JOIN pg_namespace n ON n.oid = c.relnamespace "
      "WHERE c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped "
      "AND n.nspname NOT IN ('pg_catalog', 'information_schema') ORDER BY 1, a.attnum");
  for (const auto& table : tables) {
    std::string line = "table " + table.at(0) + ":";
    for (const auto& column : columns) {
      if (column.at(0) != table.at(0)) continue;
      line += " " + column.at(1) + " " + column.at(2) + (column.at(3) == "t" ? " not null" : "") +
              ",";
    }
    lines.insert(line);
  }
  auto views = pg.Query(db,
      "SELECT n.nspname || '.' || c.relname FROM pg_class c "
      "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind IN ('v', 'm') "
      "AND n.nspname NOT IN ('pg_catalog', 'information_schema')");
  for (const auto& view : views) lines.insert("view " + view.at(0));
  return lines;
}

// "- " lines only PostgreSQL has, "+ " lines only we have.
std::string LineDiff(const std::set<std::string>& expected, const std::set<std::string>& actual) {
  std::string out;
  for (const std::string& line : expected) {
    if (actual.count(line) == 0) out += "- " + line + "\n";
  }
  for (const std::string& line : actual) {
    if (expected.count(line) == 0) out += "+ " + line + "\n";
  }
  return out;
}

TEST_CASE("the corpus is big enough to mean something") {
  size_t files = 0;
  for (const std::string& history : Histories()) files += Files(history).size();
  CHECK(Histories().size() >= 4);
  CHECK(files >= 25);
}

TEST_CASE("replayed catalogs equal what PostgreSQL builds") {
  Postgres pg = Postgres::FromEnvironment();
  for (const std::string& history : Histories()) {
    SUBCASE(history.c_str()) {
      std::string db = pg.CreateDatabase("replay_" + history);
      for (const std::string& file : Files(history)) {
        std::string output;
        int status = pg.ExecFile(db, (kCorpus / history / file).string(), &output);
        REQUIRE_MESSAGE(status == 0, history << "/" << file << " fails in PostgreSQL:\n" << output);
      }
      std::set<std::string> expected = DescribeDatabase(pg, db);
      std::set<std::string> actual = Describe(Replay(history, Files(history).size()));
      CHECK_MESSAGE(expected == actual, history << ": - PostgreSQL only, + ours only\n"
                                                << LineDiff(expected, actual));
    }
  }
}

}  // namespace
}  // namespace ds::test

namespace ds::test {
namespace {

std::string DumpChanges(const std::vector<catalog::SchemaChange>& changes) {
  std::string out;
  for (const catalog::SchemaChange& c : changes) {
    out += c.span.file + ":" + std::to_string(c.span.line) + " " + c.change.kind + " " +
           c.change.table.ToString();
    if (!c.change.column.empty()) out += "." + c.change.column;
    if (!c.change.new_name.empty()) out += " -> " + c.change.new_name;
    if (!c.change.old_type.empty()) out += " " + c.change.old_type + " => " + c.change.new_type;
    if (!c.dropped_by.empty()) out += " (cascade from " + c.dropped_by + ")";
    out += "\n";
  }
  return out;
}

struct HistoryDiffCase {
  const char* history;
  size_t base_files;
  std::string changes;
};

// A table renamed or retyped and then dropped is one drop_table, at the DROP. A column added to a
// table of base is an add_column (on each table that inherits it too).
TEST_CASE("Diff of a history's first files against all of them") {
  const std::vector<HistoryDiffCase> cases = {
      {"shop", 3,
       "shop/004_alter_users.sql:1 add_column public.users.phone\n"
       "shop/004_alter_users.sql:2 rename_column public.users.name -> full_name\n"
       "shop/004_alter_users.sql:3 retype_column public.users.email character varying(255) => "
       "text\n"
       "shop/005_statuses.sql:2 retype_column public.orders.total numeric(12,2) => "
       "numeric(14,2)\n"
       "shop/005_statuses.sql:3 add_column public.orders.shipped_at\n"
       "shop/005_statuses.sql:3 add_column public.orders.tracking\n"
       "shop/006_drop_and_rename.sql:2 drop_table public.order_totals\n"
       "shop/006_drop_and_rename.sql:3 retype_column public.order_items.qty integer => bigint\n"
       "shop/006_drop_and_rename.sql:4 drop_column public.products.weight\n"
       "shop/006_drop_and_rename.sql:5 rename_table public.products -> public.catalog_items\n"
       "shop/006_drop_and_rename.sql:6 drop_column public.orders.notes\n"},
      {"telemetry", 2,
       "telemetry/003_propagate.sql:2 add_column public.cameras.installed_on\n"
       "telemetry/003_propagate.sql:2 add_column public.devices.installed_on\n"
       "telemetry/003_propagate.sql:2 add_column public.sensors.installed_on\n"
       "telemetry/003_propagate.sql:3 rename_column public.cameras.location -> position\n"
       "telemetry/003_propagate.sql:3 rename_column public.devices.location -> position\n"
       "telemetry/003_propagate.sql:3 rename_column public.sensors.location -> position\n"
       "telemetry/003_propagate.sql:4 retype_column public.measurements.value double precision "
       "=> numeric(12,4)\n"
       "telemetry/003_propagate.sql:4 retype_column public.measurements_2024.value double "
       "precision => numeric(12,4)\n"
       "telemetry/004_drops.sql:2 drop_column public.cameras.name\n"
       "telemetry/004_drops.sql:2 drop_column public.devices.name\n"
       "telemetry/004_drops.sql:4 drop_table public.measurements_2023\n"},
      {"analytics", 3,
       "analytics/004_moves.sql:1 rename_table public.settings -> app.settings\n"
       "analytics/004_moves.sql:3 rename_column app.accounts.displayName -> display_name\n"
       "analytics/004_moves.sql:5 rename_column reporting.snapshots.rows_seen -> rowsSeen\n"
       "analytics/005_drop_cascade.sql:1 drop_table app.Events\n"
       "analytics/005_drop_cascade.sql:1 drop_table reporting.daily_events (cascade from app.events)\n"
       "analytics/006_drop_schema.sql:6 retype_column app.audit.Who character(8) => "
       "character varying(16)\n"},
      // Views go with CASCADE (a column's readers, `*` included, and the views on those); a
      // renamed type is no retype; a column dropped or renamed away and added back is compared
      // with the original.
      {"precision", 1,
       "precision/002_changes.sql:7 drop_column public.orders.amount\n"
       "precision/002_changes.sql:7 drop_table public.big_amounts (cascade from public.orders.amount)\n"
       "precision/002_changes.sql:7 drop_table public.order_all (cascade from public.orders.amount)\n"
       "precision/002_changes.sql:7 drop_table public.order_amounts (cascade from public.orders.amount)\n"
       "precision/002_changes.sql:9 drop_column public.orders.note\n"
       "precision/002_changes.sql:10 drop_column public.orders.placed\n"
       "precision/002_changes.sql:10 drop_table public.recent (cascade from public.orders.placed)\n"
       "precision/002_changes.sql:11 drop_table public.legacy\n"
       "precision/002_changes.sql:11 drop_table public.legacy_big (cascade from public.legacy)\n"
       "precision/002_changes.sql:11 drop_table public.legacy_count (cascade from public.legacy)\n"
       "precision/002_changes.sql:13 retype_column public.orders.amount integer => numeric(12,2)\n"
       "precision/002_changes.sql:14 rename_column public.orders.total -> total_cents\n"
       "precision/002_changes.sql:15 retype_column public.orders.total integer => bigint\n"},
  };
  for (const HistoryDiffCase& c : cases) {
    SUBCASE(c.history) {
      catalog::Catalog base = Replay(c.history, c.base_files);
      catalog::Catalog head = Replay(c.history, Files(c.history).size());
      CHECK(DumpChanges(catalog::Diff(base, head)) == c.changes);
    }
  }
}

}  // namespace
}  // namespace ds::test
