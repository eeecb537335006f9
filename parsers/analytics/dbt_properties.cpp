// YAML property files under the model, seed and snapshot paths: `sources:` (the warehouse tables
// models read), `models:` (columns, contracts, access, versions), `seeds:` and `snapshots:`
// (config, columns) and `exposures:` (who consumes the models).
#include <yaml-cpp/yaml.h>

#include "parsers/analytics/dbt_internal.h"
#include "parsers/analytics/jinja_render.h"

namespace ds::analytics {
namespace {

std::string Text(const YAML::Node& map, const char* key) {
  const YAML::Node v = map[key];
  return v && v.IsScalar() ? v.Scalar() : "";
}

void Warn(std::vector<ir::Diagnostic>& diagnostics, const std::string& file, int line, std::string message,
          ir::DiagCode code = ir::DiagCode::kConfiguration) {
  diagnostics.push_back(ir::Diagnostic{ir::Severity::kWarning, ir::SourceSpan{file, line, 0}, std::move(message), code});
}

/// A YAML string that may hold Jinja (`schema: "{{ var('raw_schema', 'raw_app') }}"`).
std::string RenderScalar(const std::string& text, const std::string& file, int line, jinja::RenderContext context,
                         std::vector<ir::Diagnostic>& diagnostics) {
  if (text.find("{{") == std::string::npos) return text;
  context.file = file;
  jinja::RenderResult result = jinja::Render(text, context);
  for (ir::Diagnostic& d : result.diagnostics) {
    d.span.line = line;
    d.span.column = 0;
    diagnostics.push_back(std::move(d));
  }
  std::string out = result.sql;
  while (!out.empty() && (out.back() == ' ' || out.back() == '\n')) out.pop_back();
  while (!out.empty() && out.front() == ' ') out.erase(out.begin());
  return out;
}

// `constraints: [{type: not_null}]`, or a `not_null` data test (`tests:` / `data_tests:`, as a
// name or a mapping keyed by it): the column is promised never to be NULL.
bool DeclaredNotNull(const YAML::Node& column) {
  const YAML::Node constraints = column["constraints"];
  if (constraints && constraints.IsSequence()) {
    for (const YAML::Node& c : constraints) {
      if (c.IsMap() && Text(c, "type") == "not_null") return true;
    }
  }
  for (const char* key : {"tests", "data_tests"}) {
    const YAML::Node tests = column[key];
    if (!tests || !tests.IsSequence()) continue;
    for (const YAML::Node& test : tests) {
      if ((test.IsScalar() && test.Scalar() == "not_null") || (test.IsMap() && test["not_null"])) return true;
    }
  }
  return false;
}

std::vector<ColumnContract> Columns(const YAML::Node& list) {
  std::vector<ColumnContract> out;
  if (!list || !list.IsSequence()) return out;
  for (const YAML::Node& c : list) {
    if (!c.IsMap() || !c["name"]) continue;
    out.push_back(ColumnContract{Text(c, "name"), Text(c, "data_type"), DeclaredNotNull(c)});
  }
  return out;
}

/// `config: {enabled: false}` on a source or one of its tables.
bool Disabled(const YAML::Node& entry) {
  const YAML::Node config = entry["config"];
  const YAML::Node enabled = config && config.IsMap() ? config["enabled"] : YAML::Node();
  return enabled && enabled.IsScalar() && (enabled.Scalar() == "false" || enabled.Scalar() == "False");
}

void ReadSources(const std::string& file, const YAML::Node& list, const std::string& project,
                 const jinja::RenderContext& context, Properties& out, std::vector<ir::Diagnostic>& diagnostics) {
  for (const YAML::Node& s : list) {
    if (!s.IsMap() || Text(s, "name").empty()) {
      Warn(diagnostics, file, LineOf(s), "a source without a name is not read");
      continue;
    }
    std::string name = Text(s, "name");
    std::string schema = RenderScalar(Text(s, "schema"), file, LineOf(s), context, diagnostics);
    std::string database = RenderScalar(Text(s, "database"), file, LineOf(s), context, diagnostics);
    if (schema.empty()) schema = name;
    const YAML::Node tables = s["tables"];
    if (!tables || !tables.IsSequence() || Disabled(s)) continue;  // dbt leaves disabled sources out
    for (const YAML::Node& t : tables) {
      if (!t.IsMap() || Text(t, "name").empty()) {
        Warn(diagnostics, file, LineOf(t), "a table of source '" + name + "' without a name is not read");
        continue;
      }
      if (Disabled(t)) continue;
      Source source;
      source.source_name = name;
      source.table_name = Text(t, "name");
      source.database = database;
      source.schema = schema;
      std::string identifier = RenderScalar(Text(t, "identifier"), file, LineOf(t), context, diagnostics);
      source.relation = ir::QualifiedName{schema, identifier.empty() ? source.table_name : identifier};
      source.unique_id = "source." + project + "." + name + "." + source.table_name;
      source.columns = Columns(t["columns"]);
      source.file = file;
      source.line = LineOf(t);
      out.sources.push_back(std::move(source));
    }
  }
}

ConfigMap ConfigOf(const YAML::Node& entry, YamlValues& values) {
  ConfigMap config;
  if (const YAML::Node c = entry["config"]; c && c.IsMap()) {
    for (const auto& kv : c) config[kv.first.Scalar()] = values.Convert(kv.second);
  }
  // dbt 1.5 put these at the top level of a model; later versions also accept them in config.
  for (const char* key : {"access", "group", "deprecation_date"}) {
    if (entry[key]) config[key] = values.Convert(entry[key]);
  }
  return config;
}

VersionProps ReadVersion(const YAML::Node& v, YamlValues& values) {
  VersionProps version;
  version.v = Text(v, "v");
  version.defined_in = Text(v, "defined_in");
  version.config = ConfigOf(v, values);
  version.line = LineOf(v);
  if (const YAML::Node columns = v["columns"]; columns && columns.IsSequence()) {
    for (const YAML::Node& c : columns) {
      if (!c.IsMap()) continue;
      if (const YAML::Node include = c["include"]) {
        version.include_all = include.IsScalar() && (include.Scalar() == "all" || include.Scalar() == "*");
        if (include.IsSequence()) {
          for (const YAML::Node& n : include) version.include.push_back(n.Scalar());
        }
        if (const YAML::Node exclude = c["exclude"]; exclude && exclude.IsSequence()) {
          for (const YAML::Node& n : exclude) version.exclude.push_back(n.Scalar());
        }
      } else if (c["name"]) {
        version.columns.push_back(ColumnContract{Text(c, "name"), Text(c, "data_type"), DeclaredNotNull(c)});
      }
    }
  }
  return version;
}

/// `models:`, `seeds:` or `snapshots:` entries (`what`: "model", ...) into `out`.
void ReadModels(const std::string& file, const YAML::Node& list, const std::string& what,
                std::vector<ModelProps>& out, std::vector<ir::Diagnostic>& diagnostics) {
  YamlValues values(file);
  for (const YAML::Node& m : list) {
    if (!m.IsMap() || Text(m, "name").empty()) {
      Warn(diagnostics, file, LineOf(m), "a " + what + " entry without a name is not read");
      continue;
    }
    ModelProps props;
    props.name = Text(m, "name");
    props.file = file;
    props.line = LineOf(m);
    props.config = ConfigOf(m, values);
    props.columns = Columns(m["columns"]);
    props.latest_version = Text(m, "latest_version");
    if (const YAML::Node relation = m["relation"]; relation && relation.IsScalar()) {
      props.relation = relation.Scalar();
      props.relation_line = LineOf(relation);
    }
    if (const YAML::Node versions = m["versions"]; versions && versions.IsSequence()) {
      for (const YAML::Node& v : versions) {
        if (v.IsMap() && v["v"]) props.versions.push_back(ReadVersion(v, values));
        else Warn(diagnostics, file, LineOf(v), "a version of model '" + props.name + "' without `v:` is not read");
      }
    }
    out.push_back(std::move(props));
  }
  values.Finish(diagnostics);
}

void ReadExposures(const std::string& file, const YAML::Node& list, const std::string& project, Properties& out,
                   std::vector<ir::Diagnostic>& diagnostics) {
  for (const YAML::Node& x : list) {
    if (!x.IsMap() || Text(x, "name").empty()) {
      Warn(diagnostics, file, LineOf(x), "an exposure without a name is not read");
      continue;
    }
    ExposureProps props;
    Exposure& e = props.exposure;
    e.name = Text(x, "name");
    e.unique_id = "exposure." + project + "." + e.name;
    e.label = Text(x, "label");
    e.type = Text(x, "type");
    e.url = Text(x, "url");
    e.maturity = Text(x, "maturity");
    if (const YAML::Node owner = x["owner"]; owner && owner.IsMap()) {
      e.owner_name = Text(owner, "name");
      e.owner_email = Text(owner, "email");
    }
    e.file = file;
    e.line = LineOf(x);
    if (const YAML::Node deps = x["depends_on"]; deps && deps.IsSequence()) {
      for (const YAML::Node& d : deps) {
        if (d.IsScalar()) props.depends_on.emplace_back(d.Scalar(), LineOf(d));
      }
    }
    out.exposures.push_back(std::move(props));
  }
}

}  // namespace

void ReadPropertyFile(const std::string& file, const std::string& text, const std::string& project,
                      const jinja::RenderContext& context, Properties& out, std::vector<ir::Diagnostic>& diagnostics) {
  std::optional<YAML::Node> root = LoadYaml(file, text, diagnostics);
  if (!root || !root->IsMap()) return;
  try {
    if (const YAML::Node s = (*root)["sources"]; s && s.IsSequence()) ReadSources(file, s, project, context, out, diagnostics);
    if (const YAML::Node m = (*root)["models"]; m && m.IsSequence()) ReadModels(file, m, "model", out.models, diagnostics);
    if (const YAML::Node m = (*root)["seeds"]; m && m.IsSequence()) ReadModels(file, m, "seed", out.seeds, diagnostics);
    if (const YAML::Node m = (*root)["snapshots"]; m && m.IsSequence()) {
      ReadModels(file, m, "snapshot", out.snapshots, diagnostics);
    }
    if (const YAML::Node x = (*root)["exposures"]; x && x.IsSequence()) ReadExposures(file, x, project, out, diagnostics);
  } catch (const YAML::Exception& e) {
    Warn(diagnostics, file, e.mark.line + 1, "could not read YAML: " + e.msg, ir::DiagCode::kSyntaxError);
  }
}

}  // namespace ds::analytics
