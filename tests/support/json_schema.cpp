#include "tests/support/json_schema.h"

#include "tests/support/temp_dir.h"

namespace ds::test {

int ValidateAgainstSchema(const std::string& schema, const std::vector<std::string>& files, std::string& output) {
  // The build tree holds the npm cache: DOWNSTREAM_BINARY is <build>/src/cli/downstream.
  std::string binary = DOWNSTREAM_BINARY;
  std::string cache = binary.substr(0, binary.rfind("/src/cli/")) + "/_json_schema";
  std::string command = std::string(DOWNSTREAM_SOURCE_DIR) + "/tests/report/validate-json.sh " + cache + " " + schema;
  for (const std::string& file : files) command += " '" + file + "'";
  return RunCommand(command, &output);
}

}  // namespace ds::test
