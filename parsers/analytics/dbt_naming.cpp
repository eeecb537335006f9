// Relation names as dbt gives them: generate_database_name, generate_schema_name and
// generate_alias_name run for every model, seed and snapshot. The root project's override (the
// macro itself, or its `<adapter>__` / `default__` version) runs as Jinja with the node and the
// custom name; without one, dbt's defaults apply: `<target.schema>_<custom>` for a custom schema,
// the target's schema and database otherwise, the alias or the (versioned) name.
#include "parsers/analytics/dbt_naming.h"
#include "parsers/analytics/jinja_builtins.h"
#include "parsers/analytics/jinja_render.h"

namespace ds::analytics {

std::string Trim(const std::string& s) {
  size_t begin = s.find_first_not_of(" \t\r\n");
  if (begin == std::string::npos) return "";
  return s.substr(begin, s.find_last_not_of(" \t\r\n") - begin + 1);
}

bool HasJinja(const std::string& text) {
  return text.find("{{") != std::string::npos || text.find("{%") != std::string::npos;
}

namespace {

jinja::Value NodeValue(const NodeToName& node, const ConfigMap& config) {
  using jinja::Value;
  jinja::List fqn;
  for (const std::string& part : node.fqn) fqn.push_back(Value::String(part));
  jinja::Dict config_dict(config.begin(), config.end());
  return Value::MakeDict(jinja::Dict{{"name", Value::String(node.name)},
                                     {"resource_type", Value::String(node.resource_type)},
                                     {"unique_id", Value::String(node.unique_id)},
                                     {"package_name", Value::String(node.package)},
                                     {"path", Value::String(node.path)},
                                     {"original_file_path", Value::String(node.original_file_path)},
                                     {"fqn", Value::MakeList(std::move(fqn))},
                                     {"version", node.version.empty() ? Value::None() : Value::String(node.version)},
                                     {"config", Value::MakeDict(std::move(config_dict))}});
}

}  // namespace

void RelationNamer::Say(const std::string& file, int line, std::string message, ir::DiagCode code,
                        const std::string& key) {
  if (!said_.insert(key.empty() ? file + "\n" + message : key).second) return;
  diagnostics_.push_back(ir::Diagnostic{ir::Severity::kWarning, ir::SourceSpan{file, line, 0}, std::move(message), code});
}

void RelationNamer::RenderConfig(ConfigMap& config, const std::string& file) {
  for (auto& [key, value] : config) {
    if (value.kind != jinja::Kind::kString || !HasJinja(value.text)) continue;
    jinja::RenderContext context = context_;
    context.file = file;
    jinja::RenderResult result = jinja::Render(value.text, context);
    for (ir::Diagnostic& d : result.diagnostics) {
      Say(file, 0, "config '" + key + "': " + d.message, d.code);
    }
    bool known = result.diagnostics.empty() && result.sql.find(ir::kPlaceholderSchema) == std::string::npos;
    value = known ? jinja::Value::String(Trim(result.sql)) : jinja::Value::Unknown(value.text);
  }
}

std::string RelationNamer::Default(const std::string& component, const jinja::Value& custom, const NodeToName& node) const {
  bool given = custom.kind != jinja::Kind::kNone && custom.kind != jinja::Kind::kUndefined;
  std::optional<std::string> text = given ? std::optional<std::string>(jinja::ToText(custom)) : std::nullopt;
  if (component == "schema") return jinja::naming::DefaultSchema(context_.target_schema, text);
  if (component == "database") return jinja::naming::DefaultDatabase(context_.target_database, text);
  bool truthy = given && jinja::TruthOf(custom) == jinja::Truth::kTrue;
  return jinja::naming::DefaultAlias(truthy ? *text : "", node.name, node.version);
}

std::string RelationNamer::Component(const std::string& component, const ConfigMap& config, const std::string& key,
                                     const NodeToName& node) {
  jinja::Value custom = jinja::Value::None();
  if (auto it = config.find(key); it != config.end() && it->second.kind != jinja::Kind::kUndefined) custom = it->second;
  if (custom.IsUnknown()) {
    // A folder's config reaches many nodes: said at the first.
    Say(node.original_file_path, 1,
        "the " + key + " of " + node.unique_id + " ('" + custom.text +
            "') is not known statically: it is named without it, as are the other nodes so configured",
        ir::DiagCode::kTemplateError, "unknown " + key + "\n" + custom.text);
    custom = jinja::Value::None();
  }
  std::string macro = "generate_" + component + "_name";
  const jinja::MacroLibrary* lib = context_.macros;
  const jinja::MacroDef* def = lib ? lib->Find(lib->root, macro) : nullptr;
  std::string call = macro + "(custom_name, node)";
  for (size_t i = 0; lib != nullptr && def == nullptr && i < lib->AdapterPrefixes().size(); ++i) {
    def = lib->Find(lib->root, lib->AdapterPrefixes()[i] + "__" + macro);
    call = "adapter.dispatch('" + macro + "', 'dbt')(custom_name, node)";
  }
  if (def == nullptr) return Default(component, custom, node);
  jinja::RenderContext context = context_;
  context.file = def->file;
  context.globals = {{"custom_name", custom}, {"node", NodeValue(node, config)}};
  std::vector<jinja::RelationUse> uses;
  std::vector<ir::Diagnostic> found;
  jinja::Value v = jinja::EvaluateExpression(call, context, def->line, uses, found);
  for (ir::Diagnostic& d : found) Say(d.span.file, d.span.line, d.message, d.code);
  std::string name = v.IsUnknown() || v.kind == jinja::Kind::kNone ? "" : Trim(jinja::ToText(v));
  if (name.empty() || name.find(ir::kPlaceholderSchema) != std::string::npos) {
    std::string fallback = Default(component, custom, node);
    Say(def->file, def->line,
        "macro '" + def->name + "' gives no " + component + " known statically (first for " + node.unique_id +
            "): dbt's default naming is used ('" + fallback + "' there)",
        ir::DiagCode::kTemplateError, def->file + "\nno name from " + def->name);
    return fallback;
  }
  return name;
}

RelationNames RelationNamer::Name(const NodeToName& node, const ConfigMap& config) {
  RelationNames out;
  out.database = Component("database", config, "database", node);
  out.relation.schema = Component("schema", config, "schema", node);
  out.relation.name = Component("alias", config, "alias", node);
  return out;
}

}  // namespace ds::analytics
