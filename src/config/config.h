#pragma once
/// downstream.yml: where the migrations and the analytics views live, and how to judge them.
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "parsers/dialect/dialect.h"
#include "src/config/acknowledgement.h"
#include "src/ir/diagnostic.h"
#include "src/ir/result.h"

namespace ds::config {

/// One glob of a migrations entry's `include:` / `exclude:` list.
struct PathGlob {
  std::string glob;  ///< repository-relative; without '/' it names a file or folder at any depth
  int line = 0;
  std::string key;   ///< "migrations[0].exclude[1]"
};

struct MigrationSource {
  std::string path;  ///< a folder, a file or a glob, repository-relative
  std::string kind;  ///< sql | alembic | django | rails; empty = detect
  std::string order;  ///< sql: auto | path | version-folder; empty = auto
  std::string role;   ///< sql: snapshot | migration; empty = by name (a file named alone: snapshot)
  std::vector<PathGlob> include;  ///< when set, only the files one of them matches
  std::vector<PathGlob> exclude;  ///< files left out (applied after include, before ordering)
  int line = 0;      ///< of the entry in the configuration file (0 when detected)
  std::string key;   ///< the key naming the path ("migrations[0].path"); empty when detected

  /// Whether `path` (a file under `path`) passes `include:` and `exclude:`.
  bool Selects(std::string_view file) const;
};

/// Whether `glob` (an `include:` / `exclude:` entry) matches `path`: as PathMatches, and a glob
/// without '/' matches a file or folder name at any depth (as in .gitignore).
bool FilterMatches(std::string_view glob, std::string_view path);

/// One analytics source: exactly one of path, dbt, lea or lineage is set.
struct ViewSource {
  std::string path;     ///< CREATE VIEW files
  std::string dbt;      ///< a dbt project folder (holding dbt_project.yml) or a manifest.json
  std::string lea;      ///< a lea views folder: <schema>/<table>.sql
  std::string lineage;  ///< a lineage.json written by `downstream lineage --format json`
  /// dbt: `target.schema`, the schema of models with no custom schema and the prefix of custom
  /// ones (dbt's generate_schema_name); "" = analytics
  std::string schema;
  std::string target;   ///< dbt: `target.name`; "" = unknown
  std::string database;  ///< dbt: `target.database` (top-level `target:`); "" = unknown
  /// lea in BigQuery: `dataset:`, the dataset lea writes to (its LEA_BQ_DATASET_NAME); "" =
  /// lea's .env file's, else the one the scripts name each other in
  std::string dataset;
  /// The SQL dialect of its files: the entry's `dialect:`, else `warehouse.dialect:`, else
  /// PostgreSQL. Never null (a lineage entry keeps the default: it holds no SQL).
  const dialect::Dialect* dialect = &dialect::Postgres();
  /// `dialect` was configured (the entry's or warehouse.dialect); else a dbt project's
  /// profiles.yml may name its adapter.
  bool dialect_given = false;
  /// The path leaves the repository (absolute, or `..` past its root): a second checkout read
  /// from disk, relative to the repository root, never from git.
  bool outside = false;
  int line = 0;  ///< of the entry in the configuration file (0 when detected)
  std::string key;  ///< the key naming the path ("views[1].dbt"); empty when detected

  /// The one path set, whichever kind it is.
  const std::string& Where() const;
};

/// A warehouse schema that copies a production schema (ELT).
struct MirrorPattern {
  std::string production_schema;
  std::string table_pattern = "{table}";  ///< the copy's name: "{table}", "app_{table}", "{table}_raw"
};

struct Config {
  std::string file;  ///< the file it came from; empty when detected
  std::vector<MigrationSource> migrations;
  std::vector<ViewSource> views;
  std::map<std::string, std::string> mirrors;  ///< warehouse schema -> production schema
  /// warehouse schema -> production schema and table-name pattern (every mirror is here too).
  std::map<std::string, MirrorPattern> mirror_patterns;
  std::vector<std::string> contracts_public;   ///< view name patterns
  std::vector<std::pair<std::string, std::string>> owners;  ///< pattern -> owner, in file order
  int owners_line = 0;  ///< of the `owners:` key (0 when absent)
  std::map<std::string, ir::Severity> rule_severity;
  std::vector<std::string> search_path = {"public"};  ///< for unqualified names in view files
  /// `soft_delete_columns:`: names of the columns that mark a row deleted or archived
  /// while it stays in the table (soft-delete-unfiltered).
  std::vector<std::string> soft_delete_columns = {"deleted_at", "deleted", "is_deleted", "archived_at",
                                                  "archived",   "is_archived", "discarded_at", "removed_at"};
  /// `acknowledgements:`: for changes with no migration line (an edited view), or kept centrally.
  std::vector<Acknowledgement> acknowledgements;
};

/// Parses downstream.yml. Any error is one sentence naming the file, line and key.
/// `known_rules` are the ids a `rules:` entry may name.
Result<Config> ParseConfig(std::string_view file_name, std::string_view yaml_text,
                           const std::vector<std::string>& known_rules);

/// The names of the configuration file, in the order they are looked for.
inline constexpr const char* kConfigFileNames[] = {"downstream.yml", ".downstream.yml", "downstream.yaml",
                                                   ".downstream.yaml"};

/// The trust boundary. `trusted` (the base revision's configuration, or --config; nullptr when
/// there is none) decides which paths outside the repository may be read and who the owners are;
/// `head` (the pull request's) may only narrow it. Returns `head` with every outside view source
/// that `trusted` does not name removed and `trusted`'s owners; what was refused is said in
/// `diagnostics` (code kUntrusted, spanned at the head's configuration file).
Config NarrowToTrusted(const Config* trusted, Config head, std::vector<ir::Diagnostic>& diagnostics);

/// With no configuration file: finds the common layouts among a revision's paths (sorted,
/// repository-relative) and says what it found, one plain sentence per source in `notes`.
Config DetectLayout(const std::vector<std::string>& paths, std::vector<std::string>& notes);

/// What `downstream init` found, to write down.
struct InitLayout {
  Config detected;  ///< migrations (with their kind) and views (path, dbt, lea), as DetectLayout finds them
  /// Warehouse schemas that dbt sources read and no mirror maps (named in a comment to fill in).
  std::vector<std::string> unmapped_source_schemas;
  /// Inferred mirrors: warehouse schema -> production schema and table pattern (written as is).
  std::map<std::string, MirrorPattern> mirrors;
};

/// The commented downstream.yml that `downstream init` writes (ParseConfig reads it back).
std::string InitConfigText(const InitLayout& layout);

/// Whether `path` (repository-relative) falls under `pattern`: a folder prefix, an exact file,
/// or a glob with `*` (one segment), `**` (any depth) and `?`.
bool PathMatches(std::string_view pattern, std::string_view path);

/// Whether a qualified view name matches a `contracts`/`owners` pattern such as "platform.*".
bool NameMatches(std::string_view pattern, std::string_view name);

}  // namespace ds::config
