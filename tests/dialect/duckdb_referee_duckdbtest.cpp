// DuckDB as the referee of the duckdb dialect's lineage. For every fixture of
// tests/dialect/fixtures/duckdb/, the tables (from our catalog, PostgreSQL types mapped to DuckDB's)
// and the views (their text as written) are created in an in-memory DuckDB. A view DuckDB refuses
// there is an invalid fixture, unless the fixture expects a diagnostic. Then, for every column of
// every table, on a fresh database: create everything, `ALTER TABLE t DROP COLUMN c`, and read each
// view (`SELECT * FROM v LIMIT 0`; DuckDB binds a view again each time it is read). The view breaks
// when DuckDB refuses it, or when it still answers but with other columns (DuckDB expands a `*`
// afresh on every read, so a column read through `*` vanishes from the view instead of failing it).
// Our lineage (the engine's references of the view, through views down to tables, computed here
// from our parser in duckdb mode) says whether the view reads the column; both must agree.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <map>
#include <memory>
#include <set>

#include "tests/dialect/dialect_fixture.h"
#include "tests/dialect/duckdb_client.h"
#include "tests/support/temp_dir.h"

namespace ds::test {
namespace {

namespace fs = std::filesystem;

// Where DuckDB and our lineage disagree for a reason we know, keyed by
// "<fixture> <view> <table>.<column>" and valued by the reason. Every entry must be used, so the
// table cannot go stale, and any other disagreement fails the test.
const std::map<std::string, std::string> kKnownDisagreements = {};

// The PostgreSQL type names of the fixtures' DDL (as the catalog prints them) DuckDB does not know.
std::string DuckDbType(const std::string& type) {
  if (type == "jsonb" || type == "json") return "JSON";
  return type;
}

std::string Quoted(const std::string& name) {
  std::string out = "\"";
  for (char c : name) out += (c == '"') ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

// PostgreSQL's default schema is DuckDB's main.
std::string DuckDbName(const ir::QualifiedName& name) {
  if (name.schema.empty() || name.schema == "public") return Quoted(name.name);
  return Quoted(name.schema) + "." + Quoted(name.name);
}

// A fixture read as the product reads it: its catalog (tables from libpg_query, views from our
// frontend in duckdb mode), with the view statements' text for DuckDB.
struct DuckDbFixture {
  std::string name;  // "<stem>.sql"
  std::string text;
  catalog::Catalog catalog;
  std::vector<ir::Diagnostic> diagnostics;
  std::vector<std::string> view_statements;  // CREATE VIEW ... as written, in file order
};

std::unique_ptr<DuckDbFixture> LoadDuckDbFixture(const fs::path& path) {
  auto fixture = std::make_unique<DuckDbFixture>();
  fixture->name = path.filename().string();
  fixture->text = ReadFile(path.string());
  const dialect::Dialect& duckdb = *dialect::DialectByName("duckdb");
  DialectOps ops = DialectFileOps(fixture->name, fixture->text, duckdb);
  fixture->diagnostics = ops.diagnostics;
  fixture->catalog.SetQueryShape([](const ir::Query& query, const catalog::Catalog& at,
                                    const std::vector<std::string>& search_path) {
    lineage::LineageEngine engine(at);
    return engine.QueryShape(query, search_path);
  });
  fixture->catalog.BeginFile();
  for (const ir::SchemaOp& op : ops.ops) fixture->catalog.Apply(op, fixture->diagnostics);
  dialect::ScriptParse script = dialect::ParseDialectScript(fixture->text, duckdb);
  for (const dialect::DialectStatement& statement : script.statements) {
    if (statement.kind != dialect::DialectStatement::Kind::kCreateView) continue;
    fixture->view_statements.push_back(
        fixture->text.substr(statement.offset, statement.end_offset - statement.offset));
  }
  return fixture;
}

// A fixture that expects a diagnostic may be SQL DuckDB refuses.
bool ExpectsDiagnostic(const std::string& text) {
  return text.find("\n-- diag:") != std::string::npos || text.find("\n-- setup:") != std::string::npos;
}

// The CREATE TABLE statements of the fixture's tables, in DuckDB's terms.
std::string TablesSql(const catalog::Catalog& catalog) {
  std::string sql;
  for (const auto& [name, table] : catalog.tables()) {
    if (!name.schema.empty() && name.schema != "public") {
      sql += "CREATE SCHEMA IF NOT EXISTS " + Quoted(name.schema) + ";\n";
    }
    sql += "CREATE TABLE " + DuckDbName(name) + " (";
    for (size_t i = 0; i < table.columns.size(); ++i) {
      sql += (i > 0 ? ", " : "") + Quoted(table.columns[i].name) + " " + DuckDbType(table.columns[i].type);
    }
    sql += ");\n";
  }
  return sql;
}

// A fresh database holding the fixture's tables and views; the first refusal, if any, in `error`.
std::unique_ptr<DuckDb> CreateSchema(const DuckDbFixture& fixture, std::string& error) {
  auto db = std::make_unique<DuckDb>();
  if (!db->ok()) {
    error = db->error();
    return db;
  }
  DuckDbOutcome tables = db->Run(TablesSql(fixture.catalog));
  if (!tables.ok) {
    error = "tables: " + tables.error;
    return db;
  }
  for (const std::string& view : fixture.view_statements) {
    DuckDbOutcome created = db->Run(view);
    if (!created.ok) {
      error = created.error + "\n  in: " + view;
      return db;
    }
  }
  return db;
}

std::string ViewQuery(const ir::QualifiedName& view) {
  return "SELECT * FROM " + DuckDbName(view) + " LIMIT 0";
}

struct Tally {
  size_t fixtures = 0;
  size_t views = 0;
  size_t refused_expected = 0;  // fixtures DuckDB refuses that expect a diagnostic
  size_t columns = 0;           // (view, table column) pairs checked
  size_t agreements = 0;
  size_t reads = 0;             // of the agreements: columns read (the view broke)
  size_t refusals = 0;          //   of which DuckDB refused the view
  size_t reshaped = 0;          //   of which DuckDB answered with other columns
  size_t undroppable = 0;       // DuckDB would not drop the column (a table's last one)
  std::set<std::string> known_used;
};

void CheckFixture(const DuckDbFixture& fixture, Tally& tally) {
  INFO("fixture: " << fixture.name);
  ++tally.fixtures;
  std::string error;
  std::unique_ptr<DuckDb> original = CreateSchema(fixture, error);
  if (!error.empty()) {
    CHECK_MESSAGE(ExpectsDiagnostic(fixture.text), "DuckDB refuses the fixture: " << error);
    ++tally.refused_expected;
    return;
  }
  lineage::LineageEngine engine(fixture.catalog);
  for (const auto& [view_name, view] : fixture.catalog.views()) {
    ++tally.views;
    const lineage::ViewLineage* lineage = engine.TransitiveForView(view_name);
    REQUIRE(lineage != nullptr);
    std::set<std::string> reads;
    for (const lineage::Reference& ref : lineage->references) {
      if (!ref.unresolved) reads.insert(ref.relation.ToString() + "." + ref.column);
    }
    DuckDbOutcome before = original->Run(ViewQuery(view_name));
    REQUIRE_MESSAGE(before.ok, before.error);
    for (const auto& [table_name, table] : fixture.catalog.tables()) {
      for (const catalog::Column& column : table.columns) {
        std::string column_text = table_name.ToString() + "." + column.name;
        std::string key = fixture.name + " " + view_name.ToString() + " " + column_text;
        INFO("view " << view_name.ToString() << ", dropping " << column_text);
        std::string setup_error;
        std::unique_ptr<DuckDb> db = CreateSchema(fixture, setup_error);
        REQUIRE_MESSAGE(setup_error.empty(), setup_error);
        DuckDbOutcome dropped = db->Run("ALTER TABLE " + DuckDbName(table_name) + " DROP COLUMN " +
                                        Quoted(column.name));
        if (!dropped.ok) {
          ++tally.undroppable;
          continue;
        }
        ++tally.columns;
        DuckDbOutcome after = db->Run(ViewQuery(view_name));
        bool refused = !after.ok;
        bool reshaped = after.ok && after.columns != before.columns;
        bool breaks = refused || reshaped;
        bool ours = reads.count(column_text) != 0;
        if (breaks == ours) {
          ++tally.agreements;
          if (breaks) ++tally.reads;
          if (refused) ++tally.refusals;
          if (reshaped) ++tally.reshaped;
          CHECK_MESSAGE(kKnownDisagreements.count(key) == 0, key << " is listed as a disagreement but agrees");
          continue;
        }
        if (kKnownDisagreements.count(key) != 0) {
          tally.known_used.insert(key);
          continue;
        }
        if (ours) {
          FAIL_CHECK(key << ": we say the view reads it, but DuckDB still reads the view unchanged");
        } else {
          FAIL_CHECK(key << ": we say the view does not read it, but DuckDB "
                         << (refused ? "refuses the view: " + after.error : std::string("changes its columns")));
        }
      }
    }
  }
}

TEST_CASE("DuckDB agrees with our lineage on which columns each duckdb fixture's views read") {
  std::vector<fs::path> files;
  for (const auto& entry :
       fs::directory_iterator(fs::path(DOWNSTREAM_SOURCE_DIR) / "tests/dialect/fixtures/duckdb")) {
    if (entry.path().extension() == ".sql") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  REQUIRE(!files.empty());
  Tally tally;
  for (const fs::path& path : files) {
    std::unique_ptr<DuckDbFixture> fixture = LoadDuckDbFixture(path);
    CheckFixture(*fixture, tally);
  }
  std::cout << "DuckDB " << DuckDb::Version() << " referee: " << tally.fixtures << " fixtures ("
            << tally.refused_expected << " refused, as they expect), " << tally.views << " views, "
            << tally.columns << " columns dropped: " << tally.agreements << " agreements ("
            << tally.reads << " read: " << tally.refusals << " refused, " << tally.reshaped
            << " reshaped; " << tally.agreements - tally.reads << " not read), "
            << tally.known_used.size() << " known disagreements; " << tally.undroppable
            << " columns DuckDB would not drop\n";
  std::set<std::string> listed;
  for (const auto& [key, reason] : kKnownDisagreements) listed.insert(key);
  CHECK(tally.known_used == listed);
}

}  // namespace
}  // namespace ds::test
