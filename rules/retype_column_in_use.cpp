// retype-column-in-use
//
// The breaking change: a migration changes the type of a column that analytics views read.
// PostgreSQL refuses ALTER COLUMN TYPE on a column a view depends on; in the warehouse, joins,
// casts, contracts and dashboards downstream start failing or silently change meaning.
//
//   ALTER TABLE orders ALTER COLUMN amount TYPE text;
//
// A widening (varchar(100) -> varchar(200), integer -> bigint, numeric(10,2) -> numeric(12,2):
// ir::CompareTypes) is a warning when every consumer is in the warehouse, whose copy follows the
// wider type; it stays an error where a PostgreSQL view reads the column (the ALTER is refused).
//
// The safe alternative: add a column of the new type, backfill it, move the views to it, then
// drop the old column in a later release.
#include <algorithm>

#include "rules/impact_summary.h"
#include "src/ir/type_compat.h"

namespace ds::rules {

void CheckRetypeColumnInUse(const RuleContext& context, FindingSink& sink) {
  for (const ChangeImpact* c : ChangesInUse(context, "retype_column")) {
    const ir::ChangeRef& change = c->change.change;
    bool widening = ir::CompareTypes(change.old_type, change.new_type) == ir::TypeChange::kWidening;
    bool refused = std::any_of(c->impacts.begin(), c->impacts.end(), [](const ir::Impact& i) { return i.binds_types; });
    std::string readers = ConsumerSummary(c->impacts, "reads", "read");
    if (widening && !refused) {
      sink.Report(FindingFor(*c,
                             "widens the type of " + ChangedObject(change) + " from " + change.old_type + " to " +
                                 change.new_type + ", which " + readers +
                                 "; the warehouse's copy follows it, but contracts, casts and fixed-width "
                                 "consumers of it may not",
                             "check that the " + ReadersNoun(c->impacts) +
                                 " listed accept the wider type (a contract's data_type, a cast), then acknowledge"),
                  ir::Severity::kWarning);
      continue;
    }
    sink.Report(FindingFor(
        *c,
        "changes the type of " + ChangedObject(change) + " from " + change.old_type + " to " + change.new_type +
            ", which " + readers + (widening ? " (a widening, but PostgreSQL views refuse it while they read the column)" : ""),
        "add a new column of type " + change.new_type + ", backfill it and move the " + ReadersNoun(c->impacts) +
            " listed to it before dropping " + change.column));
  }
}

}  // namespace ds::rules
