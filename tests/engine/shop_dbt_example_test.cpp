// The bundled dbt example, end to end through the real binary: a migration renames a column the
// app's ELT copies into the warehouse; the finding follows it through the source, staging, an
// intermediate model and the public mart to the dashboard that reads it, with its owner.
// DOWNSTREAM_UPDATE_GOLDEN=1 rewrites the golden files (review the diff).
#include <doctest/doctest.h>

#include <cstdlib>
#include <fstream>

#include "tests/support/temp_dir.h"

namespace ds {

TEST_CASE("the shop-dbt example: migration -> source -> staging -> mart -> exposure") {
  test::TempDir dir;
  std::string source = DOWNSTREAM_SOURCE_DIR;
  std::string repo = dir.path() + "/shop-dbt";
  REQUIRE(test::RunCommand(source + "/examples/make-example-repo.sh " + source + "/examples/shop-dbt " + repo +
                               " 2>/dev/null", nullptr) == 0);
  bool update = std::getenv("DOWNSTREAM_UPDATE_GOLDEN") != nullptr;
  for (const char* format : {"text", "json", "markdown"}) {
    SUBCASE(format) {
      std::string output;
      int status = test::RunCommand(std::string(DOWNSTREAM_BINARY) + " check --repo " + repo + " --format " + format +
                                        " 2>/dev/null", &output);
      CHECK(status == 1);
      std::string golden = source + "/tests/golden/shop-dbt-check." + format;
      if (update) std::ofstream(golden) << output;
      CHECK(output == test::ReadFile(golden));
      // The whole chain and the exposure's owner, in every format.
      for (const char* step : {"raw_app.orders", "staging.stg_orders", "intermediate.int_customer_orders",
                               "marts.dim_customers", "customer_health", "cs-analytics@"}) {
        CAPTURE(step);
        std::string wanted = step;
        if (std::string(format) == "markdown") {
          std::string escaped;
          for (char c : wanted) escaped += c == '_' ? std::string("\\_") : std::string(1, c);
          wanted = escaped;
        }
        CHECK(output.find(wanted) != std::string::npos);
      }
      // The welcome e-mail reads stg_users, which the rename does not touch: not listed.
      CHECK(output.find("signup_emails") == std::string::npos);
    }
  }
}

TEST_CASE("the shop-dbt example before its last commit breaks nothing") {
  test::TempDir dir;
  std::string source = DOWNSTREAM_SOURCE_DIR;
  std::string repo = dir.path() + "/shop-dbt";
  REQUIRE(test::RunCommand(source + "/examples/make-example-repo.sh " + source + "/examples/shop-dbt " + repo +
                               " 2>/dev/null", nullptr) == 0);
  std::string output;
  int status = test::RunCommand(std::string(DOWNSTREAM_BINARY) + " check --repo " + repo +
                                    " --base main~1 --head main 2>/dev/null", &output);
  CHECK(status == 0);
  // That commit adds downstream.yml: its owners are not used until the base holds them (the trust
  // boundary), and that is said.
  CHECK(output ==
        "downstream.yml:10: warning: key 'owners' is not used: owners are read from the base revision's "
        "configuration, which has none\n\n"
        "0 errors, 0 warnings (0 schema changes, 7 views checked); 1 input was not understood, see above\n");
}

}  // namespace ds
