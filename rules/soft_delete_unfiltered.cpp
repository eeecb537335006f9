// soft-delete-unfiltered
//
// The quiet break: a migration adds a soft-delete marker (deleted_at, is_deleted, archived_at...,
// downstream.yml `soft_delete_columns:`) to a table. From then on the application hides the rows
// it marks, but every view and model reading the table without filtering on the marker still
// counts them: deleted customers stay in the customer count, cancelled orders in revenue.
//
//   ALTER TABLE customers ADD COLUMN deleted_at timestamptz;
//   -- analytics.active_customers: SELECT count(*) FROM customers   <- counts deleted ones too
//
// Readers that filter on the marker (WHERE deleted_at IS NULL, a JOIN condition on it) in the
// same pull request are not reported; views downstream of a reader see what it passes on.
#include <algorithm>
#include <cctype>

#include "rules/impact_summary.h"

namespace ds::rules {

namespace {

bool SameName(const std::string& a, const std::string& b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

bool Filters(const ir::Impact& impact) {
  return std::any_of(impact.usages.begin(), impact.usages.end(),
                     [](const std::string& u) { return u == "filter" || u == "join"; });
}

}  // namespace

void CheckSoftDeleteUnfiltered(const RuleContext& context, FindingSink& sink) {
  for (const ChangeImpact* c : ChangesInUse(context, "add_column")) {
    const ir::ChangeRef& change = c->change.change;
    bool marker = std::any_of(context.soft_delete_columns.begin(), context.soft_delete_columns.end(),
                              [&](const std::string& name) { return SameName(name, change.column); });
    if (!marker) continue;
    ChangeImpact unfiltered = *c;
    std::erase_if(unfiltered.impacts, Filters);
    if (unfiltered.impacts.empty()) continue;
    sink.Report(FindingFor(
        unfiltered,
        "adds soft-delete marker " + ChangedObject(change) + ", but " +
            ConsumerSummary(unfiltered.impacts, "reads " + change.table.ToString() + " without filtering on it",
                            "read " + change.table.ToString() + " without filtering on it") +
            "; rows the application now hides are still counted there",
        "filter on " + change.column + " in the " + ReadersNoun(unfiltered.impacts) +
            " listed (WHERE " + change.column + " IS NULL, or its equivalent) in this pull request, or acknowledge "
            "that they should keep the hidden rows"));
  }
}

}  // namespace ds::rules
