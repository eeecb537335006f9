// The lineage benchmark: microseconds per view, for a generated corpus of realistic views
// (bench/corpus.cpp), of
//   bare_parse     libpg_query alone (pg_query_parse_protobuf): the floor
//   parse_to_ir    our SQL frontend (libpg_query + conversion into the IR)
//   lineage        tracing every column and clause of every view (catalog already built)
//   full           parse_to_ir + replay into the catalog + lineage: what `downstream` does
// Run: build-<you>/bench/lineage_bench [--benchmark_min_time=1]
// DOWNSTREAM_BENCH_VIEWS (default 2000) and DOWNSTREAM_BENCH_TABLES (default 300) set the size.
#include <benchmark/benchmark.h>
#include <pg_query.h>

#include <cstdlib>
#include <memory>

#include "bench/corpus.h"
#include "parsers/sql/parse_sql.h"
#include "src/catalog/catalog.h"
#include "src/lineage/lineage.h"

namespace ds::bench {
namespace {

int EnvInt(const char* name, int fallback) {
  const char* value = std::getenv(name);
  return value != nullptr && std::atoi(value) > 0 ? std::atoi(value) : fallback;
}

const Corpus& TheCorpus() {
  static const Corpus corpus = GenerateCorpus(EnvInt("DOWNSTREAM_BENCH_TABLES", 300),
                                              EnvInt("DOWNSTREAM_BENCH_VIEWS", 2000), 20240601);
  return corpus;
}

void SetQueryShape(catalog::Catalog& catalog) {
  catalog.SetQueryShape([](const ir::Query& query, const catalog::Catalog& at,
                           const std::vector<std::string>& search_path) {
    lineage::LineageEngine engine(at);
    return engine.QueryShape(query, search_path);
  });
}

void Replay(catalog::Catalog& catalog, const ir::ParsedFile& parsed,
            std::vector<ir::Diagnostic>& diagnostics) {
  catalog.BeginFile();
  for (const ir::SchemaOp& op : parsed.ops) catalog.Apply(op, diagnostics);
}

// The catalog with the tables only, built once.
const catalog::Catalog& Tables() {
  static const catalog::Catalog tables = [] {
    catalog::Catalog catalog;
    SetQueryShape(catalog);
    std::vector<ir::Diagnostic> diagnostics;
    Replay(catalog, parsers::ParseSqlFile("schema.sql", TheCorpus().schema), diagnostics);
    return catalog;
  }();
  return tables;
}

// The catalog with every view, built once, and checked: the corpus must resolve cleanly.
const catalog::Catalog& WithViews() {
  static const catalog::Catalog full = [] {
    catalog::Catalog catalog = Tables();
    std::vector<ir::Diagnostic> diagnostics;
    for (size_t i = 0; i < TheCorpus().views.size(); ++i) {
      Replay(catalog, parsers::ParseSqlFile("v" + std::to_string(i) + ".sql", TheCorpus().views[i]),
             diagnostics);
    }
    lineage::LineageEngine engine(catalog);
    for (const auto& [name, view] : catalog.views()) {
      const lineage::ViewLineage* traced = engine.ForView(name);
      if (traced != nullptr) diagnostics.insert(diagnostics.end(), traced->diagnostics.begin(),
                                                traced->diagnostics.end());
    }
    if (!diagnostics.empty()) {
      std::fprintf(stderr, "lineage_bench: the corpus does not resolve: %s: %s\n",
                   diagnostics[0].span.file.c_str(), diagnostics[0].message.c_str());
      std::abort();
    }
    return catalog;
  }();
  return full;
}

void PerView(benchmark::State& state) {
  state.counters["us_per_view"] = benchmark::Counter(
      static_cast<double>(TheCorpus().views.size()) / 1e6,
      benchmark::Counter::kIsIterationInvariantRate | benchmark::Counter::kInvert);
  state.counters["views"] = static_cast<double>(TheCorpus().views.size());
}

void BM_BareParse(benchmark::State& state) {
  const Corpus& corpus = TheCorpus();
  for (auto _ : state) {
    for (const std::string& sql : corpus.views) {
      PgQueryProtobufParseResult result = pg_query_parse_protobuf(sql.c_str());
      benchmark::DoNotOptimize(result.parse_tree.len);
      pg_query_free_protobuf_parse_result(result);
    }
  }
  PerView(state);
}

void BM_ParseToIr(benchmark::State& state) {
  const Corpus& corpus = TheCorpus();
  for (auto _ : state) {
    for (const std::string& sql : corpus.views) {
      ir::ParsedFile parsed = parsers::ParseSqlFile("v.sql", sql);
      benchmark::DoNotOptimize(parsed.ops.size());
    }
  }
  PerView(state);
}

void BM_Lineage(benchmark::State& state) {
  const catalog::Catalog& catalog = WithViews();
  for (auto _ : state) {
    lineage::LineageEngine engine(catalog);
    for (const auto& [name, view] : catalog.views()) benchmark::DoNotOptimize(engine.ForView(name));
  }
  PerView(state);
}

void BM_Full(benchmark::State& state) {
  const Corpus& corpus = TheCorpus();
  WithViews();  // checks the corpus once, outside the timing
  for (auto _ : state) {
    state.PauseTiming();
    auto catalog = std::make_unique<catalog::Catalog>(Tables());
    state.ResumeTiming();
    std::vector<ir::Diagnostic> diagnostics;
    for (const std::string& sql : corpus.views) Replay(*catalog, parsers::ParseSqlFile("v.sql", sql), diagnostics);
    lineage::LineageEngine engine(*catalog);
    for (const auto& [name, view] : catalog->views()) benchmark::DoNotOptimize(engine.ForView(name));
    state.PauseTiming();
    catalog.reset();
    state.ResumeTiming();
  }
  PerView(state);
}

BENCHMARK(BM_BareParse)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ParseToIr)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Lineage)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Full)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace ds::bench

BENCHMARK_MAIN();
