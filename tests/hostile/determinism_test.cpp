// The same inputs give byte-identical output in every format, whatever the number of parsing
// threads (DOWNSTREAM_THREADS) and from one run to the next. The repository is the benchmark's
// generator at a small size: SQL and Alembic histories, views on views, a dbt project.
#include <doctest/doctest.h>

#include "tests/hostile/hostile.h"

namespace ds {

TEST_CASE("every format is byte-identical at 1, 2 and 8 threads") {
  test::TempDir dir;
  std::string repo = dir.path() + "/repo";
  std::string output;
  int rc = test::RunCommand("/usr/bin/python3 " + std::string(DOWNSTREAM_SOURCE_DIR) +
                                "/scripts/generate-repo.py " + repo +
                                " --sql-migrations 150 --alembic 40 --views 120 --dbt-models 12 --tables 40 --seed 3",
                            &output);
  REQUIRE_MESSAGE(rc == 0, output);
  const char* const kCommands[] = {
      "check --base main --head pr --fail-on never --format text",
      "check --base main --head pr --fail-on never --format json",
      "check --base main --head pr --fail-on never --format github",
      "check --base main --head pr --fail-on never --format markdown",
      "check --base main --head pr --fail-on never --format sarif",
      "lineage --rev pr --format text",
      "lineage --rev pr --format json",
      "lineage --rev pr --format json --transitive",
      "lineage --rev pr --format openlineage",
      "lineage --rev pr --format mermaid",
      "lineage --rev pr --format dot",
      "schema --rev pr --format text",
      "schema --rev pr --format json",
  };
  for (const char* command : kCommands) {
    SUBCASE(command) {
      std::string args = std::string(command) + " --repo " + repo;
      test::Bounded one = test::RunBounded(args, 120, 2048, "DOWNSTREAM_THREADS=1");
      CAPTURE(one.err);
      REQUIRE(one.status == 0);
      REQUIRE(one.out.size() > 100);
      for (const char* threads : {"2", "8", "8"}) {
        test::Bounded many = test::RunBounded(args, 120, 2048, std::string("DOWNSTREAM_THREADS=") + threads);
        CAPTURE(threads);
        REQUIRE(many.status == 0);
        CHECK(many.out == one.out);
        CHECK(many.err == one.err);
      }
    }
  }
}

TEST_CASE("the check of the generated pull request finds the dropped column's readers") {
  test::TempDir dir;
  std::string repo = dir.path() + "/repo";
  REQUIRE(test::RunCommand("/usr/bin/python3 " + std::string(DOWNSTREAM_SOURCE_DIR) + "/scripts/generate-repo.py " +
                           repo + " --sql-migrations 80 --alembic 10 --views 60 --dbt-models 0 --tables 20") == 0);
  test::Bounded run = test::RunBounded("check --base main --head pr --repo " + repo);
  CAPTURE(run.out);
  CAPTURE(run.err);
  CHECK(run.status == 1);
  CHECK(run.out.find("[drop-column-in-use]") != std::string::npos);
  CHECK(run.err.find("could not") == std::string::npos);
}

}  // namespace ds
