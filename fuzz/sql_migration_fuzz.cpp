// libFuzzer target: a SQL migration file through the PostgreSQL frontend.
#include "fuzz/fuzz_input.h"
#include "fuzz/nesting_mutator.h"
#include "parsers/sql/parse_sql.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  ds::ir::ParsedFile parsed = ds::parsers::ParseSqlFile("db/migrations/V1__fuzz.sql", ds::fuzz::AsText(data, size));
  (void)parsed;
  return 0;
}
