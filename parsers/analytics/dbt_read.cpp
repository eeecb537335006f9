// ReadDbtProject: finds the model, seed and snapshot files and the property files, pairs models
// with their properties (versions included), names every node as dbt does (RelationNamer), and
// renders each model and snapshot twice: once to learn its own config() (schema, alias, enabled),
// then with every ref() resolved to the final relations. Seeds become tables, snapshots and models
// views; disabled nodes are left out, as dbt leaves them out of the project.
#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <deque>
#include <map>
#include <set>

#include "parsers/analytics/dbt_naming.h"
#include "parsers/analytics/dbt_resolve.h"
#include "parsers/analytics/jinja_render.h"
#include "parsers/analytics/model_columns.h"
#include "src/ir/parallel.h"

namespace ds::analytics {
namespace {

struct ModelFile {
  std::string path;
  std::string relative;              ///< under its resource path
  std::string stem;                  ///< file name without .sql / .csv
  std::vector<std::string> folders;  ///< under its resource path
};

/// A model, or one snapshot block, on its way to a Model.
struct Candidate {
  const ModelFile* file = nullptr;
  std::string name, version, latest_version;
  const ModelProps* props = nullptr;
  const VersionProps* version_props = nullptr;
  std::string text;
  bool snapshot = false;
  ConfigMap config;  ///< all of it, once the first pass has read the file's own config()
};

ModelFile SplitModelPath(const std::string& path, const std::string& relative) {
  ModelFile f;
  f.path = path;
  f.relative = relative;
  size_t start = 0;
  for (size_t slash = relative.find('/'); slash != std::string::npos; slash = relative.find('/', start)) {
    f.folders.push_back(relative.substr(start, slash - start));
    start = slash + 1;
  }
  f.stem = relative.substr(start, relative.size() - start - 4);
  return f;
}

/// The folder under which `path` lies among `configured` (resource paths): its relative path.
std::optional<std::string> Under(const DbtProjectFile& project, const std::vector<std::string>& configured,
                                 const std::string& path) {
  for (const std::string& folder : configured) {
    std::string prefix = project.Folder(folder);
    if (path.starts_with(prefix)) return path.substr(prefix.size());
  }
  return std::nullopt;
}

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

void Merge(ConfigMap& into, const ConfigMap& from) {
  for (const auto& [k, v] : from) into[k] = v;
}

bool VersionLess(const std::string& a, const std::string& b) {
  char *end_a = nullptr, *end_b = nullptr;
  double x = std::strtod(a.c_str(), &end_a), y = std::strtod(b.c_str(), &end_b);
  if (*end_a == '\0' && *end_b == '\0' && !a.empty() && !b.empty()) return x < y;
  return a < b;
}

/// The model's columns: its own, or for a version the include/exclude of its `columns:`.
std::vector<ColumnContract> VersionColumns(const ModelProps& props, const VersionProps* version) {
  if (version == nullptr) return props.columns;
  std::vector<ColumnContract> out;
  for (const ColumnContract& c : props.columns) {
    bool included = version->include_all ||
                    std::find(version->include.begin(), version->include.end(), c.name) != version->include.end();
    bool excluded = std::find(version->exclude.begin(), version->exclude.end(), c.name) != version->exclude.end();
    if (included && !excluded) out.push_back(c);
  }
  for (const ColumnContract& c : version->columns) {
    auto same = [&](const ColumnContract& o) { return o.name == c.name; };
    auto it = std::find_if(out.begin(), out.end(), same);
    if (it != out.end()) *it = c;
    else out.push_back(c);
  }
  return out;
}

class DbtReader {
 public:
  DbtReader(const std::string& project_file, const DbtProjectFile& project, const FileReader& read,
            const DbtOptions& options, AnalyticsProject& out)
      : project_file_(project_file), project_(project), read_(read), options_(options), out_(out),
        namer_(Context(project_file), out.diagnostics) {}

  void Collect(const std::vector<std::string>& paths) {
    std::vector<std::string> sorted = paths;
    std::sort(sorted.begin(), sorted.end());
    LoadMacros(project_, sorted, read_, std::string(options_.dialect->name), macros_, out_.diagnostics);
    std::vector<std::string> property_files;
    for (const std::string& path : sorted) {
      bool yaml = path.ends_with(".yml") || path.ends_with(".yaml");
      if (std::optional<std::string> relative = Under(project_, project_.seed_paths, path)) {
        if (path.ends_with(".csv")) seed_files_.push_back(SplitModelPath(path, *relative));
        else if (yaml) property_files.push_back(path);
      } else if (std::optional<std::string> relative = Under(project_, project_.snapshot_paths, path)) {
        if (path.ends_with(".sql")) snapshot_files_.push_back(SplitModelPath(path, *relative));
        else if (yaml) property_files.push_back(path);
      } else if (std::optional<std::string> relative = Under(project_, project_.model_paths, path)) {
        if (path.ends_with(".sql")) files_.push_back(SplitModelPath(path, *relative));
        else if (yaml) property_files.push_back(path);
      }
    }
    ReadProperties(property_files);
  }

  void Pair() {
    std::map<std::string, const ModelFile*> by_stem;
    for (const ModelFile& f : files_) {
      if (!by_stem.emplace(f.stem, &f).second) {
        Warn(f.path, 1, "two model files are named '" + f.stem + "': only " + by_stem[f.stem]->path + " is read");
      }
    }
    std::set<std::string> used;
    std::map<std::string, const ModelProps*> plain_props;
    for (const ModelProps& props : properties_.models) {
      if (props.versions.empty()) {
        plain_props[props.name] = &props;
        if (!by_stem.count(props.name)) {
          Warn(props.file, props.line, "model '" + props.name + "' has properties but no file " + props.name + ".sql");
        }
        continue;
      }
      std::string latest = props.latest_version;
      if (latest.empty()) {
        for (const VersionProps& v : props.versions) {
          if (latest.empty() || VersionLess(latest, v.v)) latest = v.v;
        }
      }
      for (const VersionProps& v : props.versions) {
        std::string stem = v.defined_in.empty() ? props.name + "_v" + v.v : v.defined_in;
        if (!by_stem.count(stem) && v.v == latest && by_stem.count(props.name) && !used.count(props.name)) {
          stem = props.name;
        }
        auto it = by_stem.find(stem);
        if (it == by_stem.end()) {
          Warn(props.file, v.line, "version " + v.v + " of model '" + props.name + "' has no file " + stem + ".sql");
          continue;
        }
        used.insert(stem);
        candidates_.push_back(Candidate{it->second, props.name, v.v, latest, &props, &v, "", false, {}});
      }
    }
    for (const ModelFile& f : files_) {
      if (used.count(f.stem) || by_stem[f.stem] != &f) continue;
      auto p = plain_props.find(f.stem);
      candidates_.push_back(Candidate{&f, f.stem, "", "", p == plain_props.end() ? nullptr : p->second, nullptr, "", false, {}});
    }
    PairSnapshots();
  }

  void Build() {
    resolver_.Init(project_.name, options_.default_schema);
    BuildSeeds();
    // Each file is read and rendered a first time on its own; naming (which may call the
    // project's generate_schema_name) then goes in order.
    std::vector<std::optional<OwnConfig>> first(candidates_.size());
    ir::ParallelFor(candidates_.size(), options_.threads, [&](size_t i) { first[i] = FirstRender(candidates_[i]); });
    std::vector<std::pair<Candidate*, Model>> built;
    for (size_t i = 0; i < candidates_.size(); ++i) {
      Candidate& c = candidates_[i];
      if (!first[i]) {
        Warn(c.file->path, 1, "could not read the model file", ir::DiagCode::kUnreadableFile);
        continue;
      }
      Model m = FirstPass(c, *first[i]);
      if (!m.enabled) continue;  // dbt leaves disabled models out of the project
      built.emplace_back(&c, std::move(m));
    }
    DistinguishSources(built);
    for (const Source& s : properties_.sources) resolver_.AddSource(s);
    for (const Seed& seed : out_.seeds) resolver_.AddSeed(seed);
    for (const auto& [candidate, model] : built) resolver_.AddModel(model);
    // Each model renders and parses on its own (the resolver and macros are only read now).
    ModelColumnWaves(built);
    for (auto& [candidate, model] : built) out_.models.push_back(std::move(model));
    out_.sources = properties_.sources;
    for (const ExposureProps& e : properties_.exposures) {
      out_.exposures.push_back(resolver_.ResolveExposure(e, Context(e.exposure.file), out_.diagnostics));
    }
  }

 private:
  void Warn(const std::string& file, int line, std::string message, ir::DiagCode code = ir::DiagCode::kConfiguration) {
    out_.diagnostics.push_back(ir::Diagnostic{ir::Severity::kWarning, ir::SourceSpan{file, line, 0}, std::move(message), code});
  }

  jinja::RenderContext Context(const std::string& file) const {
    jinja::RenderContext context;
    context.file = file;
    context.vars = project_.vars;
    context.target_name = options_.target_name;
    context.target_schema = options_.default_schema;
    context.target_database = options_.default_database;
    context.identifier_quote = IdentifierQuote(*options_.dialect);
    context.macros = &macros_;
    context.relation_columns = options_.relation_columns;
    return context;
  }

  /// Each file on its own (YAML is slow to load), then appended in path order.
  void ReadProperties(const std::vector<std::string>& paths) {
    struct Read {
      Properties properties;
      std::vector<ir::Diagnostic> diagnostics;
    };
    std::vector<Read> reads(paths.size());
    ir::ParallelFor(paths.size(), options_.threads, [&](size_t i) {
      if (std::optional<std::string> text = read_(paths[i])) {
        ReadPropertyFile(paths[i], *text, project_.name, Context(paths[i]), reads[i].properties, reads[i].diagnostics);
      }
    });
    for (Read& read : reads) {
      Append(properties_.models, read.properties.models);
      Append(properties_.seeds, read.properties.seeds);
      Append(properties_.snapshots, read.properties.snapshots);
      Append(properties_.sources, read.properties.sources);
      Append(properties_.exposures, read.properties.exposures);
      Append(out_.diagnostics, read.diagnostics);
    }
  }

  template <class T>
  static void Append(std::vector<T>& to, std::vector<T>& from) {
    to.insert(to.end(), std::make_move_iterator(from.begin()), std::make_move_iterator(from.end()));
  }

  /// The config of node `name`: `tree`'s folder configs (dbt_project.yml, down to the node's own
  /// name), then its properties'.
  ConfigMap NodeConfig(const jinja::Value& tree, const ModelFile& file, const std::string& name,
                       const ModelProps* props, const VersionProps* version = nullptr) {
    std::vector<std::string> path = file.folders;
    path.push_back(name);
    ConfigMap config = FolderConfig(tree, path);
    namer_.RenderConfig(config, project_file_);
    for (const ConfigMap* more : {props ? &props->config : nullptr, version ? &version->config : nullptr}) {
      if (more == nullptr) continue;
      ConfigMap rendered = *more;
      namer_.RenderConfig(rendered, props->file);
      Merge(config, rendered);
    }
    return config;
  }

  NodeToName Node(const char* type, const std::string& name, const std::string& unique_id, const ModelFile& file,
                  const std::string& version = "") const {
    NodeToName node{type, name, unique_id, project_.name, version, file.relative, file.path, {project_.name}};
    node.fqn.insert(node.fqn.end(), file.folders.begin(), file.folders.end());
    node.fqn.push_back(name);
    if (!version.empty()) node.fqn.push_back("v" + version);
    return node;
  }

  static const ModelProps* PropsNamed(const std::vector<ModelProps>& props, const std::string& name) {
    for (const ModelProps& p : props) {
      if (p.name == name) return &p;
    }
    return nullptr;
  }

  /// Every CSV under the seed paths is a table `dbt seed` loads (unless disabled).
  void BuildSeeds() {
    for (const ModelFile& f : seed_files_) {
      ConfigMap config = NodeConfig(project_.seeds, f, f.stem, PropsNamed(properties_.seeds, f.stem));
      if (auto it = config.find("enabled"); it != config.end() && jinja::TruthOf(it->second) == jinja::Truth::kFalse) {
        continue;
      }
      Seed seed;
      seed.name = f.stem;
      seed.unique_id = "seed." + project_.name + "." + f.stem;
      seed.file = f.path;
      RelationNames names = namer_.Name(Node("seed", seed.name, seed.unique_id, f), config);
      seed.relation = names.relation;
      seed.database = names.database;
      if (std::optional<std::string> text = read_(f.path)) {
        seed.columns = SeedColumns(f.path, *text, config, out_.diagnostics);
      } else {
        Warn(f.path, 1, "could not read the seed file", ir::DiagCode::kUnreadableFile);
      }
      auto quote = config.find("quote_columns");
      bool quote_columns = quote != config.end() && jinja::TruthOf(quote->second) == jinja::Truth::kTrue;
      seed.parsed = SeedTable(seed, quote_columns, *options_.dialect);
      out_.seeds.push_back(std::move(seed));
    }
  }

  /// Each `{% snapshot %}` block of the snapshot files is a candidate of its own, and so is each
  /// snapshot a property file defines with `relation:` (dbt 1.9): `select * from <relation>`,
  /// written on the line of its `relation:`.
  void PairSnapshots() {
    std::set<std::string> blocks;
    for (const ModelFile& f : snapshot_files_) {
      std::optional<std::string> text = read_(f.path);
      if (!text) {
        Warn(f.path, 1, "could not read the snapshot file", ir::DiagCode::kUnreadableFile);
        continue;
      }
      for (SnapshotBlock& block : SnapshotBlocks(f.path, *text, out_.diagnostics)) {
        blocks.insert(block.name);
        candidates_.push_back(Candidate{&f, block.name, "", "", PropsNamed(properties_.snapshots, block.name), nullptr,
                                        std::move(block.text), true, {}});
      }
    }
    for (const ModelProps& props : properties_.snapshots) {
      if (props.relation.empty() || blocks.count(props.name)) continue;
      const ModelFile& f = yaml_snapshot_files_.emplace_back(PropertyFile(props.file));
      candidates_.push_back(Candidate{&f, props.name, "", "", &props, nullptr,
                                      RelationSnapshotText(props.relation, props.relation_line), true, {}});
    }
  }

  /// A property file as the file a node is defined in (its folders under its resource path).
  ModelFile PropertyFile(const std::string& path) const {
    for (const auto* paths : {&project_.snapshot_paths, &project_.model_paths, &project_.seed_paths}) {
      if (std::optional<std::string> relative = Under(project_, *paths, path)) return SplitModelPath(path, *relative);
    }
    return SplitModelPath(path, path);
  }

  /// What a model's config() calls say, in call order.
  using OwnConfig = std::vector<std::pair<std::string, jinja::Value>>;

  /// The first render, to learn the node's own config(); nullopt when its file cannot be read.
  std::optional<OwnConfig> FirstRender(Candidate& c) const {
    if (c.text.empty()) {
      std::optional<std::string> text = read_(c.file->path);
      if (!text) return std::nullopt;
      c.text = std::move(*text);
    }
    jinja::RenderContext context = Context(c.file->path);
    context.resolve = [](const jinja::RelationUse& use) { return ir::QualifiedName{"", use.name}; };
    context.this_relation = {"", c.name};
    return std::move(jinja::Render(c.text, context).config);
  }

  Model FirstPass(Candidate& c, const OwnConfig& own) {
    c.config = NodeConfig(c.snapshot ? project_.snapshots : project_.models, *c.file, c.name, c.props, c.version_props);
    for (const auto& [k, v] : own) c.config[k] = v;
    Model m;
    m.name = c.name;
    m.package = project_.name;
    m.file = c.file->path;
    m.version = c.version;
    m.latest_version = c.latest_version;
    m.unique_id = (c.snapshot ? "snapshot." : "model.") + project_.name + "." + c.name +
                  (c.version.empty() ? "" : ".v" + c.version);
    ApplyConfig(c.config, m);
    NodeToName node = Node(c.snapshot ? "snapshot" : "model", c.name, m.unique_id, *c.file, c.version);
    if (c.snapshot) {
      m.materialized = "snapshot";
      // target_schema / target_database (dbt before 1.9) are used as written, not generated.
      std::string schema = ConfigText(c.config, "target_schema"), database = ConfigText(c.config, "target_database");
      m.relation.schema = !schema.empty() ? schema : namer_.Component("schema", c.config, "schema", node);
      m.database = !database.empty() ? database : namer_.Component("database", c.config, "database", node);
      m.relation.name = namer_.Component("alias", c.config, "alias", node);
    } else {
      RelationNames names = namer_.Name(node, c.config);
      m.relation = names.relation;
      m.database = names.database;
    }
    if (c.props) m.columns = VersionColumns(*c.props, c.version_props);
    return m;
  }

  /// A source named like one of the project's relations but in another database reads that
  /// database, not the relation: its schema is made distinct (Source::relation).
  void DistinguishSources(const std::vector<std::pair<Candidate*, Model>>& built) {
    std::map<std::pair<std::string, std::string>, std::string> own;  // lower-case schema, name -> database
    auto add = [&](const ir::QualifiedName& r, const std::string& database) {
      own.emplace(std::make_pair(Lower(r.schema), Lower(r.name)), database);
    };
    for (const auto& [candidate, model] : built) add(model.relation, model.database);
    for (const Seed& seed : out_.seeds) add(seed.relation, seed.database);
    const char* separator = IdentifierQuote(*options_.dialect) == '`' ? "__" : ".";
    for (Source& s : properties_.sources) {
      auto it = own.find({Lower(s.relation.schema), Lower(s.relation.name)});
      if (it == own.end() || s.database.empty() || Lower(s.database) == Lower(it->second)) continue;
      s.relation.schema = s.database + separator + s.relation.schema;
    }
  }

  /// Renders every model; then, while it helps, once more each model whose macros asked for the
  /// columns of another model of the project (dbt_utils.star(ref('m'))): the columns that
  /// model's own SQL outputs (OutputColumns) answer from the next wave on, so a chain of such
  /// models resolves wave by wave, up to kMaxWaves.
  void ModelColumnWaves(std::vector<std::pair<Candidate*, Model>>& built) {
    std::map<std::pair<std::string, std::string>, size_t> by_relation;
    for (size_t i = 0; i < built.size(); ++i) {
      const ir::QualifiedName& r = built[i].second.relation;
      by_relation.emplace(std::make_pair(Lower(r.schema), Lower(r.name)), i);
    }
    std::vector<std::optional<std::vector<std::string>>> columns(built.size());
    std::vector<std::vector<size_t>> asked(built.size());  ///< models each one asked about, unanswered
    std::vector<size_t> pending(built.size());
    for (size_t i = 0; i < built.size(); ++i) pending[i] = i;
    auto model_of = [&](const ir::QualifiedName& name) -> const size_t* {
      auto it = by_relation.find({Lower(name.schema), Lower(name.name)});
      return it == by_relation.end() ? nullptr : &it->second;
    };
    // A model's columns as known so far, else the outside's answer; `asker` records what it lacked.
    auto columns_of = [&](const ir::QualifiedName& name, std::vector<size_t>* asker) -> std::optional<std::vector<std::string>> {
      const size_t* model = model_of(name);
      if (model == nullptr) return options_.relation_columns ? options_.relation_columns(name) : std::nullopt;
      if (!columns[*model] && asker != nullptr) asker->push_back(*model);
      return columns[*model];
    };
    for (int wave = 0; !pending.empty() && wave < kMaxWaves; ++wave) {
      ir::ParallelFor(pending.size(), options_.threads, [&](size_t k) {
        size_t i = pending[k];
        asked[i].clear();
        SecondPass(*built[i].first, built[i].second,
                   [&, i](const ir::QualifiedName& name) { return columns_of(name, &asked[i]); });
      });
      // What each model outputs now, for the next wave; models whose answer changed are asked again.
      bool learned = false;
      for (size_t i = 0; i < built.size(); ++i) {
        if (columns[i]) continue;
        columns[i] = ModelOutput(built[i].second, [&](const ir::QualifiedName& name) { return columns_of(name, nullptr); });
        learned = learned || columns[i].has_value();
      }
      pending.clear();
      if (!learned) break;
      for (size_t i = 0; i < built.size(); ++i) {
        if (std::any_of(asked[i].begin(), asked[i].end(), [&](size_t model) { return columns[model].has_value(); })) {
          pending.push_back(i);
        }
      }
    }
  }

  static constexpr int kMaxWaves = 8;

  static std::optional<std::vector<std::string>> ModelOutput(const Model& m, const RelationColumnsLookup& lookup) {
    if (!m.parsed) return std::nullopt;
    for (const ir::SchemaOp& op : m.parsed->ops) {
      if (const auto* view = std::get_if<ir::CreateView>(&op.op); view != nullptr && view->query) {
        if (!view->column_names.empty()) return view->column_names;
        return OutputColumns(*view->query, lookup);
      }
    }
    return std::nullopt;
  }

  void SecondPass(const Candidate& c, Model& m, const RelationColumnsLookup& relation_columns) {
    jinja::RenderContext context = Context(c.file->path);
    context.relation_columns = relation_columns;
    context.this_relation = m.relation;
    context.resolve = [this](const jinja::RelationUse& use) { return resolver_.Resolve(use).relation; };
    jinja::RenderResult rendered = jinja::Render(c.text, context);
    std::vector<ir::Diagnostic> diagnostics = std::move(rendered.diagnostics);
    m.depends_on.clear();  // a model is rendered again when a later wave knows more columns
    m.depends_on_ids.clear();
    resolver_.Depend(rendered.uses, c.file->path, m.depends_on, m.depends_on_ids, diagnostics);
    m.sql = c.snapshot ? SnapshotSql(std::move(rendered.sql), c.config, context.identifier_quote) : std::move(rendered.sql);
    m.parsed = BuildView(m.file, m.relation, m.sql, std::move(diagnostics), *options_.dialect,
                         {KindOf(m), m.depends_on, RebindsStar(m, *options_.dialect)});
  }

  std::string project_file_;
  const DbtProjectFile& project_;
  const FileReader& read_;
  const DbtOptions& options_;
  AnalyticsProject& out_;
  std::vector<ModelFile> files_, seed_files_, snapshot_files_;
  std::deque<ModelFile> yaml_snapshot_files_;  ///< candidates point into it: no reallocation
  Properties properties_;
  std::vector<Candidate> candidates_;
  Resolver resolver_;
  jinja::MacroLibrary macros_;
  RelationNamer namer_;
};

template <class T>
void SortById(std::vector<T>& items) {
  std::stable_sort(items.begin(), items.end(), [](const T& a, const T& b) { return a.unique_id < b.unique_id; });
}

}  // namespace

AnalyticsProject ReadDbtProject(const std::string& project_file, const std::vector<std::string>& paths,
                                const FileReader& read, const DbtOptions& options) {
  AnalyticsProject out;
  out.dialect = options.dialect;
  std::optional<std::string> text = read(project_file);
  if (!text) {
    out.diagnostics.push_back(ir::Diagnostic{ir::Severity::kWarning, ir::SourceSpan{project_file, 0, 0},
                                             "could not read dbt_project.yml", ir::DiagCode::kUnreadableFile});
    return out;
  }
  std::optional<DbtProjectFile> project = ReadDbtProjectFile(project_file, *text, out.diagnostics);
  if (!project) return out;
  out.name = project->name;
  DbtOptions effective = options;
  ApplyProfile(*project, read, effective, out.diagnostics);
  RenderProjectVars(*project, effective);
  out.dialect = effective.dialect;
  DbtReader reader(project_file, *project, read, effective, out);
  reader.Collect(paths);
  reader.Pair();
  reader.Build();
  SortById(out.models);
  SortById(out.seeds);
  SortById(out.sources);
  SortById(out.exposures);
  return out;
}

}  // namespace ds::analytics
