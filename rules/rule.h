#pragma once
/// A rule is a free function over a read-only context that reports findings to a sink. No I/O.
#include <span>
#include <string_view>
#include <vector>

#include "src/catalog/diff.h"
#include "src/ir/diagnostic.h"

namespace ds::rules {

/// A schema change with the views it breaks (empty when nothing reads it).
struct ChangeImpact {
  catalog::SchemaChange change;
  std::vector<ir::Impact> impacts;
};

struct RuleContext {
  std::span<const ChangeImpact> changes;
};

/// Collects findings; stamps each with the rule's id and configured severity, so a rule cannot
/// mislabel its output.
class FindingSink {
 public:
  void Begin(std::string_view rule_id, ir::Severity severity);
  void Report(ir::Finding finding);
  std::vector<ir::Finding> Take() { return std::move(findings_); }

 private:
  std::string rule_;
  ir::Severity severity_ = ir::Severity::kError;
  std::vector<ir::Finding> findings_;
};

using RuleFn = void (*)(const RuleContext&, FindingSink&);

struct RuleInfo {
  std::string_view id;
  RuleFn check;
  ir::Severity default_severity;
  std::string_view summary;  ///< one line, for SARIF and --help
};

/// Every rule, alphabetized by id. One explicit list: no static self-registration.
std::span<const RuleInfo> AllRules();
const RuleInfo* FindRule(std::string_view id);

}  // namespace ds::rules
