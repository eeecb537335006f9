// contract-column-retyped
//
// The breaking change: an output column of a public analytics view or dbt model changes type in
// place (the contract's data_type, or the type of the table column it passes through). Consumers
// parse, compare and join on that column with the old type.
//
//   columns:
//     - name: customer_id
//       data_type: bigint        # was: integer
//
// The safe alternative: publish the new type as a new version (dbt `versions:`, or a _v2 view
// beside the old one) and keep the old one until its deprecation_date.
#include "rules/contract_views.h"

namespace ds::rules {

void CheckContractColumnRetyped(const RuleContext& context, FindingSink& sink) {
  for (const PublicView& v : GuardedViews(context)) {
    if (v.head == nullptr) continue;
    for (const ViewColumn& before : v.base->columns) {
      for (const ViewColumn& after : v.head->columns) {
        if (after.name != before.name || before.type.empty() || after.type.empty()) continue;
        // A contract's type and a derived one are not compared with each other.
        if (before.type_from_contract != after.type_from_contract) continue;
        if (CanonicalType(before.type) == CanonicalType(after.type)) continue;
        ir::Finding f;
        f.span = after.span;
        f.change = {"retype_column", v.base->name, before.name, "", before.type, after.type};
        f.message = "changes the type of column " + before.name + " of public view " + v.base->name.ToString() +
                    Because(*v.base) + " from " + before.type + " to " + after.type +
                    ": consumers read it as " + before.type;
        f.help = VersionHelp(*v.base);
        sink.Report(std::move(f));
      }
    }
  }
}

}  // namespace ds::rules
