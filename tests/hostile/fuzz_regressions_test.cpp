// Every input a fuzz target crashed or hung on (tests/fixtures/hostile/fuzz/<target>/) goes
// through the same call as its target (fuzz/<target>_fuzz.cpp) and must come back: no crash,
// bounded time. scripts/fuzz.sh seeds the targets with these files too. Every target listed in
// fuzz/CMakeLists.txt has its replay here, and every fixture folder names a target.
#include <doctest/doctest.h>

#include <chrono>
#include <filesystem>
#include <functional>
#include <map>

#include "fuzz/fuzz_input.h"
#include "parsers/analytics/analytics.h"
#include "parsers/analytics/jinja_render.h"
#include "parsers/dialect/parse_query.h"
#include "tests/hostile/hostile.h"
#include "parsers/python/parse_alembic.h"
#include "parsers/python/parse_django.h"
#include "parsers/ruby/parse_rails.h"
#include "parsers/sql/parse_sql.h"
#include "src/catalog/catalog.h"
#include "src/config/config.h"
#include "src/lineage/lineage.h"
#include "tests/support/temp_dir.h"

namespace ds {
namespace {

// fuzz/view_lineage_fuzz.cpp
void ViewLineage(const std::string& text) {
  catalog::Catalog catalog;
  catalog.SetQueryShape([](const ir::Query& query, const catalog::Catalog& at, const std::vector<std::string>& path) {
    lineage::LineageEngine engine(at);
    return engine.QueryShape(query, path);
  });
  std::vector<ir::Diagnostic> diagnostics;
  for (const std::string& file : fuzz::SplitFiles(text, 4)) {
    catalog.BeginFile();
    ir::ParsedFile parsed = parsers::ParseSqlFile("analytics/views/fuzz.sql", file);
    for (const ir::SchemaOp& op : parsed.ops) catalog.Apply(op, diagnostics);
  }
  lineage::LineageEngine engine(catalog);
  for (const auto& [name, view] : catalog.views()) {
    engine.ForView(name);
    engine.TransitiveForView(name);
  }
}

// fuzz/dbt_fuzz.cpp
void Dbt(const std::string& text) {
  std::vector<std::string> texts = fuzz::SplitFiles(text);
  std::map<std::string, std::string> files;
  for (size_t i = 0; i < texts.size(); ++i) {
    std::string path = i == 0 ? "analytics/dbt_project.yml"
                       : i == 1 ? "analytics/models/_properties.yml"
                                : "analytics/models/m" + std::to_string(i - 2) + ".sql";
    files[path] = texts[i];
    if (i == 2) files["analytics/seeds/s.csv"] = texts[i];
    if (i == 3) files["analytics/snapshots/s.sql"] = texts[i];
  }
  std::vector<std::string> paths;
  for (const auto& [path, contents] : files) paths.push_back(path);
  analytics::AnalyticsProject project = analytics::ReadDbtProject(
      "analytics/dbt_project.yml", paths, [&](const std::string& path) -> std::optional<std::string> {
        auto it = files.find(path);
        if (it == files.end()) return std::nullopt;
        return it->second;
      });
  analytics::AllDiagnostics(project);
}

// fuzz/jinja_fuzz.cpp
void Jinja(const std::string& text) {
  using namespace analytics::jinja;
  RenderContext context;
  context.file = "models/m.sql";
  context.vars["n"] = Value::Int(3);
  context.vars["names"] = Value::MakeList({Value::String("a"), Value::String("b")});
  context.resolve = [](const RelationUse& use) { return ir::QualifiedName{"analytics", use.name}; };
  context.this_relation = {"analytics", "m"};
  Render(text, context);
}

// fuzz/dialect_fuzz.cpp: the first byte picks the dialect.
void Dialect(const std::string& text) {
  static constexpr const char* kDialects[] = {"postgres", "snowflake", "bigquery", "redshift",
                                              "databricks", "trino", "duckdb"};
  if (text.empty()) return;
  const dialect::Dialect* chosen = dialect::DialectByName(kDialects[static_cast<unsigned char>(text[0]) % 7]);
  std::string_view rest = std::string_view(text).substr(1);
  dialect::ParseDialectScript(rest, *chosen);
  dialect::ParseDialectQuery(rest, *chosen);
}

// fuzz/acknowledgement_fuzz.cpp
void Acknowledgements(const std::string& text) {
  for (config::CommentSyntax syntax : {config::CommentSyntax::kSql, config::CommentSyntax::kHash}) {
    std::vector<ir::Diagnostic> diagnostics;
    config::ReadAckComments("m.sql", text, syntax, diagnostics);
  }
}

// The targets fuzz/CMakeLists.txt builds (`set(fuzz_targets ...)`).
std::vector<std::string> FuzzTargets() {
  std::string cmake = test::ReadFile(std::string(DOWNSTREAM_SOURCE_DIR) + "/fuzz/CMakeLists.txt");
  size_t at = cmake.find("set(fuzz_targets ");
  REQUIRE(at != std::string::npos);
  std::string list = cmake.substr(at + 17, cmake.find(')', at) - at - 17);
  std::vector<std::string> targets;
  for (size_t i = 0; i < list.size();) {
    size_t end = list.find(' ', i);
    if (end == std::string::npos) end = list.size();
    if (end > i) targets.push_back(list.substr(i, end - i));
    i = end + 1;
  }
  return targets;
}

}  // namespace

TEST_CASE("inputs the fuzzers found are handled") {
  namespace fs = std::filesystem;
  const std::map<std::string, std::function<void(const std::string&)>> kTargets = {
      {"sql_migration", [](const std::string& t) { parsers::ParseSqlFile("db/migrations/V1__fuzz.sql", t); }},
      {"alembic", [](const std::string& t) { parsers::ParseAlembicFile("migrations/versions/r0.py", t); }},
      {"django", [](const std::string& t) { parsers::ParseDjangoFile("shop/migrations/0001_step.py", t); }},
      {"rails", [](const std::string& t) { parsers::ParseRailsFile("db/migrate/20240101000001_step.rb", t); }},
      {"config", [](const std::string& t) { config::ParseConfig("downstream.yml", t, {}); }},
      {"view_lineage", ViewLineage},
      {"dbt", Dbt},
      {"jinja", Jinja},
      {"dialect", Dialect},
      {"acknowledgement", Acknowledgements},
  };
  for (const std::string& target : FuzzTargets()) {
    CAPTURE(target);
    CHECK(kTargets.count(target) == 1);  // a new fuzz target gets its replay here
  }
  fs::path root = fs::path(DOWNSTREAM_SOURCE_DIR) / "tests/fixtures/hostile/fuzz";
  for (const fs::directory_entry& folder : fs::directory_iterator(root)) {
    CAPTURE(folder.path().string());
    CHECK(kTargets.count(folder.path().filename().string()) == 1);
  }
  int seen = 0;
  for (const auto& [target, run] : kTargets) {
    if (!fs::exists(root / target)) continue;
    for (const fs::directory_entry& entry : fs::directory_iterator(root / target)) {
      std::string name = target + "/" + entry.path().filename().string();
      SUBCASE(name.c_str()) {
        auto start = std::chrono::steady_clock::now();
        run(test::ReadFile(entry.path().string()));
        // Instrumented builds run the Jinja budget about five times slower (12 s seen under ASan).
        CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(test::kSanitized ? 60 : 10));
      }
      ++seen;
    }
  }
  CHECK(seen >= 1);
}

}  // namespace ds
