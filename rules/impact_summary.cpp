#include "rules/impact_summary.h"

#include <set>

namespace ds::rules {

std::string ReadersNoun(const std::vector<ir::Impact>& impacts) {
  std::vector<ir::Impact> readers;
  for (const ir::Impact& impact : impacts) {
    if (impact.via.name.empty()) readers.push_back(impact);
  }
  if (readers.empty()) readers = impacts;
  std::string count = ir::CountConsumers(readers);  // "2 models"
  std::string noun = count.substr(count.find(' ') + 1);
  if (noun.ends_with("view")) return "views";
  return noun.ends_with('s') ? noun : noun + "s";
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

std::string ConsumerSummary(const std::vector<ir::Impact>& impacts, std::string_view singular_verb,
                            std::string_view plural_verb) {
  std::vector<ir::Impact> readers, downstream;
  std::set<ir::QualifiedName> vias;
  for (const ir::Impact& impact : impacts) {
    (impact.via.name.empty() ? readers : downstream).push_back(impact);
    if (!impact.via.name.empty()) vias.insert(impact.via);
  }
  std::string out;
  if (!readers.empty()) {
    out = ir::CountConsumers(readers) + " " + std::string(readers.size() == 1 ? singular_verb : plural_verb) + ": " +
          ViewNames(readers);
  }
  if (!downstream.empty()) {
    std::string of = vias.size() == 1 ? "downstream of " + vias.begin()->ToString() : "further downstream";
    out += (out.empty() ? "" : "; ") + ir::CountConsumers(downstream) + " " + of +
           (downstream.size() == 1 ? " breaks" : " break") + (readers.empty() ? "" : " too") + ": " +
           ViewNames(downstream);
  }
  return out;
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
