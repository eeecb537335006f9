#pragma once
/// Relation names as dbt gives them: generate_database_name, generate_schema_name and
/// generate_alias_name for models, seeds and snapshots (dbt_naming.cpp). Internal to
/// parsers/analytics.
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "parsers/analytics/dbt_internal.h"
#include "parsers/analytics/jinja_render.h"

namespace ds::analytics {

/// What generate_schema_name and its kin see as `node`.
struct NodeToName {
  std::string resource_type;  ///< model | seed | snapshot
  std::string name, unique_id, package, version;
  std::string path;                ///< under its resource path ("staging/stg_users.sql")
  std::string original_file_path;  ///< repository-relative, for diagnostics
  std::vector<std::string> fqn;    ///< project, folders, name
};

struct RelationNames {
  std::string database;  ///< "" when the target's is not known
  ir::QualifiedName relation;
};

/// Names relations as dbt does (dbt_naming.cpp): generate_database_name, generate_schema_name and
/// generate_alias_name, the root project's overrides run as Jinja, else dbt's defaults
/// (`<target.schema>_<custom>`). Each problem is said once, in `diagnostics`.
class RelationNamer {
 public:
  /// `context` carries the macros, vars and target.* (schema, database, name).
  RelationNamer(jinja::RenderContext context, std::vector<ir::Diagnostic>& diagnostics)
      : context_(std::move(context)), diagnostics_(diagnostics) {}
  /// The names of `node` configured by `config` (`database`, `schema`, `alias`).
  RelationNames Name(const NodeToName& node, const ConfigMap& config);
  /// One component ("schema", "alias", "database") for the custom value under `key` of `config`.
  std::string Component(const std::string& component, const ConfigMap& config, const std::string& key,
                        const NodeToName& node);
  /// Renders the config strings that hold Jinja (`+schema: "{{ var('s') }}"`), as dbt renders
  /// dbt_project.yml and property files; a value that cannot be known becomes unknown.
  void RenderConfig(ConfigMap& config, const std::string& file);

 private:
  std::string Default(const std::string& component, const jinja::Value& custom, const NodeToName& node) const;
  /// Adds a diagnostic unless one with the same `key` (else the same file and message) was said.
  void Say(const std::string& file, int line, std::string message, ir::DiagCode code, const std::string& key = "");

  jinja::RenderContext context_;
  std::vector<ir::Diagnostic>& diagnostics_;
  std::set<std::string> said_;
};

}  // namespace ds::analytics
