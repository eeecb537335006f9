// The PostgreSQL harness itself: with-postgres.sh exports a live cluster and Postgres talks to it.
#include <doctest/doctest.h>

#include "tests/support/postgres.h"

namespace ds::test {
namespace {

TEST_CASE("the harness cluster answers queries in a fresh database") {
  Postgres pg = Postgres::FromEnvironment();
  std::string db = pg.CreateDatabase("harness");
  std::string output;
  REQUIRE(pg.Exec(db, "CREATE TABLE t (a int NOT NULL, \"B c\" varchar(10));\n"
                      "INSERT INTO t VALUES (1, 'x|y'), (2, NULL);", &output) == 0);
  auto rows = pg.Query(db, "SELECT a, \"B c\" FROM t ORDER BY a");
  REQUIRE(rows.size() == 2);
  CHECK(rows[0] == std::vector<std::string>{"1", "x|y"});
  CHECK(rows[1] == std::vector<std::string>{"2", ""});
  CHECK(pg.Query(db, "SELECT 1 WHERE false").empty());
}

TEST_CASE("a failing statement stops the script and reports the error") {
  Postgres pg = Postgres::FromEnvironment();
  std::string db = pg.CreateDatabase("harness");
  std::string output;
  CHECK(pg.Exec(db, "CREATE TABLE t (a int);\nALTER TABLE t DROP COLUMN nope;\n"
                    "CREATE TABLE after_error (a int);", &output) != 0);
  CHECK(output.find("column \"nope\" of relation \"t\" does not exist") != std::string::npos);
  CHECK(pg.Query(db, "SELECT count(*) FROM pg_class WHERE relname = 'after_error'") ==
        std::vector<std::vector<std::string>>{{"0"}});
}

TEST_CASE("databases are distinct") {
  Postgres pg = Postgres::FromEnvironment();
  CHECK(pg.CreateDatabase("harness") != pg.CreateDatabase("harness"));
}

}  // namespace
}  // namespace ds::test
