// retype-column-in-use
//
// The breaking change: a migration changes the type of a column that analytics views read.
// PostgreSQL refuses ALTER COLUMN TYPE on a column a view depends on; in the warehouse, joins,
// casts, contracts and dashboards downstream start failing or silently change meaning.
//
//   ALTER TABLE orders ALTER COLUMN amount TYPE text;
//
// The safe alternative: add a column of the new type, backfill it, move the views to it, then
// drop the old column in a later release.
#include "rules/impact_summary.h"

namespace ds::rules {

void CheckRetypeColumnInUse(const RuleContext& context, FindingSink& sink) {
  for (const ChangeImpact* c : ChangesInUse(context, "retype_column")) {
    const ir::ChangeRef& change = c->change.change;
    sink.Report(FindingFor(
        *c,
        "changes the type of " + ChangedObject(change) + " from " + change.old_type + " to " +
            change.new_type + ", which " + ConsumerSummary(c->impacts, "reads", "read"),
        "add a new column of type " + change.new_type + ", backfill it and move the " + ReadersNoun(c->impacts) +
            " listed to it before dropping " + change.column));
  }
}

}  // namespace ds::rules
