// The target's inputs: profiles.yml and the vars dbt_project.yml renders with it.
// profiles.yml beside dbt_project.yml (or in its profile/, profiles/ or .dbt/ folder, where a
// committed DBT_PROFILES_DIR points): what `dbt compile` run in the project's folder connects
// to, so what target.name, target.schema, target.database and target.type are. Projects that
// commit one for CI or local runs (spellbook's five) then render their `target.name == 'prod'`
// conditions and generate_schema_name as dbt does, with no downstream.yml `target:`.
#include <yaml-cpp/yaml.h>

#include "parsers/analytics/dbt_internal.h"
#include "parsers/analytics/jinja_render.h"

namespace ds::analytics {
namespace {

struct ProfileTarget {
  std::string name, schema, database, type;
};

/// A scalar of the profile, `{{ env_var('X', 'default') }}` rendered; "" when absent or when
/// its value depends on what is not known (an environment variable without a default).
std::string Scalar(const YAML::Node& map, std::initializer_list<const char*> keys, const std::string& file) {
  for (const char* key : keys) {
    const YAML::Node v = map[key];
    if (!v || !v.IsScalar()) continue;
    std::string text = v.Scalar();
    if (!HasJinja(text)) return text;
    jinja::RenderContext context;
    context.file = file;
    jinja::RenderResult result = jinja::Render(text, context);
    return result.diagnostics.empty() ? Trim(result.sql) : "";
  }
  return "";
}

/// The profile the project connects with: the one dbt_project.yml names, else the only one.
YAML::Node ProfileOf(const YAML::Node& root, const std::string& wanted) {
  if (!wanted.empty()) return root[wanted];
  YAML::Node only;
  int count = 0;
  for (const auto& entry : root) {
    if (entry.first.Scalar() == "config" || !entry.second.IsMap()) continue;  // dbt's global `config:`
    only = entry.second;
    ++count;
  }
  return count == 1 ? only : YAML::Node();
}

std::optional<ProfileTarget> ReadProfileTarget(const std::string& file, const std::string& text,
                                               const std::string& profile_name, const std::string& wanted_target,
                                               std::vector<ir::Diagnostic>& diagnostics) {
  std::optional<YAML::Node> root = LoadYaml(file, text, diagnostics);
  if (!root || !root->IsMap()) return std::nullopt;
  YAML::Node profile = ProfileOf(*root, profile_name);
  if (!profile || !profile.IsMap()) return std::nullopt;  // a profiles.yml for another project
  ProfileTarget target;
  target.name = wanted_target.empty() ? Scalar(profile, {"target"}, file) : wanted_target;
  if (target.name.empty()) target.name = "default";  // dbt's name when `target:` is absent
  const YAML::Node outputs = profile["outputs"];
  if (!outputs || !outputs.IsMap()) return target;
  const YAML::Node output = outputs[target.name];
  if (!output || !output.IsMap()) return target;
  // BigQuery calls them dataset and project; Databricks' database is its catalog.
  target.schema = Scalar(output, {"schema", "dataset"}, file);
  target.database = Scalar(output, {"database", "project", "catalog", "dbname"}, file);
  target.type = Scalar(output, {"type"}, file);
  return target;
}

}  // namespace

void ApplyProfile(const DbtProjectFile& project, const FileReader& read, DbtOptions& options,
                  std::vector<ir::Diagnostic>& diagnostics) {
  // Beside dbt_project.yml (dbt's own default), else the folders a committed DBT_PROFILES_DIR
  // usually names (Mattermost's profile/); the first that holds the project's profile counts.
  std::optional<ProfileTarget> target;
  for (const char* folder : {"", "profile/", "profiles/", ".dbt/"}) {
    std::string file = project.dir + folder + "profiles.yml";
    std::optional<std::string> text = read(file);
    if (text) target = ReadProfileTarget(file, *text, project.profile, options.target_name, diagnostics);
    if (target) break;
  }
  if (target) {
    if (options.target_name.empty()) options.target_name = target->name;
    if (options.default_schema.empty()) options.default_schema = target->schema;
    if (options.default_database.empty()) options.default_database = target->database;
    if (!options.dialect_given && !target->type.empty()) {
      if (const dialect::Dialect* found = dialect::DialectByName(target->type)) options.dialect = found;
    }
  }
  if (options.default_schema.empty()) options.default_schema = kDefaultSchema;
}

void RenderProjectVars(DbtProjectFile& project, const DbtOptions& options) {
  jinja::RenderContext context;
  context.file = project.dir + "dbt_project.yml";
  context.vars = project.vars;  // var() inside a var sees the values as written
  context.target_name = options.target_name;
  context.target_schema = options.default_schema;
  context.target_database = options.default_database;
  for (auto& [name, value] : project.vars) {
    if (value.kind != jinja::Kind::kString || value.text.find("{{") == std::string::npos) continue;
    jinja::RenderResult result = jinja::Render(value.text, context);
    value = result.diagnostics.empty() ? jinja::Value::String(result.sql) : jinja::Value::Unknown("var('" + name + "')");
  }
}

}  // namespace ds::analytics
