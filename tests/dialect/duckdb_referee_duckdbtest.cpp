// DuckDB as the referee of the duckdb dialect's lineage. Every fixture of
// tests/dialect/fixtures/duckdb/ (its tables and views, as written) is run in an in-memory DuckDB;
// a fixture DuckDB refuses is invalid, unless it expects a diagnostic. Then, for every column of
// every table, in a transaction rolled back after: `ALTER TABLE t DROP COLUMN c`, and read each
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

// Where DuckDB and our lineage disagree for a reason we know, keyed by "<fixture> <view>": the
// columns on which they disagree (exactly) and why. Every entry must be used, so the table cannot
// go stale, and any other disagreement fails the test.
struct Known {
  std::set<std::string> columns;
  const char* reason;
};
// DuckDB expands a `*` afresh each time it binds a view; PostgreSQL (whose model we follow) expands
// it once, at CREATE VIEW. A column reached only through a `*` in an inner scope, whose columns do
// not reach the output (or in a view it reads), breaks the view in PostgreSQL but not in DuckDB.
constexpr const char* kInnerStar =
    "a * in an inner scope: DuckDB re-expands it when it binds the view";
const std::set<std::string> kOrders = {"public.orders.created_at", "public.orders.id",
                                       "public.orders.shipped_at", "public.orders.status",
                                       "public.orders.total",      "public.orders.user_id"};
std::set<std::string> Without(std::set<std::string> columns, const std::string& column) {
  columns.erase(column);
  return columns;
}
constexpr const char* kColumns =
    "engine: COLUMNS(...) is read as a call of a function `columns`, reading no column";
const std::map<std::string, Known> kKnownDisagreements = {
    {"columns_lambda.sql public.v", {{"public.orders.id", "public.orders.user_id"}, kColumns}},
    {"columns_regex.sql public.v", {{"public.users.email", "public.users.id"}, kColumns}},
    {"cte_materialized.sql public.v", {Without(kOrders, "public.orders.status"), kInnerStar}},
    {"natural_join.sql public.v",
     {{"public.orders.created_at", "public.orders.id"},
      "DuckDB cannot see it: without one side's shared column, NATURAL JOIN silently joins on "
      "fewer columns (the view changes meaning, not shape)"}},
    {"semi_join_star.sql public.v",
     {Without(kOrders, "public.orders.user_id"),
      "parser: SEMI JOIN is read as an inner join, so * also expands the right side's columns"}},
    {"star_in_subquery_count.sql public.v", {kOrders, kInnerStar}},
    {"star_like_pattern.sql public.v",
     {{"public.orders.created_at", "public.orders.shipped_at", "public.orders.status",
       "public.orders.total"},
      "parser: SELECT * LIKE 'pattern' is read as the expression `* LIKE 'pattern'` over every "
      "column"}},
    {"struct_field_access_unsupported.sql public.v",
     {{"public.events.payload"},
      "engine: e.payload.customer (a field of a qualified column) is read as table e.payload"}},
    {"view_on_star_view.sql public.v",
     {{"public.orders.created_at", "public.orders.id", "public.orders.shipped_at"}, kInnerStar}},
};

// Views whose output column names (in order) DuckDB gives otherwise, by "<fixture> <view>"; every
// entry must be used.
constexpr const char* kDuplicateNames =
    "DuckDB numbers a view's repeated column names (id, id_1); we keep them and diagnose, as "
    "PostgreSQL refuses such a view";
const std::map<std::string, const char*> kKnownNameDifferences = {
    {"columns_lambda.sql public.v", "engine: COLUMNS(...) is one column named columns"},
    {"columns_regex.sql public.v", "engine: COLUMNS(...) is one column named columns"},
    {"natural_join.sql public.v",
     "engine: the shared columns of NATURAL / USING come first, as in PostgreSQL; DuckDB keeps the "
     "left side's order"},
    {"qualified_stars_same_names.sql public.v", kDuplicateNames},
    {"semi_join_star.sql public.v", "parser: SEMI JOIN is read as an inner join"},
    {"star_like_pattern.sql public.v", "parser: SELECT * LIKE 'pattern' is one expression"},
    {"struct_star.sql public.v", "engine: s.* of a struct column s is read as the relation s.*"},
};

// Fixtures that expect a diagnostic although DuckDB accepts them: our frontend cannot read a view
// (a syntax error; the view is then missing from our catalog) or diagnoses what DuckDB allows.
// Every entry must be used, and any other such fixture fails the test.
const std::map<std::string, const char*> kDiagnosedButValid = {
    {"columns_star_exclude_in_aggregate.sql", "parser: COLUMNS(* EXCLUDE (...)) inside a call"},
    {"filter_without_where.sql", "parser: FILTER (cond) without WHERE"},
    {"list_comprehension.sql", "parser: list comprehensions [f(x) FOR x IN list IF cond]"},
    {"pivot_in_list.sql", "parser: GROUP BY inside PIVOT (...)"},
    {"qualified_stars_same_names.sql", kDuplicateNames},
    {"semi_join_star.sql", "parser: SEMI JOIN is read as an inner join (so, repeated names)"},
    {"similar_to_glob.sql", "parser: the GLOB operator"},
    {"struct_field_access_unsupported.sql",
     "engine: e.payload.customer is read as table e.payload"},
    {"struct_star.sql", "engine: s.* of a struct column s is read as the relation s.*"},
    {"using_sample.sql", "parser: USING SAMPLE after FROM"},
};

// The fixtures' tables are PostgreSQL DDL, which DuckDB reads but for this type name.
constexpr const char* kTypeAliases = "CREATE TYPE jsonb AS JSON;\n";

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
// frontend in duckdb mode).
struct DuckDbFixture {
  std::string name;  // "<stem>.sql"
  std::string text;
  catalog::Catalog catalog;
  std::vector<ir::Diagnostic> diagnostics;
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
  return fixture;
}

// A fixture that expects a diagnostic may be SQL DuckDB refuses.
bool ExpectsDiagnostic(const std::string& text) {
  return text.find("\n-- diag:") != std::string::npos ||
         text.find("\n-- setup:") != std::string::npos;
}

// A fresh database holding the fixture's tables and views (its text as written); DuckDB's
// refusal, if any, in `error`.
std::unique_ptr<DuckDb> CreateSchema(const DuckDbFixture& fixture, std::string& error) {
  auto db = std::make_unique<DuckDb>();
  if (!db->ok()) {
    error = db->error();
    return db;
  }
  DuckDbOutcome created = db->Run(kTypeAliases + fixture.text);
  if (!created.ok) error = created.error;
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
  size_t disagreements = 0;     // all listed in kKnownDisagreements
  size_t undroppable = 0;       // DuckDB would not drop the column (a table's last one)
  std::set<std::string> known_used;
  std::set<std::string> names_used;
  size_t unread = 0;  // fixtures with a view DuckDB creates and we cannot read
  std::set<std::string> diagnosed_valid;
};

std::string Show(const std::set<std::string>& names) {
  std::string out;
  for (const std::string& name : names) out += (out.empty() ? "" : ", ") + name;
  return out.empty() ? "(none)" : out;
}

// The views DuckDB holds, as our catalog names them (DuckDB's main is PostgreSQL's public).
std::set<std::string> DuckDbViews(DuckDb& db) {
  DuckDbOutcome listed = db.Run(
      "SELECT CASE schema_name WHEN 'main' THEN 'public' ELSE schema_name END || '.' || view_name "
      "FROM duckdb_views() WHERE NOT internal");
  REQUIRE_MESSAGE(listed.ok, listed.error);
  std::set<std::string> views;
  for (const auto& row : listed.rows) views.insert(row.at(0));
  return views;
}

// Drops every column of every table in turn, each in a transaction of `db` rolled back after
// (DuckDB's DDL is transactional, so each drop starts from the fixture's schema), and compares
// what happens to `view` with what our lineage says it reads; gives the columns where the two
// disagree.
std::set<std::string> CheckView(const DuckDbFixture& fixture, DuckDb& db,
                                const ir::QualifiedName& view, const lineage::ViewLineage& lineage,
                                const DuckDbOutcome& before, Tally& tally) {
  std::set<std::string> reads;
  for (const lineage::Reference& ref : lineage.references) {
    if (!ref.unresolved) reads.insert(ref.relation.ToString() + "." + ref.column);
  }
  std::set<std::string> disagreements;
  for (const auto& [table_name, table] : fixture.catalog.tables()) {
    for (const catalog::Column& column : table.columns) {
      std::string column_text = table_name.ToString() + "." + column.name;
      INFO("view " << view.ToString() << ", dropping " << column_text);
      DuckDbOutcome begun = db.Run("BEGIN TRANSACTION");
      REQUIRE_MESSAGE(begun.ok, begun.error);
      DuckDbOutcome dropped =
          db.Run("ALTER TABLE " + DuckDbName(table_name) + " DROP COLUMN " + Quoted(column.name));
      DuckDbOutcome after = dropped.ok ? db.Run(ViewQuery(view)) : dropped;
      DuckDbOutcome rolled_back = db.Run("ROLLBACK");
      REQUIRE_MESSAGE(rolled_back.ok, rolled_back.error);
      if (!dropped.ok) {
        ++tally.undroppable;
        continue;
      }
      ++tally.columns;
      bool refused = !after.ok;
      bool reshaped = after.ok && after.columns != before.columns;
      bool ours = reads.count(column_text) != 0;
      if ((refused || reshaped) != ours) {
        disagreements.insert(column_text);
        MESSAGE(fixture.name << " " << view.ToString() << " " << column_text << ": we say "
                             << std::string(ours ? "it is read" : "it is not read") << "; DuckDB "
                             << (refused ? "refuses the view: " + after.error
                                         : reshaped ? std::string("answers with other columns")
                                                    : std::string("reads the view unchanged")));
        continue;
      }
      ++tally.agreements;
      if (ours) ++tally.reads;
      if (refused) ++tally.refusals;
      if (reshaped) ++tally.reshaped;
    }
  }
  return disagreements;
}

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
  // DuckDB accepts it: a diagnostic we expect must be listed, and every view DuckDB created must
  // be one we read, unless listed (a view we cannot read).
  bool listed = kDiagnosedButValid.count(fixture.name) != 0;
  CHECK_MESSAGE(listed == ExpectsDiagnostic(fixture.text),
                (listed ? "listed in kDiagnosedButValid, but expects no diagnostic"
                        : "expects a diagnostic, but DuckDB accepts it"));
  if (listed) tally.diagnosed_valid.insert(fixture.name);
  std::set<std::string> ours;
  for (const auto& [view_name, view] : fixture.catalog.views()) ours.insert(view_name.ToString());
  std::set<std::string> duckdb = DuckDbViews(*original);
  if (ours != duckdb) {
    ++tally.unread;
    CHECK_MESSAGE(listed, "views ours: " << Show(ours) << "; DuckDB's: " << Show(duckdb));
  }
  lineage::LineageEngine engine(fixture.catalog);
  for (const auto& [view_name, view] : fixture.catalog.views()) {
    ++tally.views;
    const lineage::ViewLineage* lineage = engine.TransitiveForView(view_name);
    REQUIRE(lineage != nullptr);
    // A view we could not parse is read partly, by name (its fixture is listed in
    // kDiagnosedButValid): it claims no exact lineage, so there is nothing to referee.
    if (lineage->partial) {
      CHECK_MESSAGE(listed, view_name.ToString() << " is read partly, but its fixture is not listed");
      continue;
    }
    DuckDbOutcome before = original->Run(ViewQuery(view_name));
    REQUIRE_MESSAGE(before.ok, before.error);
    std::vector<std::string> names;
    for (const lineage::OutputColumn& column : lineage->columns) names.push_back(column.name);
    std::string key = fixture.name + " " + view_name.ToString();
    if (kKnownNameDifferences.count(key) != 0) {
      tally.names_used.insert(key);
      CHECK_MESSAGE(names != before.columns, key << " is in kKnownNameDifferences but agrees");
    } else {
      CHECK_MESSAGE(names == before.columns, key << ": output names ours " << Join(names, ", ")
                                                 << "; DuckDB's " << Join(before.columns, ", "));
    }
    std::set<std::string> disagreements =
        CheckView(fixture, *original, view_name, *lineage, before, tally);
    DuckDbOutcome restored = original->Run(ViewQuery(view_name));
    CHECK_MESSAGE((restored.ok && restored.columns == before.columns), "not rolled back");
    tally.disagreements += disagreements.size();
    std::set<std::string> known;
    if (auto it = kKnownDisagreements.find(key); it != kKnownDisagreements.end()) {
      known = it->second.columns;
      tally.known_used.insert(key);
    }
    CHECK_MESSAGE(disagreements == known, key << ": DuckDB and our lineage disagree on "
                                              << Show(disagreements) << "; known: " << Show(known));
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
            << tally.refused_expected << " refused by DuckDB, as they expect; "
            << tally.diagnosed_valid.size() << " we diagnose though DuckDB accepts them, "
            << tally.unread << " of which we cannot read), " << tally.views << " views, "
            << tally.columns << " columns dropped: " << tally.agreements << " agreements ("
            << tally.reads << " read: " << tally.refusals << " refused, " << tally.reshaped
            << " reshaped; " << tally.agreements - tally.reads << " not read), "
            << tally.disagreements << " known disagreements in " << tally.known_used.size()
            << " views; " << tally.undroppable << " columns DuckDB would not drop; "
            << tally.names_used.size() << " views whose output names DuckDB gives otherwise\n";
  std::set<std::string> listed, diagnosed, renamed;
  for (const auto& [key, known] : kKnownDisagreements) listed.insert(key);
  for (const auto& [name, reason] : kDiagnosedButValid) diagnosed.insert(name);
  for (const auto& [key, reason] : kKnownNameDifferences) renamed.insert(key);
  // The corpus must stay large, and every listed exception must still be needed.
  CHECK(tally.fixtures >= 50);
  CHECK(tally.columns >= 300);
  CHECK(tally.known_used == listed);
  CHECK(tally.names_used == renamed);
  CHECK(tally.diagnosed_valid == diagnosed);
}

}  // namespace
}  // namespace ds::test
