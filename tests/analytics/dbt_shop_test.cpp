// The realistic project in tests/fixtures/dbt/shop read end to end, as the engine would give it
// (repository-relative paths under analytics/): every model a parseable view with its relation,
// materialization, contract and dependencies; the sources over the app's tables; the exposure.
#include <doctest/doctest.h>

#include <filesystem>
#include <variant>

#include "parsers/analytics/analytics.h"
#include "parsers/analytics/warehouse.h"
#include "tests/analytics/files.h"

namespace ds::analytics {
namespace {

const std::filesystem::path kShop = std::filesystem::path(DOWNSTREAM_SOURCE_DIR) / "tests/fixtures/dbt/shop";

using testing::Find;
using testing::View;

TEST_CASE("the shop dbt project reads end to end") {
  testing::Files files = testing::Files::FromDisk(kShop, "analytics/");
  files.texts["db/migrations/V1__create_users.sql"] = "CREATE TABLE users (id bigint);";  // outside the project
  AnalyticsProject p = ReadDbtProject("analytics/dbt_project.yml", files.Paths(), files.Reader());
  CHECK(p.name == "shop");

  struct Expect {
    const char* id;
    const char* relation;
    const char* materialized;
    const char* depends_on;
    const char* depends_on_ids;
    int line;  // of the view: its first line of SQL
  };
  const Expect kModels[] = {
      {"model.shop.dim_customers", "analytics_marts.dim_customers", "table",
       "analytics_intermediate.int_user_orders analytics_staging.stg_users",
       "model.shop.int_user_orders model.shop.stg_users", 2},
      {"model.shop.fct_orders", "analytics_marts.fct_orders", "table", "analytics_staging.stg_orders",
       "model.shop.stg_orders", 1},
      {"model.shop.int_user_orders", "analytics_intermediate.int_user_orders", "incremental",
       "analytics_staging.stg_orders", "model.shop.stg_orders", 10},
      {"model.shop.stg_orders", "analytics_staging.stg_orders", "view", "raw_app.orders", "source.shop.app.orders", 3},
      {"model.shop.stg_users", "analytics_staging.stg_users", "view", "raw_app.users", "source.shop.app.users", 1},
  };
  REQUIRE(p.models.size() == std::size(kModels));
  for (const Expect& e : kModels) {
    SUBCASE(e.id) {
      const Model* m = Find(p, e.id);
      REQUIRE(m != nullptr);
      CHECK(m->relation.ToString() == e.relation);
      CHECK(m->materialized == e.materialized);
      CHECK(testing::Names(m->depends_on) == e.depends_on);
      std::string ids;
      for (const std::string& id : m->depends_on_ids) ids += (ids.empty() ? "" : " ") + id;
      CHECK(ids == e.depends_on_ids);
      const ir::CreateView* view = View(*m);
      REQUIRE(view != nullptr);
      CHECK(view->view.ToString() == e.relation);
      CHECK(m->parsed->ops[0].span.file == m->file);
      CHECK(m->parsed->ops[0].span.line == e.line);
    }
  }

  SUBCASE("the public mart's contract") {
    const Model* m = Find(p, "model.shop.dim_customers");
    REQUIRE(m != nullptr);
    CHECK(m->access == "public");
    CHECK(m->contract_enforced);
    REQUIRE(m->columns.size() == 5);
    CHECK(m->columns[1].name == "contact_email");
    CHECK(m->columns[1].data_type == "text");
    CHECK(m->file == "analytics/models/marts/dim_customers.sql");
    const Model* f = Find(p, "model.shop.fct_orders");
    CHECK(f->access == "protected");
    CHECK(f->group == "finance");
    CHECK_FALSE(f->contract_enforced);
  }

  SUBCASE("the incremental model renders with is_incremental() false, its var list expanded") {
    const Model* m = Find(p, "model.shop.int_user_orders");
    REQUIRE(m != nullptr);
    CHECK(testing::Squeeze(m->sql).find("where o.status in ('paid', 'refunded')") != std::string::npos);
    CHECK(m->sql.find("last_order_at from") == std::string::npos);
    // Line 15 of the model is line 15 of the SQL.
    size_t line = 1, at = 0;
    while (line < 15) at = m->sql.find('\n', at) + 1, ++line;
    CHECK(m->sql.substr(at, m->sql.find('\n', at) - at).starts_with("from analytics_staging.stg_orders"));
  }

  SUBCASE("sources and the exposure") {
    REQUIRE(p.sources.size() == 2);
    CHECK(p.sources[0].unique_id == "source.shop.app.orders");
    CHECK(p.sources[1].relation.ToString() == "raw_app.users");
    CHECK(p.sources[1].file == "analytics/models/staging/_sources.yml");
    CHECK(p.sources[1].line == 8);
    REQUIRE(p.exposures.size() == 1);
    const Exposure& x = p.exposures[0];
    CHECK(x.unique_id == "exposure.shop.customer_dashboard");
    CHECK(x.type == "dashboard");
    CHECK(x.owner_name == "Data Team");
    CHECK(x.owner_email == "data@example.com");
    CHECK(testing::Names(x.depends_on) == "analytics_marts.dim_customers analytics_marts.fct_orders");
    CHECK(x.line == 27);
  }

  SUBCASE("no diagnostic: dbt_utils.generate_surrogate_key is a built-in") {
    CHECK(testing::Format(AllDiagnostics(p)) == "");
    const Model* m = Find(p, "model.shop.fct_orders");
    REQUIRE(m != nullptr);
    CHECK(testing::Squeeze(m->sql).find("coalesce(cast(order_id as varchar)") != std::string::npos);
  }

  SUBCASE("mirror views lead from the production tables to the sources") {
    std::vector<ir::SchemaOp> ops = MirrorViews(p, {Mirror{"raw_app", "public", "{table}"}});
    REQUIRE(ops.size() == 2);
    const auto& view = std::get<ir::CreateView>(ops[1].op);
    CHECK(view.view.ToString() == "raw_app.users");
    CHECK(ops[1].span.file == "analytics/models/staging/_sources.yml");
    CHECK(ops[1].span.line == 8);
    REQUIRE(view.query != nullptr);
    REQUIRE(view.query->from.size() == 1);
    CHECK(view.query->from[0].relation.ToString() == "public.users");
  }
}

TEST_CASE("the default schema is a parameter") {
  testing::Files files = testing::Files::FromDisk(kShop, "");
  DbtOptions options;
  options.default_schema = "dw";
  files.texts["models/other/plain.sql"] = "select 1 as x";
  AnalyticsProject p = ReadDbtProject("dbt_project.yml", files.Paths(), files.Reader(), options);
  const Model* m = Find(p, "model.shop.plain");
  REQUIRE(m != nullptr);
  CHECK(m->relation.ToString() == "dw.plain");
  CHECK(m->materialized == "view");
  CHECK(Find(p, "model.shop.stg_users")->relation.ToString() == "dw_staging.stg_users");
}

}  // namespace
}  // namespace ds::analytics
