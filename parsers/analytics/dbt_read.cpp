// ReadDbtProject: finds the model files and property files under the model paths, pairs models
// with their properties (versions included), and renders each model twice: once to learn its
// own config() (schema, alias, enabled), then with every ref() resolved to the final relations.
#include <algorithm>
#include <cstdlib>
#include <map>
#include <set>

#include "parsers/analytics/dbt_internal.h"
#include "parsers/analytics/dbt_resolve.h"
#include "parsers/analytics/jinja_render.h"

namespace ds::analytics {
namespace {

struct ModelFile {
  std::string path;
  std::string stem;                  ///< file name without .sql
  std::vector<std::string> folders;  ///< under the model path
};

struct Candidate {
  const ModelFile* file = nullptr;
  std::string name, version, latest_version;
  const ModelProps* props = nullptr;
  const VersionProps* version_props = nullptr;
  std::string text;
};

ModelFile SplitModelPath(const std::string& path, const std::string& relative) {
  ModelFile f;
  f.path = path;
  size_t start = 0;
  for (size_t slash = relative.find('/'); slash != std::string::npos; slash = relative.find('/', start)) {
    f.folders.push_back(relative.substr(start, slash - start));
    start = slash + 1;
  }
  f.stem = relative.substr(start, relative.size() - start - 4);
  return f;
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
  DbtReader(const DbtProjectFile& project, const FileReader& read, const DbtOptions& options, AnalyticsProject& out)
      : project_(project), read_(read), options_(options), out_(out) {}

  void Collect(const std::vector<std::string>& paths) {
    std::vector<std::string> sorted = paths;
    std::sort(sorted.begin(), sorted.end());
    LoadMacros(project_, sorted, read_, std::string(options_.dialect->name), macros_, out_.diagnostics);
    for (const std::string& path : sorted) {
      AddSeed(path);
      for (const std::string& model_path : project_.model_paths) {
        std::string prefix = project_.Folder(model_path);
        if (!path.starts_with(prefix)) continue;
        std::string relative = path.substr(prefix.size());
        if (path.ends_with(".sql")) {
          files_.push_back(SplitModelPath(path, relative));
        } else if (path.ends_with(".yml") || path.ends_with(".yaml")) {
          if (std::optional<std::string> text = read_(path)) {
            ReadPropertyFile(path, *text, project_.name, project_.vars, properties_, out_.diagnostics);
          }
        }
        break;
      }
    }
  }

  /// A seed (a CSV under the seed paths) is a table ref() may name: `<schema>.<file name>`.
  void AddSeed(const std::string& path) {
    if (!path.ends_with(".csv")) return;
    for (const std::string& seed_path : project_.seed_paths) {
      std::string prefix = project_.Folder(seed_path);
      if (!path.starts_with(prefix)) continue;
      ModelFile f = SplitModelPath(path, path.substr(prefix.size()));
      ConfigMap config = FolderConfig(project_, f.folders, true);
      Model seed;
      seed.name = f.stem;
      seed.unique_id = "seed." + project_.name + "." + f.stem;
      std::string schema = ConfigText(config, "schema");
      std::string alias = ConfigText(config, "alias");
      seed.relation = {schema.empty() ? options_.default_schema : schema, alias.empty() ? f.stem : alias};
      seeds_.push_back(std::move(seed));
      return;
    }
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
        candidates_.push_back(Candidate{it->second, props.name, v.v, latest, &props, &v, ""});
      }
    }
    for (const ModelFile& f : files_) {
      if (used.count(f.stem) || by_stem[f.stem] != &f) continue;
      auto p = plain_props.find(f.stem);
      candidates_.push_back(Candidate{&f, f.stem, "", "", p == plain_props.end() ? nullptr : p->second, nullptr, ""});
    }
  }

  void Build() {
    resolver_.Init(project_.name, options_.default_schema);
    for (const Source& s : properties_.sources) resolver_.AddSource(s);
    for (const Model& seed : seeds_) resolver_.AddModel(seed);
    std::vector<std::pair<const Candidate*, Model>> built;
    for (Candidate& c : candidates_) {
      std::optional<std::string> text = read_(c.file->path);
      if (!text) {
        Warn(c.file->path, 1, "could not read the model file", ir::DiagCode::kUnreadableFile);
        continue;
      }
      c.text = std::move(*text);
      Model m = FirstPass(c);
      if (!m.enabled) continue;  // dbt leaves disabled models out of the project
      resolver_.AddModel(m);
      built.emplace_back(&c, std::move(m));
    }
    for (auto& [candidate, model] : built) {
      SecondPass(*candidate, model);
      out_.models.push_back(std::move(model));
    }
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
    context.identifier_quote = IdentifierQuote(*options_.dialect);
    context.macros = &macros_;
    context.relation_columns = options_.relation_columns;
    return context;
  }

  Model FirstPass(const Candidate& c) {
    ConfigMap config = FolderConfig(project_, c.file->folders);
    if (c.props) for (const auto& [k, v] : c.props->config) config[k] = v;
    if (c.version_props) for (const auto& [k, v] : c.version_props->config) config[k] = v;
    jinja::RenderContext context = Context(c.file->path);
    context.resolve = [](const jinja::RelationUse& use) { return ir::QualifiedName{"", use.name}; };
    context.this_relation = {"", c.name};
    jinja::RenderResult first = jinja::Render(c.text, context);
    for (const auto& [k, v] : first.config) config[k] = v;
    Model m;
    m.name = c.name;
    m.package = project_.name;
    m.file = c.file->path;
    m.version = c.version;
    m.latest_version = c.latest_version;
    m.unique_id = "model." + project_.name + "." + c.name + (c.version.empty() ? "" : ".v" + c.version);
    ApplyConfig(config, m);
    std::string schema = ConfigText(config, "schema");
    std::string alias = ConfigText(config, "alias");
    m.relation.schema = schema.empty() ? options_.default_schema : schema;
    m.relation.name = !alias.empty() ? alias : c.version.empty() ? c.name : c.name + "_v" + c.version;
    if (c.props) m.columns = VersionColumns(*c.props, c.version_props);
    return m;
  }

  void SecondPass(const Candidate& c, Model& m) {
    jinja::RenderContext context = Context(c.file->path);
    context.this_relation = m.relation;
    context.resolve = [this](const jinja::RelationUse& use) { return resolver_.Resolve(use).relation; };
    jinja::RenderResult rendered = jinja::Render(c.text, context);
    std::vector<ir::Diagnostic> diagnostics = std::move(rendered.diagnostics);
    resolver_.Depend(rendered.uses, c.file->path, m.depends_on, m.depends_on_ids, diagnostics);
    m.sql = std::move(rendered.sql);
    m.parsed = BuildView(m.file, m.relation, m.sql, std::move(diagnostics), *options_.dialect,
                         {ir::RelationKind::kModel, m.depends_on, RebindsStar(m, *options_.dialect)});
  }

  const DbtProjectFile& project_;
  const FileReader& read_;
  const DbtOptions& options_;
  AnalyticsProject& out_;
  std::vector<ModelFile> files_;
  Properties properties_;
  std::vector<Candidate> candidates_;
  std::vector<Model> seeds_;
  Resolver resolver_;
  jinja::MacroLibrary macros_;
};

template <class T>
void SortById(std::vector<T>& items) {
  std::stable_sort(items.begin(), items.end(), [](const T& a, const T& b) { return a.unique_id < b.unique_id; });
}

}  // namespace

AnalyticsProject ReadDbtProject(const std::string& project_file, const std::vector<std::string>& paths,
                                const FileReader& read, const DbtOptions& options) {
  AnalyticsProject out;
  std::optional<std::string> text = read(project_file);
  if (!text) {
    out.diagnostics.push_back(ir::Diagnostic{ir::Severity::kWarning, ir::SourceSpan{project_file, 0, 0},
                                             "could not read dbt_project.yml", ir::DiagCode::kUnreadableFile});
    return out;
  }
  std::optional<DbtProjectFile> project = ReadDbtProjectFile(project_file, *text, out.diagnostics);
  if (!project) return out;
  out.name = project->name;
  DbtReader reader(*project, read, options, out);
  reader.Collect(paths);
  reader.Pair();
  reader.Build();
  SortById(out.models);
  SortById(out.sources);
  SortById(out.exposures);
  return out;
}

}  // namespace ds::analytics
