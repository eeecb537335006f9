// The bundled example, end to end through the real binary, against reviewed golden files.
// DOWNSTREAM_UPDATE_GOLDEN=1 rewrites them (review the diff).
#include <doctest/doctest.h>

#include <cstdlib>
#include <fstream>

#include "tests/support/temp_dir.h"

namespace ds {

TEST_CASE("the shop example: a rename and a drop break views, on the right lines") {
  test::TempDir dir;
  std::string source = DOWNSTREAM_SOURCE_DIR;
  std::string repo;
  REQUIRE(test::RunCommand(source + "/examples/make-example-repo.sh " + source + "/examples/shop " +
                               dir.path() + "/shop 2>/dev/null", &repo) == 0);
  repo = dir.path() + "/shop";
  bool update = std::getenv("DOWNSTREAM_UPDATE_GOLDEN") != nullptr;
  for (const char* format : {"text", "json", "github"}) {
    SUBCASE(format) {
      std::string output;
      int status = test::RunCommand(std::string(DOWNSTREAM_BINARY) + " check --repo " + repo +
                                        " --format " + format + " 2>/dev/null", &output);
      CHECK(status == 1);
      std::string golden = source + "/tests/golden/shop-check." + format;
      if (update) std::ofstream(golden) << output;
      // Commit shas depend on nothing but the fixed dates and contents, so they are stable.
      CHECK(output == test::ReadFile(golden));
    }
  }
}

}  // namespace ds
