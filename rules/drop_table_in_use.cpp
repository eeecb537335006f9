// drop-table-in-use
//
// The breaking change: a migration drops a table (or a view) that analytics views read. Every
// view on it fails; with CASCADE, PostgreSQL silently drops them too.
//
//   DROP TABLE legacy_orders CASCADE;
//
// The safe alternative: move the views to the replacement first, then drop the table in a later
// release; or keep a compatibility view under the old name.
#include "rules/impact_summary.h"

namespace ds::rules {

void CheckDropTableInUse(const RuleContext& context, FindingSink& sink) {
  for (const ChangeImpact* c : ChangesInUse(context, "drop_table")) {
    if (!c->change.dropped_by.empty()) continue;  // a view dropped by CASCADE: drop-cascades-to-view
    sink.Report(FindingFor(
        *c, "drops " + ChangedObject(c->change.change) + ", which " + ConsumerSummary(c->impacts, "reads", "read"),
        "move the " + ReadersNoun(c->impacts) + " listed off this table first, or keep a view under the old name until "
        "they have moved"));
  }
}

}  // namespace ds::rules
