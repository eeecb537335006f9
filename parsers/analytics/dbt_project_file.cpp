// dbt_project.yml: the project's name, where its models, seeds, snapshots and macros are, its
// vars, and the per-folder configs under `models:` / `seeds:` / `snapshots:` `<project>: <folder>:`
// (`+schema: staging`, `+materialized: table`, `+column_types: {...}`).
#include <yaml-cpp/yaml.h>

#include <filesystem>
#include <set>

#include "parsers/analytics/dbt_internal.h"

namespace ds::analytics {
namespace {

/// Keys that are configs even when written without `+` (dbt's older style).
const std::set<std::string> kConfigKeys = {"materialized", "schema", "alias", "enabled", "tags", "contract",
                                           "access", "group", "database", "docs", "persist_docs", "meta",
                                           "grants", "full_refresh", "on_schema_change", "unique_key",
                                           "incremental_strategy", "pre-hook", "post-hook", "deprecation_date",
                                           "column_types"};

/// Adds the config entries of one level of the `models:` tree to `config`.
void AddLevel(const jinja::Value& level, ConfigMap& config) {
  if (level.kind != jinja::Kind::kDict) return;
  for (const auto& [key, value] : *level.dict) {
    bool plus = !key.empty() && key[0] == '+';
    std::string name = plus ? key.substr(1) : key;
    if (plus || kConfigKeys.count(name) || value.kind != jinja::Kind::kDict) config[name] = value;
  }
}

}  // namespace

std::string DbtProjectFile::Folder(const std::string& configured) const {
  std::string folder = std::filesystem::path(dir + configured).lexically_normal().generic_string();
  if (folder == "." || folder == "./") return "";
  if (!folder.empty() && folder.back() != '/') folder += '/';
  return folder;
}

std::optional<DbtProjectFile> ReadDbtProjectFile(const std::string& file, const std::string& text,
                                                 std::vector<ir::Diagnostic>& diagnostics) {
  std::optional<YAML::Node> root = LoadYaml(file, text, diagnostics);
  if (!root) return std::nullopt;
  DbtProjectFile project;
  size_t slash = file.rfind('/');
  project.dir = slash == std::string::npos ? "" : file.substr(0, slash + 1);
  if (!root->IsMap() || !(*root)["name"] || !(*root)["name"].IsScalar()) {
    diagnostics.push_back(ir::Diagnostic{ir::Severity::kWarning, ir::SourceSpan{file, 1, 1},
                                         "dbt_project.yml has no `name:`", ir::DiagCode::kConfiguration});
    return std::nullopt;
  }
  project.name = (*root)["name"].Scalar();
  if (const YAML::Node profile = (*root)["profile"]; profile && profile.IsScalar()) project.profile = profile.Scalar();
  // `source-paths` is what dbt called model-paths before 1.0.
  for (const char* key : {"model-paths", "source-paths"}) {
    const YAML::Node paths = (*root)[key];
    if (!paths) continue;
    project.model_paths.clear();
    if (paths.IsSequence()) {
      for (const YAML::Node& p : paths) project.model_paths.push_back(p.Scalar());
    } else if (paths.IsScalar()) {
      project.model_paths.push_back(paths.Scalar());
    }
    for (std::string& p : project.model_paths) {
      while (p.size() > 1 && p.back() == '/') p.pop_back();
    }
    break;
  }
  YamlValues values(file);
  if (const YAML::Node vars = (*root)["vars"]; vars && vars.IsMap()) {
    for (const auto& entry : vars) {
      jinja::Value value = values.Convert(entry.second);
      // dbt < 1.0 scoped vars by project: `vars: {<project>: {x: 1}}`.
      if (entry.first.Scalar() == project.name && value.kind == jinja::Kind::kDict) {
        for (const auto& [k, v] : *value.dict) project.vars[k] = v;
      } else {
        project.vars[entry.first.Scalar()] = value;
      }
    }
  }
  if (const YAML::Node models = (*root)["models"]; models && models.IsMap()) {
    jinja::Value tree = values.Convert(models);
    if (const jinja::Value* own = tree.Get(project.name)) project.models = *own;
  }
  for (auto [key, tree] : {std::pair{"seeds", &project.seeds}, std::pair{"snapshots", &project.snapshots}}) {
    const YAML::Node node = (*root)[key];
    if (!node || !node.IsMap()) continue;
    jinja::Value converted = values.Convert(node);
    if (const jinja::Value* own = converted.Get(project.name)) *tree = *own;
  }
  // `data-paths` is what dbt called seed-paths before 1.0.
  for (auto [key, paths] : {std::pair{"seed-paths", &project.seed_paths}, std::pair{"data-paths", &project.seed_paths},
                            std::pair{"snapshot-paths", &project.snapshot_paths}}) {
    const YAML::Node node = (*root)[key];
    if (!node || !(node.IsSequence() || node.IsScalar())) continue;
    paths->clear();
    if (node.IsScalar()) paths->push_back(node.Scalar());
    for (const YAML::Node& p : node) {
      if (p.IsScalar()) paths->push_back(p.Scalar());
    }
  }
  if (const YAML::Node paths = (*root)["macro-paths"]; paths && paths.IsSequence()) {
    project.macro_paths.clear();
    for (const YAML::Node& p : paths) {
      if (p.IsScalar()) project.macro_paths.push_back(p.Scalar());
    }
  }
  if (const YAML::Node dispatch = (*root)["dispatch"]; dispatch && dispatch.IsSequence()) {
    for (const YAML::Node& entry : dispatch) {
      if (!entry.IsMap() || !entry["macro_namespace"] || !entry["macro_namespace"].IsScalar()) continue;
      std::vector<std::string>& order = project.dispatch[entry["macro_namespace"].Scalar()];
      if (const YAML::Node search = entry["search_order"]; search && search.IsSequence()) {
        for (const YAML::Node& p : search) {
          if (p.IsScalar()) order.push_back(p.Scalar());
        }
      }
    }
  }
  values.Finish(diagnostics);
  return project;
}

ConfigMap FolderConfig(const jinja::Value& tree, const std::vector<std::string>& folders) {
  ConfigMap config;
  const jinja::Value* level = &tree;
  AddLevel(*level, config);
  for (const std::string& folder : folders) {
    level = level->Get(folder);
    if (level == nullptr || level->kind != jinja::Kind::kDict) break;
    AddLevel(*level, config);
  }
  return config;
}

}  // namespace ds::analytics
