// nullability-loosened-in-use
//
// The quiet break: a migration lets a column hold NULL (DROP NOT NULL, Rails `null: true`,
// Django `null=True`) that views join on or group by. Nothing fails; an inner join starts
// dropping the rows whose key is now NULL, and a GROUP BY gains a NULL group that dashboards
// count as a category of its own.
//
//   ALTER TABLE orders ALTER COLUMN customer_id DROP NOT NULL;
//
// Reading the column in a select list or comparing it in a filter is not reported: NULL does not
// change which rows those keep.
#include <algorithm>

#include "rules/impact_summary.h"

namespace ds::rules {

namespace {

bool JoinsOrGroups(const ir::Impact& impact) {
  return impact.via.name.empty() && std::any_of(impact.usages.begin(), impact.usages.end(), [](const std::string& u) {
           return u == "join" || u == "group";
         });
}

}  // namespace

void CheckNullabilityLoosenedInUse(const RuleContext& context, FindingSink& sink) {
  for (const ChangeImpact* c : ChangesInUse(context, "drop_not_null")) {
    ChangeImpact keyed = *c;
    std::erase_if(keyed.impacts, [](const ir::Impact& impact) { return !JoinsOrGroups(impact); });
    if (keyed.impacts.empty()) continue;
    const ir::ChangeRef& change = c->change.change;
    sink.Report(FindingFor(
        keyed,
        "lets " + ChangedObject(change) + " be NULL, which " +
            ConsumerSummary(keyed.impacts, "joins on or groups by", "join on or group by") +
            "; rows whose key is NULL leave inner joins and form a group of their own",
        "keep the column NOT NULL, or have the " + ReadersNoun(keyed.impacts) +
            " listed say what a NULL " + change.column + " means (COALESCE, an explicit filter) before it appears"));
  }
}

}  // namespace ds::rules
