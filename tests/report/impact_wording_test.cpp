// Every format says what each impact is (its kind) and whether it reads the change or is only
// downstream of a consumer that breaks (and of which).
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <sstream>

#include "src/report/markdown_report.h"
#include "src/report/sarif_report.h"
#include "tests/report/report_fixture.h"

namespace ds {
namespace {

// stg_users reads users.created_at; customer_value only reads stg_users.
report::CheckReport ModelChain() {
  report::CheckReport r;
  r.base = "1111111111111111111111111111111111111111";
  r.head = "2222222222222222222222222222222222222222";
  ir::Finding f = test::DropFinding("db/V2__drop.sql", 1, "users", "created_at", "staging.stg_users");
  f.impacts[0].kind = ir::RelationKind::kModel;
  f.impacts[0].span = {"models/stg_users.sql", 1, 0};
  ir::Impact downstream;
  downstream.view = {"marts", "customer_value"};
  downstream.kind = ir::RelationKind::kModel;
  downstream.span = {"models/customer_value.sql", 1, 0};
  downstream.via = {"staging", "stg_users"};
  downstream.path = {"public.users.created_at", "staging.stg_users.created_at", "marts.customer_value"};
  f.impacts.insert(f.impacts.begin(), downstream);
  r.findings.push_back(f);
  return r;
}

bool Contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace

TEST_CASE("impacts say their kind, and reads vs downstream of, in every format") {
  report::CheckReport r = ModelChain();
  SUBCASE("text") {
    std::ostringstream out;
    report::WriteText(r, nullptr, out);
    CHECK(Contains(out.str(), "   = breaks model marts.customer_value (models/customer_value.sql:1); downstream of "
                              "staging.stg_users\n"));
    CHECK(Contains(out.str(), "   = breaks model staging.stg_users (models/stg_users.sql:1): column created_at; read "
                              "in select\n"));
  }
  SUBCASE("json: kind always, via only downstream") {
    std::ostringstream out;
    report::WriteJson(r, out);
    auto impacts = nlohmann::json::parse(out.str())["findings"][0]["impacts"];
    CHECK(impacts[0]["kind"] == "model");
    CHECK(impacts[0]["via"] == "staging.stg_users");
    CHECK(impacts[0]["usages"].empty());
    CHECK(impacts[1]["kind"] == "model");
    CHECK(!impacts[1].contains("via"));
  }
  SUBCASE("markdown") {
    std::string md = report::MarkdownReport(r, {});
    CHECK(Contains(md, "| marts.customer\\_value (model, models/customer\\_value.sql\\:1) |  | downstream of "
                       "staging.stg\\_users |  |\n"));
    CHECK(Contains(md, "| staging.stg\\_users (model, models/stg\\_users.sql\\:1) | created\\_at | reads it in select "
                       "|  |\n"));
    CHECK(Contains(md, "| 2 models |"));  // the summary row counts them
    CHECK(Contains(md, "<summary>drop-column-in-use at db/V2__drop.sql:1: 2 models</summary>"));
  }
  SUBCASE("sarif") {
    std::ostringstream out;
    report::WriteSarif(r, {}, out);
    auto related = nlohmann::json::parse(out.str())["runs"][0]["results"][0]["relatedLocations"];
    CHECK(related[0]["message"]["text"] ==
          "breaks model marts.customer_value, downstream of staging.stg_users: public.users.created_at -> "
          "staging.stg_users.created_at -> marts.customer_value");
    CHECK(related[1]["message"]["text"] ==
          "breaks model staging.stg_users, which reads it in select: public.users.created_at -> "
          "staging.stg_users.created_at");
  }
}

TEST_CASE("CountConsumers: the consumers' own word, mixed kinds are consumers") {
  auto of = [](std::initializer_list<ir::RelationKind> kinds) {
    std::vector<ir::Impact> impacts;
    for (ir::RelationKind kind : kinds) impacts.push_back(ir::Impact{.kind = kind});
    return ir::CountConsumers(impacts);
  };
  CHECK(of({ir::RelationKind::kView}) == "1 view");
  CHECK(of({ir::RelationKind::kMaterializedView}) == "1 materialized view");
  CHECK(of({ir::RelationKind::kView, ir::RelationKind::kMaterializedView}) == "2 views");
  CHECK(of({ir::RelationKind::kModel, ir::RelationKind::kModel}) == "2 models");
  CHECK(of({ir::RelationKind::kModel, ir::RelationKind::kSnapshot}) == "2 consumers");
}

}  // namespace ds
