#pragma once
// The env of action.yml's one step applied to a workflow's inputs, as the runner does before it
// runs the step: shared by the entrypoint test (tests/cli) and the image test (tests/docker).
#include <doctest/doctest.h>
#include <yaml-cpp/yaml.h>

#include <map>
#include <regex>
#include <string>
#include <vector>

namespace ds::test {

inline std::string SourcePath(const std::string& relative) { return std::string(DOWNSTREAM_SOURCE_DIR) + "/" + relative; }

/// ${{ inputs.NAME }} -> NAME; "" when the value is not an input reference.
inline std::string InputOf(const std::string& value) {
  std::smatch m;
  static const std::regex kInput(R"(^\$\{\{\s*inputs\.([A-Za-z0-9_-]+)\s*\}\}$)");
  return std::regex_match(value, m, kInput) ? m[1].str() : "";
}

/// The env of the action's step, as written in action.yml.
inline YAML::Node StepEnv() { return YAML::LoadFile(SourcePath("action.yml"))["runs"]["steps"][0]["env"]; }

/// NAME=value for each variable of the step's env that maps an input, for these inputs (the
/// defaults for the others). The github.* ones (the action's repository and ref) are the test's.
inline std::vector<std::pair<std::string, std::string>> ActionVariables(const std::map<std::string, std::string>& given,
                                                                        const std::string& token) {
  YAML::Node action = YAML::LoadFile(SourcePath("action.yml"));
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& entry : StepEnv()) {
    std::string input = InputOf(entry.second.as<std::string>());
    if (input.empty()) continue;
    auto it = given.find(input);
    std::string value = it != given.end() ? it->second : action["inputs"][input]["default"].as<std::string>("");
    if (value == "${{ github.token }}") value = token;
    out.emplace_back(entry.first.as<std::string>(), value);
  }
  return out;
}

/// The same as ` NAME='value'` words for `env`.
inline std::string ActionEnv(const std::map<std::string, std::string>& given, const std::string& token) {
  std::string env;
  for (const auto& [name, value] : ActionVariables(given, token)) env += " " + name + "='" + value + "'";
  return env;
}

}  // namespace ds::test
