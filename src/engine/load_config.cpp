#include "src/engine/load_config.h"

#include <filesystem>
#include <fstream>
#include <sstream>

#include "rules/rule.h"
#include "src/engine/disk_file.h"
#include "src/engine/inputs.h"

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
    DiskFile read = ReadDiskFile(explicit_file, /*follow_link=*/true);
    if (!read.text) return Error{"cannot read the configuration file " + explicit_file + " (" + read.problem + ")"};
    return config::ParseConfig(explicit_file, *read.text, KnownRules());
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

bool IsWordChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

// Whether `text` at `at` holds `word` (any case) as a whole word; `at` moves past it.
bool TakeWord(std::string_view text, size_t& at, std::string_view word) {
  if (text.size() - at < word.size()) return false;
  for (size_t i = 0; i < word.size(); ++i) {
    if ((text[at + i] | 0x20) != word[i]) return false;
  }
  if (at + word.size() < text.size() && IsWordChar(text[at + word.size()])) return false;
  at += word.size();
  return true;
}

void SkipSpace(std::string_view text, size_t& at) {
  while (at < text.size() && (text[at] == ' ' || text[at] == '\t' || text[at] == '\n' || text[at] == '\r')) ++at;
}

// `CREATE [OR REPLACE] [MATERIALIZED] VIEW` anywhere in `text`, in one linear pass (std::regex
// recurses per character: a long line of spaces overflowed the stack).
bool HasCreateView(std::string_view text) {
  for (size_t i = 0; i < text.size(); ++i) {
    if ((text[i] | 0x20) != 'c' || (i > 0 && IsWordChar(text[i - 1]))) continue;
    size_t at = i;
    if (!TakeWord(text, at, "create")) continue;
    SkipSpace(text, at);
    size_t before_or = at;
    if (TakeWord(text, at, "or")) {
      SkipSpace(text, at);
      if (!TakeWord(text, at, "replace")) at = before_or;
      SkipSpace(text, at);
    }
    if (TakeWord(text, at, "materialized")) SkipSpace(text, at);
    if (TakeWord(text, at, "view")) return true;
    i = at > i ? at - 1 : i;
  }
  return false;
}

// A detected views folder is read as lea when it has lea's shape: every SQL file one folder or
// more below it (views/<schema>/<table>.sql) and none holding a CREATE VIEW (lea files are bare
// SELECTs). Plain view files organised by schema keep their CREATE VIEW and stay view files.
bool LooksLikeLea(const git::Repository& repo, const git::Snapshot& snapshot, const std::string& root) {
  std::string prefix = root + "/";
  int files = 0;
  for (const git::FileEntry& f : snapshot.files) {
    if (!f.path.starts_with(prefix) || !(f.path.ends_with(".sql") || f.path.ends_with(".sql.jinja"))) continue;
    if (f.path.find('/', prefix.size()) == std::string::npos) return false;  // directly in views/
    Result<std::string> text = repo.ReadBlob(f.blob_id);
    if (!text.ok() || HasCreateView(*text)) return false;
    ++files;
  }
  return files > 0;
}

void PreferLea(const git::Repository& repo, const git::Snapshot& snapshot, config::Config& config,
               std::vector<std::string>& notes) {
  for (config::ViewSource& source : config.views) {
    if (source.path.empty() || !LooksLikeLea(repo, snapshot, source.path)) continue;
    notes.push_back(source.path + "/ holds SELECT files in <schema>/ folders and no CREATE VIEW: read as a lea project");
    source.lea = source.path;
    source.path.clear();
  }
}

// A configuration file in the working tree that the revision does not hold: said, with the fix.
void NoteUncommitted(const git::Repository& repo, const std::string& revision, std::vector<std::string>& notes) {
  std::string workdir = repo.Workdir();
  if (workdir.empty()) return;
  for (const char* name : config::kConfigFileNames) {
    std::error_code error;
    if (!std::filesystem::is_regular_file(std::filesystem::path(workdir) / name, error)) continue;
    bool index = revision == "the index";
    notes.push_back(std::string(name) + " is in the working tree but " +
                    (index ? "not in the index" : "not committed at " + revision) + ", so it is not used: " +
                    (index ? "stage it with `git add " : "commit it (`git add ") + name +
                    (index ? "`" : "` and `git commit`)") + ", or pass it with --config " + workdir + name);
    return;
  }
}

// What every configuration goes through once read: its paths judged at the revision, and what it
// leaves out detected there.
Result<config::Config> Complete(const git::Repository& repo, const git::Snapshot& snapshot,
                                Result<config::Config> config, const std::string& explicit_file,
                                const std::string& revision, std::vector<std::string>& notes) {
  if (!config.ok()) return config;
  if (config->file.empty() && explicit_file.empty()) NoteUncommitted(repo, revision, notes);
  std::string at = revision == "the index" ? "in the index" : "at " + revision;
  if (Status paths = CheckConfiguredPaths(repo, snapshot, *config, at); !paths.ok()) return paths.error();
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
  if (config->views.empty()) {
    config->views = detected.views;
    PreferLea(repo, snapshot, *config, notes);
  }
  return config;
}

}  // namespace

Result<config::Config> LoadConfig(const git::Repository& repo, const git::Snapshot& snapshot,
                                  const std::string& explicit_file, std::vector<std::string>& notes,
                                  const std::string& revision) {
  return Complete(repo, snapshot, ReadConfigFile(repo, snapshot, explicit_file), explicit_file, revision, notes);
}

Result<config::Config> LoadCheckConfig(const git::Repository& repo, const git::Snapshot& base,
                                       const git::Snapshot& head, const std::string& explicit_file,
                                       const std::string& head_name, std::vector<std::string>& notes,
                                       std::vector<ir::Diagnostic>& diagnostics) {
  if (!explicit_file.empty()) {
    Result<config::Config> given = LoadConfig(repo, head, explicit_file, notes, head_name);
    // Which of its acknowledgements are new is not known: none is reported for releasing nothing.
    if (given.ok()) {
      for (config::Acknowledgement& ack : given->acknowledgements) ack.added = false;
    }
    return given;
  }
  Result<config::Config> trusted = ReadConfigFile(repo, base, "");
  const config::Config* base_config = nullptr;
  if (!trusted.ok()) {
    notes.push_back("the base revision's configuration is not used (" + trusted.error().message +
                    "): nothing outside the repository is read and no owners are notified");
  } else if (!trusted->file.empty()) {
    base_config = &*trusted;
  }
  Result<config::Config> wanted = ReadConfigFile(repo, head, "");
  if (wanted.ok()) wanted = config::NarrowToTrusted(base_config, std::move(*wanted), diagnostics);
  return Complete(repo, head, std::move(wanted), "", head_name, notes);
}

}  // namespace ds::engine
