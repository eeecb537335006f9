// The Alembic variant of the bundled example (examples/shop-alembic), end to end through the
// real binary, against reviewed golden files: the same findings as the SQL example, on the
// op.alter_column / op.drop_column lines. DOWNSTREAM_UPDATE_GOLDEN=1 rewrites them.
#include <doctest/doctest.h>

#include <cstdlib>
#include <fstream>

#include "tests/support/temp_dir.h"

namespace ds {

TEST_CASE("the shop-alembic example: the same breaks, found in Alembic revisions") {
  test::TempDir dir;
  std::string source = DOWNSTREAM_SOURCE_DIR;
  std::string repo;
  REQUIRE(test::RunCommand(source + "/examples/make-example-repo.sh " + source +
                               "/examples/shop-alembic " + dir.path() + "/shop 2>/dev/null",
                           &repo) == 0);
  repo = dir.path() + "/shop";
  bool update = std::getenv("DOWNSTREAM_UPDATE_GOLDEN") != nullptr;
  for (const char* format : {"text", "json"}) {
    SUBCASE(format) {
      std::string output;
      int status = test::RunCommand(std::string(DOWNSTREAM_BINARY) + " check --repo " + repo +
                                        " --format " + format + " 2>/dev/null", &output);
      CHECK(status == 1);
      std::string golden = source + "/tests/golden/shop-alembic-check." + format;
      if (update) std::ofstream(golden) << output;
      CHECK(output == test::ReadFile(golden));
    }
  }
}

}  // namespace ds
