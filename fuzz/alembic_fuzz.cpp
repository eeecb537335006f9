// libFuzzer target: Alembic revision files ('\f' separates files) parsed and ordered.
#include "fuzz/fuzz_input.h"
#include "fuzz/nesting_mutator.h"
#include "parsers/migrations/framework_history.h"
#include "parsers/python/parse_alembic.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (!ds::fuzz::IsSourceText(ds::fuzz::AsText(data, size))) return 0;
  using namespace ds;
  std::vector<std::string> texts = fuzz::SplitFiles(fuzz::AsText(data, size));
  std::vector<ir::ParsedFile> parsed;
  std::vector<parsers::HistoryFile> files;
  for (size_t i = 0; i < texts.size(); ++i) {
    parsed.push_back(parsers::ParseAlembicFile("migrations/versions/r" + std::to_string(i) + ".py", texts[i]));
  }
  for (size_t i = 0; i < parsed.size(); ++i) files.push_back({"migrations/versions/r" + std::to_string(i) + ".py", &parsed[i]});
  std::vector<ir::Diagnostic> diagnostics;
  parsers::OrderHistory(parsers::Framework::kAlembic, files, diagnostics);
  return 0;
}
