// migration-edited
//
// The mistake: a migration the base branch already had is changed (or deleted) by the pull
// request. Databases that ran it will not run it again, so they keep the old schema while fresh
// ones get the new one; any schema change it hides has no statement of its own at head. One
// finding per edited file, on its first changed line; the schema changes no statement at head
// makes are attributed to that line (their own rules report them there) and named here.
//
//   -- V1__init.sql, merged last month, now edited:
//   CREATE TABLE users (id bigint, email_address text);   -- was `email text`
//
// The safe alternative: leave merged migrations as they are and write the change as a new one.
#include <string>

#include "rules/rule.h"

namespace ds::rules {

namespace {

std::string Describe(const ir::ChangeRef& change) {
  std::string what = change.kind;
  for (char& c : what) c = c == '_' ? ' ' : c;
  std::string target = change.table.ToString() + (change.column.empty() ? "" : "." + change.column);
  return what + " " + target;
}

}  // namespace

void CheckMigrationEdited(const RuleContext& context, FindingSink& sink) {
  for (const EditedMigration& edited : context.edited_migrations) {
    ir::Finding finding;
    finding.span = edited.span;
    finding.change.kind = "edit_migration";
    finding.message = edited.path + (edited.deleted ? " is deleted" : " is changed") +
                      " although the base branch already had it: databases that ran it keep the old "
                      "schema, new ones get the new one";
    if (!edited.hidden.empty()) {
      finding.message += "; it hides ";
      for (size_t i = 0; i < edited.hidden.size(); ++i) {
        finding.message += (i ? ", " : "") + Describe(edited.hidden[i]);
      }
    }
    finding.help = edited.deleted ? "restore the migration; undo what it did in a new migration instead"
                                  : "restore the migration as merged and write the change as a new migration";
    sink.Report(std::move(finding));
  }
}

}  // namespace ds::rules
