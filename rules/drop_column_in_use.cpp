// drop-column-in-use
//
// The breaking change: a migration drops a column that an analytics view reads (in its select
// list, a filter, a join, a grouping...). The next warehouse refresh fails, or PostgreSQL refuses
// the migration because a view depends on the column.
//
//   ALTER TABLE users DROP COLUMN email;
//
// The safe alternative (expand/contract): keep the column, move the views off it first (their
// owners are named in the finding), and drop it in a later release.
#include "rules/impact_summary.h"

namespace ds::rules {

void CheckDropColumnInUse(const RuleContext& context, FindingSink& sink) {
  for (const ChangeImpact* c : ChangesInUse(context, "drop_column")) {
    const ir::ChangeRef& change = c->change.change;
    sink.Report(FindingFor(
        *c, "drops column " + ChangedObject(change) + ", which " + ConsumerSummary(c->impacts, "reads", "read"),
        "keep " + change.column + " until the " + ReadersNoun(c->impacts) + " listed stop reading it (expand/contract), "
        "and tell their owners before dropping it in a later migration"));
  }
}

}  // namespace ds::rules
