// libFuzzer target: Django migration files ('\f' separates files, alternately in two apps)
// parsed and ordered, each operation resolved against the model state.
#include "fuzz/fuzz_input.h"
#include "fuzz/nesting_mutator.h"
#include "parsers/migrations/framework_history.h"
#include "parsers/python/parse_django.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (!ds::fuzz::IsSourceText(ds::fuzz::AsText(data, size))) return 0;
  using namespace ds;
  std::vector<std::string> texts = fuzz::SplitFiles(fuzz::AsText(data, size));
  std::vector<std::string> paths;
  std::vector<ir::ParsedFile> parsed;
  for (size_t i = 0; i < texts.size(); ++i) {
    std::string app = i % 2 == 0 ? "shop" : "billing";
    paths.push_back(app + "/migrations/000" + std::to_string(i / 2 + 1) + "_step.py");
    parsed.push_back(parsers::ParseDjangoFile(paths.back(), texts[i]));
  }
  std::vector<parsers::HistoryFile> files;
  for (size_t i = 0; i < parsed.size(); ++i) files.push_back({paths[i], &parsed[i]});
  std::vector<ir::Diagnostic> diagnostics;
  parsers::OrderHistory(parsers::Framework::kDjango, files, diagnostics);
  return 0;
}
