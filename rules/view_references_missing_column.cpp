// view-references-missing-column
//
// The breaking change: the pull request changes an analytics view or dbt model so that it reads
// a column (or a table) the production schema, replayed from the migrations at head, does not
// have: a typo, a column not migrated yet, a column another pull request dropped. The warehouse
// refresh fails once it merges.
//
//   select id, emial from {{ source('app', 'users') }}     -- users has no column emial
//
// The safe alternative: read a column the schema has (the finding suggests the nearest name), or
// land the migration that adds it first.
#include "rules/rule.h"

namespace ds::rules {

void CheckViewReferencesMissingColumn(const RuleContext& context, FindingSink& sink) {
  for (const MissingReference& missing : context.missing_references) {
    ir::Finding f;
    f.span = missing.span;
    f.change = {"missing_reference", missing.view, "", "", "", ""};
    f.message = missing.view.ToString() + " reads what the schema at head does not have: " + missing.message;
    f.help = "read a column the schema has, or land the migration that adds it before this change";
    sink.Report(std::move(f));
  }
}

}  // namespace ds::rules
