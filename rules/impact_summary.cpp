#include "rules/impact_summary.h"

namespace ds::rules {

namespace {
std::string CountWithVerb(size_t n, std::string_view singular, std::string_view plural) {
  return std::to_string(n) + (n == 1 ? " view " : " views ") + std::string(n == 1 ? singular : plural);
}
}  // namespace

std::string Readers(const std::vector<ir::Impact>& impacts) {
  return CountWithVerb(impacts.size(), "reads", "read");
}

std::string Dependents(const std::vector<ir::Impact>& impacts) {
  return CountWithVerb(impacts.size(), "depends", "depend");
}

std::string ViewNames(const std::vector<ir::Impact>& impacts) {
  constexpr size_t kNamed = 3;
  size_t shown = std::min(impacts.size(), kNamed);
  std::string names;
  for (size_t i = 0; i < shown; ++i) {
    bool last = i + 1 == shown && impacts.size() <= kNamed;
    if (i > 0) names += last ? " and " : ", ";
    names += impacts[i].view.ToString();
  }
  if (impacts.size() > kNamed) names += " and " + std::to_string(impacts.size() - kNamed) + " more";
  return names;
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
