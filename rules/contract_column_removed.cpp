// contract-column-removed
//
// The breaking change: a public analytics view or dbt model (access: public, an enforced
// contract, or a `contracts.public` name in downstream.yml) loses an output column, or renames
// it, in place. Dashboards, exports and other teams' models select that column by name.
//
//   -- models/marts/dim_customers.sql, before: select id as customer_id, email as contact_email ...
//   select id as customer_id ...            -- contact_email is gone
//
// The safe alternative: publish the new shape as a new version (dbt `versions:` with a new
// latest_version, or a dim_customers_v2 view beside the old one), give the old one a
// deprecation_date, and remove it once that date has passed.
#include "rules/contract_views.h"

namespace ds::rules {

namespace {

bool Has(const AnalyticsView& view, const std::string& column) {
  for (const ViewColumn& c : view.columns) {
    if (c.name == column) return true;
  }
  return false;
}

// A column base lacks, at the removed column's position of a view of the same width: a rename.
std::string RenamedTo(const AnalyticsView& base, const AnalyticsView& head, size_t position) {
  if (base.columns.size() != head.columns.size() || position >= head.columns.size()) return "";
  const std::string& candidate = head.columns[position].name;
  return Has(base, candidate) ? "" : candidate;
}

}  // namespace

void CheckContractColumnRemoved(const RuleContext& context, FindingSink& sink) {
  for (const PublicView& v : GuardedViews(context)) {
    if (v.head == nullptr) continue;  // contract-view-removed
    for (size_t i = 0; i < v.base->columns.size(); ++i) {
      const std::string& column = v.base->columns[i].name;
      if (Has(*v.head, column)) continue;
      std::string renamed = RenamedTo(*v.base, *v.head, i);
      ir::Finding f;
      f.span = renamed.empty() ? v.head->span : v.head->columns[i].span;
      f.change = {renamed.empty() ? "drop_column" : "rename_column", v.base->name, column, renamed, "", ""};
      f.message = (renamed.empty() ? "removes column " + column : "renames column " + column + " to " + renamed) +
                  " of public view " + v.base->name.ToString() + Because(*v.base) +
                  ": consumers that select " + column + " break";
      f.help = VersionHelp(*v.base);
      sink.Report(std::move(f));
    }
  }
}

}  // namespace ds::rules
