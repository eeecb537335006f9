// yaml-cpp throws; its exceptions stop here and become diagnostics.
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cstdlib>

#include "parsers/analytics/dbt_internal.h"
#include "src/ir/limits.h"

namespace ds::analytics {
namespace {

jinja::Value Scalar(const YAML::Node& node) {
  const std::string& s = node.Scalar();
  if (node.Tag() == "!") return jinja::Value::String(s);  // quoted: always a string
  if (s == "true" || s == "True" || s == "TRUE") return jinja::Value::Bool(true);
  if (s == "false" || s == "False" || s == "FALSE") return jinja::Value::Bool(false);
  if (s == "null" || s == "~" || s.empty()) return jinja::Value::None();
  char* end = nullptr;
  long long i = std::strtoll(s.c_str(), &end, 10);
  if (end != s.c_str() && *end == '\0') return jinja::Value::Int(i);
  double d = std::strtod(s.c_str(), &end);
  if (end != s.c_str() && *end == '\0') return jinja::Value::Float(d);
  return jinja::Value::String(s);
}

}  // namespace

jinja::Value YamlValues::ConvertAt(const YAML::Node& node, int depth) {
  if (exceeded_line_ != 0) return jinja::Value::None();
  if (++visited_ > ir::kMaxYamlNodes || depth > ir::kMaxNestingDepth) {
    exceeded_line_ = LineOf(node);
    return jinja::Value::None();
  }
  switch (node.Type()) {
    case YAML::NodeType::Scalar: return Scalar(node);
    case YAML::NodeType::Sequence: {
      jinja::List items;
      for (const YAML::Node& item : node) {
        items.push_back(ConvertAt(item, depth + 1));
        if (exceeded_line_ != 0) break;
      }
      return jinja::Value::MakeList(std::move(items));
    }
    case YAML::NodeType::Map: {
      jinja::Dict items;
      for (const auto& entry : node) {
        items.emplace_back(entry.first.IsScalar() ? entry.first.Scalar() : "", ConvertAt(entry.second, depth + 1));
        if (exceeded_line_ != 0) break;
      }
      return jinja::Value::MakeDict(std::move(items));
    }
    default: return jinja::Value::None();
  }
}

void YamlValues::Finish(std::vector<ir::Diagnostic>& diagnostics) const {
  if (exceeded_line_ == 0) return;
  diagnostics.push_back(ir::Diagnostic{
      ir::Severity::kWarning, ir::SourceSpan{file_, exceeded_line_, 0},
      "YAML values over the limit of " + std::to_string(ir::kMaxYamlNodes) + " nodes (aliases counted each time " +
          "they are used) or " + std::to_string(ir::kMaxNestingDepth) + " levels: the rest is not read",
      ir::DiagCode::kLimitExceeded});
}

int LineOf(const YAML::Node& node) { return node.Mark().line + 1; }

std::optional<YAML::Node> LoadYaml(const std::string& file, const std::string& text,
                                   std::vector<ir::Diagnostic>& diagnostics) {
  try {
    return YAML::Load(text);
  } catch (const YAML::Exception& e) {
    diagnostics.push_back(ir::Diagnostic{ir::Severity::kWarning,
                                         ir::SourceSpan{file, e.mark.line + 1, e.mark.column + 1},
                                         "could not parse YAML: " + e.msg, ir::DiagCode::kSyntaxError});
    return std::nullopt;
  }
}

std::string ConfigText(const ConfigMap& config, const std::string& key) {
  auto it = config.find(key);
  if (it == config.end() || it->second.IsUnknown() || it->second.kind == jinja::Kind::kNone) return "";
  return jinja::ToText(it->second);
}

void ApplyConfig(const ConfigMap& config, Model& model) {
  if (std::string m = ConfigText(config, "materialized"); !m.empty()) model.materialized = m;
  if (std::string a = ConfigText(config, "access"); !a.empty()) model.access = a;
  if (std::string o = ConfigText(config, "on_schema_change"); !o.empty()) model.on_schema_change = o;
  if (std::string g = ConfigText(config, "group"); !g.empty()) model.group = g;
  if (std::string d = ConfigText(config, "deprecation_date"); !d.empty()) model.deprecation_date = d;
  if (auto it = config.find("enabled"); it != config.end()) {
    model.enabled = jinja::TruthOf(it->second) != jinja::Truth::kFalse;
  }
  if (auto it = config.find("contract"); it != config.end()) {
    const jinja::Value* enforced = it->second.Get("enforced");
    if (enforced) model.contract_enforced = jinja::TruthOf(*enforced) == jinja::Truth::kTrue;
  }
  if (auto it = config.find("tags"); it != config.end()) {
    if (it->second.kind == jinja::Kind::kList) {
      for (const jinja::Value& t : *it->second.list) model.tags.push_back(jinja::ToText(t));
    } else if (it->second.kind == jinja::Kind::kString) {
      model.tags.push_back(it->second.text);
    }
    SortUnique(model.tags);
  }
}

ir::RelationKind KindOf(const Model& model) {
  if (model.materialized == "snapshot") return ir::RelationKind::kSnapshot;
  if (model.materialized == "ephemeral") return ir::RelationKind::kEphemeral;
  return ir::RelationKind::kModel;
}

void SortUnique(std::vector<ir::QualifiedName>& names) {
  std::sort(names.begin(), names.end());
  names.erase(std::unique(names.begin(), names.end()), names.end());
}

void SortUnique(std::vector<std::string>& ids) {
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
}

}  // namespace ds::analytics
