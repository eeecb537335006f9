// The differential referee: every lineage fixture of tests/lineage/fixtures and every file of the
// pg_depend corpus (tests/fixtures/pg_views), its views read by
// our own frontend in `postgres` mode instead of libpg_query, must give exactly the same lineage
// (columns, sources, indirect inputs, references, relations, diagnostics with file:line:col).
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <map>

#include "tests/dialect/dialect_fixture.h"
#include "tests/support/temp_dir.h"

namespace ds::test {
namespace {

namespace fs = std::filesystem;

// Fixtures whose lineage may differ, each with the reason (none so far).
const std::map<std::string, std::string> kKnownDifferences = {};

/// The file's ops with every view (and CREATE TABLE AS) query replaced by ours, in order; an
/// empty result and `why` when the statements do not line up.
std::vector<ir::SchemaOp> Substituted(const std::string& name, const std::string& text,
                                      const ir::ParsedFile& parsed, std::string& why) {
  dialect::ParseOptions options;
  options.path = name;
  dialect::ScriptParse script = dialect::ParseDialectScript(text, dialect::Postgres(), options);
  for (const ir::Diagnostic& diagnostic : script.diagnostics) {
    why += std::to_string(diagnostic.span.line) + ":" + std::to_string(diagnostic.span.column) +
           " " + diagnostic.message + "; ";
  }
  std::vector<std::shared_ptr<const ir::Query>> ours;
  for (const dialect::DialectStatement& statement : script.statements) {
    if (statement.query && statement.kind != dialect::DialectStatement::Kind::kQuery) {
      ours.push_back(statement.query);
    }
  }
  std::vector<ir::SchemaOp> ops = parsed.ops;
  size_t next = 0;
  for (ir::SchemaOp& op : ops) {
    std::shared_ptr<const ir::Query>* query = nullptr;
    if (auto* view = std::get_if<ir::CreateView>(&op.op)) query = &view->query;
    if (auto* table = std::get_if<ir::CreateTable>(&op.op); table && table->as_query) {
      query = &table->as_query;
    }
    if (query == nullptr || !*query) continue;
    if (next >= ours.size()) {
      why += "fewer queries than libpg_query read";
      return {};
    }
    *query = ours[next++];
  }
  if (next != ours.size()) why += "more queries than libpg_query read";
  return ops;
}

TEST_CASE("our frontend in postgres mode gives libpg_query's lineage on every lineage fixture") {
  // The lineage fixtures and the pg_depend referee's corpus.
  std::vector<fs::path> files;
  for (const char* folder : {"tests/lineage/fixtures", "tests/fixtures/pg_views"}) {
    for (const auto& entry : fs::directory_iterator(fs::path(DOWNSTREAM_SOURCE_DIR) / folder)) {
      if (entry.path().extension() == ".sql") files.push_back(entry.path());
    }
  }
  std::sort(files.begin(), files.end());
  CHECK(files.size() >= 154);
  std::vector<std::string> differing;
  for (const fs::path& path : files) {
    std::string name = path.filename().string();
    std::string text = ReadFile(path.string());
    ir::ParsedFile parsed = parsers::ParseSqlFile(name, text);
    std::vector<std::string> expected = LineageOfOps(parsed.ops, parsed.diagnostics);
    std::string why;
    std::vector<ir::SchemaOp> ops = Substituted(name, text, parsed, why);
    std::vector<std::string> actual = LineageOfOps(ops, parsed.diagnostics);
    std::sort(expected.begin(), expected.end());
    std::sort(actual.begin(), actual.end());
    bool same = why.empty() && expected == actual;
    if (same == (kKnownDifferences.count(path.stem().string()) == 0)) continue;
    std::vector<std::string> missing, unexpected;
    std::set_difference(expected.begin(), expected.end(), actual.begin(), actual.end(),
                        std::back_inserter(missing));
    std::set_difference(actual.begin(), actual.end(), expected.begin(), expected.end(),
                        std::back_inserter(unexpected));
    differing.push_back(name + (same ? " (listed as differing, but agrees now)" : "") + ": " + why +
                        "\n    libpg_query only: " + Join(missing, "\n      ") +
                        "\n    ours only: " + Join(unexpected, "\n      "));
  }
  CHECK_MESSAGE(differing.empty(), differing.size() << " fixtures differ:\n  " << Join(differing, "\n  "));
}

TEST_CASE("both PostgreSQL frontends say the same calls aggregate") {
  // Lineage reads ir::Expr::aggregate as the frontend set it: libpg_query's conversion and our
  // frontend's PostgreSQL mode must agree name by name, or the lineage above would differ.
  const char* names[] = {"count",  "sum",        "avg",          "string_agg", "percentile_cont",
                         "median", "listagg",    "count_if",     "arg_max",    "approx_top_k",
                         "first",  "last",       "list",         "product",    "row_number",
                         "lag",    "upper",      "coalesce_agg", "my_func"};
  for (const char* name : names) {
    CAPTURE(name);
    std::string sql = std::string("CREATE VIEW v AS SELECT ") + name + "(a) FROM t;\n";
    ir::ParsedFile parsed = parsers::ParseSqlFile("v.sql", sql);
    REQUIRE(parsed.ops.size() == 1);
    const auto& view = std::get<ir::CreateView>(parsed.ops[0].op);
    dialect::ParseOptions options;
    dialect::ScriptParse ours = dialect::ParseDialectScript(sql, dialect::Postgres(), options);
    REQUIRE(ours.statements.size() == 1);
    REQUIRE(ours.statements[0].query);
    CHECK(ours.statements[0].query->targets[0].expr.aggregate ==
          view.query->targets[0].expr.aggregate);
  }
}

}  // namespace
}  // namespace ds::test
