#pragma once
/// `check --format sarif`: SARIF 2.1.0 for GitHub code scanning, as a pure function.
#include <ostream>
#include <string>
#include <vector>

#include "src/report/check_report.h"

namespace ds::report {

/// Where the rule pages live: `<base>/<rule_id with - as _>.md`.
inline constexpr const char* kDefaultRulesBaseUrl = "https://github.com/downstream-dev/downstream/blob/main/rules";

/// A rule as SARIF's tool.driver.rules lists it (the CLI fills these from rules::AllRules()).
struct SarifRule {
  std::string id;
  std::string summary;  ///< one line
  ir::Severity default_severity = ir::Severity::kError;
};

struct SarifOptions {
  std::string tool_version;
  std::vector<SarifRule> rules;  ///< every rule, in registry order
  std::string rules_base_url = kDefaultRulesBaseUrl;
};

/// The rule's documentation page.
std::string RuleHelpUri(const SarifOptions& options, const std::string& rule_id);

/// One run: tool.driver with every rule, one result per finding with its location, the view
/// definitions as relatedLocations, and partialFingerprints stable across pushes (rule + changed
/// table.column + consumer views, not line numbers). Diagnostics become tool notifications.
void WriteSarif(const CheckReport& report, const SarifOptions& options, std::ostream& out);

}  // namespace ds::report
