// Value changes in the JSON report: an enum label renamed and a data migration rewriting values,
// each with the fields INTERFACE.md's `change` gains for them.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "tests/support/git_repo.h"

namespace ds {

TEST_CASE("enum label renames and value rewrites carry type, value and new_value in JSON") {
  test::GitRepo repo;
  repo.Write("db/migrations/V1__orders.sql",
             "CREATE TYPE order_status AS ENUM ('pending', 'paid');\n"
             "CREATE TABLE orders (id bigint PRIMARY KEY, status order_status, state text);\n");
  repo.Write("analytics/views/paid.sql",
             "CREATE VIEW analytics.paid AS SELECT id FROM orders WHERE status = 'paid' AND state <> 'void';\n");
  repo.Commit("base");
  repo.Write("db/migrations/V2__settle.sql",
             "ALTER TYPE order_status RENAME VALUE 'paid' TO 'settled';\n"
             "UPDATE orders SET state = 'cancelled' WHERE state = 'void';\n");
  repo.Commit("head");
  std::string output;
  int status = test::RunCommand(std::string(DOWNSTREAM_BINARY) + " check -q --format json --base HEAD~1 --repo " +
                                    repo.path(),
                                &output);
  CAPTURE(output);
  CHECK(status == 1);
  nlohmann::json report = nlohmann::json::parse(output);
  REQUIRE(report["findings"].size() == 2);
  const nlohmann::json& rename = report["findings"][0]["change"];
  CHECK(report["findings"][0]["rule"] == "enum-value-in-use");
  CHECK(rename == nlohmann::json::parse(R"({"kind": "rename_enum_value", "table": "public.orders", "column": "status",
                                            "type": "order_status", "value": "paid", "new_value": "settled"})"));
  CHECK(report["findings"][0]["impacts"][0]["usages"] == nlohmann::json::array({"filter"}));
  const nlohmann::json& rewrite = report["findings"][1]["change"];
  CHECK(report["findings"][1]["rule"] == "value-rewritten-in-use");
  CHECK(rewrite == nlohmann::json::parse(R"({"kind": "rewrite_values", "table": "public.orders", "column": "state",
                                             "value": "void", "new_value": "cancelled"})"));
}

}  // namespace ds
