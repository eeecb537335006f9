#include <algorithm>

#include "rules/rule.h"

namespace ds::rules {

void FindingSink::Begin(std::string_view rule_id, ir::Severity severity) {
  rule_ = std::string(rule_id);
  severity_ = severity;
}

void FindingSink::Report(ir::Finding finding) { Report(std::move(finding), ir::Severity::kError); }

void FindingSink::Report(ir::Finding finding, ir::Severity at_most) {
  finding.rule = rule_;
  finding.severity = std::min(severity_, at_most);
  findings_.push_back(std::move(finding));
}

}  // namespace ds::rules
