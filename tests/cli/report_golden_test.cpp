// The bundled example in the markdown (pull request comment) and SARIF formats, against reviewed
// golden files; the SARIF also against the SARIF 2.1.0 schema. DOWNSTREAM_UPDATE_GOLDEN=1 rewrites
// the golden files (review the diff).
#include <doctest/doctest.h>

#include <cstdlib>
#include <fstream>

#include "tests/support/temp_dir.h"

namespace ds {

TEST_CASE("the shop example as a pull request comment and as SARIF") {
  test::TempDir dir;
  std::string source = DOWNSTREAM_SOURCE_DIR;
  REQUIRE(test::RunCommand(source + "/examples/make-example-repo.sh " + source + "/examples/shop " + dir.path() +
                           "/shop >/dev/null 2>&1") == 0);
  std::string repo = dir.path() + "/shop";
  bool update = std::getenv("DOWNSTREAM_UPDATE_GOLDEN") != nullptr;
  // As inside GitHub Actions for acme/shop, without an event: links point at the head commit.
  std::string env = "env -u GITHUB_EVENT_PATH -u GITHUB_STEP_SUMMARY -u GITHUB_OUTPUT GITHUB_REPOSITORY=acme/shop "
                    "GITHUB_SERVER_URL=https://github.com ";
  for (const char* format : {"markdown", "sarif"}) {
    SUBCASE(format) {
      std::string out_file = dir.path() + "/out." + format;
      std::string output;
      int status = test::RunCommand(env + DOWNSTREAM_BINARY + " check --repo " + repo + " --format " + format +
                                        " --output " + out_file, &output);
      CHECK(status == 1);
      std::string report = test::ReadFile(out_file);
      std::string golden = source + "/tests/golden/shop-check." + format;
      if (update) std::ofstream(golden, std::ios::binary) << report;
      CHECK(report == test::ReadFile(golden));
      if (std::string(format) == "sarif") {
        std::string binary = DOWNSTREAM_BINARY;
        std::string cache = binary.substr(0, binary.rfind("/src/cli/")) + "/_sarif_schema";
        CHECK_MESSAGE(test::RunCommand(source + "/tests/report/validate-sarif.sh " + cache + " " + out_file,
                                       &output) == 0, output);
      }
    }
  }
}

}  // namespace ds
