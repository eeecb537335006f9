// PostgreSQL as the referee for references: every corpus file of tests/fixtures/pg_views/ and
// every lineage fixture of tests/lineage/fixtures/ is loaded into a fresh database, and for every
// view the columns pg_depend records for its rewrite rule must equal our references
// (relation.column, usages ignored), and the relations it records (as a whole, refobjsubid = 0,
// or through a column) must equal our `relations`. A fixture that expects a diagnostic must be
// refused by PostgreSQL too.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>

#include "tests/lineage/lineage_fixture.h"
#include "tests/support/postgres.h"
#include "tests/support/temp_dir.h"

namespace ds::test {
namespace {

namespace fs = std::filesystem;
using Names = std::set<std::string>;

// Where we are stricter than pg_depend on purpose: a whole-row reference (`to_jsonb(a)`,
// `count(t2.*)`, `SELECT u FROM users u`) reads every column, but PostgreSQL records only the
// relation (refobjsubid 0). Keyed by "<file> <view>"; each entry must be exactly what we report
// beyond PostgreSQL, and every entry must be used, so the list cannot go stale.
const Names kOrdersColumns = {"public.orders.amount", "public.orders.created_at", "public.orders.id",
                              "public.orders.items",  "public.orders.status",     "public.orders.user_id"};
const std::map<std::string, Names> kStricterThanPostgres = {
    {"saas.sql reporting.account_documents",
     {"public.accounts.mrr_cents", "public.accounts.name", "public.accounts.owner_id",
      "public.accounts.plan", "public.accounts.trial_ends_at"}},
    {"edge_cases.sql public.t2_rows", {"public.t2.a", "public.t2.e", "public.t2.f"}},
    {"whole_row.sql public.v", {"public.users.email", "public.users.id"}},
    {"whole_row_count.sql public.v", kOrdersColumns},
    {"whole_row_star_in_function.sql public.v", kOrdersColumns},
    {"whole_row_to_jsonb.sql public.v", kOrdersColumns},
};

// Not compared: what a view reads of a composite type's fields (`(addr).city` makes PostgreSQL
// record the type's attribute `address.city`, a pg_class row of relkind 'c'). We record the
// column `addr` the field is taken from; composite types are not in our catalog.

// Lineage fixtures we diagnose that PostgreSQL accepts when the view is created and refuses only
// when it is read: a cycle of views made with CREATE OR REPLACE.
const Names kRefusedOnlyWhenRead = {"view_cycle.sql"};

constexpr const char* kDependencies = R"sql(
SELECT vn.nspname || '.' || v.relname,
       rn.nspname || '.' || rc.relname,
       coalesce(a.attname, '')
FROM pg_rewrite r
JOIN pg_class v ON v.oid = r.ev_class
JOIN pg_namespace vn ON vn.oid = v.relnamespace
JOIN pg_depend d ON d.classid = 'pg_rewrite'::regclass AND d.objid = r.oid
JOIN pg_class rc ON rc.oid = d.refobjid
JOIN pg_namespace rn ON rn.oid = rc.relnamespace
LEFT JOIN pg_attribute a ON d.refobjsubid > 0 AND a.attrelid = d.refobjid
                        AND a.attnum = d.refobjsubid
WHERE d.refclassid = 'pg_class'::regclass
  AND d.refobjid <> r.ev_class
  AND rc.relkind <> 'c' 
  AND v.relkind IN ('v', 'm')
  AND vn.nspname NOT IN ('pg_catalog', 'information_schema')
ORDER BY 1, 2, 3
)sql";

constexpr const char* kViews = R"sql(
SELECT n.nspname || '.' || c.relname FROM pg_class c
JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE c.relkind IN ('v', 'm') AND n.nspname NOT IN ('pg_catalog', 'information_schema')
ORDER BY 1
)sql";

struct Dependencies {
  Names columns;    ///< "schema.relation.column"
  Names relations;  ///< "schema.relation"
};

std::string Show(const Names& names) {
  return names.empty() ? "(none)" : Join(std::vector<std::string>(names.begin(), names.end()), ", ");
}

Names Minus(const Names& a, const Names& b) {
  Names out;
  std::set_difference(a.begin(), a.end(), b.begin(), b.end(), std::inserter(out, out.end()));
  return out;
}

std::vector<fs::path> SqlFiles(const std::string& relative) {
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(fs::path(DOWNSTREAM_SOURCE_DIR) / relative)) {
    if (entry.path().extension() == ".sql") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

// A lineage fixture that expects a diagnostic is SQL PostgreSQL must refuse too.
bool ExpectsDiagnostic(const std::string& text) {
  return text.find("\n-- diag:") != std::string::npos || text.find("\n-- setup:") != std::string::npos;
}

struct Tally {
  size_t views_checked = 0;
  size_t refused = 0;
  Names allowances_used;
};

// Loads one file into a fresh database and compares, view by view, pg_depend with our answer.
void CheckAgainstPostgres(Postgres& pg, const fs::path& path, Tally& tally) {
  INFO("corpus file: " << path.filename().string());
  std::string text = ReadFile(path.string());
  std::string db = pg.CreateDatabase("pg_views");
  std::string output;
  int status = pg.ExecFile(db, path.string(), &output);
  if (kRefusedOnlyWhenRead.count(path.filename().string()) != 0) {
    CHECK_MESSAGE(status == 0, output);
    return;
  }
  if (ExpectsDiagnostic(text)) {
    CHECK_MESSAGE(status != 0, "PostgreSQL accepts what we diagnose:\n" << output);
    ++tally.refused;
    return;
  }
  CHECK_MESSAGE(status == 0, "PostgreSQL refuses what we accept:\n" << output);
  if (status != 0) return;
  std::map<std::string, Dependencies> expected;
  for (const auto& row : pg.Query(db, kViews)) expected[row.at(0)];
  for (const auto& row : pg.Query(db, kDependencies)) {
    REQUIRE(row.size() == 3);
    Dependencies& deps = expected[row[0]];
    // A relation is recorded as a whole (refobjsubid 0) only when no column of it is.
    deps.relations.insert(row[1]);
    if (!row[2].empty()) deps.columns.insert(row[1] + "." + row[2]);
  }

  auto fixture = LoadCatalog(path.filename().string(), text);
  for (const ir::Diagnostic& diagnostic : fixture->diagnostics) {
    FAIL_CHECK(diagnostic.span.line << ":" << diagnostic.span.column << " " << diagnostic.message);
  }
  lineage::LineageEngine engine(fixture->catalog);
  Names our_views;
  std::map<std::string, ir::QualifiedName> by_text;
  for (const auto& [name, view] : fixture->catalog.views()) {
    our_views.insert(name.ToString());
    by_text[name.ToString()] = name;
  }
  Names pg_views;
  for (const auto& [name, deps] : expected) pg_views.insert(name);
  CHECK_MESSAGE(our_views == pg_views, "ours: " << Show(our_views) << "\npg: " << Show(pg_views));

  for (const auto& entry : expected) {
    // Plain references, not structured bindings: doctest's macros capture them (clang 14).
    const auto& name = entry.first;
    const auto& deps = entry.second;
    auto known = by_text.find(name);
    if (known == by_text.end()) continue;  // reported by the view list check above
    const lineage::ViewLineage* lineage = engine.ForView(known->second);
    REQUIRE(lineage != nullptr);
    ++tally.views_checked;
    for (const ir::Diagnostic& diagnostic : lineage->diagnostics) {
      FAIL_CHECK(name << ": " << diagnostic.message);
    }
    Names columns, relations;
    for (const lineage::Reference& ref : lineage->references) {
      CHECK_MESSAGE(!ref.unresolved, name << ": unresolved " << ref.relation.ToString() << "." << ref.column);
      columns.insert(ref.relation.ToString() + "." + ref.column);
    }
    for (const ir::QualifiedName& relation : lineage->relations) relations.insert(relation.ToString());
    Names allowed;
    std::string key = path.filename().string() + " " + name;
    if (auto it = kStricterThanPostgres.find(key); it != kStricterThanPostgres.end()) {
      allowed = it->second;
      tally.allowances_used.insert(key);
    }
    Names extra = Minus(columns, deps.columns);
    Names missing = Minus(deps.columns, columns);
    CHECK_MESSAGE(missing.empty(), name << ": pg_depend records " << Show(missing)
                                        << " that we do not reference");
    CHECK_MESSAGE(extra == allowed, name << ": we reference " << Show(extra)
                                         << " beyond pg_depend; allowed " << Show(allowed));
    CHECK_MESSAGE(relations == deps.relations,
                  name << ": relations ours " << Show(relations) << " vs pg " << Show(deps.relations));
  }
}

TEST_CASE("references agree with pg_depend on the view corpus and the lineage fixtures") {
  std::vector<fs::path> files = SqlFiles("tests/fixtures/pg_views");
  std::vector<fs::path> fixtures = SqlFiles("tests/lineage/fixtures");
  REQUIRE(!files.empty());
  CHECK(fixtures.size() >= 150);
  files.insert(files.end(), fixtures.begin(), fixtures.end());
  Postgres pg = Postgres::FromEnvironment();
  Tally tally;
  for (const fs::path& path : files) CheckAgainstPostgres(pg, path, tally);
  // The corpus must be large, and every allowance must still be needed.
  CHECK(tally.views_checked >= 200);
  CHECK(tally.refused >= 15);
  Names listed;
  for (const auto& [name, columns] : kStricterThanPostgres) listed.insert(name);
  CHECK(tally.allowances_used == listed);
}

}  // namespace
}  // namespace ds::test
