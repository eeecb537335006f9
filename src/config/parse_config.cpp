#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <string>

#include "src/config/config.h"
#include "src/ir/suggest.h"

namespace ds::config {

namespace {

const char* const kMigrationKinds[] = {"sql", "alembic", "django", "rails"};

// A configuration error: one sentence naming the file, line and key.
struct ConfigError {
  std::string message;
};

class Reader {
 public:
  explicit Reader(std::string_view file) : file_(file) {}

  [[noreturn]] void Fail(const YAML::Node& at, const std::string& key, const std::string& what) const {
    throw ConfigError{file_ + ":" + std::to_string(at.Mark().line + 1) + ": key '" + key + "' " + what};
  }

  std::string String(const YAML::Node& node, const std::string& key) const {
    if (!node.IsScalar()) Fail(node, key, "must be a string");
    return node.Scalar();
  }

  std::vector<std::string> StringList(const YAML::Node& node, const std::string& key) const {
    std::vector<std::string> out;
    if (node.IsScalar()) return {node.Scalar()};
    if (!node.IsSequence()) Fail(node, key, "must be a list of strings");
    for (size_t i = 0; i < node.size(); ++i) {
      out.push_back(String(node[i], key + "[" + std::to_string(i) + "]"));
    }
    return out;
  }

  void CheckKeys(const YAML::Node& map, const std::string& where,
                 std::initializer_list<const char*> allowed) const {
    if (!map.IsMap()) Fail(map, where, "must be a mapping");
    for (const auto& item : map) {
      std::string key = item.first.Scalar();
      bool known = std::any_of(allowed.begin(), allowed.end(), [&](const char* a) { return key == a; });
      if (!known) {
        std::string expected;
        for (const char* a : allowed) expected += std::string(expected.empty() ? "" : ", ") + a;
        Fail(item.first, where.empty() ? key : where + "." + key,
             "is not known (expected one of: " + expected + ")");
      }
    }
  }

  // `dialect: snowflake`: a name or alias DialectByName knows, in any case.
  const dialect::Dialect* ReadDialect(const YAML::Node& node, const std::string& key) const {
    std::string name = String(node, key);
    if (const dialect::Dialect* found = dialect::DialectByName(name)) return found;
    auto join = [](const std::vector<std::string_view>& names) {
      std::string out;
      for (std::string_view n : names) out += std::string(out.empty() ? "" : ", ") + std::string(n);
      return out;
    };
    Fail(node, key, "must be one of " + join(dialect::DialectNames()) + " (or " + join(dialect::DialectAliases()) +
                        "), not '" + name + "'");
  }

  // Configured paths stay inside the repository: no absolute paths, no `..` segments.
  std::string RepoPath(const YAML::Node& node, const std::string& key) const {
    std::string path = String(node, key);
    if (path.empty()) Fail(node, key, "must not be empty");
    if (path[0] == '/') Fail(node, key, "must be relative to the repository root, not '" + path + "'");
    std::string segment;
    for (size_t i = 0; i <= path.size(); ++i) {
      if (i == path.size() || path[i] == '/') {
        if (segment == "..") Fail(node, key, "must not leave the repository ('" + path + "')");
        segment.clear();
      } else {
        segment += path[i];
      }
    }
    return path;
  }

 private:
  std::string file_;
};

// `order:` and `role:` say how a SQL entry's files run: kind sql, or a kind left to detection.
void ReadSqlLayout(const Reader& r, const YAML::Node& entry, const std::string& key, MigrationSource& source) {
  struct Option {
    const char* name;
    std::initializer_list<const char*> values;
    std::string* into;
  };
  const Option options[] = {{"order", {"auto", "path", "version-folder"}, &source.order},
                            {"role", {"snapshot", "migration"}, &source.role}};
  for (const Option& option : options) {
    const YAML::Node node = entry[option.name];
    if (!node) continue;
    std::string option_key = key + "." + option.name;
    if (!source.kind.empty() && source.kind != "sql") {
      r.Fail(node, option_key, "applies to 'kind: sql' entries only, not '" + source.kind + "'");
    }
    std::string value = r.String(node, option_key);
    if (std::none_of(option.values.begin(), option.values.end(), [&](const char* v) { return value == v; })) {
      std::string expected;
      for (const char* v : option.values) expected += std::string(expected.empty() ? "" : ", ") + v;
      r.Fail(node, option_key, "must be one of " + expected + ", not '" + value + "'");
    }
    *option.into = value;
  }
}

// `include:` / `exclude:`: a glob or a list of globs, each inside the repository.
std::vector<PathGlob> ReadGlobs(const Reader& r, const YAML::Node& node, const std::string& key) {
  std::vector<PathGlob> out;
  if (!node) return out;
  if (node.IsSequence() && node.size() == 0) r.Fail(node, key, "must name at least one glob");
  if (node.IsScalar()) return {PathGlob{r.RepoPath(node, key), node.Mark().line + 1, key}};
  if (!node.IsSequence()) r.Fail(node, key, "must be a glob or a list of globs");
  for (size_t i = 0; i < node.size(); ++i) {
    std::string item = key + "[" + std::to_string(i) + "]";
    out.push_back(PathGlob{r.RepoPath(node[i], item), node[i].Mark().line + 1, item});
  }
  return out;
}

void ReadMigrations(const Reader& r, const YAML::Node& node, Config& config) {
  if (!node.IsSequence()) r.Fail(node, "migrations", "must be a list of {path, kind} entries");
  for (size_t i = 0; i < node.size(); ++i) {
    std::string key = "migrations[" + std::to_string(i) + "]";
    const YAML::Node& entry = node[i];
    MigrationSource source;
    source.line = entry.Mark().line + 1;
    if (entry.IsScalar()) {
      source.path = r.RepoPath(entry, key);
      source.key = key;
    } else {
      r.CheckKeys(entry, key, {"path", "kind", "order", "role", "include", "exclude"});
      if (!entry["path"]) r.Fail(entry, key, "needs a 'path'");
      source.path = r.RepoPath(entry["path"], key + ".path");
      source.key = key + ".path";
      source.line = entry["path"].Mark().line + 1;
      if (entry["kind"]) {
        source.kind = r.String(entry["kind"], key + ".kind");
        if (std::none_of(std::begin(kMigrationKinds), std::end(kMigrationKinds),
                         [&](const char* k) { return source.kind == k; })) {
          r.Fail(entry["kind"], key + ".kind",
                 "must be one of sql, alembic, django, rails, not '" + source.kind + "'");
        }
      }
      ReadSqlLayout(r, entry, key, source);
      source.include = ReadGlobs(r, entry["include"], key + ".include");
      source.exclude = ReadGlobs(r, entry["exclude"], key + ".exclude");
    }
    config.migrations.push_back(source);
  }
}

// Where a view source lives: inside the repository (read from git), or, for the analytics side
// only, outside it (a second checkout, read from disk relative to the repository root).
std::string ViewPath(const Reader& r, const YAML::Node& node, const std::string& key, bool& outside) {
  std::string path = r.String(node, key);
  if (path.empty()) r.Fail(node, key, "must not be empty");
  if (path[0] == '/') {
    outside = true;
    return path;
  }
  std::vector<std::string> kept;
  std::string segment;
  for (size_t i = 0; i <= path.size(); ++i) {
    if (i < path.size() && path[i] != '/') {
      segment += path[i];
      continue;
    }
    if (segment == "..") {
      if (kept.empty()) {
        outside = true;
        return path;
      }
      kept.pop_back();
    } else if (!segment.empty() && segment != ".") {
      kept.push_back(segment);
    }
    segment.clear();
  }
  std::string normal;
  for (const std::string& part : kept) normal += (normal.empty() ? "" : "/") + part;
  return normal.empty() ? "." : normal;
}

void ReadViewEntry(const Reader& r, const YAML::Node& entry, const std::string& key, ViewSource& source) {
  r.CheckKeys(entry, key, {"path", "dbt", "lea", "lineage", "schema", "target", "dialect", "dataset"});
  int kinds = 0;
  for (const char* kind : {"path", "dbt", "lea", "lineage"}) kinds += entry[kind] ? 1 : 0;
  if (kinds != 1) r.Fail(entry, key, "needs exactly one of 'path', 'dbt', 'lea' or 'lineage'");
  if (entry["path"]) source.path = ViewPath(r, entry["path"], key + ".path", source.outside);
  if (entry["dbt"]) source.dbt = ViewPath(r, entry["dbt"], key + ".dbt", source.outside);
  if (entry["lea"]) source.lea = ViewPath(r, entry["lea"], key + ".lea", source.outside);
  if (entry["lineage"]) source.lineage = ViewPath(r, entry["lineage"], key + ".lineage", source.outside);
  for (const char* kind : {"path", "dbt", "lea", "lineage"}) {
    if (!entry[kind]) continue;
    source.key = key + "." + kind;
    source.line = entry[kind].Mark().line + 1;
  }
  for (const char* option : {"schema", "target"}) {
    if (!entry[option]) continue;
    if (source.dbt.empty()) r.Fail(entry[option], key + "." + option, "applies to 'dbt' entries only");
    std::string value = r.String(entry[option], key + "." + option);
    if (value.empty()) r.Fail(entry[option], key + "." + option, "must not be empty");
    (std::string_view(option) == "schema" ? source.schema : source.target) = value;
  }
  if (const YAML::Node dialect = entry["dialect"]) {
    if (!source.lineage.empty()) r.Fail(dialect, key + ".dialect", "applies to 'path', 'dbt' and 'lea' entries only");
    source.dialect = r.ReadDialect(dialect, key + ".dialect");
    source.dialect_given = true;
  }
  if (const YAML::Node dataset = entry["dataset"]) {
    // lea names its BigQuery tables <dataset>.<schema>__<table>; other warehouses have schemas.
    if (source.lea.empty() || source.dialect->kind != dialect::DialectKind::kBigQuery) {
      r.Fail(dataset, key + ".dataset", "applies to 'lea' entries in BigQuery's dialect only");
    }
    source.dataset = r.String(dataset, key + ".dataset");
    if (source.dataset.empty()) r.Fail(dataset, key + ".dataset", "must not be empty");
  }
}

// `default_dialect` is `warehouse.dialect` (PostgreSQL when absent); an entry's own `dialect` wins.
void ReadViews(const Reader& r, const YAML::Node& node, const dialect::Dialect& default_dialect, bool dialect_given,
               Config& config) {
  if (!node.IsSequence()) r.Fail(node, "views", "must be a list of {path | dbt | lea | lineage} entries");
  for (size_t i = 0; i < node.size(); ++i) {
    std::string key = "views[" + std::to_string(i) + "]";
    const YAML::Node& entry = node[i];
    ViewSource source;
    source.dialect = &default_dialect;
    source.dialect_given = dialect_given;
    source.line = entry.Mark().line + 1;
    if (entry.IsScalar()) {
      source.path = ViewPath(r, entry, key, source.outside);
      source.key = key;
    } else {
      ReadViewEntry(r, entry, key, source);
    }
    config.views.push_back(source);
  }
}

// `raw_app: public`, or `raw_app: {schema: public, table_pattern: "app_{table}"}`.
void ReadMirrors(const Reader& r, const YAML::Node& mirrors, Config& config) {
  if (!mirrors.IsMap()) r.Fail(mirrors, "warehouse.mirrors", "must be a mapping of schema to schema");
  for (const auto& item : mirrors) {
    std::string key = "warehouse.mirrors." + item.first.Scalar();
    MirrorPattern mirror;
    if (item.second.IsMap()) {
      r.CheckKeys(item.second, key, {"schema", "table_pattern"});
      if (!item.second["schema"]) r.Fail(item.second, key, "needs a 'schema' (the production schema)");
      mirror.production_schema = r.String(item.second["schema"], key + ".schema");
      if (const YAML::Node pattern = item.second["table_pattern"]) {
        mirror.table_pattern = r.String(pattern, key + ".table_pattern");
        size_t at = mirror.table_pattern.find("{table}");
        if (at == std::string::npos || mirror.table_pattern.find("{table}", at + 1) != std::string::npos) {
          r.Fail(pattern, key + ".table_pattern",
                 "must hold '{table}' once (e.g. 'app_{table}'), not '" + mirror.table_pattern + "'");
        }
      }
    } else {
      mirror.production_schema = r.String(item.second, key);
    }
    if (mirror.production_schema.empty()) r.Fail(item.second, key, "must not be empty");
    config.mirrors[item.first.Scalar()] = mirror.production_schema;
    config.mirror_patterns[item.first.Scalar()] = mirror;
  }
}

void ReadRuleEntries(const Reader& r, const YAML::Node& node, Config& config,
                     const std::vector<std::string>& known_rules) {
  if (!node.IsMap()) r.Fail(node, "rules", "must be a mapping of rule id to error, warning or off");
  for (const auto& item : node) {
    std::string id = item.first.Scalar();
    if (std::find(known_rules.begin(), known_rules.end(), id) == known_rules.end()) {
      std::string hint = ir::Closest(id, known_rules);
      r.Fail(item.first, "rules." + id,
             "is not a known rule id" + (hint.empty() ? std::string() : "; did you mean '" + hint + "'?") +
                 " (`downstream rules` lists them)");
    }
    std::string level = r.String(item.second, "rules." + id);
    ir::Severity severity;
    if (level == "error") severity = ir::Severity::kError;
    else if (level == "warning") severity = ir::Severity::kWarning;
    else if (level == "off") severity = ir::Severity::kOff;
    else r.Fail(item.second, "rules." + id, "must be error, warning or off, not '" + level + "'");
    config.rule_severity[id] = severity;
  }
}

// `acknowledgements: [{consumers, reason, until, file, rule, change}]`: what a
// `downstream: ack` comment says, for findings without a migration line, narrowed by file, rule
// and changed table or column.
void ReadAcknowledgements(const Reader& r, const YAML::Node& node, Config& config,
                          const std::vector<std::string>& known_rules) {
  if (!node.IsSequence()) r.Fail(node, "acknowledgements", "must be a list of {consumers, reason, until} entries");
  for (size_t i = 0; i < node.size(); ++i) {
    std::string key = "acknowledgements[" + std::to_string(i) + "]";
    const YAML::Node& entry = node[i];
    r.CheckKeys(entry, key, {"consumers", "reason", "until", "file", "rule", "change"});
    Acknowledgement ack;
    ack.span = {config.file, entry.Mark().line + 1, entry.Mark().column + 1};
    if (!entry["consumers"]) r.Fail(entry, key, "needs 'consumers' (the views or models it releases, globs allowed)");
    ack.consumers = r.StringList(entry["consumers"], key + ".consumers");
    if (ack.consumers.empty()) r.Fail(entry["consumers"], key + ".consumers", "must name at least one view or model");
    if (!entry["reason"]) r.Fail(entry, key, "needs a 'reason' (why the data team agreed)");
    ack.reason = r.String(entry["reason"], key + ".reason");
    if (ack.reason.find_first_not_of(" \t") == std::string::npos) r.Fail(entry["reason"], key + ".reason", "must not be empty");
    if (entry["until"]) {
      ack.until = r.String(entry["until"], key + ".until");
      if (!IsIsoDate(ack.until)) r.Fail(entry["until"], key + ".until", "must be a date written YYYY-MM-DD, not '" + ack.until + "'");
    }
    if (entry["file"]) ack.file = r.String(entry["file"], key + ".file");
    if (entry["change"]) ack.change = r.String(entry["change"], key + ".change");
    if (entry["rule"]) {
      ack.rule = r.String(entry["rule"], key + ".rule");
      if (std::find(known_rules.begin(), known_rules.end(), ack.rule) == known_rules.end()) {
        std::string hint = ir::Closest(ack.rule, known_rules);
        r.Fail(entry["rule"], key + ".rule",
               "is not a known rule id" + (hint.empty() ? std::string() : "; did you mean '" + hint + "'?"));
      }
    }
    config.acknowledgements.push_back(std::move(ack));
  }
}

// `target: {name, schema, database}`: dbt's target.* for every dbt entry; an entry's own
// `schema:` / `target:` win.
void ReadTarget(const Reader& r, const YAML::Node& target, Config& config) {
  r.CheckKeys(target, "target", {"name", "schema", "database"});
  auto read = [&](const char* key) -> std::string {
    if (!target[key]) return "";
    std::string value = r.String(target[key], std::string("target.") + key);
    if (value.empty()) r.Fail(target[key], std::string("target.") + key, "must not be empty");
    return value;
  };
  std::string name = read("name"), schema = read("schema"), database = read("database");
  for (ViewSource& source : config.views) {
    if (source.dbt.empty()) continue;
    if (source.target.empty()) source.target = name;
    if (source.schema.empty()) source.schema = schema;
    source.database = database;
  }
}

void ReadTop(const Reader& r, const YAML::Node& root, Config& config,
             const std::vector<std::string>& known_rules) {
  r.CheckKeys(root, "", {"migrations", "views", "warehouse", "target", "contracts", "owners", "rules",
                         "search_path", "acknowledgements", "soft_delete_columns"});
  if (root["migrations"]) ReadMigrations(r, root["migrations"], config);
  // The warehouse's dialect is every views entry's default: read before them.
  const dialect::Dialect* warehouse_dialect = &dialect::Postgres();
  const YAML::Node warehouse = root["warehouse"];
  if (warehouse) {
    r.CheckKeys(warehouse, "warehouse", {"dialect", "mirrors"});
    if (warehouse["dialect"]) warehouse_dialect = r.ReadDialect(warehouse["dialect"], "warehouse.dialect");
  }
  if (root["views"]) ReadViews(r, root["views"], *warehouse_dialect, warehouse && warehouse["dialect"], config);
  if (const YAML::Node target = root["target"]) ReadTarget(r, target, config);
  if (warehouse && warehouse["mirrors"]) ReadMirrors(r, warehouse["mirrors"], config);
  if (const YAML::Node contracts = root["contracts"]) {
    r.CheckKeys(contracts, "contracts", {"public"});
    if (contracts["public"]) {
      config.contracts_public = r.StringList(contracts["public"], "contracts.public");
    }
  }
  if (const YAML::Node owners = root["owners"]) {
    if (!owners.IsMap()) r.Fail(owners, "owners", "must be a mapping of name pattern to owner");
    for (const auto& item : root) {
      if (item.first.Scalar() == "owners") config.owners_line = item.first.Mark().line + 1;
    }
    for (const auto& item : owners) {
      config.owners.emplace_back(item.first.Scalar(),
                                 r.String(item.second, "owners." + item.first.Scalar()));
    }
  }
  if (root["rules"]) ReadRuleEntries(r, root["rules"], config, known_rules);
  if (root["search_path"]) config.search_path = r.StringList(root["search_path"], "search_path");
  if (root["acknowledgements"]) ReadAcknowledgements(r, root["acknowledgements"], config, known_rules);
  if (root["soft_delete_columns"]) {
    config.soft_delete_columns = r.StringList(root["soft_delete_columns"], "soft_delete_columns");
  }
}

}  // namespace

const std::string& ViewSource::Where() const {
  return !path.empty() ? path : !dbt.empty() ? dbt : !lea.empty() ? lea : lineage;
}

bool FilterMatches(std::string_view glob, std::string_view path) {
  while (glob.starts_with("./")) glob.remove_prefix(2);
  std::string_view bare = glob;
  while (!bare.empty() && bare.back() == '/') bare.remove_suffix(1);
  if (bare.find('/') == std::string_view::npos && !bare.empty()) {
    return PathMatches("**/" + std::string(bare), path);  // a name, at any depth
  }
  return PathMatches(glob, path);
}

bool MigrationSource::Selects(std::string_view file) const {
  auto matches = [&](const PathGlob& g) { return FilterMatches(g.glob, file); };
  if (!include.empty() && std::none_of(include.begin(), include.end(), matches)) return false;
  return std::none_of(exclude.begin(), exclude.end(), matches);
}

Result<Config> ParseConfig(std::string_view file_name, std::string_view yaml_text,
                           const std::vector<std::string>& known_rules) {
  Config config;
  config.file = std::string(file_name);
  Reader reader(file_name);
  // yaml-cpp would stop at a NUL byte and configure from half a file without a word.
  if (yaml_text.find('\0') != std::string_view::npos) {
    return Error{std::string(file_name) + ": not valid YAML: it holds a NUL byte (a binary file?)"};
  }
  try {
    YAML::Node root = YAML::Load(std::string(yaml_text));
    if (root.IsNull()) return config;  // an empty file configures nothing
    ReadTop(reader, root, config, known_rules);
  } catch (const ConfigError& e) {
    return Error{e.message};
  } catch (const YAML::Exception& e) {
    return Error{std::string(file_name) + ":" + std::to_string(e.mark.line + 1) +
                 ": not valid YAML: " + e.msg};
  }
  return config;
}

}  // namespace ds::config
