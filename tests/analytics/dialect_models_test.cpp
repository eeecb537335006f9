// dbt models and lea files in the warehouse's dialect (DbtOptions / LeaOptions::dialect): the
// rendered SQL names relations with the dialect's quotes, and is read by the dialect's frontend.
#include <doctest/doctest.h>

#include <variant>

#include "tests/analytics/files.h"

namespace ds::analytics {
namespace {

const Model& Only(const AnalyticsProject& project, const char* id) {
  for (const Model& m : project.models) {
    if (m.unique_id == id) return m;
  }
  FAIL("no model " << id);
  throw;
}

const ir::CreateView& ViewOf(const Model& model) {
  REQUIRE(model.parsed != nullptr);
  INFO(testing::Format(model.parsed->diagnostics));
  REQUIRE(model.parsed->ops.size() == 1);
  return std::get<ir::CreateView>(model.parsed->ops[0].op);
}

testing::Files BigQueryShop() {
  testing::Files files;
  files.texts["dw/dbt_project.yml"] = "name: shop\nversion: '1.0'\nmodel-paths: [models]\n";
  files.texts["dw/models/sources.yml"] =
      "version: 2\nsources:\n  - name: app\n    schema: Raw_App\n    tables:\n      - name: Users\n";
  files.texts["dw/models/stg_users.sql"] =
      "select id, email, date_diff(current_date(), date(created_at), day) as age_days\n"
      "from {{ source('app', 'Users') }}  # the replica\n"
      "where email like \"%@%\"\n";
  return files;
}

}  // namespace

TEST_CASE("a BigQuery dbt project: names rendered in backticks, read as BigQuery") {
  testing::Files files = BigQueryShop();
  DbtOptions options;
  options.dialect = dialect::DialectByName("bigquery");
  AnalyticsProject p = ReadDbtProject("dw/dbt_project.yml", files.Paths(), files.Reader(), options);
  const Model& model = Only(p, "model.shop.stg_users");
  CHECK(testing::Squeeze(model.sql).find("from `Raw_App`.`Users`") != std::string::npos);
  const ir::CreateView& view = ViewOf(model);
  CHECK(view.view.ToString() == "analytics.stg_users");
  REQUIRE(view.query->from.size() == 1);
  CHECK(view.query->from[0].relation.ToString() == "raw_app.users");  // BigQuery compares names so
  CHECK(view.query->targets.size() == 3);
}

TEST_CASE("the same project read as PostgreSQL is a syntax error at the model's line and column") {
  testing::Files files = BigQueryShop();
  AnalyticsProject p = ReadDbtProject("dw/dbt_project.yml", files.Paths(), files.Reader());
  const Model& model = Only(p, "model.shop.stg_users");
  REQUIRE(model.parsed != nullptr);
  REQUIRE(model.parsed->ops.size() == 1);  // read partly
  CHECK(std::get<ir::CreateView>(model.parsed->ops[0].op).query->salvaged);
  // current_date() is no PostgreSQL (current_date takes no parentheses there).
  CHECK(testing::Format(model.parsed->diagnostics) ==
        "dw/models/stg_users.sql:1:41 could not parse: syntax error at or near \"(\"\n");
}

TEST_CASE("lea files in Snowflake's dialect") {
  testing::Files files;
  files.texts["views/staging/users.sql"] =
      "select id, payload:address.city::string as city\nfrom raw_app.users\n"
      "qualify row_number() over (partition by id order by updated_at desc) = 1\n";
  LeaOptions options;
  options.dialect = dialect::DialectByName("snowflake");
  AnalyticsProject p = ReadLeaViews("views", files.Paths(), files.Reader(), options);
  const ir::CreateView& view = ViewOf(Only(p, "staging.users"));
  CHECK(view.view.ToString() == "staging.users");
  CHECK(view.query->qualify != nullptr);
  CHECK(testing::Names(p.models[0].depends_on) == "raw_app.users");
}

}  // namespace ds::analytics
