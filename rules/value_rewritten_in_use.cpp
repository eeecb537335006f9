// value-rewritten-in-use
//
// The quiet break: a data migration rewrites a column's values (`UPDATE orders SET status =
// 'settled' WHERE status = 'paid'`, also inside Alembic `op.execute` and Rails `execute`) and a
// view compares the column with the old value as a constant. Nothing fails: the view matches no
// row any more.
//
//   UPDATE orders SET status = 'settled' WHERE status = 'paid';
//   -- analytics.revenue: SELECT sum(amount) FROM orders WHERE status = 'paid'
//
// Only rewrites written with constants are seen (SET c = 'new' WHERE c = 'old' or c IN (...)).
#include "rules/impact_summary.h"

namespace ds::rules {

void CheckValueRewrittenInUse(const RuleContext& context, FindingSink& sink) {
  for (const ChangeImpact* c : ChangesInUse(context, "rewrite_values")) {
    const ir::ChangeRef& change = c->change.change;
    std::string becomes = change.new_value.empty() ? "" : " to '" + change.new_value + "'";
    sink.Report(FindingFor(
        *c,
        "rewrites '" + change.value + "'" + becomes + " in " + ChangedObject(change) + ", but " +
            ConsumerSummary(c->impacts, "compares it with '" + change.value + "'",
                            "compare it with '" + change.value + "'") +
            "; no row matches it once the migration ran",
        "have the " + ReadersNoun(c->impacts) + " listed compare with the new value (or both) before the data "
            "migration runs"));
  }
}

}  // namespace ds::rules
