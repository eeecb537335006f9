// rename-table-in-use
//
// The breaking change: a migration renames a table (or moves it to another schema) that
// analytics views read by its old name.
//
//   ALTER TABLE users RENAME TO customers;
//
// The safe alternative: rename, then create a view under the old name
// (CREATE VIEW users AS SELECT * FROM customers) until the views move; drop it later.
#include "rules/impact_summary.h"

namespace ds::rules {

void CheckRenameTableInUse(const RuleContext& context, FindingSink& sink) {
  for (const ChangeImpact* c : ChangesInUse(context, "rename_table")) {
    const ir::ChangeRef& change = c->change.change;
    sink.Report(FindingFor(
        *c,
        "renames " + ChangedObject(change) + " to " + change.new_name + ", but " +
            ConsumerSummary(c->impacts, "depends on the old name", "depend on the old name"),
        "keep a view named " + change.table.ToString() + " over " + change.new_name +
            " until the " + ReadersNoun(c->impacts) + " listed have moved to the new name"));
  }
}

}  // namespace ds::rules
