// dbt's target/manifest.json: the precise record of what dbt compiled. Models use their
// compiled SQL (compiled_code, or compiled_sql before manifest v7) when present, else their raw
// Jinja rendered statically against the manifest's own relations. Schemas and aliases are the
// manifest's, so custom generate_schema_name macros are already applied.
#include <nlohmann/json.hpp>

#include <algorithm>

#include "parsers/analytics/dbt_internal.h"
#include "parsers/analytics/dbt_resolve.h"
#include "parsers/analytics/jinja_render.h"

namespace ds::analytics {
namespace {

using nlohmann::json;

std::string Str(const json& j, const char* key) {
  if (!j.is_object()) return "";
  auto it = j.find(key);
  if (it == j.end() || it->is_null()) return "";
  if (it->is_string()) return it->get<std::string>();
  if (it->is_number_integer()) return std::to_string(it->get<int64_t>());
  if (it->is_number()) return it->dump();
  return "";
}

const json& Obj(const json& j, const char* key) {
  static const json kEmpty = json::object();
  if (!j.is_object()) return kEmpty;
  auto it = j.find(key);
  return it != j.end() && it->is_object() ? *it : kEmpty;
}

std::vector<ColumnContract> Columns(const json& node) {
  std::vector<ColumnContract> out;
  for (const auto& [key, column] : Obj(node, "columns").items()) {
    std::string name = Str(column, "name");
    bool not_null = false;  // the manifest keeps a contract's constraints on the column
    auto constraints = column.is_object() ? column.find("constraints") : column.end();
    if (column.is_object() && constraints != column.end() && constraints->is_array()) {
      for (const json& c : *constraints) not_null = not_null || Str(c, "type") == "not_null";
    }
    out.push_back(ColumnContract{name.empty() ? key : name, Str(column, "data_type"), not_null});
  }
  return out;
}

std::vector<std::string> DependsOn(const json& node) {
  std::vector<std::string> ids;
  const json& depends = Obj(node, "depends_on");
  auto it = depends.find("nodes");
  if (it != depends.end() && it->is_array()) {
    for (const json& id : *it) {
      if (id.is_string()) ids.push_back(id.get<std::string>());
    }
  }
  return ids;
}

bool Enforced(const json& j) {
  const json& contract = Obj(j, "contract");
  auto it = contract.find("enforced");
  return it != contract.end() && it->is_boolean() && it->get<bool>();
}

class ManifestReader {
 public:
  ManifestReader(const std::string& path, const DbtOptions& options, AnalyticsProject& out)
      : path_(path), options_(options), out_(out) {
    // Files are named relative to the project: <project>/target/manifest.json.
    std::string dir = path.substr(0, path.rfind('/') + 1);
    root_ = dir.ends_with("target/") ? dir.substr(0, dir.size() - 7) : dir;
  }

  void Read(const json& manifest) {
    out_.name = Str(Obj(manifest, "metadata"), "project_name");
    resolver_.Init(out_.name, options_.default_schema.empty() ? kDefaultSchema : options_.default_schema);
    for (const auto& [id, source] : Obj(manifest, "sources").items()) AddSource(id, source);
    for (const auto& [id, node] : Obj(manifest, "nodes").items()) {
      std::string type = Str(node, "resource_type");
      ir::QualifiedName relation{Str(node, "schema"), Str(node, "alias").empty() ? Str(node, "name") : Str(node, "alias")};
      relations_[id] = relation;
      if (type != "model" && type != "snapshot") continue;
      AddModel(id, node, relation);
      if (type == "snapshot") out_.models.back().materialized = "snapshot";
    }
    for (const Model& m : out_.models) resolver_.AddModel(m);
    for (auto& [index, node] : pending_) Finish(index, *node);
    for (const auto& [id, exposure] : Obj(manifest, "exposures").items()) AddExposure(id, exposure);
  }

 private:
  void AddSource(const std::string& id, const json& node) {
    Source s;
    s.unique_id = id;
    s.source_name = Str(node, "source_name");
    s.table_name = Str(node, "name");
    s.database = Str(node, "database");
    std::string identifier = Str(node, "identifier");
    s.schema = Str(node, "schema");
    s.relation = ir::QualifiedName{s.schema, identifier.empty() ? s.table_name : identifier};
    s.columns = Columns(node);
    s.file = root_ + Str(node, "original_file_path");
    relations_[id] = s.relation;
    resolver_.AddSource(s);
    out_.sources.push_back(std::move(s));
  }

  void AddModel(const std::string& id, const json& node, const ir::QualifiedName& relation) {
    Model m;
    m.unique_id = id;
    m.name = Str(node, "name");
    m.package = Str(node, "package_name");
    m.relation = relation;
    m.file = root_ + Str(node, "original_file_path");
    const json& config = Obj(node, "config");
    if (std::string mat = Str(config, "materialized"); !mat.empty()) m.materialized = mat;
    m.on_schema_change = Str(config, "on_schema_change");
    m.access = Str(node, "access").empty() ? Str(config, "access") : Str(node, "access");
    m.contract_enforced = Enforced(node) || Enforced(config);
    m.columns = Columns(node);
    m.version = Str(node, "version");
    m.latest_version = Str(node, "latest_version");
    m.deprecation_date = Str(node, "deprecation_date");
    m.group = Str(node, "group").empty() ? Str(config, "group") : Str(node, "group");
    if (auto tags = config.find("tags"); tags != config.end() && tags->is_array()) {
      for (const json& t : *tags) {
        if (t.is_string()) m.tags.push_back(t.get<std::string>());
      }
    }
    out_.models.push_back(std::move(m));
    pending_.emplace_back(out_.models.size() - 1, &node);
  }

  void Finish(size_t index, const json& node) {
    Model& m = out_.models[index];
    std::vector<ir::Diagnostic> diagnostics;
    std::string compiled = Str(node, "compiled_code");
    if (compiled.empty()) compiled = Str(node, "compiled_sql");
    if (!compiled.empty()) {
      m.sql = compiled;
    } else {
      std::string raw = Str(node, "raw_code").empty() ? Str(node, "raw_sql") : Str(node, "raw_code");
      jinja::RenderContext context;
      context.file = m.file;
      context.this_relation = m.relation;
      context.target_name = options_.target_name;
      context.identifier_quote = IdentifierQuote(*options_.dialect);
      context.resolve = [this](const jinja::RelationUse& use) { return resolver_.Resolve(use).relation; };
      jinja::RenderResult rendered = jinja::Render(raw, context);
      m.sql = std::move(rendered.sql);
      diagnostics = std::move(rendered.diagnostics);
    }
    for (const std::string& dep : DependsOn(node)) Depend(dep, m.depends_on, m.depends_on_ids, m.file, diagnostics);
    SortUnique(m.depends_on);
    SortUnique(m.depends_on_ids);
    m.parsed = BuildView(m.file, m.relation, m.sql, std::move(diagnostics), *options_.dialect,
                         {KindOf(m), m.depends_on, RebindsStar(m, *options_.dialect)});
  }

  void Depend(const std::string& id, std::vector<ir::QualifiedName>& relations, std::vector<std::string>& ids,
              const std::string& file, std::vector<ir::Diagnostic>& diagnostics) {
    ids.push_back(id);
    auto it = relations_.find(id);
    if (it != relations_.end()) {
      relations.push_back(it->second);
    } else if (!id.starts_with("macro.")) {
      diagnostics.push_back(ir::Diagnostic{ir::Severity::kWarning, ir::SourceSpan{file, 0, 0},
                                           "depends on " + id + ", which the manifest does not describe", ir::DiagCode::kUnknownRelation});
    }
  }

  void AddExposure(const std::string& id, const json& node) {
    Exposure e;
    e.unique_id = id;
    e.name = Str(node, "name");
    e.label = Str(node, "label");
    e.type = Str(node, "type");
    e.url = Str(node, "url");
    e.maturity = Str(node, "maturity");
    const json& owner = Obj(node, "owner");
    e.owner_name = Str(owner, "name");
    e.owner_email = Str(owner, "email");
    e.file = root_ + Str(node, "original_file_path");
    for (const std::string& dep : DependsOn(node)) Depend(dep, e.depends_on, e.depends_on_ids, e.file, out_.diagnostics);
    SortUnique(e.depends_on);
    SortUnique(e.depends_on_ids);
    out_.exposures.push_back(std::move(e));
  }

  std::string path_;
  std::string root_;
  const DbtOptions& options_;
  AnalyticsProject& out_;
  Resolver resolver_;
  std::map<std::string, ir::QualifiedName> relations_;
  std::vector<std::pair<size_t, const json*>> pending_;
};

template <class T>
void SortById(std::vector<T>& items) {
  std::stable_sort(items.begin(), items.end(), [](const T& a, const T& b) { return a.unique_id < b.unique_id; });
}

}  // namespace

AnalyticsProject ReadDbtManifest(const std::string& path, const std::string& json_text, const DbtOptions& options) {
  AnalyticsProject out;
  out.dialect = options.dialect;
  json manifest = json::parse(json_text, nullptr, /*allow_exceptions=*/false);
  if (manifest.is_discarded() || !manifest.is_object()) {
    out.diagnostics.push_back(ir::Diagnostic{ir::Severity::kWarning, ir::SourceSpan{path, 0, 0},
                                             "could not parse the dbt manifest as JSON", ir::DiagCode::kSyntaxError});
    return out;
  }
  ManifestReader reader(path, options, out);
  reader.Read(manifest);
  SortById(out.models);
  SortById(out.sources);
  SortById(out.exposures);
  return out;
}

}  // namespace ds::analytics
