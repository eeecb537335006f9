// libFuzzer target: our own SQL frontend (parsers/dialect) on any bytes, in the dialect the
// first byte picks: a script of statements, then the whole input as one query. Unknown syntax
// must be a diagnostic and deep nesting a limit diagnostic, never a crash or a hang.
#include "fuzz/fuzz_input.h"
#include "fuzz/nesting_mutator.h"
#include "parsers/dialect/parse_query.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace ds;
  static constexpr const char* kDialects[] = {"postgres", "snowflake", "bigquery", "redshift",
                                              "databricks", "trino", "duckdb"};
  if (size == 0) return 0;
  const dialect::Dialect* dialect = dialect::DialectByName(kDialects[data[0] % 7]);
  std::string_view text = fuzz::AsText(data + 1, size - 1);
  dialect::ParseDialectScript(text, *dialect);
  dialect::ParseDialectQuery(text, *dialect);
  return 0;
}
