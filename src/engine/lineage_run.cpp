#include "src/engine/lineage_run.h"

#include <algorithm>
#include <deque>
#include <set>

#include "src/engine/coverage.h"
#include "src/engine/inputs.h"
#include "src/engine/phase_timer.h"
#include "src/engine/revision.h"
#include "src/ir/parallel.h"
#include "src/ir/suggest.h"
#include "src/lineage/lineage.h"

namespace ds::engine {

namespace {

std::vector<ir::QualifiedName> LiveViews(const catalog::Catalog& catalog) {
  std::vector<ir::QualifiedName> views;
  for (const auto& [name, view] : catalog.views()) {
    if (!view.gone) views.push_back(name);
  }
  return views;
}

// --view NAME: "schema.name", or a bare name that only one schema has.
Result<ir::QualifiedName> FindView(const catalog::Catalog& catalog, const std::string& text) {
  ir::QualifiedName wanted = ir::ParseQualifiedName(text);
  std::vector<ir::QualifiedName> matches;
  for (const ir::QualifiedName& name : LiveViews(catalog)) {
    if (name.name == wanted.name && (!wanted.Qualified() || name.schema == wanted.schema)) {
      matches.push_back(name);
    }
  }
  if (matches.size() == 1) return matches[0];
  if (matches.size() > 1) {
    std::string names;
    for (const ir::QualifiedName& name : matches) names += (names.empty() ? "" : ", ") + name.ToString();
    return Error{"view name \"" + text + "\" is ambiguous: " + names + "; qualify it with its schema"};
  }
  std::string message = "no view named \"" + text + "\"";
  std::string best;
  size_t best_distance = text.size() / 2 + 1;
  for (const ir::QualifiedName& name : LiveViews(catalog)) {
    std::string candidate = wanted.Qualified() ? name.ToString() : name.name;
    size_t distance = ir::EditDistance(wanted.ToString(), candidate);
    if (distance < best_distance) {
      best = name.ToString();
      best_distance = distance;
    }
  }
  if (!best.empty()) message += "; did you mean \"" + best + "\"?";
  return Error{message};
}

// The view and every view it reads, directly or through others.
std::set<ir::QualifiedName> WithUpstream(const ir::QualifiedName& root,
                                         const catalog::Catalog& catalog,
                                         lineage::LineageEngine& engine) {
  std::set<ir::QualifiedName> seen{root};
  std::deque<ir::QualifiedName> queue{root};
  while (!queue.empty()) {
    const lineage::ViewLineage* traced = engine.ForView(queue.front());
    queue.pop_front();
    if (traced == nullptr) continue;
    for (const ir::QualifiedName& relation : traced->relations) {
      const catalog::View* view = catalog.FindView(relation);
      if (view != nullptr && !view->gone && seen.insert(relation).second) queue.push_back(relation);
    }
  }
  return seen;
}

report::LineageInput Input(const lineage::ColumnSource& source) {
  report::LineageInput input;
  input.table = source.relation.ToString();
  input.column = source.column;
  input.kind = source.indirect == lineage::Indirect::kNone ? lineage::TransformName(source.transform)
                                                           : lineage::IndirectName(source.indirect);
  input.unresolved = source.unresolved;
  return input;
}

report::LineageView ViewOf(const lineage::ViewLineage& traced) {
  report::LineageView view;
  view.name = traced.view.ToString();
  view.span = traced.span;
  view.materialized = traced.materialized;
  view.partial = traced.partial;
  for (const lineage::OutputColumn& column : traced.columns) {
    report::LineageColumn out{column.name, {}, {}};
    for (const lineage::ColumnSource& source : column.sources) out.sources.push_back(Input(source));
    for (const lineage::ColumnSource& source : column.indirect) out.indirect.push_back(Input(source));
    view.columns.push_back(std::move(out));
  }
  for (const lineage::Reference& ref : traced.references) {
    view.references.push_back(
        {ref.relation.ToString(), ref.column, lineage::UsageNames(ref.usages), ref.unresolved});
  }
  for (const ir::QualifiedName& relation : traced.relations) view.relations.push_back(relation.ToString());
  return view;
}

}  // namespace

Result<LineageRun> RunLineage(const LineageOptions& options) {
  Result<RevisionRun> loaded = LoadRevision(options.repo_dir, options.rev, options.config_file, true);
  if (!loaded.ok()) return loaded.error();
  auto revision = std::make_shared<RevisionRun>(std::move(*loaded));
  catalog::Catalog& catalog = revision->catalog;
  auto engine_owner = std::make_shared<lineage::LineageEngine>(catalog);
  lineage::LineageEngine& engine = *engine_owner;
  AddImportedViews(revision->imported, revision->config, catalog, engine);

  std::vector<ir::QualifiedName> selected = LiveViews(catalog);
  bool narrowed = !options.view.empty();
  if (narrowed) {
    Result<ir::QualifiedName> root = FindView(catalog, options.view);
    if (!root.ok()) return root.error();
    std::set<ir::QualifiedName> upstream = WithUpstream(*root, catalog, engine);
    selected.assign(upstream.begin(), upstream.end());
  }

  PhaseTimer timer;
  LineageRun run;
  run.notes = std::move(revision->notes);
  run.report.rev = revision->sha;
  run.report.transitive = options.transitive;
  std::set<std::string> files;
  std::vector<ir::Diagnostic>& diagnostics = run.report.diagnostics;
  engine.TraceAll(selected, ThreadCount());
  std::vector<const lineage::ViewLineage*> traced_views;
  for (const ir::QualifiedName& name : selected) {
    const lineage::ViewLineage* traced =
        options.transitive ? engine.TransitiveForView(name) : engine.ForView(name);
    if (traced != nullptr) traced_views.push_back(traced);
  }
  run.report.views.resize(traced_views.size());
  ir::ParallelFor(traced_views.size(), ThreadCount(), [&](size_t i) { run.report.views[i] = ViewOf(*traced_views[i]); });
  for (const lineage::ViewLineage* traced : traced_views) {
    files.insert(traced->span.file);
    diagnostics.insert(diagnostics.end(), traced->diagnostics.begin(), traced->diagnostics.end());
  }
  timer.Mark("trace lineage");
  DropUnmappedSourceNoise(revision->analytics, diagnostics);
  // Parse and replay diagnostics: all of them, or those of the chosen views' files.
  for (const ir::Diagnostic& diagnostic : revision->diagnostics) {
    if (!narrowed || files.count(diagnostic.span.file) != 0) diagnostics.push_back(diagnostic);
  }
  std::sort(diagnostics.begin(), diagnostics.end(),
            [](const ir::Diagnostic& a, const ir::Diagnostic& b) {
              return std::tie(a.span, a.message, a.severity) < std::tie(b.span, b.message, b.severity);
            });
  diagnostics.erase(std::unique(diagnostics.begin(), diagnostics.end()), diagnostics.end());
  // Coverage is the whole revision's, whichever views are shown.
  std::vector<ir::Diagnostic> everything = revision->diagnostics;
  for (const ir::QualifiedName& name : LiveViews(catalog)) {
    if (const lineage::ViewLineage* traced = engine.ForView(name)) {
      everything.insert(everything.end(), traced->diagnostics.begin(), traced->diagnostics.end());
    }
  }
  DropUnmappedSourceNoise(revision->analytics, everything);
  run.report.coverage = MeasureCoverage({revision->inputs, revision->analytics, catalog, engine, everything});
  timer.Mark("measure coverage");
  run.sources = {engine_owner, revision};
  return run;
}

}  // namespace ds::engine
