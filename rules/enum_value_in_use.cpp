// enum-value-in-use
//
// The quiet break: a migration renames an enum label (ALTER TYPE ... RENAME VALUE, Rails
// `rename_enum_value`) or re-creates the type without it, and a view compares the column with
// the old label as a constant. Nothing fails: `WHERE status = 'paid'` matches no row any more, a
// CASE maps every order to its ELSE, and the dashboard shows zero revenue.
//
//   ALTER TYPE order_status RENAME VALUE 'paid' TO 'settled';
//   -- analytics.revenue: SELECT sum(amount) FROM orders WHERE status = 'paid'
//
// Views that read the column without comparing it with the label are not reported; columns
// carrying the values unchanged (copies, views selecting the column) are followed.
#include "rules/impact_summary.h"

namespace ds::rules {

void CheckEnumValueInUse(const RuleContext& context, FindingSink& sink) {
  for (std::string_view kind : {"rename_enum_value", "drop_enum_value"}) {
    for (const ChangeImpact* c : ChangesInUse(context, kind)) {
      const ir::ChangeRef& change = c->change.change;
      bool renamed = kind == "rename_enum_value";
      std::string what = (renamed ? "renames label '" : "removes label '") + change.value + "' of enum " +
                         change.old_type + (renamed ? " to '" + change.new_value + "'" : "");
      std::string compares = " " + ChangedObject(change) + " with '" + change.value + "'";
      sink.Report(FindingFor(
          *c,
          what + ", but " + ConsumerSummary(c->impacts, "compares" + compares, "compare" + compares) +
              "; no row matches it from now on",
          renamed ? "add '" + change.new_value + "' beside '" + change.value + "' (ALTER TYPE ... ADD VALUE) until the " +
                        ReadersNoun(c->impacts) + " listed compare with it, then retire the old label"
                  : "keep the label until the " + ReadersNoun(c->impacts) + " listed stop comparing with it"));
    }
  }
}

}  // namespace ds::rules
