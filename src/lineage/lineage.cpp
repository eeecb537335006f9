#include "src/lineage/lineage.h"

#include <algorithm>
#include <set>

#include "src/lineage/tracer.h"

namespace ds::lineage {

std::vector<std::string> UsageNames(uint8_t usages) {
  static constexpr std::pair<Usage, const char*> kNames[] = {
      {kSelect, "select"}, {kFilter, "filter"}, {kJoin, "join"},
      {kGroup, "group"},   {kOrder, "order"},   {kWindow, "window"}};
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

struct LineageEngine::Impl {
  explicit Impl(const catalog::Catalog& c) : catalog(c) {}

  detail::ViewLookup Lookup(const ir::QualifiedName& name) {
    if (in_progress.count(name) != 0) return {nullptr, true};
    auto it = memo.find(name);
    if (it != memo.end()) return {it->second.get(), false};
    const catalog::View* view = catalog.FindView(name);
    if (view == nullptr) return {};
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

  ViewLineage Trace(const catalog::View& view) {
    detail::Tracer tracer = MakeTracer(view.search_path, view.source.get(), view.span);
    std::vector<detail::SourceColumn> outputs;
    if (view.query) outputs = tracer.TraceQuery(*view.query, nullptr, kSelect);
    for (size_t i = 0; i < view.column_names.size() && i < outputs.size(); ++i) {
      outputs[i].name = view.column_names[i];
    }
    ViewLineage lineage;
    lineage.view = view.name;
    lineage.span = view.span;
    for (detail::SourceColumn& output : outputs) {
      lineage.columns.push_back(
          {output.name, std::vector<ColumnSource>(output.leaves.begin(), output.leaves.end())});
    }
    for (const auto& [key, usages] : tracer.references()) {
      // Read only by a CTE's or derived table's select list that nothing reads further.
      uint8_t bits = usages == 0 ? static_cast<uint8_t>(kSelect) : usages;
      lineage.references.push_back({key.first, key.second, bits});
    }
    lineage.relations.assign(tracer.relations().begin(), tracer.relations().end());
    std::vector<ir::Diagnostic>& diagnostics = tracer.diagnostics();
    std::sort(diagnostics.begin(), diagnostics.end());
    diagnostics.erase(std::unique(diagnostics.begin(), diagnostics.end()), diagnostics.end());
    lineage.diagnostics = std::move(diagnostics);
    return lineage;
  }

  const catalog::Catalog& catalog;
  std::map<ir::QualifiedName, std::unique_ptr<ViewLineage>> memo;
  std::set<ir::QualifiedName> in_progress;
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
  for (const detail::SourceColumn& output : tracer.TraceQuery(query, nullptr, kSelect)) {
    ir::ColumnDef column;
    column.name = output.name;
    // A column passed through unchanged keeps its table column's type; others stay unknown.
    if (output.leaves.size() == 1 && output.leaves.begin()->transform == Transform::kIdentity) {
      const ColumnSource& leaf = *output.leaves.begin();
      if (const catalog::Table* table = impl_->catalog.FindTable(leaf.relation)) {
        if (const catalog::Column* source = table->FindColumn(leaf.column)) column.type = source->type;
      }
    }
    shape.push_back(std::move(column));
  }
  return shape;
}

}  // namespace ds::lineage
