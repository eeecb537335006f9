// libFuzzer target: downstream.yml parsed; the paths it names matched against a few files, and
// each line of the input taken as a repository path for layout detection.
#include <algorithm>

#include "fuzz/fuzz_input.h"
#include "fuzz/nesting_mutator.h"
#include "src/config/config.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace ds;
  std::string_view text = fuzz::AsText(data, size);
  static const std::vector<std::string> kRules = {"drop-column-in-use", "drop-table-in-use",
                                                  "rename-column-in-use"};
  static const char* const kPaths[] = {"db/migrations/V1__init.sql", "analytics/views/a/b.sql",
                                       "migrations/versions/1a2b_x.py", ".git/config", "x"};
  Result<config::Config> parsed = config::ParseConfig("downstream.yml", text, kRules);
  if (parsed.ok()) {
    for (const config::MigrationSource& source : parsed->migrations) {
      for (const char* path : kPaths) config::PathMatches(source.path, path);
    }
    for (const auto& [pattern, owner] : parsed->owners) config::NameMatches(pattern, "analytics.users");
  }
  std::vector<std::string> paths;
  size_t start = 0;
  while (start < text.size() && paths.size() < 64) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    paths.emplace_back(text.substr(start, end - start));
    start = end + 1;
  }
  std::sort(paths.begin(), paths.end());
  std::vector<std::string> notes;
  config::DetectLayout(paths, notes);
  return 0;
}
