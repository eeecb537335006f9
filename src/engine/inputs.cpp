#include "src/engine/inputs.h"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <optional>
#include <set>

#include "parsers/migrations/sql_layout.h"
#include "src/engine/analytics_side.h"
#include "src/ir/suggest.h"

namespace ds::engine {

namespace {

ir::Diagnostic Note(const std::string& file, std::string message) {
  return ir::Diagnostic{ir::Severity::kWarning, ir::SourceSpan{file, 0, 0}, std::move(message), ir::DiagCode::kConfiguration};
}

std::vector<std::string> PathsUnder(const git::Snapshot& snapshot, const std::string& pattern,
                                    std::string_view extension) {
  std::vector<std::string> out;
  for (const git::FileEntry& f : snapshot.files) {
    if (f.path.ends_with(extension) && config::PathMatches(pattern, f.path)) out.push_back(f.path);
  }
  return out;
}

// A migrations entry's files with `extension` that its `include:` / `exclude:` let through.
std::vector<std::string> SelectedUnder(const git::Snapshot& snapshot, const config::MigrationSource& source,
                                       std::string_view extension) {
  std::vector<std::string> out = PathsUnder(snapshot, source.path, extension);
  std::erase_if(out, [&](const std::string& path) { return !source.Selects(path); });
  return out;
}

// SQL migrations: `.sql` files, and `.sql.postgres` ones (synapse's engine-specific deltas;
// `.sql.sqlite` and other engines' are not PostgreSQL's).
void AddSqlMigrations(const git::Snapshot& snapshot, const config::MigrationSource& source,
                      RevisionInputs& inputs, std::set<std::string>& taken) {
  std::vector<std::string> paths = SelectedUnder(snapshot, source, ".sql");
  for (std::string& path : SelectedUnder(snapshot, source, ".sql.postgres")) paths.push_back(std::move(path));
  bool sql_found = !paths.empty();
  if (source.order == "version-folder") {  // synapse's Python deltas: said where they run
    for (std::string& path : SelectedUnder(snapshot, source, ".py")) paths.push_back(std::move(path));
  }
  if (!sql_found) {
    inputs.diagnostics.push_back(
        Note(source.path, "no .sql migration files found under " + source.path));
    return;
  }
  // A file an earlier entry names is that entry's (a dump listed before its migrations' folder).
  std::erase_if(paths, [&](const std::string& path) { return taken.count(path) > 0; });
  parsers::SqlLayout layout;
  layout.order = parsers::SqlOrderNamed(source.order).value_or(parsers::SqlOrder::kAuto);
  layout.role = parsers::SqlFileRoleNamed(source.role);
  std::string_view named = source.path;
  while (named.starts_with("./")) named.remove_prefix(2);
  layout.single_file = paths.size() == 1 && paths[0] == named;
  for (const parsers::OrderedSqlFile& f : parsers::OrderSqlMigrations(paths, inputs.diagnostics, layout)) {
    if (!taken.insert(f.path).second) continue;
    InputFile file{f.path, snapshot.Find(f.path)->blob_id, FileKind::kSqlMigration};
    file.snapshot = f.role == parsers::SqlFileRole::kSchemaSnapshot;
    inputs.migrations.push_back(std::move(file));
  }
}

bool IsPackageInit(const std::string& path) {
  return path.ends_with("/__init__.py") || path == "__init__.py" || path.find("/__pycache__/") != std::string::npos;
}

// Rails: Scenic's view files (db/views/*.sql beside the db/migrate folder), context for the
// migrations whose create_view / update_view names one (parsers/ruby/parse_rails.h).
void AddScenicViews(const git::Snapshot& snapshot, const config::MigrationSource& source, RevisionInputs& inputs) {
  size_t db = source.path.rfind("db/");
  if (db == std::string::npos) return;
  std::string folder = source.path.substr(0, db) + "db/views/";
  for (const git::FileEntry& f : snapshot.files) {
    if (f.path.starts_with(folder) && f.path.ends_with(".sql") && f.path.find('/', folder.size()) == std::string::npos &&
        std::none_of(inputs.context.begin(), inputs.context.end(), [&](const InputFile& c) { return c.path == f.path; })) {
      inputs.context.push_back({f.path, f.blob_id, FileKind::kRails});
    }
  }
}

// Alembic / Django / Rails sources: the framework's files under the path, ordered by path here
// and by the framework's own rules once parsed. A Rails source may also hold structure.sql.
void AddFrameworkMigrations(const git::Snapshot& snapshot, const config::MigrationSource& source,
                            RevisionInputs& inputs, std::set<std::string>& taken) {
  FileKind kind = source.kind == "alembic" ? FileKind::kAlembic
                  : source.kind == "django" ? FileKind::kDjango : FileKind::kRails;
  std::string extension = kind == FileKind::kRails ? ".rb" : ".py";
  std::vector<std::string> paths;
  for (const std::string& path : SelectedUnder(snapshot, source, extension)) {
    if (IsPackageInit(path)) continue;
    if (kind == FileKind::kDjango && path.find("/migrations/") == std::string::npos &&
        !path.starts_with("migrations/")) continue;
    paths.push_back(path);
  }
  if (kind == FileKind::kRails) {
    AddScenicViews(snapshot, source, inputs);
    for (const std::string& path : SelectedUnder(snapshot, source, ".sql")) {
      if (taken.insert(path).second) {
        inputs.migrations.push_back({path, snapshot.Find(path)->blob_id, FileKind::kSqlMigration});
      }
    }
  }
  if (paths.empty()) {
    inputs.diagnostics.push_back(Note(source.path, "no " + source.kind + " migration files (" +
                                                       extension + ") found under " + source.path));
    return;
  }
  std::sort(paths.begin(), paths.end());
  for (const std::string& path : paths) {
    if (!taken.insert(path).second) continue;
    inputs.migrations.push_back({path, snapshot.Find(path)->blob_id, kind});
  }
}

// Django: the project's modules that may define model fields (fields.py, models.py and packages
// so named), outside migrations/ and tests, for the field classes its migrations name.
void AddDjangoFieldModules(const git::Snapshot& snapshot, RevisionInputs& inputs) {
  for (const git::FileEntry& f : snapshot.files) {
    std::string wrapped = "/" + f.path;
    if (!f.path.ends_with(".py") || wrapped.find("/migrations/") != std::string::npos ||
        wrapped.find("/tests/") != std::string::npos || wrapped.find("/node_modules/") != std::string::npos ||
        wrapped.find("/site-packages/") != std::string::npos) {
      continue;
    }
    bool named = wrapped.ends_with("/fields.py") || wrapped.ends_with("/models.py") ||
                 wrapped.find("/fields/") != std::string::npos || wrapped.find("/models/") != std::string::npos;
    if (named) inputs.context.push_back({f.path, f.blob_id, FileKind::kDjango});
  }
}

// `kind:` left out of a configured source: what its files are. SQL when it holds .sql files;
// else Rails for .rb; else Django for NNNN_*.py files in a migrations/ folder; else Alembic.
std::string DetectKind(const git::Snapshot& snapshot, const config::MigrationSource& source) {
  if (!source.order.empty() || !source.role.empty()) return "sql";
  if (!SelectedUnder(snapshot, source, ".sql").empty()) return "sql";
  if (!SelectedUnder(snapshot, source, ".rb").empty()) return "rails";
  std::vector<std::string> python = SelectedUnder(snapshot, source, ".py");
  if (python.empty()) return "sql";
  for (const std::string& path : python) {
    size_t slash = path.rfind('/');
    std::string name = path.substr(slash == std::string::npos ? 0 : slash + 1);
    bool numbered = name.size() > 5 && std::isdigit(static_cast<unsigned char>(name[0])) &&
                    std::isdigit(static_cast<unsigned char>(name[3])) && name[4] == '_';
    // A numbered file beside an Alembic env.py (Flask-Migrate's migrations/) is a stray.
    std::string folder = slash == std::string::npos ? "" : path.substr(0, slash);
    bool alembic_folder = snapshot.Find(folder.empty() ? "env.py" : folder + "/env.py") != nullptr;
    if (numbered && !alembic_folder && path.find("migrations/" + name) != std::string::npos) return "django";
  }
  return "alembic";
}

}  // namespace

std::string InputKey(const InputFile& file) {
  // The kind too: a Scenic view file is Rails context and, when detected, an analytics view file.
  return file.path + '\0' + file.blob_id + '\0' + std::string(file.dialect->name) + '\0' +
         std::to_string(static_cast<int>(file.kind));
}

RevisionInputs SelectInputs(const git::Snapshot& snapshot, const config::Config& config) {
  RevisionInputs inputs;
  std::set<std::string> taken;
  for (config::MigrationSource source : config.migrations) {
    if (source.kind.empty()) source.kind = DetectKind(snapshot, source);
    if (source.kind == "sql") {
      AddSqlMigrations(snapshot, source, inputs, taken);
    } else {
      AddFrameworkMigrations(snapshot, source, inputs, taken);
    }
  }
  if (std::any_of(inputs.migrations.begin(), inputs.migrations.end(),
                  [](const InputFile& f) { return f.kind == FileKind::kDjango; })) {
    AddDjangoFieldModules(snapshot, inputs);
  }
  for (const config::ViewSource& source : config.views) {
    if (source.path.empty() || source.outside) continue;  // dbt, lea, lineage.json, disk: analytics_side.h
    std::vector<std::string> paths = PathsUnder(snapshot, source.path, ".sql");
    if (paths.empty()) {
      inputs.diagnostics.push_back(Note(source.path, "no .sql view files found under " + source.path));
    }
    for (const std::string& path : paths) {
      if (taken.count(path)) continue;  // a migration already
      taken.insert(path);
      inputs.views.push_back({path, snapshot.Find(path)->blob_id, FileKind::kSqlViews, source.dialect});
    }
  }
  std::sort(inputs.views.begin(), inputs.views.end(),
            [](const InputFile& a, const InputFile& b) { return a.path < b.path; });
  return inputs;
}

namespace {

namespace fs = std::filesystem;

// Every file and folder of the snapshot, as did-you-mean candidates.
std::set<std::string> PathsAndFolders(const git::Snapshot& snapshot) {
  std::set<std::string> out;
  for (const git::FileEntry& f : snapshot.files) {
    out.insert(f.path);
    for (size_t slash = f.path.find('/'); slash != std::string::npos; slash = f.path.find('/', slash + 1)) {
      out.insert(f.path.substr(0, slash));
    }
  }
  return out;
}

bool MatchesAny(const git::Snapshot& snapshot, const std::string& pattern) {
  return std::any_of(snapshot.files.begin(), snapshot.files.end(),
                     [&](const git::FileEntry& f) { return config::PathMatches(pattern, f.path); });
}

fs::path OnDisk(const git::Repository& repo, const std::string& path) {
  return path.starts_with('/') ? fs::path(path) : fs::path(repo.Workdir()) / path;
}

// The entries beside where `path` should be, named as `path` is (for an outside did-you-mean).
std::set<std::string> DiskSiblings(const git::Repository& repo, const std::string& path) {
  std::set<std::string> out;
  size_t slash = path.rfind('/');
  std::string folder = slash == std::string::npos ? "" : path.substr(0, slash + 1);
  std::error_code error;
  for (fs::directory_iterator it(OnDisk(repo, folder.empty() ? "." : folder), error), end; !error && it != end;
       it.increment(error)) {
    out.insert(folder + it->path().filename().string());
  }
  return out;
}

Error NoMatch(const config::Config& config, int line, const std::string& key, const std::string& path,
              const std::string& where, const std::string& hint) {
  std::string message = config.file + ":" + std::to_string(line) + ": key '" + key + "' names '" + path +
                        "', which matches nothing " + where;
  if (!hint.empty()) message += "; did you mean '" + hint + "'?";
  return Error{message};
}

}  // namespace

Status CheckConfiguredPaths(const git::Repository& repo, const git::Snapshot& snapshot,
                            const config::Config& config, const std::string& at) {
  std::optional<std::set<std::string>> candidates;
  auto hint = [&](const std::string& path) {
    if (path.find_first_of("*?") != std::string::npos) return std::string();  // a glob: no one path to suggest
    if (!candidates) candidates = PathsAndFolders(snapshot);
    return ir::Closest(path, *candidates);
  };
  for (const config::MigrationSource& source : config.migrations) {
    if (source.line == 0) continue;
    if (!MatchesAny(snapshot, source.path)) {
      return NoMatch(config, source.line, source.key, source.path, at, hint(source.path));
    }
    // An include or exclude glob that matches none of the entry's files is a typo, or stale.
    for (const std::vector<config::PathGlob>* globs : {&source.include, &source.exclude}) {
      for (const config::PathGlob& glob : *globs) {
        bool any = std::any_of(snapshot.files.begin(), snapshot.files.end(), [&](const git::FileEntry& f) {
          return config::PathMatches(source.path, f.path) && config::FilterMatches(glob.glob, f.path);
        });
        if (!any) return NoMatch(config, glob.line, glob.key, glob.glob, "under '" + source.path + "' " + at, "");
      }
    }
  }
  for (const config::ViewSource& source : config.views) {
    const std::string& path = source.Where();
    if (source.line == 0) continue;
    std::error_code error;
    if (source.outside) {
      if (fs::exists(OnDisk(repo, path), error)) continue;
      return NoMatch(config, source.line, source.key, path, "on disk", ir::Closest(path, DiskSiblings(repo, path)));
    }
    if (MatchesAny(snapshot, path)) continue;
    // A manifest or lineage file that CI writes before the check is read from the working tree.
    // (Read through ReadFromDisk, which keeps a read inside the repository once links are followed.)
    bool written_by_ci = !source.lineage.empty() || source.dbt.ends_with(".json");
    if (written_by_ci && ReadFromDisk(repo, path).text) continue;
    return NoMatch(config, source.line, source.key, path, at, hint(path));
  }
  return Ok();
}

}  // namespace ds::engine
