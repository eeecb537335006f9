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

Result<config::Config> ReadConfigFile(const git::Repository& repo, const git::Snapshot& snapshot,
                                      const std::string& explicit_file) {
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
  return config::Config{};
}

}  // namespace

Result<config::Config> LoadConfig(const git::Repository& repo, const git::Snapshot& snapshot,
                                  const std::string& explicit_file, std::vector<std::string>& notes) {
  Result<config::Config> config = ReadConfigFile(repo, snapshot, explicit_file);
  if (!config.ok()) return config;
  if (!config->migrations.empty() && !config->views.empty()) return config;
  // What the file leaves out is detected, and said.
  std::vector<std::string> paths;
  for (const git::FileEntry& f : snapshot.files) paths.push_back(f.path);
  notes.push_back(config->file.empty() ? "no downstream.yml: detecting the layout"
                                       : config->file + " names no migrations or no views: detecting them");
  std::vector<std::string> found;
  config::Config detected = config::DetectLayout(paths, found);
  for (const std::string& note : found) {
    bool about_migrations = note.find("migration") != std::string::npos ||
                            note.find("snapshot") != std::string::npos;
    bool wanted = about_migrations ? config->migrations.empty() : config->views.empty();
    if (wanted) notes.push_back(note);
  }
  if (config->migrations.empty()) config->migrations = detected.migrations;
  if (config->views.empty()) config->views = detected.views;
  return config;
}

}  // namespace ds::engine
