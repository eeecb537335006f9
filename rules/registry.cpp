#include <algorithm>
#include <array>

#include "rules/rule.h"

namespace ds::rules {

void CheckDropColumnInUse(const RuleContext&, FindingSink&);
void CheckDropTableInUse(const RuleContext&, FindingSink&);
void CheckRenameColumnInUse(const RuleContext&, FindingSink&);
void CheckRenameTableInUse(const RuleContext&, FindingSink&);
void CheckRetypeColumnInUse(const RuleContext&, FindingSink&);

namespace {
using ir::Severity;
// Alphabetized by id. A new rule is one line here, one file, one doc page, one fixture folder.
constexpr std::array kRules = {
    RuleInfo{"drop-column-in-use", CheckDropColumnInUse, Severity::kError,
             "A migration drops a column that views read"},
    RuleInfo{"drop-table-in-use", CheckDropTableInUse, Severity::kError,
             "A migration drops a table or view that views read"},
    RuleInfo{"rename-column-in-use", CheckRenameColumnInUse, Severity::kError,
             "A migration renames a column that views read by its old name"},
    RuleInfo{"rename-table-in-use", CheckRenameTableInUse, Severity::kError,
             "A migration renames a table or view that views read by its old name"},
    RuleInfo{"retype-column-in-use", CheckRetypeColumnInUse, Severity::kError,
             "A migration changes the type of a column that views read"},
};
}  // namespace

std::span<const RuleInfo> AllRules() { return kRules; }

const RuleInfo* FindRule(std::string_view id) {
  auto it = std::find_if(kRules.begin(), kRules.end(), [&](const RuleInfo& r) { return r.id == id; });
  return it == kRules.end() ? nullptr : &*it;
}

}  // namespace ds::rules
