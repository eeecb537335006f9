// libFuzzer target: Rails migrations ('\f' separates files; the first is db/schema.rb) parsed
// and ordered.
#include "fuzz/fuzz_input.h"
#include "fuzz/nesting_mutator.h"
#include "parsers/migrations/framework_history.h"
#include "parsers/ruby/parse_rails.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (!ds::fuzz::IsSourceText(ds::fuzz::AsText(data, size))) return 0;
  using namespace ds;
  std::vector<std::string> texts = fuzz::SplitFiles(fuzz::AsText(data, size));
  std::vector<std::string> paths;
  std::vector<ir::ParsedFile> parsed;
  for (size_t i = 0; i < texts.size(); ++i) {
    paths.push_back(i == 0 && texts.size() > 1 ? "db/schema.rb"
                                              : "db/migrate/2024010100000" + std::to_string(i) + "_step.rb");
    parsed.push_back(parsers::ParseRailsFile(paths.back(), texts[i]));
  }
  std::vector<parsers::HistoryFile> files;
  for (size_t i = 0; i < parsed.size(); ++i) files.push_back({paths[i], &parsed[i]});
  std::vector<ir::Diagnostic> diagnostics;
  parsers::OrderHistory(parsers::Framework::kRails, files, diagnostics);
  return 0;
}
