// drop-cascades-to-view
//
// The breaking change: a DROP ... CASCADE (of a table, a view or a column) takes with it the
// views that read what it drops, as PostgreSQL does, without naming them. Each view that existed
// before the pull request and is gone after it is a finding on that statement, with whatever
// read the view.
//
//   ALTER TABLE orders DROP COLUMN amount CASCADE;   -- also drops the view revenue
//
// The safe alternative: drop the views explicitly (DROP VIEW) and re-create them on the new
// schema in the same migration; then a plain DROP, which PostgreSQL refuses while a view still
// needs the object, guards the rest.
#include "rules/impact_summary.h"

namespace ds::rules {

void CheckDropCascadesToView(const RuleContext& context, FindingSink& sink) {
  for (const ChangeImpact& c : context.changes) {
    const catalog::SchemaChange& change = c.change;
    if (change.change.kind != "drop_table" || change.dropped_by.empty()) continue;
    std::string message = "the CASCADE on " + change.dropped_by + " also drops view " +
                          change.change.table.ToString();
    if (!c.impacts.empty()) message += "; " + ConsumerSummary(c.impacts, "reads it", "read it");
    sink.Report(FindingFor(
        c, std::move(message),
        "drop " + change.change.table.ToString() + " explicitly and re-create it in this migration if it is "
        "still needed; without CASCADE PostgreSQL refuses the drop while a view depends on it"));
  }
}

}  // namespace ds::rules
