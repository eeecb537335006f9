// libFuzzer target: a dbt project read statically. The input holds the files, separated by
// '\f': dbt_project.yml, then models/_properties.yml, then models (Jinja + SQL), each rendered,
// parsed and resolved through ref()/source(). The first model's text is also read as a seed's CSV,
// the second's as a snapshot file (its `{% snapshot %}` blocks).
#include "fuzz/fuzz_input.h"
#include "fuzz/nesting_mutator.h"
#include "parsers/analytics/analytics.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace ds;
  std::vector<std::string> texts = fuzz::SplitFiles(fuzz::AsText(data, size));
  std::map<std::string, std::string> files;
  for (size_t i = 0; i < texts.size(); ++i) {
    std::string path = i == 0 ? "analytics/dbt_project.yml"
                       : i == 1 ? "analytics/models/_properties.yml"
                                : "analytics/models/m" + std::to_string(i - 2) + ".sql";
    files[path] = texts[i];
    if (i == 2) files["analytics/seeds/s.csv"] = texts[i];
    if (i == 3) files["analytics/snapshots/s.sql"] = texts[i];
  }
  std::vector<std::string> paths;
  for (const auto& [path, text] : files) paths.push_back(path);
  analytics::AnalyticsProject project = analytics::ReadDbtProject(
      "analytics/dbt_project.yml", paths, [&](const std::string& path) -> std::optional<std::string> {
        auto it = files.find(path);
        if (it == files.end()) return std::nullopt;
        return it->second;
      });
  analytics::AllDiagnostics(project);
  return 0;
}
