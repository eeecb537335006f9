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
  std::string dir;  ///< the folder of dbt_project.yml, "" at the root, else ending in '/'
  std::vector<std::string> model_paths = {"models"};
  std::map<std::string, jinja::Value> vars;
  std::vector<std::string> seed_paths = {"seeds"};
  std::vector<std::string> macro_paths = {"macros"};
  /// `dispatch: [{macro_namespace: dbt_utils, search_order: [...]}]`: namespace -> search order.
  std::map<std::string, std::vector<std::string>> dispatch;
  jinja::Value models;  ///< the `models: <project>:` tree
  jinja::Value seeds;   ///< the `seeds: <project>:` tree

  /// The folder a configured path (a model, seed or macro path) names, lexically normalised,
  /// ending in '/' ("" for the root of the listed files). A path may leave the project's folder:
  /// `../../dbt_macros`, `../../sources`, as the projects of one repository share them; only the
  /// files the engine lists (the revision's, or a second checkout's) can ever match it.
  std::string Folder(const std::string& configured) const;
};

/// Reads dbt_project.yml; nullopt (and a diagnostic) when it cannot be read.
std::optional<DbtProjectFile> ReadDbtProjectFile(const std::string& file, const std::string& text,
                                                 std::vector<ir::Diagnostic>& diagnostics);

/// Parses the project's macros (its macro-paths) and those of the packages under dbt_packages/
/// into `library`; `sorted_paths` are the repository's files.
void LoadMacros(const DbtProjectFile& project, const std::vector<std::string>& sorted_paths, const FileReader& read,
                const std::string& adapter, jinja::MacroLibrary& library, std::vector<ir::Diagnostic>& diagnostics);

/// The `+config` entries that apply to a model (or with `seeds`, a seed) in `folders` (its folders under the model path),
/// the deeper folder winning.
ConfigMap FolderConfig(const DbtProjectFile& project, const std::vector<std::string>& folders, bool seeds = false);

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
};

struct ExposureProps {
  Exposure exposure;
  std::vector<std::pair<std::string, int>> depends_on;  ///< expression text, line
};

struct Properties {
  std::vector<ModelProps> models;
  std::vector<Source> sources;
  std::vector<ExposureProps> exposures;
};

/// Reads one YAML property file (sources:, models:, exposures:). Jinja in a source's schema,
/// database or identifier is rendered with `vars`.
void ReadPropertyFile(const std::string& file, const std::string& text, const std::string& project,
                      const std::map<std::string, jinja::Value>& vars, Properties& out,
                      std::vector<ir::Diagnostic>& diagnostics);

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
/// table, an ephemeral model, a snapshot, an incremental model that follows schema changes
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

/// Sorts and deduplicates a model's or exposure's dependency lists.
void SortUnique(std::vector<ir::QualifiedName>& names);
void SortUnique(std::vector<std::string>& ids);

}  // namespace ds::analytics
