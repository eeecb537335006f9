// nullability-loosened-in-use
//
// The quiet break: a migration lets a column hold NULL (DROP NOT NULL, Rails `null: true`,
// Django `null=True`) that views join on or group by. Nothing fails; an inner join starts
// dropping the rows whose key is now NULL, and a GROUP BY gains a NULL group that dashboards
// count as a category of its own. Or a model's properties promise the column derived from it is
// never NULL (a dbt contract's not_null constraint, a not_null data test): the next build fails.
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

// The columns of `impact` derived from the change that its model declares never NULL.
std::vector<std::string> PromisedNotNull(const ir::Impact& impact, const RuleContext& context) {
  auto view = std::lower_bound(context.not_null_promises.begin(), context.not_null_promises.end(), impact.view,
                               [](const NotNullPromise& p, const ir::QualifiedName& name) { return p.view < name; });
  std::vector<std::string> promised;
  if (view == context.not_null_promises.end() || view->view != impact.view) return promised;
  for (const std::string& column : impact.columns) {
    if (std::find(view->columns.begin(), view->columns.end(), column) != view->columns.end()) {
      promised.push_back(column);
    }
  }
  return promised;
}

}  // namespace

void CheckNullabilityLoosenedInUse(const RuleContext& context, FindingSink& sink) {
  for (const ChangeImpact* c : ChangesInUse(context, "drop_not_null")) {
    ChangeImpact keyed = *c;
    std::vector<ir::Impact> promising;
    std::erase_if(keyed.impacts, [&](const ir::Impact& impact) {
      bool promises = !PromisedNotNull(impact, context).empty();
      if (promises) promising.push_back(impact);
      return !JoinsOrGroups(impact) && !promises;
    });
    if (keyed.impacts.empty()) continue;
    const ir::ChangeRef& change = c->change.change;
    std::vector<ir::Impact> joining;
    for (const ir::Impact& impact : keyed.impacts) {
      if (JoinsOrGroups(impact)) joining.push_back(impact);
    }
    std::string message = "lets " + ChangedObject(change) + " be NULL, which ";
    if (!joining.empty()) {
      message += ConsumerSummary(joining, "joins on or groups by", "join on or group by") +
                 "; rows whose key is NULL leave inner joins and form a group of their own";
    }
    if (!promising.empty()) {
      message += std::string(joining.empty() ? "" : "; and which ") +
                 ConsumerSummary(promising, "declares never NULL", "declare never NULL") +
                 " (a not_null constraint or test): the next build fails once a NULL arrives";
    }
    sink.Report(FindingFor(
        keyed, message,
        "keep the column NOT NULL, or have the " + ReadersNoun(keyed.impacts) +
            " listed say what a NULL " + change.column + " means (COALESCE, an explicit filter, a relaxed "
            "constraint) before it appears"));
  }
}

}  // namespace ds::rules
