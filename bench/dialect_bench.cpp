// The dialect frontend benchmark: microseconds per view statement of the generated corpus
// (bench/corpus.cpp), parsed
//   pg_bare      by libpg_query alone (pg_query_parse_protobuf): its floor
//   pg_to_ir     by our PostgreSQL frontend (libpg_query + conversion into the IR)
//   dialect      by our own frontend (parsers/dialect) in postgres mode, into the same IR
// The bar: `dialect` at least as fast as `pg_bare` per statement.
// Run: build/bench/dialect_bench [--benchmark_min_time=1]; DOWNSTREAM_BENCH_VIEWS and
// DOWNSTREAM_BENCH_TABLES set the corpus size as for lineage_bench.
#include <benchmark/benchmark.h>
#include <pg_query.h>

#include <cstdio>
#include <cstdlib>

#include "bench/corpus.h"
#include "parsers/dialect/parse_query.h"
#include "parsers/sql/parse_sql.h"

namespace ds::bench {
namespace {

int EnvInt(const char* name, int fallback) {
  const char* value = std::getenv(name);
  return value != nullptr && std::atoi(value) > 0 ? std::atoi(value) : fallback;
}

// The corpus, checked once: our frontend must read every view.
const Corpus& TheCorpus() {
  static const Corpus corpus = [] {
    Corpus generated = GenerateCorpus(EnvInt("DOWNSTREAM_BENCH_TABLES", 300),
                                      EnvInt("DOWNSTREAM_BENCH_VIEWS", 2000), 20240601);
    for (const std::string& sql : generated.views) {
      dialect::StatementParse parsed = dialect::ParseDialectStatement(sql, dialect::Postgres());
      if (!parsed.ok()) {
        std::fprintf(stderr, "dialect_bench: our frontend refuses a corpus view: %s\n%s\n",
                     parsed.diagnostic.message.c_str(), sql.c_str());
        std::abort();
      }
    }
    return generated;
  }();
  return corpus;
}

void PerView(benchmark::State& state) {
  state.counters["us_per_view"] = benchmark::Counter(
      static_cast<double>(TheCorpus().views.size()) / 1e6,
      benchmark::Counter::kIsIterationInvariantRate | benchmark::Counter::kInvert);
}

void BM_PgBare(benchmark::State& state) {
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

void BM_PgToIr(benchmark::State& state) {
  const Corpus& corpus = TheCorpus();
  for (auto _ : state) {
    for (const std::string& sql : corpus.views) {
      ir::ParsedFile parsed = parsers::ParseSqlFile("v.sql", sql);
      benchmark::DoNotOptimize(parsed.ops.size());
    }
  }
  PerView(state);
}

void BM_Dialect(benchmark::State& state) {
  const Corpus& corpus = TheCorpus();
  for (auto _ : state) {
    for (const std::string& sql : corpus.views) {
      dialect::StatementParse parsed = dialect::ParseDialectStatement(sql, dialect::Postgres());
      benchmark::DoNotOptimize(parsed.statement);
    }
  }
  PerView(state);
}

}  // namespace

BENCHMARK(BM_PgBare)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_PgToIr)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Dialect)->Unit(benchmark::kMillisecond);

}  // namespace ds::bench

BENCHMARK_MAIN();
