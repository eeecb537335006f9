#include "src/engine/load_config.h"

#include <fstream>
#include <sstream>

#include "rules/rule.h"

namespace ds::engine {

namespace {

std::vector<std::string> KnownRules() {
  std::vector<std::string> ids;
  for (const rules::RuleInfo& rule : rules::AllRules()) ids.emplace_back(rule.id);
  return ids;
}

}  // namespace

Result<config::Config> LoadConfig(const git::Repository& repo, const git::Snapshot& snapshot,
                                  const std::string& explicit_file, std::vector<std::string>& notes) {
  if (!explicit_file.empty()) {
    std::ifstream in(explicit_file, std::ios::binary);
    if (!in) return Error{"cannot read the configuration file " + explicit_file};
    std::stringstream text;
    text << in.rdbuf();
    return config::ParseConfig(explicit_file, text.str(), KnownRules());
  }
  for (const char* name : config::kConfigFileNames) {
    const git::FileEntry* entry = snapshot.Find(name);
    if (!entry) continue;
    Result<std::string> text = repo.ReadBlob(entry->blob_id);
    if (!text.ok()) return text.error();
    return config::ParseConfig(name, *text, KnownRules());
  }
  std::vector<std::string> paths;
  for (const git::FileEntry& f : snapshot.files) paths.push_back(f.path);
  notes.push_back("no downstream.yml: detecting the layout");
  return config::DetectLayout(paths, notes);
}

}  // namespace ds::engine
