#pragma once
/// The analytics side at base and head as the contract rules see it: every view file's view and
/// every model with its output columns (names, types, lines), why it is public, its version; and
/// the reads of changed views that the schema at head cannot answer.
#include <string>
#include <vector>

#include "rules/rule.h"
#include "src/catalog/catalog.h"
#include "src/engine/analytics_side.h"
#include "src/engine/inputs.h"
#include "src/lineage/lineage.h"

namespace ds::engine {

/// One revision: its migrations replayed (no views added yet), its inputs, its analytics projects.
struct RevisionSide {
  const catalog::Catalog& replayed;
  const RevisionInputs& inputs;  ///< with the analytics views added (AddAnalyticsViews)
  const AnalyticsRevision& analytics;
  long long committed_at = 0;
};

struct AnalyticsState {
  std::vector<rules::AnalyticsView> base_views, head_views;  ///< sorted by name
  std::vector<rules::MissingReference> missing_references;   ///< by file, line, column
  std::vector<rules::NotNullPromise> not_null_promises;      ///< the head's models, sorted by view
  std::string today;  ///< YYYY-MM-DD of the head commit (the base commit's for --staged)
};

/// Adds the views to copies of both catalogs, traces them, and compares. Missing reads come from
/// `overlay` (head plus what head lost): a read of what this change's migrations drop is the
/// *-in-use rules' finding, not a missing column.
AnalyticsState CompareAnalytics(const RevisionSide& base, const RevisionSide& head, const ParsedFiles& parsed,
                                const config::Config& config, lineage::LineageEngine& overlay);

}  // namespace ds::engine
