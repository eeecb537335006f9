// The dialect frontend benchmark: microseconds per view statement of the generated corpus
// (bench/corpus.cpp), parsed
//   pg_bare      by libpg_query alone (pg_query_parse_protobuf): its floor
//   pg_to_ir     by our PostgreSQL frontend (libpg_query + conversion into the IR)
//   dialect      by our own frontend (parsers/dialect) in postgres mode, into the same IR
// The bar: `dialect` at least as fast as `pg_bare` per statement.
// Run: build/bench/dialect_bench [--benchmark_min_time=1]; DOWNSTREAM_BENCH_VIEWS and
// DOWNSTREAM_BENCH_TABLES set the corpus size as for lineage_bench.
// With DOWNSTREAM_BENCH_SQL_DIR=<folder> it times only our frontend over real SQL instead: each
// .sql file of the folder (e.g. models rendered by render_models) is one query in the dialect
// DOWNSTREAM_BENCH_DIALECT (default postgres); the counters say how many parsed.
// DOWNSTREAM_BENCH_SHOW_FAILURES=1 lists each file that did not, with the diagnostic.
#include <benchmark/benchmark.h>
#include <pg_query.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

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

// Real SQL: every .sql file under a folder, read into memory before any timing.
struct SqlFiles {
  std::vector<std::string> names, texts;
};

SqlFiles ReadSqlFiles(const std::filesystem::path& folder) {
  std::vector<std::filesystem::path> paths;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(folder)) {
    if (entry.is_regular_file() && entry.path().extension() == ".sql") paths.push_back(entry.path());
  }
  std::sort(paths.begin(), paths.end());
  SqlFiles files;
  for (const auto& path : paths) {
    std::ifstream in(path, std::ios::binary);
    files.names.push_back(path.lexically_relative(folder).generic_string());
    files.texts.emplace_back(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  return files;
}

// Parses every file once before timing, to count (and optionally list) what our frontend reads.
size_t CountParsed(const SqlFiles& files, const dialect::Dialect& dialect, bool show_failures) {
  size_t parsed = 0;
  for (size_t i = 0; i < files.texts.size(); ++i) {
    dialect::QueryParse result = dialect::ParseDialectQuery(files.texts[i], dialect);
    if (result.ok()) {
      ++parsed;
    } else if (show_failures) {
      std::fprintf(stderr, "%s: offset %u: %s\n", files.names[i].c_str(), result.error_offset,
                   result.diagnostic.message.c_str());
    }
  }
  return parsed;
}

// Failed parses are timed too, as sqlglot-models.py times its failures: both tools stop at the
// first error they cannot recover from.
void BM_DialectFiles(benchmark::State& state, const SqlFiles* files, const dialect::Dialect* dialect,
                     size_t parsed) {
  for (auto _ : state) {
    for (const std::string& sql : files->texts) {
      dialect::QueryParse result = dialect::ParseDialectQuery(sql, *dialect);
      benchmark::DoNotOptimize(result.query);
    }
  }
  state.counters["models"] = static_cast<double>(files->texts.size());
  state.counters["parsed"] = static_cast<double>(parsed);
  state.counters["us_per_model"] = benchmark::Counter(
      static_cast<double>(files->texts.size()) / 1e6,
      benchmark::Counter::kIsIterationInvariantRate | benchmark::Counter::kInvert);
}

// Registers the folder benchmark; false (with a message) when the folder or dialect is bad.
bool RegisterSqlDir(const char* folder) {
  const char* name = std::getenv("DOWNSTREAM_BENCH_DIALECT");
  const dialect::Dialect* dialect = dialect::DialectByName(name != nullptr ? name : "postgres");
  if (dialect == nullptr) {
    std::fprintf(stderr, "dialect_bench: unknown dialect %s\n", name);
    return false;
  }
  std::error_code error;
  if (!std::filesystem::is_directory(folder, error)) {
    std::fprintf(stderr, "dialect_bench: %s is not a folder\n", folder);
    return false;
  }
  static const SqlFiles files = ReadSqlFiles(folder);
  const char* show = std::getenv("DOWNSTREAM_BENCH_SHOW_FAILURES");
  size_t parsed = CountParsed(files, *dialect, show != nullptr && *show != '\0' && *show != '0');
  std::fprintf(stderr, "dialect_bench: %s (%.*s): %zu models, %zu parsed\n", folder,
               static_cast<int>(dialect->name.size()), dialect->name.data(), files.texts.size(), parsed);
  benchmark::RegisterBenchmark("BM_DialectFiles", BM_DialectFiles, &files, dialect, parsed)
      ->Unit(benchmark::kMillisecond);
  return true;
}

}  // namespace
}  // namespace ds::bench

int main(int argc, char** argv) {
  // A folder of real SQL replaces the generated corpus: the two measure different things.
  if (const char* folder = std::getenv("DOWNSTREAM_BENCH_SQL_DIR"); folder != nullptr && *folder != '\0') {
    if (!ds::bench::RegisterSqlDir(folder)) return 2;
  } else {
    benchmark::RegisterBenchmark("BM_PgBare", ds::bench::BM_PgBare)->Unit(benchmark::kMillisecond);
    benchmark::RegisterBenchmark("BM_PgToIr", ds::bench::BM_PgToIr)->Unit(benchmark::kMillisecond);
    benchmark::RegisterBenchmark("BM_Dialect", ds::bench::BM_Dialect)->Unit(benchmark::kMillisecond);
  }
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
