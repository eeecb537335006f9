#pragma once
/// The pieces ReadDbtProject assembles: dbt_project.yml, YAML property files, and the CREATE VIEW
/// wrapping shared with the manifest and lea readers. Internal to parsers/analytics.
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "parsers/analytics/analytics.h"
#include "parsers/analytics/jinja_macros.h"
#include "parsers/analytics/jinja_value.h"

namespace YAML { class Node; }

namespace ds::analytics::jinja { struct RenderContext; }

namespace ds::analytics {

using ConfigMap = std::map<std::string, jinja::Value>;

/// YAML nodes as Jinja values (scalars become bool/int/float when they read as such), within one
/// file's budget: an alias is expanded each time it is met (`[*a, *a]` doubles), so every visit
/// counts against ir::kMaxYamlNodes, and nesting against ir::kMaxNestingDepth. Past a bound the
/// rest converts to None and Finish() says so once, naming the file.
class YamlValues {
 public:
  explicit YamlValues(std::string file) : file_(std::move(file)) {}
  jinja::Value Convert(const YAML::Node& node) { return ConvertAt(node, 0); }
  /// Adds the kLimitExceeded diagnostic when a bound was reached.
  void Finish(std::vector<ir::Diagnostic>& diagnostics) const;

 private:
  jinja::Value ConvertAt(const YAML::Node& node, int depth);

  std::string file_;
  size_t visited_ = 0;
  int exceeded_line_ = 0;  ///< where the first bound was reached; 0: none
};
/// Parses YAML; a syntax error becomes a diagnostic at its file:line:col and nullopt.
std::optional<YAML::Node> LoadYaml(const std::string& file, const std::string& text, std::vector<ir::Diagnostic>& diagnostics);
/// The 1-based line of a node.
int LineOf(const YAML::Node& node);

struct DbtProjectFile {
  std::string name;
  std::string profile;  ///< `profile:`, the profiles.yml entry it connects with ("" when absent)
  std::string dir;  ///< the folder of dbt_project.yml, "" at the root, else ending in '/'
  std::vector<std::string> model_paths = {"models"};
  std::map<std::string, jinja::Value> vars;
  std::vector<std::string> seed_paths = {"seeds"};
  std::vector<std::string> snapshot_paths = {"snapshots"};
  std::vector<std::string> macro_paths = {"macros"};
  /// `dispatch: [{macro_namespace: dbt_utils, search_order: [...]}]`: namespace -> search order.
  std::map<std::string, std::vector<std::string>> dispatch;
  jinja::Value models;     ///< the `models: <project>:` tree
  jinja::Value seeds;      ///< the `seeds: <project>:` tree
  jinja::Value snapshots;  ///< the `snapshots: <project>:` tree

  /// The folder a configured path (a model, seed or macro path) names, lexically normalised,
  /// ending in '/' ("" for the root of the listed files). A path may leave the project's folder:
  /// `../../dbt_macros`, `../../sources`, as the projects of one repository share them; only the
  /// files the engine lists (the revision's, or a second checkout's) can ever match it.
  std::string Folder(const std::string& configured) const;
};

/// `s` without the white space around it (dbt_naming.cpp).
std::string Trim(const std::string& s);
/// Whether a YAML value holds Jinja to render (`{{` or `{%`).
bool HasJinja(const std::string& text);

/// target.schema when neither the options nor a profile give one.
inline constexpr const char* kDefaultSchema = "analytics";

/// Fills what `options` leave open (target name, schema and database; the dialect unless
/// given) from the project's profiles.yml, read through `read` (dbt_profiles.cpp); then
/// target.schema defaults to kDefaultSchema.
void ApplyProfile(const DbtProjectFile& project, const FileReader& read, DbtOptions& options,
                  std::vector<ir::Diagnostic>& diagnostics);

/// Renders the project's string vars that hold Jinja (`X: "{{ env_var('X', 'day') }}"`), as dbt
/// renders a var's value when var() returns it, with `options`' target and the raw vars; a value
/// that cannot be known becomes unknown, said where it is used (dbt_profiles.cpp).
void RenderProjectVars(DbtProjectFile& project, const DbtOptions& options);

/// Reads dbt_project.yml; nullopt (and a diagnostic) when it cannot be read.
std::optional<DbtProjectFile> ReadDbtProjectFile(const std::string& file, const std::string& text,
                                                 std::vector<ir::Diagnostic>& diagnostics);

/// Parses the project's macros (its macro-paths) and those of the packages under dbt_packages/
/// into `library`; `sorted_paths` are the repository's files.
void LoadMacros(const DbtProjectFile& project, const std::vector<std::string>& sorted_paths, const FileReader& read,
                const std::string& adapter, jinja::MacroLibrary& library, std::vector<ir::Diagnostic>& diagnostics);

/// The `+config` entries of `tree` (DbtProjectFile::models, seeds or snapshots) that apply to a
/// node at `folders` (its folders under its resource path, then its name), the deeper winning.
ConfigMap FolderConfig(const jinja::Value& tree, const std::vector<std::string>& folders);

struct VersionProps {
  std::string v;
  std::string defined_in;
  bool include_all = true;
  std::vector<std::string> include, exclude;
  std::vector<ColumnContract> columns;
  ConfigMap config;
  int line = 0;
};

struct ModelProps {
  std::string name;
  std::string file;
  int line = 0;
  ConfigMap config;  ///< `config:` plus the top-level access/group/deprecation_date
  std::vector<ColumnContract> columns;
  std::vector<VersionProps> versions;
  std::string latest_version;
  std::string relation;  ///< a snapshot defined in YAML (dbt 1.9): `relation: source('app', 'orders')`
  int relation_line = 0;
};

struct ExposureProps {
  Exposure exposure;
  std::vector<std::pair<std::string, int>> depends_on;  ///< expression text, line
};

struct Properties {
  std::vector<ModelProps> models;
  std::vector<ModelProps> seeds;      ///< `seeds:` (config, columns)
  std::vector<ModelProps> snapshots;  ///< `snapshots:` (config, columns)
  std::vector<Source> sources;
  std::vector<ExposureProps> exposures;
};

/// Reads one YAML property file (sources:, models:, seeds:, snapshots:, exposures:). Jinja in a
/// source's schema, database or identifier is rendered in `context` (vars, target).
void ReadPropertyFile(const std::string& file, const std::string& text, const std::string& project,
                      const jinja::RenderContext& context, Properties& out, std::vector<ir::Diagnostic>& diagnostics);

/// A seed's columns from its CSV text (dbt_seeds.cpp): the header's names, typed by the config's
/// `column_types`, else inferred from the values as dbt does. Problems go to `diagnostics`.
std::vector<ColumnContract> SeedColumns(const std::string& file, std::string_view csv, const ConfigMap& config,
                                        std::vector<ir::Diagnostic>& diagnostics);
/// The CREATE TABLE op of a named seed, names spelled as `dialect` reads them (column names as
/// quoted ones with `quote_columns`).
std::shared_ptr<const ir::ParsedFile> SeedTable(const Seed& seed, bool quote_columns, const dialect::Dialect& dialect);

/// One `{% snapshot name %} ... {% endsnapshot %}` block of a snapshot file (dbt_snapshots.cpp).
struct SnapshotBlock {
  std::string name;
  /// The file's text to render for it: the block's tags replaced, the head of SnapshotSql's
  /// wrapper written over the opening one, so the query keeps its lines and columns.
  std::string text;
  int line = 0;  ///< of the opening tag
};
/// The snapshot blocks of a file; a block without its end or its name is a diagnostic.
std::vector<SnapshotBlock> SnapshotBlocks(const std::string& file, std::string_view text,
                                          std::vector<ir::Diagnostic>& diagnostics);
/// The text to render for a snapshot defined in YAML (dbt 1.9) of `relation` (`source('a', 't')`),
/// its query on `line` (of its `relation:`), the head of SnapshotSql's wrapper before it.
std::string RelationSnapshotText(const std::string& relation, int line);
/// The SQL of a rendered snapshot block (its text rendered): its query with dbt's snapshot
/// columns (`snapshot_meta_column_names`, `hard_deletes` from `config`), names quoted by `quote`.
std::string SnapshotSql(std::string rendered, const ConfigMap& config, char quote);

/// A config value as text ("" when absent or unknown).
std::string ConfigText(const ConfigMap& config, const std::string& key);
/// Copies the config keys dbt models use (materialized, schema, alias, enabled, contract,
/// access, group, tags, deprecation_date) into `model`; `schema`/`alias` are left to the caller.
void ApplyConfig(const ConfigMap& config, Model& model);

/// The quote of names that need one in `dialect`'s SQL: a backtick where double quotes make
/// strings (BigQuery, Databricks), else a double quote.
char IdentifierQuote(const dialect::Dialect& dialect);

/// What the tool says of a model beyond its SQL.
struct ViewTraits {
  ir::RelationKind kind = ir::RelationKind::kModel;  ///< a dbt model, snapshot; a lea view
  std::vector<ir::QualifiedName> reads;  ///< its ref() and source() targets, when known
  bool rebinds_star = false;             ///< ir::CreateView::rebinds_star (see RebindsStar)
};

/// Whether a dbt model's `*` is expanded anew at each build (ir::CreateView::rebinds_star): a
/// table, an ephemeral model, an incremental model that follows schema changes
/// (`on_schema_change: append_new_columns / sync_all_columns`), a view in a warehouse whose views
/// expand `*` at query time. Never with an enforced contract.
bool RebindsStar(const Model& model, const dialect::Dialect& dialect);

/// Wraps the rendered `sql` of `file` as `CREATE VIEW <relation> AS` and parses it in `dialect`
/// (views::ParseAnalyticsSql); `extra` diagnostics (Jinja's) join the SQL frontend's. Line i of
/// `sql` is line i of `file`. Nothing drops out: when the SQL cannot be parsed (or nothing was
/// rendered), the model is still a view, read partly (ir::Query::salvaged), reading the traits'
/// `reads` and what the SQL names.
std::shared_ptr<const ir::ParsedFile> BuildView(const std::string& file, const ir::QualifiedName& relation,
                                                std::string_view sql, std::vector<ir::Diagnostic> extra,
                                                const dialect::Dialect& dialect, const ViewTraits& traits = {});

/// The kind of a model's view: kSnapshot, kEphemeral (materialized ephemeral) or kModel.
ir::RelationKind KindOf(const Model& model);

/// Sorts and deduplicates a model's or exposure's dependency lists.
void SortUnique(std::vector<ir::QualifiedName>& names);
void SortUnique(std::vector<std::string>& ids);

}  // namespace ds::analytics
