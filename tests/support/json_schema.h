#pragma once
// Validation against the JSON Schemas the repository publishes (docs/schemas) with Ajv from npm,
// installed once into the build tree (tests/report/validate-json.sh).
#include <string>
#include <vector>

namespace ds::test {

/// 0 when every file (JSON, or YAML for downstream.yml) is valid against docs/schemas/<schema>;
/// 1 with Ajv's errors in `output`.
int ValidateAgainstSchema(const std::string& schema, const std::vector<std::string>& files, std::string& output);

}  // namespace ds::test
