// contract-view-removed
//
// The breaking change: a public analytics view or dbt model (access: public, an enforced
// contract, or a `contracts.public` name) is deleted, disabled or renamed. Its consumers, which
// downstream cannot see, fail on their next query.
//
//   git rm models/marts/dim_customers.sql
//
// The safe alternative: give it a deprecation_date and tell its consumers; remove it once the
// date has passed (downstream compares with the head commit's date). Replacing it by a newer
// version published beside it (dbt `versions:`, a _v2 view) is also accepted.
#include "rules/contract_views.h"

namespace ds::rules {

void CheckContractViewRemoved(const RuleContext& context, FindingSink& sink) {
  for (const PublicView& v : GuardedViews(context)) {
    if (v.head != nullptr) continue;
    ir::Finding f;
    f.span = v.base->span;
    f.change = {"drop_view", v.base->name, "", "", "", ""};
    f.message = "removes public view " + v.base->name.ToString() + Because(*v.base) +
                " while nothing deprecates it: its consumers break";
    f.help = "keep " + v.base->name.ToString() +
             ", set a deprecation_date and tell its consumers; remove it once that date has passed";
    sink.Report(std::move(f));
  }
}

}  // namespace ds::rules
