#include "src/engine/revision_model.h"

#include <memory>
#include <set>

#include "parsers/migrations/framework_history.h"

#include "src/engine/view_order.h"
#include "src/lineage/lineage.h"

namespace ds::engine {

namespace {

// CREATE TABLE AS needs a query's output columns: lineage knows them; the catalog gets a hook.
void InstallQueryShape(catalog::Catalog& catalog) {
  catalog.SetQueryShape([](const ir::Query& query, const catalog::Catalog& at,
                           const std::vector<std::string>& search_path) {
    lineage::LineageEngine engine(at);
    return engine.QueryShape(query, search_path);
  });
}

// DROP COLUMN needs the columns each view of the migrations reads, as PostgreSQL binds them at
// CREATE VIEW. Only for migrations: view files come after them, and nothing drops under them.
void InstallViewReads(catalog::Catalog& catalog) {
  // One engine while views are only added (a file of many views on views stays linear); a new
  // one after any other op, since its memoised lineage would be stale.
  struct Cache {
    const catalog::Catalog* at = nullptr;
    uint64_t generation = 0;
    std::unique_ptr<lineage::LineageEngine> engine;
  };
  auto cache = std::make_shared<Cache>();
  catalog.SetViewReads([cache](const catalog::Catalog& at, const ir::QualifiedName& view) {
    std::vector<std::pair<ir::QualifiedName, std::string>> reads;
    if (!cache->engine || cache->at != &at || cache->generation + 1 != at.generation()) {
      cache->engine = std::make_unique<lineage::LineageEngine>(at);
      cache->at = &at;
    }
    cache->generation = at.generation();
    lineage::LineageEngine& engine = *cache->engine;
    if (const lineage::ViewLineage* traced = engine.ForView(view)) {
      for (const lineage::Reference& ref : traced->references) {
        if (!ref.unresolved) reads.emplace_back(ref.relation, ref.column);
      }
    }
    return reads;
  });
}

void ApplyFile(catalog::Catalog& catalog, const ir::ParsedFile& file,
               const std::vector<std::string>* search_path, std::vector<ir::Diagnostic>& diagnostics) {
  catalog.BeginFile();
  if (search_path && file.source) {
    catalog.Apply({ir::SourceSpan{file.source->file(), 0, 0}, ir::SetSearchPath{*search_path}},
                  diagnostics);
  }
  for (const ir::SchemaOp& op : file.ops) catalog.Apply(op, diagnostics);
}

// The schema a view file creates its relation in.
const std::string* CreatedSchema(const ir::SchemaOp& op) {
  if (const auto* view = std::get_if<ir::CreateView>(&op.op)) return &view->view.schema;
  if (const auto* table = std::get_if<ir::CreateTable>(&op.op)) return &table->table.schema;
  return nullptr;
}

// View files, models and lea files define relations in the warehouse, whose schemas are not the
// application's to create: a schema they name exists. (Migrations still replay exactly.)
void CreateWarehouseSchemas(catalog::Catalog& catalog, const ir::ParsedFile& file,
                            std::vector<ir::Diagnostic>& diagnostics) {
  for (const ir::SchemaOp& op : file.ops) {
    const std::string* schema = CreatedSchema(op);
    if (schema && !schema->empty() && catalog.schemas().count(*schema) == 0) {
      catalog.Apply({op.span, ir::CreateSchema{*schema}}, diagnostics);
    }
  }
}

parsers::Framework FrameworkOf(FileKind kind) {
  return kind == FileKind::kAlembic  ? parsers::Framework::kAlembic
         : kind == FileKind::kDjango ? parsers::Framework::kDjango
                                     : parsers::Framework::kRails;
}

// A framework's files, all sources together (Django apps depend on each other; Alembic may have
// several version folders), replayed in the order the framework's history gives.
void ReplayFramework(catalog::Catalog& catalog, FileKind kind, const RevisionInputs& inputs,
                     const ParsedFiles& parsed, std::vector<ir::Diagnostic>& diagnostics) {
  std::vector<parsers::HistoryFile> files;
  for (const InputFile& file : inputs.migrations) {
    if (file.kind == kind) files.push_back({file.path, parsed.at(InputKey(file)).get()});
  }
  for (const InputFile& file : inputs.context) {  // read by the frontend, no step of the history
    auto found = parsed.find(InputKey(file));
    if (file.kind == kind && found != parsed.end()) files.push_back({file.path, found->second.get()});
  }
  for (const parsers::ReplayStep& step : parsers::OrderHistory(FrameworkOf(kind), files, diagnostics)) {
    catalog.BeginFile();
    for (const ir::SchemaOp& op : step.ops) catalog.Apply(op, diagnostics);
  }
}

}  // namespace

catalog::Catalog ReplayMigrations(const RevisionInputs& inputs, const ParsedFiles& parsed,
                                  std::vector<ir::Diagnostic>& diagnostics) {
  catalog::Catalog catalog;
  InstallQueryShape(catalog);
  InstallViewReads(catalog);
  std::set<FileKind> replayed;
  for (const InputFile& file : inputs.migrations) {
    if (file.kind == FileKind::kSqlMigration || file.kind == FileKind::kSqlViews) {
      ApplyFile(catalog, *parsed.at(InputKey(file)), nullptr, diagnostics);
    } else if (replayed.insert(file.kind).second) {
      // Ordering needs every file of the framework parsed: it happens here, after ParseAll.
      ReplayFramework(catalog, file.kind, inputs, parsed, diagnostics);
    }
  }
  catalog.SetViewReads(nullptr);  // view files and overlays copy the catalog: not theirs
  catalog.MarkMigrationsReplayed();
  return catalog;
}

void AddViewFiles(catalog::Catalog& catalog, const RevisionInputs& inputs,
                  const ParsedFiles& parsed, const std::vector<std::string>& search_path,
                  std::vector<ir::Diagnostic>& diagnostics) {
  InstallQueryShape(catalog);
  for (const InputFile& file : DependencyOrder(inputs.views, parsed, search_path)) {
    const ir::ParsedFile& view_file = *parsed.at(InputKey(file));
    CreateWarehouseSchemas(catalog, view_file, diagnostics);
    ApplyFile(catalog, view_file, &search_path, diagnostics);
  }
}

void CollectParseDiagnostics(const RevisionInputs& inputs, const ParsedFiles& parsed,
                             std::vector<ir::Diagnostic>& diagnostics) {
  for (const auto* files : {&inputs.migrations, &inputs.views}) {
    for (const InputFile& file : *files) {
      const auto& found = parsed.at(InputKey(file))->diagnostics;
      diagnostics.insert(diagnostics.end(), found.begin(), found.end());
    }
  }
}

}  // namespace ds::engine
