#include "src/engine/analytics_side.h"

#include <algorithm>
#include <mutex>
#include <filesystem>
#include <memory>
#include <set>

#include "src/ir/limits.h"
#include "src/ir/parallel.h"

#include "src/catalog/query_relations.h"

namespace ds::engine {

namespace {

namespace fs = std::filesystem;

ir::Diagnostic Warn(const std::string& file, int line, std::string message,
                    ir::DiagCode code = ir::DiagCode::kConfiguration) {
  return ir::Diagnostic{ir::Severity::kWarning, ir::SourceSpan{file, line, 0}, std::move(message), code};
}

std::string Folder(const std::string& path) { return path.empty() || path == "." ? "" : path + "/"; }

// The files of one source, by the name reports use, and a reader for them.
struct SourceFiles {
  std::vector<std::string> paths;
  analytics::FileReader read;
};

SourceFiles FromSnapshot(const git::Snapshot& snapshot, const std::string& folder, BlobTexts& texts) {
  SourceFiles files;
  std::string prefix = Folder(folder);
  for (const git::FileEntry& f : snapshot.files) {
    if (f.path.starts_with(prefix)) files.paths.push_back(f.path);
  }
  files.read = [&snapshot, &texts](const std::string& path) -> std::optional<std::string> {
    const git::FileEntry* entry = snapshot.Find(path);
    if (entry == nullptr) return std::nullopt;
    return texts.Read(entry->blob_id);
  };
  return files;
}

fs::path OnDisk(const git::Repository& repo, const std::string& path) {
  if (!path.empty() && path[0] == '/') return fs::path(path);
  return fs::path(repo.Workdir()) / path;
}

ir::Diagnostic NotRead(const std::string& file, const DiskFile& read, const std::string& what) {
  return ir::Diagnostic{ir::Severity::kWarning, ir::SourceSpan{file, 0, 0},
                        "could not read " + what + " " + file + " (" + read.problem + ")", read.code};
}

// A second checkout: every file under the folder, named `<folder as configured>/<relative>`;
// version control and build folders are left out, symbolic links are not followed, and the walk
// stops after ir::kMaxDirectoryEntries entries (`path: /`), said in `diagnostics`.
SourceFiles FromDisk(const git::Repository& repo, const std::string& folder, std::vector<ir::Diagnostic>& diagnostics) {
  SourceFiles files;
  fs::path root = OnDisk(repo, folder);
  std::error_code error;
  fs::recursive_directory_iterator it(root, fs::directory_options::skip_permission_denied, error), end;
  size_t seen = 0;
  for (; !error && it != end; it.increment(error)) {
    if (++seen > ir::kMaxDirectoryEntries) {
      diagnostics.push_back(ir::Diagnostic{
          ir::Severity::kWarning, ir::SourceSpan{folder, 0, 0},
          "more than " + std::to_string(ir::kMaxDirectoryEntries) + " entries under " + folder + ": the rest is not read",
          ir::DiagCode::kLimitExceeded});
      break;
    }
    std::error_code status_error;
    fs::file_type type = it->symlink_status(status_error).type();
    std::string name = it->path().filename().string();
    if (type == fs::file_type::directory && (name == ".git" || name == "target" || name == "dbt_packages" ||
                                             name == "node_modules" || name == "logs" || name == "proc")) {
      it.disable_recursion_pending();
      continue;
    }
    if (status_error || type != fs::file_type::regular) continue;
    files.paths.push_back(Folder(folder) + it->path().lexically_relative(root).generic_string());
  }
  std::sort(files.paths.begin(), files.paths.end());
  files.read = [&repo](const std::string& path) { return ReadFromDisk(repo, path).text; };
  return files;
}

// A manifest.json: committed at this revision, else a file on disk (CI writes it with `dbt
// compile`; a second checkout holds it).
analytics::AnalyticsProject ReadManifest(const git::Repository& repo, const git::Snapshot& snapshot,
                                         const config::ViewSource& source, const analytics::DbtOptions& options,
                                         BlobTexts& texts) {
  std::optional<std::string> text;
  const git::FileEntry* entry = source.outside ? nullptr : snapshot.Find(source.dbt);
  if (entry != nullptr) text = texts.Read(entry->blob_id);
  if (!text) {
    DiskFile read = ReadFromDisk(repo, source.dbt);
    text = std::move(read.text);
    if (!text) {
      analytics::AnalyticsProject empty;
      empty.diagnostics.push_back(NotRead(source.dbt, read, "the dbt manifest"));
      empty.diagnostics.back().message += ": its models are left out";
      return empty;
    }
  }
  // Seeds' CSV files, at this revision (the manifest lists no seed columns).
  analytics::FileReader read = [&snapshot, &texts](const std::string& path) -> std::optional<std::string> {
    const git::FileEntry* file = snapshot.Find(path);
    return file == nullptr ? std::nullopt : texts.Read(file->blob_id);
  };
  return analytics::ReadDbtManifest(source.dbt, *text, options, read);
}

analytics::AnalyticsProject ReadSource(const git::Repository& repo, const git::Snapshot& snapshot,
                                       const config::ViewSource& source, BlobTexts& texts, size_t threads,
                                       const ColumnsOf& relation_columns) {
  analytics::DbtOptions options;
  options.threads = threads;
  options.relation_columns = relation_columns;
  if (!source.schema.empty()) options.default_schema = source.schema;
  options.target_name = source.target;
  options.default_database = source.database;
  options.dialect = source.dialect;
  options.dialect_given = source.dialect_given;
  if (!source.dbt.empty() && source.dbt.ends_with(".json")) {
    return ReadManifest(repo, snapshot, source, options, texts);
  }
  const std::string& folder = source.dbt.empty() ? source.lea : source.dbt;
  std::vector<ir::Diagnostic> walked;
  // A dbt project in the repository sees every file of it: its macro-paths may leave its folder
  // (`../../dbt_macros`, shared by several projects); the reader keeps what its paths name.
  std::string listed = source.lea.empty() ? "" : folder;
  SourceFiles files = source.outside ? FromDisk(repo, folder, walked) : FromSnapshot(snapshot, listed, texts);
  if (!source.lea.empty()) {
    analytics::LeaOptions lea;
    lea.dialect = source.dialect;
    lea.dataset = source.dataset;
    analytics::AnalyticsProject project = analytics::ReadLeaViews(folder, files.paths, files.read, lea);
    project.diagnostics.insert(project.diagnostics.end(), walked.begin(), walked.end());
    if (files.paths.empty()) {
      project.diagnostics.push_back(Warn(folder, 0, "no lea view files found under " + folder));
    }
    return project;
  }
  std::string project_file = Folder(folder) + "dbt_project.yml";
  if (std::find(files.paths.begin(), files.paths.end(), project_file) == files.paths.end()) {
    analytics::AnalyticsProject empty;
    empty.diagnostics.push_back(Warn(folder, 0, "no dbt_project.yml found in " + folder +
                                                    ": its models are left out"));
    empty.diagnostics.insert(empty.diagnostics.end(), walked.begin(), walked.end());
    return empty;
  }
  analytics::AnalyticsProject project = analytics::ReadDbtProject(project_file, files.paths, files.read, options);
  project.diagnostics.insert(project.diagnostics.end(), walked.begin(), walked.end());
  return project;
}

// What view files read that neither production nor the analytics side defines: tables of the
// warehouse's copies, by schema. Schemas where a view or model lives are the warehouse's own.
struct ViewFileReads {
  std::map<std::string, WarehouseSchema> schemas;
  std::map<ir::QualifiedName, ir::SourceSpan> relations;  ///< each read, where first read
};

ViewFileReads ReadsOfViewFiles(const AnalyticsRevision& analytics, const RevisionInputs& inputs,
                               const ParsedFiles& parsed, const catalog::Catalog& production) {
  std::set<std::string> own = {"information_schema", "pg_catalog"};
  std::set<ir::QualifiedName> sources;
  for (const analytics::AnalyticsProject& project : analytics.projects) {
    for (const analytics::Model& model : project.models) own.insert(model.relation.schema);
    for (const analytics::Seed& seed : project.seeds) own.insert(seed.relation.schema);
    for (const analytics::Source& source : project.sources) sources.insert(source.relation);
  }
  std::vector<std::pair<ir::QualifiedName, ir::SourceSpan>> read;
  for (const InputFile& file : inputs.views) {
    auto it = parsed.find(InputKey(file));
    if (file.path.empty() || it == parsed.end()) continue;
    for (const ir::SchemaOp& op : it->second->ops) {
      const auto* view = std::get_if<ir::CreateView>(&op.op);
      if (view == nullptr) continue;
      own.insert(view->view.schema);
      if (!view->query) continue;
      for (const ir::QualifiedName& relation : catalog::RelationsNamedBy(*view->query)) read.push_back({relation, op.span});
    }
  }
  // lea's scripts name the warehouse's copies in plain SQL, as view files do (no source()).
  for (const analytics::AnalyticsProject& project : analytics.projects) {
    if (!project.name.empty()) continue;
    for (const analytics::Model& model : project.models) {
      for (const ir::QualifiedName& relation : model.depends_on) read.push_back({relation, {model.file, 1, 1}});
    }
  }
  ViewFileReads out;
  for (const auto& [relation, span] : read) {
    if (!relation.Qualified() || own.count(relation.schema) || sources.count(relation) ||
        production.FindTable(relation) || production.FindView(relation)) {
      continue;
    }
    out.relations.emplace(relation, span);
    WarehouseSchema& schema = out.schemas[relation.schema];
    if (schema.tables.empty()) schema.span = span;
    schema.tables.insert(relation.name);
  }
  return out;
}

// The warehouse schemas to infer mirrors for: the dbt sources' and the view files' reads.
std::map<std::string, WarehouseSchema> WarehouseSchemas(const AnalyticsRevision& analytics, const ViewFileReads& reads) {
  std::map<std::string, WarehouseSchema> out = reads.schemas;
  for (const analytics::AnalyticsProject& project : analytics.projects) {
    for (const analytics::Source& s : project.sources) {
      ir::QualifiedName configured = analytics::ConfiguredName(s, *project.dialect);
      WarehouseSchema& schema = out[configured.schema];
      if (schema.tables.empty()) schema.span = {s.file, s.line, 0};
      schema.tables.insert(configured.name);
    }
  }
  return out;
}

void MarkUnmappedSources(AnalyticsRevision& analytics, const std::vector<analytics::Mirror>& mirrors) {
  for (const analytics::AnalyticsProject& project : analytics.projects) {
    for (const analytics::Source& s : project.sources) {
      if (analytics::ToProduction(analytics::ConfiguredName(s, *project.dialect), mirrors)) continue;
      ir::QualifiedName relation = analytics::RenderedName(s.relation, *project.dialect);
      analytics.unmapped_sources.insert(relation);
      analytics.diagnostics.push_back(
          {ir::Severity::kWarning, ir::SourceSpan{s.file, s.line, 0},
           "source " + s.source_name + "." + s.table_name + " (" + relation.ToString() +
               ") is no copy of a production table (see warehouse.mirrors): its columns are not checked",
           ir::DiagCode::kUnmappedSource});
    }
    for (const analytics::Model& model : project.models) {
      for (const ir::QualifiedName& read : model.depends_on) {
        if (analytics.unmapped_sources.count(analytics::RenderedName(read, *project.dialect)) != 0) {
          analytics.unchecked_files.insert(model.file);
        }
      }
    }
    for (const analytics::OutsideRead& read : project.outside_reads) {
      analytics.outside_files.insert(read.relation);
      analytics.unchecked_files.insert(read.span.file);
    }
  }
}

// A view file's read of a mirrored table is bridged to production like a dbt source.
void BridgeViewFileReads(AnalyticsRevision& analytics, const ViewFileReads& reads,
                         const std::vector<analytics::Mirror>& mirrors) {
  analytics::AnalyticsProject copies;
  for (const auto& [relation, span] : reads.relations) {
    if (!analytics::ToProduction(relation, mirrors)) continue;
    analytics::Source source;
    source.relation = relation;
    source.file = span.file;
    source.line = span.line;
    copies.sources.push_back(std::move(source));
  }
  if (!copies.sources.empty()) analytics.projects.push_back(std::move(copies));
}

}  // namespace

const std::optional<std::string>& BlobTexts::Read(const std::string& blob_id) {
  Entry* entry = nullptr;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    entry = &cache_[blob_id];  // map nodes stay where they are
  }
  std::call_once(entry->read, [&] {
    Result<std::string> text = repo_.ReadBlob(blob_id);
    if (text.ok()) entry->text = std::move(*text);
  });
  return entry->text;
}

DiskFile ReadFromDisk(const git::Repository& repo, const std::string& path) {
  if (!path.empty() && path[0] == '/') return ReadDiskFile(path);
  return ReadDiskFileUnder(repo.Workdir(), path);
}

void AddOutsideViewFiles(const git::Repository& repo, const config::Config& config, RevisionInputs& inputs) {
  for (const config::ViewSource& source : config.views) {
    if (source.path.empty() || !source.outside) continue;
    SourceFiles files = FromDisk(repo, source.path, inputs.diagnostics);
    size_t before = inputs.views.size();
    for (const std::string& path : files.paths) {
      if (path.ends_with(".sql")) inputs.views.push_back({path, "disk:" + path, FileKind::kSqlViews, source.dialect});
    }
    if (inputs.views.size() == before) {
      inputs.diagnostics.push_back(Warn(source.path, 0, "no .sql view files found under " + source.path));
    }
  }
  std::stable_sort(inputs.views.begin(), inputs.views.end(),
                   [](const InputFile& a, const InputFile& b) { return a.path < b.path; });
}

std::vector<analytics::Mirror> MirrorsOf(const config::Config& config) {
  std::vector<analytics::Mirror> mirrors;
  for (const auto& [warehouse, mirror] : config.mirror_patterns) {
    mirrors.push_back({warehouse, mirror.production_schema, mirror.table_pattern});
  }
  for (const auto& [warehouse, production] : config.mirrors) {
    if (config.mirror_patterns.count(warehouse) == 0) mirrors.push_back({warehouse, production, "{table}"});
  }
  return mirrors;
}

AnalyticsRevision ReadAnalytics(const git::Repository& repo, const git::Snapshot& snapshot,
                                const config::Config& config, BlobTexts& texts, const ColumnsOf& relation_columns) {
  std::vector<const config::ViewSource*> sources;
  for (const config::ViewSource& source : config.views) {
    if (!source.dbt.empty() || !source.lea.empty()) sources.push_back(&source);
  }
  // Projects are independent (ReadDbtProject is a pure function of the texts it reads), so a
  // repository of several (spellbook's five) reads them on every core; the results keep the
  // configuration's order.
  std::vector<analytics::AnalyticsProject> projects(sources.size());
  // Cores left over (one project on two cores) go to each project's models.
  size_t threads = ThreadCount(), per_project = std::max<size_t>(1, threads / std::max<size_t>(1, sources.size()));
  ir::ParallelFor(sources.size(), threads, [&](size_t i) {
    projects[i] = ReadSource(repo, snapshot, *sources[i], texts, per_project, relation_columns);
  });
  AnalyticsRevision out;
  for (analytics::AnalyticsProject& project : projects) {
    out.diagnostics.insert(out.diagnostics.end(), project.diagnostics.begin(), project.diagnostics.end());
    out.projects.push_back(std::move(project));
  }
  return out;
}

std::vector<std::string> ResolveMirrors(AnalyticsRevision& analytics, const config::Config& config,
                                        const catalog::Catalog& production, const RevisionInputs& inputs,
                                        const ParsedFiles& parsed, const std::vector<InferredMirror>* given) {
  std::vector<std::string> notes;
  std::vector<analytics::Mirror> mirrors = MirrorsOf(config);
  ViewFileReads reads = ReadsOfViewFiles(analytics, inputs, parsed, production);
  if (given != nullptr) {
    analytics.inferred = *given;
  } else {
    MirrorInference inference = InferMirrors(WarehouseSchemas(analytics, reads), production, mirrors);
    analytics.inferred = std::move(inference.inferred);
    analytics.diagnostics.insert(analytics.diagnostics.end(), inference.diagnostics.begin(), inference.diagnostics.end());
    for (const InferredMirror& m : analytics.inferred) notes.push_back(InferredMirrorNote(m));
  }
  for (const InferredMirror& m : analytics.inferred) mirrors.push_back(m.mirror);
  MarkUnmappedSources(analytics, mirrors);
  BridgeViewFileReads(analytics, reads, mirrors);
  return notes;
}

namespace {

// The production table `relation` is or copies through `mirrors`, in the first of `schemas` that
// holds it; null when none does.
const catalog::Table* ProductionTable(const ir::QualifiedName& relation, const std::vector<const catalog::Catalog*>& schemas,
                                      const std::vector<analytics::Mirror>& mirrors) {
  std::optional<ir::QualifiedName> copied = analytics::ToProduction(relation, mirrors);
  for (const catalog::Catalog* schema : schemas) {
    const catalog::Table* table = relation.schema.empty() ? nullptr : schema->FindTable(relation);
    if (table == nullptr && copied) table = schema->FindTable(*copied);
    if (table != nullptr) return table;
  }
  return nullptr;
}

// The relations asked about that no schema could answer (several threads may ask at once).
struct Unanswered {
  std::mutex mutex;
  std::set<ir::QualifiedName> relations;
};

// The columns of a warehouse relation as production has them (ProductionTable); what cannot be
// answered is recorded in `unanswered`.
ColumnsOf ProductionColumns(std::vector<const catalog::Catalog*> schemas, std::vector<analytics::Mirror> mirrors,
                            std::shared_ptr<Unanswered> unanswered) {
  return [schemas = std::move(schemas), mirrors = std::move(mirrors),
          unanswered = std::move(unanswered)](const ir::QualifiedName& relation) -> std::optional<std::vector<std::string>> {
    const catalog::Table* table = ProductionTable(relation, schemas, mirrors);
    if (table == nullptr) {
      std::lock_guard<std::mutex> lock(unanswered->mutex);
      unanswered->relations.insert(relation);
      return std::nullopt;
    }
    std::vector<std::string> columns;
    for (const catalog::Column& column : table->columns) columns.push_back(column.name);
    return columns;
  };
}

}  // namespace

std::vector<std::string> ReadAnalyticsOver(AnalyticsRevision& analytics, const git::Repository& repo,
                                           const git::Snapshot& snapshot, const config::Config& config,
                                           BlobTexts& texts, const catalog::Catalog& production,
                                           const RevisionInputs& inputs, const ParsedFiles& parsed,
                                           const std::vector<InferredMirror>* given, const catalog::Catalog* base) {
  std::vector<const catalog::Catalog*> schemas = {&production};
  if (base != nullptr) schemas.insert(schemas.begin(), base);
  std::vector<analytics::Mirror> mirrors = MirrorsOf(config);
  if (given != nullptr) {
    for (const InferredMirror& m : *given) mirrors.push_back(m.mirror);
  }
  auto unanswered = std::make_shared<Unanswered>();
  analytics = ReadAnalytics(repo, snapshot, config, texts, ProductionColumns(schemas, mirrors, unanswered));
  std::vector<std::string> notes = ResolveMirrors(analytics, config, production, inputs, parsed, given);
  if (given != nullptr || analytics.inferred.empty()) return notes;
  // A relation asked about (dbt_utils.star(source(...)) with no warehouse.mirrors) that a mirror
  // inferred only from this read answers: read once more, knowing it.
  std::vector<InferredMirror> inferred = analytics.inferred;
  for (const InferredMirror& m : inferred) mirrors.push_back(m.mirror);
  if (std::none_of(unanswered->relations.begin(), unanswered->relations.end(), [&](const ir::QualifiedName& relation) {
        return ProductionTable(relation, schemas, mirrors) != nullptr;
      })) {
    return notes;
  }
  analytics = ReadAnalytics(repo, snapshot, config, texts, ProductionColumns(schemas, mirrors, unanswered));
  ResolveMirrors(analytics, config, production, inputs, parsed, &inferred);
  return notes;
}

void AddAnalyticsViews(const AnalyticsRevision& analytics, const config::Config& config,
                       const std::string& tag, RevisionInputs& inputs, ParsedFiles& parsed) {
  std::vector<analytics::Mirror> mirrors = MirrorsOf(config);
  for (const InferredMirror& m : analytics.inferred) mirrors.push_back(m.mirror);
  std::set<std::string> taken;
  for (const InputFile& view : inputs.views) taken.insert(view.path);
  for (size_t p = 0; p < analytics.projects.size(); ++p) {
    const analytics::AnalyticsProject& project = analytics.projects[p];
    // The warehouse's schemas exist there, whatever the migrations say: dbt creates them.
    std::set<std::string> schemas;
    for (const analytics::Model& model : project.models) schemas.insert(model.relation.schema);
    for (const analytics::Seed& seed : project.seeds) schemas.insert(seed.relation.schema);
    for (const analytics::Source& source : project.sources) schemas.insert(source.relation.schema);
    auto bridges = std::make_shared<ir::ParsedFile>();
    for (const std::string& schema : schemas) {
      if (!schema.empty()) bridges->ops.push_back({ir::SourceSpan{}, ir::CreateSchema{schema}});
    }
    // Seeds are tables: before every model that reads them (view files are ordered by their views).
    for (const analytics::Seed& seed : project.seeds) {
      if (seed.parsed) bridges->ops.insert(bridges->ops.end(), seed.parsed->ops.begin(), seed.parsed->ops.end());
    }
    for (ir::SchemaOp& op : analytics::MirrorViews(project, mirrors)) {
      if (const auto* view = std::get_if<ir::CreateView>(&op.op)) inputs.warehouse_copies.insert(view->view);
      bridges->ops.push_back(std::move(op));
    }
    if (!bridges->ops.empty()) {
      InputFile file{"", "warehouse:" + tag + ":" + std::to_string(p), FileKind::kSqlViews};
      parsed[InputKey(file)] = bridges;
      inputs.views.push_back(file);
    }
    for (const analytics::Model& model : project.models) {
      if (!model.parsed || !taken.insert(model.file + "\n" + model.unique_id).second) continue;
      InputFile file{model.file, "model:" + tag + ":" + model.unique_id, FileKind::kSqlViews};
      parsed[InputKey(file)] = model.parsed;
      inputs.views.push_back(file);
    }
  }
  std::stable_sort(inputs.views.begin(), inputs.views.end(),
                   [](const InputFile& a, const InputFile& b) { return a.path < b.path; });
}

void DropUnmappedSourceNoise(const AnalyticsRevision& analytics, std::vector<ir::Diagnostic>& diagnostics) {
  if (analytics.unmapped_sources.empty() && analytics.outside_files.empty()) return;
  // By typed code; the relation's name is the message's quoted one (one set lookup each, so a
  // project with thousands of sources and diagnostics stays linear).
  std::set<std::string> unmapped;
  for (const ir::QualifiedName& source : analytics.unmapped_sources) unmapped.insert(source.ToString());
  for (const ir::QualifiedName& file : analytics.outside_files) unmapped.insert(file.ToString());
  std::erase_if(diagnostics, [&](const ir::Diagnostic& d) {
    if (d.code == ir::DiagCode::kUnknownColumn && analytics.unchecked_files.count(d.span.file) != 0) return true;
    if (d.code != ir::DiagCode::kUnknownRelation || !d.message.starts_with("relation \"")) return false;
    size_t close = d.message.find("\" does not exist", 10);
    return close != std::string::npos && unmapped.count(d.message.substr(10, close - 10)) != 0;
  });
}

}  // namespace ds::engine
