// dbt's target/manifest.json: the precise record of what dbt compiled. Models use their
// compiled SQL (compiled_code, or compiled_sql before manifest v7) when present, else their raw
// Jinja rendered statically against the manifest's own relations. Schemas and aliases are the
// manifest's, so custom generate_schema_name macros are already applied. Manifests of dbt 1.4
// to 1.10 and Fusion (schemas v8 to v20) are read alike; see scripts/measure-manifests.sh.
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <set>

#include "parsers/analytics/dbt_internal.h"
#include "parsers/analytics/dbt_resolve.h"
#include "parsers/analytics/jinja_macros.h"
#include "parsers/analytics/jinja_render.h"
#include "parsers/analytics/jinja_value.h"

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

std::string LowerText(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

/// A file of the manifest, with '/' between folders (a manifest written on Windows has '\\').
std::string FilePath(const json& node) {
  std::string path = Str(node, "original_file_path");
  std::replace(path.begin(), path.end(), '\\', '/');
  return path;
}

bool NameChar(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '$' || c == '.' || c == '"' || c == '`';
}

/// Where `name` (a relation_name as dbt wrote it into compiled SQL) stands whole in `sql`.
std::vector<size_t> Occurrences(const std::string& sql, const std::string& name) {
  std::vector<size_t> at;
  if (name.empty()) return at;
  for (size_t i = sql.find(name); i != std::string::npos; i = sql.find(name, i + 1)) {
    bool before = i > 0 && NameChar(sql[i - 1]);
    bool after = i + name.size() < sql.size() && NameChar(sql[i + name.size()]);
    if (!before && !after) at.push_back(i);
  }
  return at;
}

/// dbt's own macros and its adapters': what our built-ins stand for (the manifest lists them).
bool AdapterPackage(const std::string& package) {
  static const std::set<std::string> kAdapters = {
      "dbt",          "dbt_postgres", "dbt_redshift", "dbt_snowflake", "dbt_bigquery", "dbt_databricks",
      "dbt_spark",    "dbt_duckdb",   "dbt_trino",    "dbt_athena",    "dbt_fabric",   "dbt_sqlserver",
      "dbt_synapse",  "dbt_clickhouse"};
  return kAdapters.count(package) > 0;
}

bool Enforced(const json& j) {
  const json& contract = Obj(j, "contract");
  auto it = contract.find("enforced");
  return it != contract.end() && it->is_boolean() && it->get<bool>();
}

class ManifestReader {
 public:
  ManifestReader(const std::string& path, const DbtOptions& options, const FileReader& read, AnalyticsProject& out)
      : path_(path), options_(options), read_(read), out_(out) {
    // Files are named relative to the project: <project>/target/manifest.json, or a copy kept
    // for state comparison (dbt's --state), <project>/state/manifest.json.
    std::string dir = path.substr(0, path.rfind('/') + 1);
    root_ = dir;
    for (const std::string folder : {"target/", "state/"}) {
      if (dir == folder || dir.ends_with("/" + folder)) root_ = dir.substr(0, dir.size() - folder.size());
    }
  }

  void Read(const json& manifest) {
    const json& metadata = Obj(manifest, "metadata");
    out_.name = Str(metadata, "project_name");
    if (out_.name.empty()) out_.name = RootPackage(manifest);  // metadata names it from v10 on
    resolver_.Init(out_.name, options_.default_schema.empty() ? kDefaultSchema : options_.default_schema);
    macros_.root = out_.name;
    if (std::string adapter = Str(metadata, "adapter_type"); !adapter.empty()) macros_.adapter = adapter;
    for (const auto& [id, macro] : Obj(manifest, "macros").items()) {
      std::string package = Str(macro, "package_name"), text = Str(macro, "macro_sql");
      if (package.empty() || text.empty() || AdapterPackage(package)) continue;
      macros_.AddFile(package, root_ + FilePath(macro), std::move(text), macro_diagnostics_);
    }
    // Relations of the project's nodes by (schema, name), with their database.
    std::map<std::pair<std::string, std::string>, std::string> own;
    for (const auto& [id, node] : Obj(manifest, "nodes").items()) {
      ir::QualifiedName relation{Str(node, "schema"), Str(node, "alias").empty() ? Str(node, "name") : Str(node, "alias")};
      std::string type = Str(node, "resource_type");
      if (type == "model" || type == "seed" || type == "snapshot") {
        own.emplace(std::make_pair(LowerText(relation.schema), LowerText(relation.name)), Str(node, "database"));
      }
    }
    for (const auto& [id, source] : Obj(manifest, "sources").items()) AddSource(id, source, own);
    for (const auto& [id, node] : Obj(manifest, "nodes").items()) {
      std::string type = Str(node, "resource_type");
      ir::QualifiedName relation{Str(node, "schema"), Str(node, "alias").empty() ? Str(node, "name") : Str(node, "alias")};
      relations_[id] = relation;
      if (type == "seed") AddSeed(id, node, relation);
      if (type != "model" && type != "snapshot") continue;
      AddModel(id, node, relation);
      if (type == "snapshot") out_.models.back().materialized = "snapshot";
    }
    for (const Model& m : out_.models) resolver_.AddModel(m);
    for (auto& [index, node] : pending_) Finish(index, *node);
    for (const auto& [id, exposure] : Obj(manifest, "exposures").items()) AddExposure(id, exposure);
  }

 private:
  /// A seed: ref('a_seed') in raw code names its relation; its table, with the CSV header's
  /// columns, when the repository holds the CSV (the manifest does not list its columns).
  void AddSeed(const std::string& id, const json& node, const ir::QualifiedName& relation) {
    Seed seed;
    seed.unique_id = id;
    seed.name = Str(node, "name");
    seed.relation = relation;
    seed.database = Str(node, "database");
    seed.file = root_ + FilePath(node);
    resolver_.AddSeed(seed);
    std::optional<std::string> text = read_ ? read_(seed.file) : std::nullopt;
    if (!text || Str(Obj(node, "config"), "enabled") == "false") return;
    const json& config = Obj(node, "config");
    ConfigMap seed_config;
    jinja::Dict types;
    for (const auto& [column, type] : Obj(config, "column_types").items()) {
      if (type.is_string()) types.emplace_back(column, jinja::Value::String(type.get<std::string>()));
    }
    seed_config["column_types"] = jinja::Value::MakeDict(std::move(types));
    seed.columns = SeedColumns(seed.file, *text, seed_config, out_.diagnostics);
    auto quote = config.find("quote_columns");
    bool quote_columns = quote != config.end() && quote->is_boolean() && quote->get<bool>();
    seed.parsed = SeedTable(seed, quote_columns, *options_.dialect);
    out_.seeds.push_back(std::move(seed));
  }

  /// The commonest package of the manifest's models: the root project's, most likely.
  static std::string RootPackage(const json& manifest) {
    std::map<std::string, int> count;
    for (const auto& [id, node] : Obj(manifest, "nodes").items()) {
      if (Str(node, "resource_type") == "model") ++count[Str(node, "package_name")];
    }
    std::string best;
    int most = 0;
    for (const auto& [package, n] : count) {
      if (n > most) best = package, most = n;
    }
    return best;
  }

  /// A source named like one of the project's relations but in another database (dbt writes
  /// raw.accounts_db.accounts and analytics.accounts_db.accounts) is told apart as the static
  /// read tells it (Source::relation); its relation_name in compiled SQL is rewritten to match.
  void AddSource(const std::string& id, const json& node,
                 const std::map<std::pair<std::string, std::string>, std::string>& own) {
    Source s;
    s.unique_id = id;
    s.source_name = Str(node, "source_name");
    s.table_name = Str(node, "name");
    s.database = Str(node, "database");
    std::string identifier = Str(node, "identifier");
    s.schema = Str(node, "schema");
    s.relation = ir::QualifiedName{s.schema, identifier.empty() ? s.table_name : identifier};
    auto it = own.find({LowerText(s.relation.schema), LowerText(s.relation.name)});
    if (it != own.end() && !s.database.empty() && LowerText(s.database) != LowerText(it->second)) {
      s.relation.schema = s.database + (IdentifierQuote(*options_.dialect) == '`' ? "__" : ".") + s.relation.schema;
      std::string written = Str(node, "relation_name");
      if (!written.empty()) {
        rewrites_.emplace_back(written, jinja::Value::Relation(s.relation.schema, s.relation.name,
                                                                IdentifierQuote(*options_.dialect)).text);
      }
    }
    s.columns = Columns(node);
    s.file = root_ + FilePath(node);
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
    m.file = root_ + FilePath(node);
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
    // dbt compiles an incremental model whose table exists with is_incremental() true: its SQL
    // then reads the model itself (`{{ this }}`). Rendered anew, it is the first build, as the
    // static read has it (is_incremental() false).
    bool reads_itself = m.materialized == "incremental" && !Occurrences(compiled, Str(node, "relation_name")).empty();
    bool python = Str(node, "language") == "python";
    if (python) {
      // A Python model's code is no SQL: the model is read partly, by its dependencies.
    } else if (!compiled.empty() && !reads_itself) {
      m.sql = Rewrite(std::move(compiled));
    } else {
      std::string raw = Str(node, "raw_code").empty() ? Str(node, "raw_sql") : Str(node, "raw_code");
      jinja::RenderContext context;
      context.file = m.file;
      context.this_relation = m.relation;
      context.target_name = options_.target_name;
      context.identifier_quote = IdentifierQuote(*options_.dialect);
      context.macros = &macros_;
      context.relation_columns = options_.relation_columns;
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
    if (python) {
      auto parsed = std::make_shared<ir::ParsedFile>(*m.parsed);
      for (ir::Diagnostic& d : parsed->diagnostics) {
        if (d.code == ir::DiagCode::kNotAQuery) d.message = "a Python model: its columns are not read";
      }
      m.parsed = std::move(parsed);
    }
  }

  /// The compiled SQL with the relation names that the reader names otherwise rewritten.
  std::string Rewrite(std::string sql) const {
    for (const auto& [written, ours] : rewrites_) {
      std::vector<size_t> at = Occurrences(sql, written);
      for (auto i = at.rbegin(); i != at.rend(); ++i) sql.replace(*i, written.size(), ours);
    }
    return sql;
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
  const FileReader& read_;
  AnalyticsProject& out_;
  Resolver resolver_;
  std::map<std::string, ir::QualifiedName> relations_;
  std::vector<std::pair<size_t, const json*>> pending_;
  std::vector<std::pair<std::string, std::string>> rewrites_;  ///< relation_name -> our SQL name
  jinja::MacroLibrary macros_;  ///< the manifest's macros but dbt's and its adapters'
  std::vector<ir::Diagnostic> macro_diagnostics_;  ///< of macro text dbt already parsed: not shown
};

template <class T>
void SortById(std::vector<T>& items) {
  std::stable_sort(items.begin(), items.end(), [](const T& a, const T& b) { return a.unique_id < b.unique_id; });
}

}  // namespace

AnalyticsProject ReadDbtManifest(const std::string& path, const std::string& json_text, const DbtOptions& options,
                                 const FileReader& read) {
  AnalyticsProject out;
  out.dialect = options.dialect;
  json manifest = json::parse(json_text, nullptr, /*allow_exceptions=*/false);
  if (manifest.is_discarded() || !manifest.is_object()) {
    out.diagnostics.push_back(ir::Diagnostic{ir::Severity::kWarning, ir::SourceSpan{path, 0, 0},
                                             "could not parse the dbt manifest as JSON", ir::DiagCode::kSyntaxError});
    return out;
  }
  ManifestReader reader(path, options, read, out);
  reader.Read(manifest);
  SortById(out.models);
  SortById(out.sources);
  SortById(out.seeds);
  SortById(out.exposures);
  return out;
}

}  // namespace ds::analytics
