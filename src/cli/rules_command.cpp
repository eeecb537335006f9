// `downstream rules` and `downstream explain RULE`: what each rule finds, from the terminal, as
// `ruff rule` and `squawk --list` answer it. The pages are rules/*.md, compiled in.
#include <algorithm>
#include <sstream>

#include "rules/rule.h"
#include "src/cli/commands.h"
#include "src/cli/output.h"
#include "src/ir/suggest.h"

namespace ds::cli {

int RunRulesCommand() {
  size_t width = 0;
  for (const rules::RuleInfo& rule : rules::AllRules()) width = std::max(width, rule.id.size());
  std::ostringstream text;
  for (const rules::RuleInfo& rule : rules::AllRules()) {
    std::string id(rule.id);
    text << id << std::string(width - id.size() + 2, ' ') << ir::SeverityName(rule.default_severity)
         << (rule.default_severity == ir::Severity::kError ? "    " : "  ") << rule.summary << "\n";
  }
  text << "\n`downstream explain <rule>` prints a rule's page; downstream.yml's `rules:` sets severities.\n";
  return WriteOutput("", text.str()) ? 0 : 2;
}

int RunExplainCommand(const std::string& rule) {
  std::string_view page = rules::RuleDoc(rule);
  if (page.empty()) {
    std::vector<std::string> ids;
    for (const rules::RuleInfo& info : rules::AllRules()) ids.emplace_back(info.id);
    std::string hint = ir::Closest(rule, ids);
    Say("no rule named '" + rule + "'" + (hint.empty() ? "" : "; did you mean '" + hint + "'?") +
        " (`downstream rules` lists them)");
    return 2;
  }
  return WriteOutput("", std::string(page)) ? 0 : 2;
}

}  // namespace ds::cli
