#pragma once
/// Which files of a revision are migrations (in history order) and which are analytics views.
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "src/config/config.h"
#include "src/git/repository.h"
#include "src/ir/parsed_file.h"

namespace ds::engine {

/// How a file is read: SQL (migrations, views) or a framework's migration (ordered after parsing,
/// from what the parser found: parsers/migrations/framework_history.h).
enum class FileKind { kSqlMigration, kSqlViews, kAlembic, kDjango, kRails };

/// A file to parse: parsed once per distinct (path, blob, dialect), whichever revisions share it.
struct InputFile {
  std::string path;
  std::string blob_id;
  FileKind kind;
  /// The SQL dialect of a view file (its views entry's); migrations are always PostgreSQL.
  const dialect::Dialect* dialect = &dialect::Postgres();
  /// A schema dump replayed as a migration (regenerated, not run: editing it is no edited migration).
  bool snapshot = false;
};

struct RevisionInputs {
  /// SQL files in replay order (all sources, config order); framework files in path order, each
  /// framework's files ordered at replay (ReplayMigrations) once they are parsed.
  std::vector<InputFile> migrations;
  std::vector<InputFile> views;       ///< sorted by path
  /// Files a frontend reads for context only, never replayed, judged or counted: Django's field
  /// modules (fields.py, models.py and packages so named), whose classes type the fields a
  /// project defines.
  std::vector<InputFile> context;
  std::vector<ir::Diagnostic> diagnostics;  ///< sources we cannot read (missing, unsupported)
  /// The mirror views standing for the warehouse's copies of production tables (dbt sources).
  std::set<ir::QualifiedName> warehouse_copies;
};

/// Selects the migration and view files of `snapshot` as `config` describes them.
RevisionInputs SelectInputs(const git::Snapshot& snapshot, const config::Config& config);

/// A configured path or glob that matches nothing is a configuration mistake: one sentence
/// naming the file, the line and the key, with the nearest existing path when one is close.
/// Repository paths are judged at `snapshot` (head, or the index); paths outside the repository
/// on disk, and so are a dbt manifest or lineage file inside it that is not committed (CI writes
/// them). Detected sources (line 0) are not judged. `at` names the revision ("at HEAD").
Status CheckConfiguredPaths(const git::Repository& repo, const git::Snapshot& snapshot,
                            const config::Config& config, const std::string& at);

/// Every parsed file, by InputKey (path, blob, dialect and kind: one blob may be read in two
/// dialects, or as a framework's context and as a view file).
using ParsedFiles = std::map<std::string, std::shared_ptr<const ir::ParsedFile>>;
std::string InputKey(const InputFile& file);

/// The worker threads of ParseAll and ReadAnalytics: DOWNSTREAM_THREADS=<n>, else one per core.
size_t ThreadCount();

/// Reads and parses every distinct input once, on every core. Unreadable or binary blobs become
/// a ParsedFile holding one diagnostic.
ParsedFiles ParseAll(const git::Repository& repo, const std::vector<InputFile>& files);

}  // namespace ds::engine
