#include "rules/impact_summary.h"

namespace ds::rules {

std::string ReadersClause(const std::vector<ir::Impact>& impacts) {
  constexpr size_t kNamed = 3;
  std::string names;
  size_t shown = std::min(impacts.size(), kNamed);
  for (size_t i = 0; i < shown; ++i) {
    if (i > 0) names += (i + 1 == shown && impacts.size() <= kNamed) ? " and " : ", ";
    names += impacts[i].view.ToString();
  }
  if (impacts.size() > kNamed) names += " and " + std::to_string(impacts.size() - kNamed) + " more";
  std::string count = std::to_string(impacts.size()) + (impacts.size() == 1 ? " view reads" : " views read");
  return count + " it: " + names;
}

ir::Finding FindingFor(const ChangeImpact& change, std::string message, std::string help) {
  ir::Finding finding;
  finding.span = change.change.span;
  finding.message = std::move(message);
  finding.help = std::move(help);
  finding.change = change.change.change;
  finding.impacts = change.impacts;
  return finding;
}

std::vector<const ChangeImpact*> ChangesInUse(const RuleContext& context, std::string_view kind) {
  std::vector<const ChangeImpact*> out;
  for (const ChangeImpact& c : context.changes) {
    if (c.change.change.kind == kind && !c.impacts.empty()) out.push_back(&c);
  }
  return out;
}

std::string ChangedObject(const ir::ChangeRef& change) {
  std::string table = change.table.ToString();
  return change.column.empty() ? table : table + "." + change.column;
}

}  // namespace ds::rules
