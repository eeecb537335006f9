// rename-column-in-use
//
// The breaking change: a migration renames a column that analytics views read by its old name.
// The warehouse copy gets the new name; views asking for the old one fail; an analyst patches
// the model back to the old name and the field has two names forever.
//
//   ALTER TABLE users RENAME COLUMN email TO email_address;
//
// The safe alternative (expand/contract): add the new column, keep both in sync (a trigger or
// the application writing both), move the views to the new name, then drop the old column.
#include "rules/impact_summary.h"

namespace ds::rules {

void CheckRenameColumnInUse(const RuleContext& context, FindingSink& sink) {
  for (const ChangeImpact* c : ChangesInUse(context, "rename_column")) {
    const ir::ChangeRef& change = c->change.change;
    sink.Report(FindingFor(
        *c,
        "renames column " + ChangedObject(change) + " to " + change.new_name + ", but " +
            ConsumerSummary(c->impacts, "depends on the old name", "depend on the old name"),
        "add " + change.new_name + " beside " + change.column + " and keep both until the " + ReadersNoun(c->impacts) +
            " listed read the new name (expand/contract), then drop the old one"));
  }
}

}  // namespace ds::rules
