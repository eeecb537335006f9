#include "src/lineage/lineage.h"

#include <algorithm>
#include <atomic>
#include <map>
#include <set>

#include "src/catalog/query_relations.h"
#include "src/ir/parallel.h"
#include "src/lineage/tracer.h"
#include "src/lineage/transitive.h"

namespace ds::lineage {

std::vector<std::string> UsageNames(uint8_t usages) {
  static constexpr std::pair<Usage, const char*> kNames[] = {
      {kSelect, "select"}, {kFilter, "filter"}, {kJoin, "join"},
      {kGroup, "group"},   {kOrder, "order"},   {kWindow, "window"}};
  // A column `*` passes through is read in the select list, as PostgreSQL records it.
  if ((usages & kStarSelect) != 0 || usages == kPassThrough) usages |= kSelect;
  std::vector<std::string> names;
  for (const auto& [bit, name] : kNames) {
    if ((usages & bit) != 0) names.emplace_back(name);
  }
  return names;
}

const char* TransformName(Transform t) {
  switch (t) {
    case Transform::kIdentity: return "identity";
    case Transform::kTransformation: return "transformation";
    case Transform::kAggregation: return "aggregation";
  }
  return "transformation";
}

const char* IndirectName(Indirect kind) {
  switch (kind) {
    case Indirect::kNone: return "direct";
    case Indirect::kConditional: return "conditional";
    case Indirect::kFilter: return "filter";
    case Indirect::kSort: return "sort";
    case Indirect::kWindow: return "window";
  }
  return "direct";
}

// Views on views deeper than this are not traced (a diagnostic each): tracing recurses through
// the views a view reads, and impact paths grow with the depth. Real projects stay far below.
constexpr size_t kMaxViewDepth = 256;

struct LineageEngine::Impl {
  explicit Impl(const catalog::Catalog& c) : catalog(c) {}

  detail::ViewLookup Lookup(const ir::QualifiedName& name) {
    if (in_progress.count(name) != 0) return {nullptr, true};
    auto it = memo.find(name);
    if (it != memo.end()) return {it->second.get(), false};
    const catalog::View* view = catalog.FindView(name);
    if (view == nullptr) return {};
    if (ViewDepth(name) > kMaxViewDepth || in_progress.size() >= kMaxViewDepth) {
      auto stub = std::make_unique<ViewLineage>(TooDeep(*view));
      const ViewLineage* result = stub.get();
      memo[name] = std::move(stub);
      return {result, false};
    }
    in_progress.insert(name);
    auto traced = std::make_unique<ViewLineage>(Trace(*view));
    in_progress.erase(name);
    const ViewLineage* result = traced.get();
    memo[name] = std::move(traced);
    return {result, false};
  }

  detail::Tracer MakeTracer(const std::vector<std::string>& search_path,
                            const ir::SourceText* source, const ir::SourceSpan& fallback) {
    return detail::Tracer(catalog, [this](const ir::QualifiedName& n) { return Lookup(n); },
                          search_path, source, fallback);
  }

  // Waves of views traced side by side: a view whose views-read are all traced depends on
  // nothing else, so wave after wave (by depth) traces on every core and reads the memo only.
  // A view that looks up anything untraced (a cycle, a name resolved unlike ViewsRead) is
  // dropped from its wave and left to Lookup, one by one: the results are the same.
  void TraceAll(const std::vector<ir::QualifiedName>& names, size_t threads) {
    // What each view reads, found side by side first (a walk of every query).
    std::vector<const catalog::View*> all;
    for (const ir::QualifiedName& name : names) {
      const catalog::View* view = catalog.FindView(name);
      if (view != nullptr && reads.count(name) == 0) all.push_back(view);
    }
    std::vector<std::vector<ir::QualifiedName>> found(all.size());
    ir::ParallelFor(all.size(), threads, [&](size_t i) { found[i] = ViewsRead(*all[i]); });
    for (size_t i = 0; i < all.size(); ++i) reads.emplace(all[i]->name, std::move(found[i]));
    std::map<size_t, std::vector<const catalog::View*>> waves;
    for (const ir::QualifiedName& name : names) {
      const catalog::View* view = catalog.FindView(name);
      if (view == nullptr || memo.count(name) != 0) continue;
      size_t view_depth = ViewDepth(name);
      if (view_depth <= kMaxViewDepth) waves[view_depth].push_back(view);
    }
    for (const auto& [wave_depth, views] : waves) {
      std::vector<const catalog::View*> ready;
      for (const catalog::View* view : views) {
        const std::vector<ir::QualifiedName>& read = Reads(*view);
        bool traced = std::all_of(read.begin(), read.end(), [&](const ir::QualifiedName& n) { return memo.count(n) != 0; });
        if (traced && memo.count(view->name) == 0) ready.push_back(view);
      }
      std::vector<std::unique_ptr<ViewLineage>> results(ready.size());
      ir::ParallelFor(ready.size(), threads, [&](size_t i) {
        bool missed = false;
        detail::ViewFn traced_only = [&](const ir::QualifiedName& n) -> detail::ViewLookup {
          auto it = memo.find(n);
          if (it != memo.end()) return {it->second.get(), false};
          missed = missed || catalog.FindView(n) != nullptr;
          return {};
        };
        ViewLineage lineage = Trace(*ready[i], traced_only);
        if (!missed) results[i] = std::make_unique<ViewLineage>(std::move(lineage));
      });
      for (size_t i = 0; i < ready.size(); ++i) {
        if (results[i]) memo[ready[i]->name] = std::move(results[i]);
      }
    }
  }

  ViewLineage Trace(const catalog::View& view) {
    return Trace(view, [this](const ir::QualifiedName& n) { return Lookup(n); });
  }

  ViewLineage Trace(const catalog::View& view, const detail::ViewFn& lookup) {
    detail::Tracer tracer(catalog, lookup, view.search_path, view.source.get(), view.span);
    std::vector<detail::SourceColumn> outputs;
    if (view.query) outputs = tracer.TraceQuery(*view.query, nullptr, kSelect);
    bool open = view.query && tracer.last_open();
    for (size_t i = 0; i < view.column_names.size() && i < outputs.size(); ++i) {
      outputs[i].name = view.column_names[i];
    }
    if (view.column_names.size() > outputs.size() && view.query) {
      tracer.Diagnose(view.query->offset, "CREATE VIEW specifies more column names than columns",
                      ir::DiagCode::kMigrationRefused);
    }
    // A view's columns need distinct names (a query's need not): PostgreSQL refuses the view.
    std::set<std::string> names;
    for (const detail::SourceColumn& output : outputs) {
      if (!names.insert(output.name).second && view.query) {
        tracer.Diagnose(view.query->offset,
                        "column \"" + output.name + "\" specified more than once", ir::DiagCode::kMigrationRefused);
      }
    }
    ViewLineage lineage;
    lineage.view = view.name;
    lineage.span = view.span;
    lineage.materialized = view.materialized;
    lineage.partial = view.query && view.query->salvaged;
    lineage.open = open;
    lineage.rebinds_star = view.rebinds_star;
    for (detail::SourceColumn& output : outputs) {
      OutputColumn column{output.name, {}, {}};
      for (const ColumnSource& leaf : output.leaves) {
        (leaf.indirect == Indirect::kNone ? column.sources : column.indirect).push_back(leaf);
      }
      lineage.columns.push_back(std::move(column));
    }
    for (const auto& [key, usages] : tracer.references()) {
      // Read only by a CTE's or derived table's select list that nothing reads further.
      uint8_t bits = usages == 0 ? static_cast<uint8_t>(kSelect) : usages;
      const auto& [relation, column, unresolved] = key;
      lineage.references.push_back({relation, column, bits, unresolved});
    }
    blocks_traced += tracer.blocks_traced();
    lineage.relations.assign(tracer.relations().begin(), tracer.relations().end());
    for (const auto& [key, usages] : tracer.literals()) {
      const auto& [relation, column, value] = key;
      lineage.literals.push_back({relation, column, value, usages == 0 ? static_cast<uint8_t>(kSelect) : usages});
    }
    std::vector<ir::Diagnostic>& diagnostics = tracer.diagnostics();
    std::sort(diagnostics.begin(), diagnostics.end());
    diagnostics.erase(std::unique(diagnostics.begin(), diagnostics.end()), diagnostics.end());
    lineage.diagnostics = std::move(diagnostics);
    return lineage;
  }

  // The views a view names, resolved as the tracer would (a table first in the search path
  // hides a view of the same name further on).
  std::vector<ir::QualifiedName> ViewsRead(const catalog::View& view) const {
    std::vector<ir::QualifiedName> out;
    if (!view.query) return out;
    for (const ir::QualifiedName& named : catalog::RelationsNamedBy(*view.query)) {
      std::vector<ir::QualifiedName> candidates;
      if (named.Qualified()) candidates.push_back(named);
      for (const std::string& schema : view.search_path) {
        if (!named.Qualified()) candidates.push_back({schema, named.name});
      }
      for (const ir::QualifiedName& candidate : candidates) {
        if (catalog.FindTable(candidate) != nullptr) break;
        if (catalog.FindView(candidate) != nullptr) {
          out.push_back(candidate);
          break;
        }
      }
    }
    return out;
  }

  // ViewsRead, memoised.
  const std::vector<ir::QualifiedName>& Reads(const catalog::View& view) {
    auto it = reads.find(view.name);
    if (it == reads.end()) it = reads.emplace(view.name, ViewsRead(view)).first;
    return it->second;
  }

  // How many views deep a view is built (1: on tables only), with an explicit stack so that the
  // depth of a hostile chain is known before anything recurses into it. Cycles count as shallow:
  // the tracer reports them.
  size_t ViewDepth(const ir::QualifiedName& root) {
    if (auto known = depth.find(root); known != depth.end()) return known->second;
    struct Frame {
      ir::QualifiedName name;
      std::vector<ir::QualifiedName> reads;
      size_t next = 0;
      size_t deepest = 0;
    };
    std::vector<Frame> stack;
    std::set<ir::QualifiedName> open;
    auto push = [&](const ir::QualifiedName& name) {
      const catalog::View* view = catalog.FindView(name);
      stack.push_back({name, view ? Reads(*view) : std::vector<ir::QualifiedName>{}});
      open.insert(name);
    };
    push(root);
    while (!stack.empty()) {
      Frame& frame = stack.back();
      if (frame.next < frame.reads.size()) {
        ir::QualifiedName read = frame.reads[frame.next++];
        if (auto known = depth.find(read); known != depth.end()) {
          frame.deepest = std::max(frame.deepest, known->second);
        } else if (open.count(read) == 0) {
          push(read);
        }
        continue;
      }
      size_t frame_depth = frame.deepest + 1;
      depth[frame.name] = frame_depth;
      open.erase(frame.name);
      stack.pop_back();
      if (!stack.empty()) stack.back().deepest = std::max(stack.back().deepest, frame_depth);
    }
    return depth[root];
  }

  static ViewLineage TooDeep(const catalog::View& view) {
    ViewLineage lineage;
    lineage.view = view.name;
    lineage.span = view.span;
    lineage.materialized = view.materialized;
    lineage.diagnostics.push_back(
        {ir::Severity::kWarning, view.span,
         "view " + view.name.ToString() + " is built on views nested more than " +
             std::to_string(kMaxViewDepth) + " deep: its lineage is not traced",
         ir::DiagCode::kLimitExceeded});
    return lineage;
  }

  const ViewLineage* Transitive(const ir::QualifiedName& name) {
    auto it = transitive_memo.find(name);
    if (it != transitive_memo.end()) return it->second.get();
    if (transitive_in_progress.count(name) != 0) return nullptr;
    const ViewLineage* direct = Lookup(name).lineage;
    if (direct == nullptr) return nullptr;
    transitive_in_progress.insert(name);
    auto resolved = std::make_unique<ViewLineage>(detail::ResolveTransitive(
        *direct, [this](const ir::QualifiedName& n) { return Transitive(n); }));
    transitive_in_progress.erase(name);
    const ViewLineage* result = resolved.get();
    transitive_memo[name] = std::move(resolved);
    return result;
  }

  const catalog::Catalog& catalog;
  std::map<ir::QualifiedName, std::unique_ptr<ViewLineage>> memo;
  std::set<ir::QualifiedName> in_progress;
  std::map<ir::QualifiedName, std::unique_ptr<ViewLineage>> transitive_memo;
  std::set<ir::QualifiedName> transitive_in_progress;
  std::map<ir::QualifiedName, size_t> depth;  ///< ViewDepth, memoised
  std::map<ir::QualifiedName, std::vector<ir::QualifiedName>> reads;  ///< ViewsRead, memoised
  std::atomic<size_t> blocks_traced{0};
};

LineageEngine::LineageEngine(const catalog::Catalog& catalog)
    : impl_(std::make_unique<Impl>(catalog)) {}

LineageEngine::~LineageEngine() = default;

const ViewLineage* LineageEngine::ForView(const ir::QualifiedName& view) {
  return impl_->Lookup(view).lineage;
}

std::vector<ir::ColumnDef> LineageEngine::QueryShape(const ir::Query& query,
                                                     const std::vector<std::string>& search_path) {
  detail::Tracer tracer = impl_->MakeTracer(search_path, nullptr, {});
  std::vector<ir::ColumnDef> shape;
  std::vector<detail::SourceColumn> outputs = tracer.TraceQuery(query, nullptr, kSelect);
  impl_->blocks_traced += tracer.blocks_traced();
  for (const detail::SourceColumn& output : outputs) {
    ir::ColumnDef column;
    column.name = output.name;
    // A column passed through unchanged keeps its table column's type; others stay unknown.
    if (output.leaves.size() == 1 && output.leaves.begin()->transform == Transform::kIdentity &&
        output.leaves.begin()->indirect == Indirect::kNone && !output.leaves.begin()->unresolved) {
      const ColumnSource& leaf = *output.leaves.begin();
      if (const catalog::Table* table = impl_->catalog.FindTable(leaf.relation)) {
        if (const catalog::Column* source = table->FindColumn(leaf.column)) column.type = source->type;
      }
    }
    shape.push_back(std::move(column));
  }
  return shape;
}

void LineageEngine::Provide(ViewLineage lineage) {
  ir::QualifiedName name = lineage.view;
  impl_->memo[name] = std::make_unique<ViewLineage>(std::move(lineage));
}

const ViewLineage* LineageEngine::TransitiveForView(const ir::QualifiedName& view) {
  return impl_->Transitive(view);
}

size_t LineageEngine::blocks_traced() const { return impl_->blocks_traced; }

void LineageEngine::TraceAll(const std::vector<ir::QualifiedName>& views, size_t threads) {
  impl_->TraceAll(views, threads);
}

}  // namespace ds::lineage
