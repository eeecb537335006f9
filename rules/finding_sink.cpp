#include "rules/rule.h"

namespace ds::rules {

void FindingSink::Begin(std::string_view rule_id, ir::Severity severity) {
  rule_ = std::string(rule_id);
  severity_ = severity;
}

void FindingSink::Report(ir::Finding finding) {
  finding.rule = rule_;
  finding.severity = severity_;
  findings_.push_back(std::move(finding));
}

}  // namespace ds::rules
