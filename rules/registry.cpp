#include <algorithm>
#include <array>

#include "rules/rule.h"

namespace ds::rules {

void CheckContractColumnRemoved(const RuleContext&, FindingSink&);
void CheckContractColumnRetyped(const RuleContext&, FindingSink&);
void CheckContractViewRemoved(const RuleContext&, FindingSink&);
void CheckDropCascadesToView(const RuleContext&, FindingSink&);
void CheckDropColumnInUse(const RuleContext&, FindingSink&);
void CheckDropTableInUse(const RuleContext&, FindingSink&);
void CheckEnumValueInUse(const RuleContext&, FindingSink&);
void CheckMigrationEdited(const RuleContext&, FindingSink&);
void CheckNullabilityLoosenedInUse(const RuleContext&, FindingSink&);
void CheckRenameColumnInUse(const RuleContext&, FindingSink&);
void CheckRenameTableInUse(const RuleContext&, FindingSink&);
void CheckRetypeColumnInUse(const RuleContext&, FindingSink&);
void CheckSoftDeleteUnfiltered(const RuleContext&, FindingSink&);
void CheckUnusedAcknowledgement(const RuleContext&, FindingSink&);
void CheckValueRewrittenInUse(const RuleContext&, FindingSink&);
void CheckViewReferencesMissingColumn(const RuleContext&, FindingSink&);

namespace {
using ir::Severity;
// Alphabetized by id. A new rule is one line here, one file, one doc page, one fixture folder.
constexpr std::array kRules = {
    RuleInfo{"contract-column-removed", CheckContractColumnRemoved, Severity::kError,
             "A public view or model loses or renames an output column without a new version"},
    RuleInfo{"contract-column-retyped", CheckContractColumnRetyped, Severity::kError,
             "A public view or model changes an output column's type without a new version"},
    RuleInfo{"contract-view-removed", CheckContractViewRemoved, Severity::kError,
             "A public view or model is removed before its deprecation date"},
    RuleInfo{"drop-cascades-to-view", CheckDropCascadesToView, Severity::kError,
             "A DROP ... CASCADE also drops views that existed before the pull request"},
    RuleInfo{"drop-column-in-use", CheckDropColumnInUse, Severity::kError,
             "A migration drops a column that views read"},
    RuleInfo{"drop-table-in-use", CheckDropTableInUse, Severity::kError,
             "A migration drops a table or view that views read"},
    RuleInfo{"enum-value-in-use", CheckEnumValueInUse, Severity::kError,
             "A migration renames or removes an enum label that views compare with"},
    RuleInfo{"migration-edited", CheckMigrationEdited, Severity::kWarning,
             "A pull request changes a migration the base branch already had"},
    RuleInfo{"nullability-loosened-in-use", CheckNullabilityLoosenedInUse, Severity::kWarning,
             "A migration lets a column hold NULL that views join on or group by"},
    RuleInfo{"rename-column-in-use", CheckRenameColumnInUse, Severity::kError,
             "A migration renames a column that views read by its old name"},
    RuleInfo{"rename-table-in-use", CheckRenameTableInUse, Severity::kError,
             "A migration renames a table or view that views read by its old name"},
    RuleInfo{"retype-column-in-use", CheckRetypeColumnInUse, Severity::kError,
             "A migration changes the type of a column that views read"},
    RuleInfo{"soft-delete-unfiltered", CheckSoftDeleteUnfiltered, Severity::kWarning,
             "A migration adds a soft-delete marker to a table that views read without filtering on it"},
    RuleInfo{"unused-acknowledgement", CheckUnusedAcknowledgement, Severity::kWarning,
             "An acknowledgement the pull request adds releases nothing (expired, or no finding names it)",
             RuleStage::kAcknowledgements},
    RuleInfo{"value-rewritten-in-use", CheckValueRewrittenInUse, Severity::kError,
             "A data migration rewrites a value that views compare the column with"},
    RuleInfo{"view-references-missing-column", CheckViewReferencesMissingColumn, Severity::kError,
             "A changed analytics view reads a column or table the schema does not have"},
};
}  // namespace

std::span<const RuleInfo> AllRules() { return kRules; }

const RuleInfo* FindRule(std::string_view id) {
  auto it = std::find_if(kRules.begin(), kRules.end(), [&](const RuleInfo& r) { return r.id == id; });
  return it == kRules.end() ? nullptr : &*it;
}

}  // namespace ds::rules
