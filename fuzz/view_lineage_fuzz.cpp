// libFuzzer target: SQL (tables and views) parsed, replayed into a catalog, and every view's
// lineage traced, one hop and transitive: the path of `downstream lineage`.
#include "fuzz/fuzz_input.h"
#include "fuzz/nesting_mutator.h"
#include "parsers/sql/parse_sql.h"
#include "src/catalog/catalog.h"
#include "src/lineage/lineage.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace ds;
  catalog::Catalog catalog;
  catalog.SetQueryShape([](const ir::Query& query, const catalog::Catalog& at,
                           const std::vector<std::string>& search_path) {
    lineage::LineageEngine engine(at);
    return engine.QueryShape(query, search_path);
  });
  std::vector<ir::Diagnostic> diagnostics;
  for (const std::string& file : fuzz::SplitFiles(fuzz::AsText(data, size), 4)) {
    catalog.BeginFile();
    ir::ParsedFile parsed = parsers::ParseSqlFile("analytics/views/fuzz.sql", file);
    for (const ir::SchemaOp& op : parsed.ops) catalog.Apply(op, diagnostics);
  }
  lineage::LineageEngine engine(catalog);
  for (const auto& [name, view] : catalog.views()) {
    engine.ForView(name);
    engine.TransitiveForView(name);
  }
  return 0;
}
