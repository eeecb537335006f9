// dbt_project.yml and property file shapes, each on a small in-memory project.
#include <doctest/doctest.h>

#include "parsers/analytics/analytics.h"
#include "tests/analytics/files.h"

namespace ds::analytics {
namespace {

using testing::Find;

std::string Columns(const Model& m) {
  std::string out;
  for (const ColumnContract& c : m.columns) out += (out.empty() ? "" : " ") + c.name + (c.data_type.empty() ? "" : ":" + c.data_type) + (c.not_null ? "!" : "");
  return out;
}

TEST_CASE("dbt_project.yml: model-paths, vars and per-folder configs") {
  testing::Files files;
  files.texts["dbt/dbt_project.yml"] =
      "name: acme\n"
      "model-paths: [\"transform\"]\n"
      "vars:\n  region: eu\n"
      "models:\n"
      "  acme:\n"
      "    +schema: base\n"
      "    finance:\n"
      "      +schema: finance\n"
      "      materialized: table\n"
      "      legacy:\n"
      "        +enabled: false\n"
      "  some_package:\n"
      "    +schema: ignored\n";
  files.texts["dbt/transform/top.sql"] = "select '{{ var('region') }}' as region";
  files.texts["dbt/transform/finance/revenue.sql"] = "select * from {{ ref('top') }}";
  files.texts["dbt/transform/finance/legacy/old.sql"] = "select 1";
  files.texts["dbt/models/not_a_model_path.sql"] = "select 1";
  files.texts["dbt/transform/finance/aliased.sql"] = "{{ config(schema='custom', alias='rev2', materialized='incremental') }}\nselect 1";
  AnalyticsProject p = ReadDbtProject("dbt/dbt_project.yml", files.Paths(), files.Reader());
  REQUIRE(p.models.size() == 3);
  CHECK(Find(p, "model.acme.top")->relation.ToString() == "analytics_base.top");
  CHECK(Find(p, "model.acme.top")->sql == "select 'eu' as region");
  const Model* revenue = Find(p, "model.acme.revenue");
  CHECK(revenue->relation.ToString() == "analytics_finance.revenue");
  CHECK(revenue->materialized == "table");
  CHECK(testing::Names(revenue->depends_on) == "analytics_base.top");
  const Model* aliased = Find(p, "model.acme.aliased");
  CHECK(aliased->relation.ToString() == "analytics_custom.rev2");
  CHECK(aliased->materialized == "incremental");
  CHECK(Find(p, "model.acme.old") == nullptr);  // disabled by its folder
  CHECK(AllDiagnostics(p).empty());
}

TEST_CASE("property files: models with contracts, access, versions") {
  testing::Files files;
  files.texts["dbt_project.yml"] = "name: shop\n";
  files.texts["models/dim_users_v1.sql"] = "select 1 as id, 'a' as email, 'x' as legacy";
  files.texts["models/dim_users_v2.sql"] = "select 1 as id, 'a' as email, 'fr' as country";
  files.texts["models/reader.sql"] = "select * from {{ ref('dim_users') }} join {{ ref('dim_users', v=1) }} using (id)";
  files.texts["models/schema.yml"] =
      "version: 2\n"
      "models:\n"
      "  - name: dim_users\n"
      "    access: public\n"
      "    group: core\n"
      "    latest_version: 2\n"
      "    config:\n"
      "      contract: {enforced: true}\n"
      "    columns:\n"
      "      - name: id\n"
      "        data_type: bigint\n"
      "      - name: email\n"
      "        data_type: text\n"
      "        constraints: [{type: not_null}]\n"
      "      - name: legacy\n"
      "        data_type: text\n"
      "    versions:\n"
      "      - v: 2\n"
      "        columns:\n"
      "          - include: all\n"
      "            exclude: [legacy]\n"
      "          - name: country\n"
      "            data_type: char(2)\n"
      "            data_tests: [not_null, {accepted_values: {values: [fr, de]}}]\n"
      "      - v: 1\n"
      "        deprecation_date: 2024-06-01\n"
      "  - name: reader\n"
      "    access: private\n"
      "  - name: ghost\n";
  AnalyticsProject p = ReadDbtProject("dbt_project.yml", files.Paths(), files.Reader());
  REQUIRE(p.models.size() == 3);
  const Model* v1 = Find(p, "model.shop.dim_users.v1");
  const Model* v2 = Find(p, "model.shop.dim_users.v2");
  REQUIRE(v1 != nullptr);
  REQUIRE(v2 != nullptr);
  CHECK(v1->relation.ToString() == "analytics.dim_users_v1");
  CHECK(v2->relation.ToString() == "analytics.dim_users_v2");
  CHECK(v1->version == "1");
  CHECK(v1->latest_version == "2");
  CHECK(v1->deprecation_date == "2024-06-01");
  CHECK(v2->deprecation_date == "");
  CHECK(v2->access == "public");
  CHECK(v2->group == "core");
  CHECK(v2->contract_enforced);
  CHECK(Columns(*v1) == "id:bigint email:text! legacy:text");  // '!': declared never NULL
  CHECK(Columns(*v2) == "id:bigint email:text! country:char(2)!");
  const Model* reader = Find(p, "model.shop.reader");
  CHECK(reader->access == "private");
  CHECK(testing::Names(reader->depends_on) == "analytics.dim_users_v1 analytics.dim_users_v2");
  CHECK(testing::Format(AllDiagnostics(p)) == "models/schema.yml:29:0 model 'ghost' has properties but no file ghost.sql\n");
}

TEST_CASE("property files: sources and exposures") {
  testing::Files files;
  files.texts["dbt_project.yml"] = "name: shop\nvars:\n  raw: raw_app\n";
  files.texts["models/sources.yml"] =
      "sources:\n"
      "  - name: app\n"
      "    schema: \"{{ var('raw') }}\"\n"
      "    database: warehouse\n"
      "    tables:\n"
      "      - name: users\n"
      "        identifier: app_users\n"
      "      - name: orders\n"
      "  - name: stripe\n"
      "    tables:\n"
      "      - name: charges\n";
  files.texts["models/exposures.yml"] =
      "exposures:\n"
      "  - name: weekly_kpis\n"
      "    type: notebook\n"
      "    owner: {name: Finance, email: finance@example.com}\n"
      "    depends_on:\n"
      "      - source('stripe', 'charges')\n"
      "      - ref('nowhere')\n"
      "      - metric('x')\n";
  AnalyticsProject p = ReadDbtProject("dbt_project.yml", files.Paths(), files.Reader());
  REQUIRE(p.sources.size() == 3);
  CHECK(p.sources[0].unique_id == "source.shop.app.orders");
  CHECK(p.sources[0].relation.ToString() == "raw_app.orders");
  CHECK(p.sources[1].relation.ToString() == "raw_app.app_users");
  CHECK(p.sources[1].database == "warehouse");
  CHECK(p.sources[2].relation.ToString() == "stripe.charges");  // schema defaults to the source name
  REQUIRE(p.exposures.size() == 1);
  CHECK(p.exposures[0].owner_email == "finance@example.com");
  CHECK(testing::Names(p.exposures[0].depends_on) == "analytics.nowhere stripe.charges");
  CHECK(p.exposures[0].depends_on_ids == std::vector<std::string>{"source.shop.stripe.charges"});
  CHECK(testing::Format(AllDiagnostics(p)) ==
        "models/exposures.yml:7:0 ref('nowhere') names no model of the project: read as analytics.nowhere\n"
        "models/exposures.yml:8:0 macro 'metric' is not run: its output is treated as opaque\n");
}

TEST_CASE("bad YAML is a diagnostic at its place, the rest goes on") {
  testing::Files files;
  files.texts["dbt_project.yml"] = "name: shop\n";
  files.texts["models/a.sql"] = "select 1 as x";
  files.texts["models/bad.yml"] = "models:\n  - name: a\n    columns: [\n";
  files.texts["models/good.yml"] = "models:\n  - name: a\n    access: public\n";
  AnalyticsProject p = ReadDbtProject("dbt_project.yml", files.Paths(), files.Reader());
  REQUIRE(p.models.size() == 1);
  CHECK(p.models[0].access == "public");
  REQUIRE(p.diagnostics.size() == 1);
  CHECK(p.diagnostics[0].span.file == "models/bad.yml");
  CHECK(p.diagnostics[0].span.line == 4);
  CHECK(p.diagnostics[0].message.starts_with("could not parse YAML: "));
}

TEST_CASE("a model whose SQL does not parse is a diagnostic and a partial read, the rest goes on") {
  testing::Files files;
  files.texts["dbt_project.yml"] = "name: shop\n";
  files.texts["models/broken.sql"] = "-- header\nselect a,\nfrom {{ ref('ok') }} where";
  files.texts["models/ok.sql"] = "select 1 as a";
  AnalyticsProject p = ReadDbtProject("dbt_project.yml", files.Paths(), files.Reader());
  REQUIRE(p.models.size() == 2);
  REQUIRE(p.models[0].parsed->ops.size() == 1);
  const auto& broken = std::get<ir::CreateView>(p.models[0].parsed->ops[0].op);
  CHECK(broken.query->salvaged);  // the relation it ref()s, its identifiers
  REQUIRE(broken.query->from.size() == 1);
  CHECK(broken.query->from[0].relation.ToString() == "analytics.ok");
  CHECK(testing::Names(p.models[0].depends_on) == "analytics.ok");
  CHECK(testing::Format(AllDiagnostics(p)) == "models/broken.sql:3:1 could not parse: syntax error at or near \"from\"\n");
  CHECK(p.models[1].parsed->ops.size() == 1);
}

TEST_CASE("an unreadable or nameless dbt_project.yml") {
  testing::Files files;
  AnalyticsProject missing = ReadDbtProject("dbt_project.yml", files.Paths(), files.Reader());
  CHECK(testing::Format(missing.diagnostics) == "dbt_project.yml:0:0 could not read dbt_project.yml\n");
  files.texts["dbt_project.yml"] = "version: 2\n";
  AnalyticsProject nameless = ReadDbtProject("dbt_project.yml", files.Paths(), files.Reader());
  CHECK(testing::Format(nameless.diagnostics) == "dbt_project.yml:1:1 dbt_project.yml has no `name:`\n");
}

}  // namespace
}  // namespace ds::analytics

namespace ds::analytics {
namespace {

TEST_CASE("seeds are tables ref() can name") {
  testing::Files files;
  files.texts["dbt_project.yml"] = "name: shop\nseeds:\n  shop:\n    +schema: seeds\n";
  files.texts["seeds/countries.csv"] = "code,name\nfr,France\n";
  files.texts["models/m.sql"] = "select * from {{ ref('countries') }}";
  AnalyticsProject p = ReadDbtProject("dbt_project.yml", files.Paths(), files.Reader());
  REQUIRE(p.models.size() == 1);
  CHECK(testing::Names(p.models[0].depends_on) == "analytics_seeds.countries");
  CHECK(p.models[0].depends_on_ids == std::vector<std::string>{"seed.shop.countries"});
  CHECK(AllDiagnostics(p).empty());
}

}  // namespace
}  // namespace ds::analytics
