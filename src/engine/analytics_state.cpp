#include "src/engine/analytics_state.h"

#include <algorithm>
#include <ctime>
#include <map>

#include "src/engine/revision_model.h"
#include "src/lineage/lineage.h"

namespace ds::engine {

namespace {

struct Defined {
  ir::QualifiedName name;
  const analytics::Model* model = nullptr;  ///< null for view files
};

// The views the analytics inputs define (not the warehouse bridges), with their models.
std::vector<Defined> DefinedViews(const RevisionSide& side, const ParsedFiles& parsed,
                                  const std::vector<std::string>& search_path) {
  std::map<std::string, const analytics::Model*> models;  // file + '\n' + view -> model
  for (const analytics::AnalyticsProject& project : side.analytics.projects) {
    for (const analytics::Model& model : project.models) {
      if (!model.parsed) continue;
      for (const ir::SchemaOp& op : model.parsed->ops) {
        if (const auto* view = std::get_if<ir::CreateView>(&op.op)) models[model.file + '\n' + view->view.ToString()] = &model;
      }
    }
  }
  std::vector<Defined> out;
  for (const InputFile& file : side.inputs.views) {
    if (file.path.empty()) continue;  // the warehouse's schemas and mirror views
    for (const ir::SchemaOp& op : parsed.at(InputKey(file))->ops) {
      const auto* view = std::get_if<ir::CreateView>(&op.op);
      if (view == nullptr) continue;
      Defined defined{view->view, nullptr};
      auto it = models.find(file.path + '\n' + view->view.ToString());
      if (it != models.end()) defined.model = it->second;
      if (!defined.name.Qualified()) defined.name.schema = search_path.empty() ? "public" : search_path.front();
      out.push_back(defined);
    }
  }
  return out;
}

std::string PublicBecause(const Defined& defined, const config::Config& config) {
  if (defined.model && defined.model->access == "public") return "access: public";
  if (defined.model && defined.model->contract_enforced) return "an enforced contract";
  for (const std::string& pattern : config.contracts_public) {
    if (config::NameMatches(pattern, defined.name.ToString())) return "contracts.public '" + pattern + "'";
  }
  return "";
}

// The select-list entry of each output column, when the outermost block lists them one by one.
std::vector<ir::SourceSpan> ColumnSpans(const catalog::View& view, size_t count) {
  std::vector<ir::SourceSpan> spans(count, view.span);
  const ir::Query* query = view.query.get();
  while (query && query->set_op != ir::SetOp::kNone) query = query->larg.get();
  if (!query || !view.source || query->targets.size() != count) return spans;
  for (const ir::ResTarget& target : query->targets) {
    if (target.expr.kind == ir::ExprKind::kStar) return spans;
  }
  for (size_t i = 0; i < count; ++i) spans[i] = view.source->SpanAt(query->targets[i].expr.offset);
  return spans;
}

// A column's type: the contract's data_type, else the type of the one table column it passes
// through unchanged (through every view).
void TypeColumns(rules::AnalyticsView& out, const Defined& defined, const catalog::Catalog& catalog,
                 lineage::LineageEngine& engine) {
  const lineage::ViewLineage* transitive = engine.TransitiveForView(defined.name);
  for (size_t i = 0; i < out.columns.size(); ++i) {
    rules::ViewColumn& column = out.columns[i];
    if (defined.model) {
      for (const analytics::ColumnContract& contract : defined.model->columns) {
        if (contract.name == column.name && !contract.data_type.empty()) {
          column.type = contract.data_type;
          column.type_from_contract = true;
        }
      }
    }
    if (column.type_from_contract || !transitive || i >= transitive->columns.size()) continue;
    const std::vector<lineage::ColumnSource>& sources = transitive->columns[i].sources;
    if (sources.size() != 1 || sources[0].transform != lineage::Transform::kIdentity || sources[0].unresolved) continue;
    if (const catalog::Table* table = catalog.FindTable(sources[0].relation)) {
      if (const catalog::Column* source = table->FindColumn(sources[0].column)) column.type = source->type;
    }
  }
}

// Every view, its columns traced only for those in `wanted` (the views public at base): the
// others only tell the rules which names and versions exist.
std::vector<rules::AnalyticsView> ViewsOf(const std::vector<Defined>& defined, const catalog::Catalog& catalog,
                                          lineage::LineageEngine& engine, const config::Config& config,
                                          const std::set<ir::QualifiedName>& wanted) {
  std::vector<rules::AnalyticsView> out;
  for (const Defined& d : defined) {
    const catalog::View* view = catalog.FindView(d.name);
    if (view == nullptr || view->gone) continue;
    const lineage::ViewLineage* traced = wanted.count(d.name) ? engine.ForView(d.name) : nullptr;
    if (wanted.count(d.name) && traced == nullptr) continue;
    rules::AnalyticsView v;
    v.name = d.name;
    v.span = view->span;
    v.public_because = PublicBecause(d, config);
    if (d.model) {
      v.model = d.model->package.empty() ? "" : d.model->name;
      v.version = d.model->version;
      v.deprecation_date = d.model->deprecation_date;
    }
    if (traced != nullptr) {
      std::vector<ir::SourceSpan> spans = ColumnSpans(*view, traced->columns.size());
      for (size_t i = 0; i < traced->columns.size(); ++i) {
        v.columns.push_back({traced->columns[i].name, "", false, spans[i]});
      }
      TypeColumns(v, d, catalog, engine);
    }
    out.push_back(std::move(v));
  }
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.name < b.name; });
  out.erase(std::unique(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.name == b.name; }),
            out.end());
  return out;
}

// Views whose definition the pull request changed: a view file whose blob differs from base, a
// model whose rendered SQL does.
std::vector<ir::QualifiedName> ChangedViews(const RevisionSide& base, const std::vector<Defined>& head_defined,
                                            const RevisionSide& head, const ParsedFiles& parsed,
                                            const std::vector<std::string>& search_path) {
  std::map<std::string, std::string> base_sql;  // model unique id -> SQL
  for (const analytics::AnalyticsProject& project : base.analytics.projects) {
    for (const analytics::Model& model : project.models) base_sql[model.unique_id] = model.sql;
  }
  std::set<std::string> base_files;
  for (const InputFile& file : base.inputs.views) base_files.insert(file.path + '\0' + file.blob_id);
  std::set<std::string> changed_files;
  for (const InputFile& file : head.inputs.views) {
    if (!file.path.empty() && !file.blob_id.starts_with("model:") && !base_files.count(file.path + '\0' + file.blob_id)) {
      changed_files.insert(file.path);
    }
  }
  std::vector<ir::QualifiedName> out;
  for (const Defined& d : head_defined) {
    bool changed = false;
    if (d.model) {
      auto it = base_sql.find(d.model->unique_id);
      changed = it == base_sql.end() || it->second != d.model->sql;
    } else {
      for (const InputFile& file : head.inputs.views) {
        if (!changed_files.count(file.path)) continue;
        for (const ir::SchemaOp& op : parsed.at(InputKey(file))->ops) {
          const auto* created = std::get_if<ir::CreateView>(&op.op);
          if (!created) continue;
          ir::QualifiedName name = created->view;
          if (!name.Qualified()) name.schema = search_path.empty() ? "public" : search_path.front();
          changed = changed || name == d.name;
        }
      }
    }
    if (changed) out.push_back(d.name);
  }
  return out;
}

bool SaysMissing(const std::string& message) {
  return (message.starts_with("column ") || message.starts_with("relation ")) &&
         message.find(" does not exist") != std::string::npos;
}

std::string DateOf(long long seconds) {
  if (seconds <= 0) return "";
  std::time_t t = static_cast<std::time_t>(seconds);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char text[16];
  std::strftime(text, sizeof(text), "%Y-%m-%d", &tm);
  return text;
}

std::vector<rules::NotNullPromise> NotNullPromises(const std::vector<Defined>& defined) {
  std::vector<rules::NotNullPromise> out;
  for (const Defined& d : defined) {
    if (d.model == nullptr) continue;
    rules::NotNullPromise promise{d.name, {}};
    for (const analytics::ColumnContract& column : d.model->columns) {
      if (column.not_null) promise.columns.push_back(column.name);
    }
    if (!promise.columns.empty()) out.push_back(std::move(promise));
  }
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.view < b.view; });
  return out;
}

}  // namespace

AnalyticsState CompareAnalytics(const RevisionSide& base, const RevisionSide& head, const ParsedFiles& parsed,
                                const config::Config& config, lineage::LineageEngine& overlay) {
  AnalyticsState state;
  state.today = DateOf(head.committed_at > 0 ? head.committed_at : base.committed_at);
  std::vector<Defined> base_defined = DefinedViews(base, parsed, config.search_path);
  std::vector<Defined> head_defined = DefinedViews(head, parsed, config.search_path);
  state.not_null_promises = NotNullPromises(head_defined);
  std::set<ir::QualifiedName> wanted;  // public at base: what the contract rules compare
  for (const Defined& d : base_defined) {
    if (!PublicBecause(d, config).empty()) wanted.insert(d.name);
  }
  if (!wanted.empty()) {
    std::vector<ir::Diagnostic> ignored;
    catalog::Catalog base_catalog = base.replayed;
    AddViewFiles(base_catalog, base.inputs, parsed, config.search_path, ignored);
    catalog::Catalog head_catalog = head.replayed;
    AddViewFiles(head_catalog, head.inputs, parsed, config.search_path, ignored);
    lineage::LineageEngine base_engine(base_catalog), head_engine(head_catalog);
    state.base_views = ViewsOf(base_defined, base_catalog, base_engine, config, wanted);
    state.head_views = ViewsOf(head_defined, head_catalog, head_engine, config, wanted);
  }

  for (const ir::QualifiedName& name : ChangedViews(base, head_defined, head, parsed, config.search_path)) {
    const lineage::ViewLineage* traced = overlay.ForView(name);
    if (traced == nullptr) continue;
    std::vector<ir::Diagnostic> diagnostics = traced->diagnostics;
    DropUnmappedSourceNoise(head.analytics, diagnostics);
    for (const ir::Diagnostic& d : diagnostics) {
      if (SaysMissing(d.message)) state.missing_references.push_back({name, d.span, d.message});
    }
  }
  std::sort(state.missing_references.begin(), state.missing_references.end(),
            [](const auto& a, const auto& b) { return std::tie(a.span, a.message) < std::tie(b.span, b.message); });
  return state;
}

}  // namespace ds::engine
