// Finds the common layouts when a repository has no downstream.yml, from its paths alone.
#include <map>
#include <set>
#include <string>

#include "src/config/config.h"

namespace ds::config {

namespace {

std::string Parent(const std::string& path) {
  size_t slash = path.rfind('/');
  return slash == std::string::npos ? "" : path.substr(0, slash);
}

std::string FileName(const std::string& path) {
  size_t slash = path.rfind('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

bool EndsWith(const std::string& s, std::string_view suffix) { return s.ends_with(suffix); }

MigrationSource Detected(const std::string& path, const std::string& kind) {
  MigrationSource source;
  source.path = path;
  source.kind = kind;
  return source;
}

// The folder up to and including the first segment named like a migrations folder.
std::string MigrationRoot(const std::string& path) {
  static const char* const kNames[] = {"migrations", "migration", "migrate"};
  size_t start = 0;
  while (start < path.size()) {
    size_t end = path.find('/', start);
    if (end == std::string::npos) return "";  // the file name itself does not count
    std::string segment = path.substr(start, end - start);
    for (const char* name : kNames) {
      if (segment == name) return path.substr(0, end);
    }
    start = end + 1;
  }
  return "";
}

bool IsUnder(const std::string& path, const std::string& folder) {
  return path.size() > folder.size() && path.starts_with(folder) && path[folder.size()] == '/';
}

bool HasSegment(const std::string& path, std::string_view segment) {
  std::string wrapped = "/" + Parent(path) + "/";
  return wrapped.find("/" + std::string(segment) + "/") != std::string::npos;
}

// Under a folder named like dbt's macro-paths (macros/, dbt_macros/): Jinja, not a schema dump.
bool InMacroFolder(const std::string& path) {
  std::string folders = "/" + Parent(path) + "/";
  for (size_t end = folders.find('/', 1); end != std::string::npos; end = folders.find('/', end + 1)) {
    size_t start = folders.rfind('/', end - 1) + 1;
    if (std::string_view(folders).substr(start, end - start).ends_with("macros")) return true;
  }
  return false;
}

std::string FolderName(const std::string& folder) { return FileName(folder); }

bool StartsWithDigits(const std::string& name, size_t count) {
  if (name.size() <= count) return false;
  for (size_t i = 0; i < count; ++i) {
    if (!isdigit(static_cast<unsigned char>(name[i]))) return false;
  }
  return true;
}

// A framework's usual layout, from paths alone: the kind and the folder to read, or "".
//   Alembic: <dir>/versions/*.py beside <dir>/env.py (alembic/versions, Flask-Migrate's
//            migrations/versions);
//   Django:  <app>/migrations/NNNN_*.py;
//   Rails:   db/migrate/*.rb and db/post_migrate/*.rb.
std::pair<std::string, std::string> FrameworkLayout(const std::string& path,
                                                    const std::set<std::string>& all) {
  std::string folder = Parent(path), name = FileName(path);
  if (EndsWith(path, ".py") && name != "__init__.py") {
    std::string above = Parent(folder);
    std::string env = above.empty() ? "env.py" : above + "/env.py";
    if (FolderName(folder) == "versions" && all.count(env)) return {"alembic", folder};
    // A numbered file beside an Alembic env.py (Flask-Migrate's migrations/) is a stray, not Django.
    if (FolderName(folder) == "migrations" && StartsWithDigits(name, 4) && name[4] == '_' &&
        !all.count(folder + "/env.py")) {
      return {"django", folder};
    }
  }
  if (EndsWith(path, ".rb") && (folder == "db/migrate" || folder.ends_with("/db/migrate") ||
                                folder == "db/post_migrate" || folder.ends_with("/db/post_migrate"))) {
    return {"rails", folder};
  }
  return {"", ""};
}

}  // namespace

Config DetectLayout(const std::vector<std::string>& paths, std::vector<std::string>& notes) {
  Config config;
  std::map<std::string, std::pair<std::string, int>> migration_roots;  // root -> kind, count
  std::set<std::string> snapshots;
  std::set<std::string> all(paths.begin(), paths.end());
  for (const std::string& path : paths) {
    if (HasSegment(path, "node_modules") || HasSegment(path, "vendor")) continue;
    std::string name = FileName(path);
    // A dbt macro file may be named schema.sql too (spellbook's dbt_macros/dune/schema.sql).
    if ((EndsWith(path, ".sql") && (name == "structure.sql" || name == "schema.sql") &&
         MigrationRoot(path).empty() && !InMacroFolder(path)) ||
        (name == "schema.rb" && EndsWith(Parent(path), "db"))) {
      snapshots.insert(path);
      continue;
    }
    auto [kind, root] = FrameworkLayout(path, all);
    if (kind.empty() && EndsWith(path, ".sql")) {
      root = MigrationRoot(path);
      if (!root.empty()) kind = "sql";
    }
    if (kind.empty()) continue;
    auto& entry = migration_roots[root];
    if (entry.first.empty()) entry.first = kind;
    ++entry.second;
  }
  for (const auto& [root, kind_count] : migration_roots) {
    config.migrations.push_back(Detected(root, kind_count.first));
    notes.push_back("found " + std::to_string(kind_count.second) + " " + kind_count.first +
                    " migration file(s) in " + root + "/");
  }
  // A schema dump is a snapshot of the history: used alone when there is no migrations folder.
  if (config.migrations.empty()) {
    for (const std::string& snapshot : snapshots) {
      config.migrations.push_back(Detected(snapshot, EndsWith(snapshot, ".rb") ? "rails" : "sql"));
      notes.push_back("found a schema snapshot: " + snapshot);
    }
  }
  // dbt projects: a dbt_project.yml, leaving out installed packages and build output.
  std::vector<std::string> dbt_folders;
  for (const std::string& path : paths) {
    if (FileName(path) != "dbt_project.yml") continue;
    if (HasSegment(path, "dbt_packages") || HasSegment(path, "dbt_modules") ||
        HasSegment(path, "node_modules") || HasSegment(path, "target")) continue;
    std::string folder = Parent(path);
    ViewSource source;
    source.dbt = folder.empty() ? "." : folder;
    config.views.push_back(source);
    dbt_folders.push_back(folder);
    notes.push_back("found a dbt project: " + path);
  }
  // A dbt project's own folders (models, macros, tests...), not every file beside dbt_project.yml.
  auto in_dbt = [&](const std::string& path) {
    static const char* const kDbtFolders[] = {"models", "macros", "analyses", "analysis", "tests", "snapshots",
                                              "seeds", "target", "dbt_packages", "dbt_modules"};
    for (const std::string& folder : dbt_folders) {
      if (!folder.empty() && !IsUnder(path, folder)) continue;
      std::string rest = folder.empty() ? path : path.substr(folder.size() + 1);
      std::string first = rest.substr(0, rest.find('/'));
      for (const char* name : kDbtFolders) {
        if (first == name) return true;
      }
    }
    return false;
  };
  // Views: .sql files in a folder named views (outside the migrations and dbt projects).
  std::map<std::string, int> view_roots;
  for (const std::string& path : paths) {
    if (!EndsWith(path, ".sql") || !MigrationRoot(path).empty() || in_dbt(path)) continue;
    std::string parent = Parent(path);
    std::string wrapped = "/" + parent + "/";
    size_t at = wrapped.find("/views/");
    if (at == std::string::npos) continue;
    std::string root = wrapped.substr(1, at + 5);  // up to and including "views"
    ++view_roots[root];
  }
  for (const auto& [root, count] : view_roots) {
    bool nested = false;
    for (const auto& other : config.views) nested = nested || (!other.path.empty() && IsUnder(root, other.path));
    if (nested) continue;
    ViewSource source;
    source.path = root;
    config.views.push_back(source);
    notes.push_back("found " + std::to_string(count) + " view file(s) in " + root + "/");
  }
  if (config.migrations.empty()) notes.push_back("found no migrations: add a downstream.yml");
  if (config.views.empty()) notes.push_back("found no view files or dbt project: add a downstream.yml");
  return config;
}

}  // namespace ds::config
