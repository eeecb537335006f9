// `downstream lineage` through the real binary: every format on the bundled example against
// reviewed golden files (tests/golden/lineage-*), --view and --transitive, and the setup errors
// (exit 2, one sentence). DOWNSTREAM_UPDATE_GOLDEN=1 rewrites the golden files.
#include <doctest/doctest.h>

#include <cstdlib>
#include <fstream>

#include "tests/support/temp_dir.h"

namespace ds {
namespace {

std::string MakeShop(const test::TempDir& dir) {
  std::string source = DOWNSTREAM_SOURCE_DIR;
  std::string ignored;
  REQUIRE(test::RunCommand(source + "/examples/make-example-repo.sh " + source + "/examples/shop " +
                               dir.path() + "/shop 2>/dev/null", &ignored) == 0);
  return dir.path() + "/shop";
}

// `redirections` apply inside a subshell (RunCommand adds its own 2>&1 after the command).
int Lineage(const std::string& args, const std::string& redirections, std::string* output) {
  return test::RunCommand("(" + std::string(DOWNSTREAM_BINARY) + " lineage " + args + " " +
                              redirections + ")", output);
}

TEST_CASE("lineage of the shop example, every format, against golden files") {
  test::TempDir dir;
  std::string repo = MakeShop(dir);
  bool update = std::getenv("DOWNSTREAM_UPDATE_GOLDEN") != nullptr;
  struct Row {
    const char* golden;
    std::string args;
  };
  // main is the base of the example's pull request: every view resolves there; at HEAD (the
  // pull request) two views read columns the migration renamed and dropped.
  const Row rows[] = {
      {"lineage-shop.text", "--rev main"},
      {"lineage-shop.json", "--rev main --format json"},
      {"lineage-shop.openlineage.json", "--rev main --format openlineage --database shop"},
      {"lineage-shop.mermaid", "--rev main --format mermaid"},
      {"lineage-shop.dot", "--rev main --format dot"},
      {"lineage-shop-transitive.json", "--rev main --format json --transitive"},
      {"lineage-shop-view.text", "--rev main --view analytics.country_mix"},
      {"lineage-shop-view-transitive.mermaid", "--rev main --view country_mix --transitive --format mermaid"},
      {"lineage-shop-head.text", ""},
  };
  for (const Row& row : rows) {
    SUBCASE(row.golden) {
      std::string output;
      CHECK(Lineage("--repo " + repo + " " + row.args, "2>/dev/null", &output) == 0);
      std::string golden = std::string(DOWNSTREAM_SOURCE_DIR) + "/tests/golden/" + row.golden;
      if (update) std::ofstream(golden) << output;
      CHECK(output == test::ReadFile(golden));
      // Deterministic: the same inputs, byte-identical output.
      std::string again;
      Lineage("--repo " + repo + " " + row.args, "2>/dev/null", &again);
      CHECK(again == output);
    }
  }
}

TEST_CASE("lineage setup errors exit 2 with one sentence") {
  test::TempDir dir;
  std::string repo = MakeShop(dir);
  struct Row {
    const char* name;
    std::string args;
    std::string expected;  ///< stderr, exactly
  };
  const Row rows[] = {
      {"unknown view with a close name", "--view country_mx",
       "downstream: no view named \"country_mx\"; did you mean \"analytics.country_mix\"?\n"},
      {"unknown qualified view", "--view analytics.custmers",
       "downstream: no view named \"analytics.custmers\"; did you mean \"analytics.customers\"?\n"},
      {"unknown view, nothing close", "--view zzzzzzzz", "downstream: no view named \"zzzzzzzz\"\n"},
      {"a table is not a view", "--view public.orders", "downstream: no view named \"public.orders\"\n"},
      {"unknown revision", "--rev nosuch", ""},
      {"not a repository", "--repo /nonexistent", ""},
  };
  for (const Row& row : rows) {
    SUBCASE(row.name) {
      std::string output;
      std::string args = row.args.find("--rev") == std::string::npos ? "--rev main " + row.args : row.args;
      if (args.find("--repo") == std::string::npos) args = "--repo " + repo + " " + args;
      int status = Lineage(args, "2>&1 >/dev/null", &output);
      CHECK(status == 2);
      if (!row.expected.empty()) {
        CHECK(output == row.expected);
      } else {
        CHECK(output.rfind("downstream: ", 0) == 0);
        CHECK(output.find('\n') == output.size() - 1);
      }
    }
  }
  SUBCASE("unknown format") {
    std::string output;
    CHECK(Lineage("--repo " + repo + " --format yaml", "", &output) == 2);
  }
}

}  // namespace
}  // namespace ds
