// lea beyond its folder layout: files DuckDB reads in place (a CSV file of the repository is a
// table with its header's columns; anything else is read partly, said at the read), and lea's
// BigQuery names (<dataset>.<schema>__<table>, the dataset configured or named by the scripts).
#include <doctest/doctest.h>

#include <variant>

#include "parsers/analytics/analytics.h"
#include "tests/analytics/files.h"

namespace ds::analytics {
namespace {

using testing::Find;

LeaOptions In(const char* dialect, std::string dataset = "") {
  LeaOptions options;
  options.dialect = dialect::DialectByName(dialect);
  options.dataset = std::move(dataset);
  return options;
}

std::string Columns(const Seed& seed) {
  std::string out;
  for (const ColumnContract& c : seed.columns) out += (out.empty() ? "" : " ") + c.name + ":" + c.data_type;
  return out;
}

std::string Outside(const AnalyticsProject& p) {
  std::string out;
  for (const OutsideRead& read : p.outside_reads) {
    out += read.relation.ToString() + " @" + read.span.file + ":" + std::to_string(read.span.line) + ":" +
           std::to_string(read.span.column) + "\n";
  }
  return out;
}

TEST_CASE("lea (DuckDB): a CSV file of the repository read in place is a table with its header's columns") {
  testing::Files files;
  // lea runs in shop/, where its scripts folder is: the paths are relative to it.
  files.texts["shop/scripts/staging/customers.sql"] =
      "WITH raw AS (\n    SELECT * FROM 'seeds/raw_customers.csv'\n)\nSELECT id AS customer_id, first_name FROM raw;\n";
  files.texts["shop/scripts/staging/orders.sql"] =
      "SELECT o.id, o.user_id FROM read_csv('./seeds/raw_orders.csv', header = true) AS o\n";
  files.texts["shop/seeds/raw_customers.csv"] = "id,first_name,last_name\n1,Ada,Lovelace\n";
  files.texts["shop/seeds/raw_orders.csv"] = "id,user_id,order_date\n1,1,2024-01-01\n";
  AnalyticsProject p = ReadLeaViews("shop/scripts", files.Paths(), files.Reader(), In("duckdb"));
  CHECK(testing::Format(AllDiagnostics(p)) == "");
  CHECK(p.outside_reads.empty());
  REQUIRE(p.seeds.size() == 2);
  // Named as the SQL names the file, so the model's read finds it.
  CHECK(p.seeds[0].relation.ToString() == "./seeds/raw_orders.csv");
  CHECK(p.seeds[0].file == "shop/seeds/raw_orders.csv");
  CHECK(Columns(p.seeds[0]) == "id:integer user_id:integer order_date:date");
  CHECK(p.seeds[1].relation.ToString() == "seeds/raw_customers.csv");
  CHECK(Columns(p.seeds[1]) == "id:integer first_name:text last_name:text");
  REQUIRE(p.seeds[1].parsed);
  CHECK(std::get<ir::CreateTable>(p.seeds[1].parsed->ops.at(0).op).table.ToString() == "seeds/raw_customers.csv");
  const Model* customers = Find(p, "staging.customers");
  REQUIRE(customers != nullptr);
  CHECK(testing::Names(customers->depends_on) == "seeds/raw_customers.csv");
}

TEST_CASE("lea (DuckDB): a file the repository does not hold is read partly, said where it is read") {
  testing::Files files;
  files.texts[".gitmodules"] =
      "[submodule \"examples/shop/jaffle\"]\n\tpath = examples/shop/jaffle\n\turl = https://example.com/jaffle\n";
  files.texts["examples/shop/scripts/staging/customers.sql"] =
      "WITH raw AS (SELECT * FROM 'jaffle/seeds/raw_customers.csv')\nSELECT id FROM raw\n";
  files.texts["examples/shop/scripts/staging/events.sql"] =
      "SELECT * FROM read_parquet('s3://bucket/events.parquet')\n"
      "UNION ALL SELECT * FROM 'data/events.parquet'\n"
      "UNION ALL SELECT * FROM read_csv_auto('data/*.csv')\n"
      "UNION ALL SELECT * FROM 'data/gone.csv'\n"
      "UNION ALL SELECT * FROM '../../../../outside.csv'\n"
      "UNION ALL SELECT * FROM 'data/semicolons.csv'\n";
  files.texts["examples/shop/data/events.parquet"] = "PAR1";
  files.texts["examples/shop/data/semicolons.csv"] = "id;name\n1;a\n";
  AnalyticsProject p = ReadLeaViews("examples/shop/scripts", files.Paths(), files.Reader(), In("duckdb"));
  CHECK(p.seeds.empty());
  CHECK(Outside(p) ==
        "jaffle/seeds/raw_customers.csv @examples/shop/scripts/staging/customers.sql:1:28\n"
        "s3://bucket/events.parquet @examples/shop/scripts/staging/events.sql:1:15\n"
        "data/events.parquet @examples/shop/scripts/staging/events.sql:2:25\n"
        "data/*.csv @examples/shop/scripts/staging/events.sql:3:25\n"
        "data/gone.csv @examples/shop/scripts/staging/events.sql:4:25\n"
        "../../../../outside.csv @examples/shop/scripts/staging/events.sql:5:25\n"
        "data/semicolons.csv @examples/shop/scripts/staging/events.sql:6:25\n");
  CHECK(testing::Format(AllDiagnostics(p)) ==
        "examples/shop/scripts/staging/customers.sql:1:28 file 'jaffle/seeds/raw_customers.csv' is in the git "
        "submodule examples/shop/jaffle, not read: its columns are not checked\n"
        "examples/shop/scripts/staging/events.sql:1:15 file 's3://bucket/events.parquet' is read from outside the "
        "repository: its columns are not checked\n"
        "examples/shop/scripts/staging/events.sql:2:25 file 'data/events.parquet' (examples/shop/data/events.parquet) "
        "is no CSV file: its columns are not checked\n"
        "examples/shop/scripts/staging/events.sql:3:25 file 'data/*.csv' is a pattern of files, not read: its columns "
        "are not checked\n"
        "examples/shop/scripts/staging/events.sql:4:25 file 'data/gone.csv' (examples/shop/data/gone.csv) is not in "
        "the repository: its columns are not checked\n"
        "examples/shop/scripts/staging/events.sql:5:25 file '../../../../outside.csv' is outside the repository: its "
        "columns are not checked\n"
        "examples/shop/scripts/staging/events.sql:6:25 file 'data/semicolons.csv' (examples/shop/data/semicolons.csv) "
        "is not separated by commas: its columns are not checked\n");
  for (const ir::Diagnostic& d : AllDiagnostics(p)) CHECK(d.code == ir::DiagCode::kUnmappedSource);
}

TEST_CASE("near miss: a table name is no file, and other dialects read no files") {
  testing::Files files;
  files.texts["scripts/core/orders.sql"] = "SELECT o.id FROM staging.orders o JOIN \"seeds/x.csv\" s ON s.id = o.id\n";
  files.texts["scripts/staging/orders.sql"] = "SELECT 1 AS id\n";
  AnalyticsProject p = ReadLeaViews("scripts", files.Paths(), files.Reader(), In("duckdb"));
  CHECK(p.outside_reads.empty());
  CHECK(p.seeds.empty());
  CHECK(testing::Names(Find(p, "core.orders")->depends_on) == "seeds/x.csv staging.orders");
}

TEST_CASE("lea (BigQuery): <dataset>.<schema>__<table>, and the scripts' references to each other resolve") {
  testing::Files files;
  files.texts["scripts/staging/orders.sql"] = "SELECT id, amount FROM `billing-prod.raw.orders`\n";
  files.texts["scripts/core/orders.sql"] = "SELECT id, amount FROM kaya.staging__orders\n";
  files.texts["scripts/analytics/finance/kpis.sql"] = "SELECT SUM(amount) AS revenue FROM kaya.core__orders\n";
  files.texts["scripts/analytics/_draft.sql"] = "SELECT 1\n";  // lea leaves `_` files out
  files.texts["scripts/tests/orders_are_dated.sql"] = "SELECT * FROM kaya.core__orders WHERE id IS NULL\n";
  SUBCASE("the dataset configured") {
    AnalyticsProject p = ReadLeaViews("scripts", files.Paths(), files.Reader(), In("bigquery", "kaya"));
    CHECK(testing::Format(AllDiagnostics(p)) == "");
    REQUIRE(p.models.size() == 3);
    CHECK(p.models[0].unique_id == "kaya.analytics__finance__kpis");
    CHECK(p.models[0].relation.ToString() == "kaya.analytics__finance__kpis");
    CHECK(testing::Names(p.models[0].depends_on) == "kaya.core__orders");
    CHECK(p.models[1].relation.ToString() == "kaya.core__orders");
    CHECK(testing::Names(p.models[1].depends_on) == "kaya.staging__orders");
    CHECK(p.models[2].relation.ToString() == "kaya.staging__orders");
    CHECK(std::get<ir::CreateView>(p.models[1].parsed->ops.at(0).op).view.ToString() == "kaya.core__orders");
  }
  SUBCASE("not configured: the dataset the scripts name each other in") {
    AnalyticsProject p = ReadLeaViews("scripts", files.Paths(), files.Reader(), In("bigquery"));
    CHECK(testing::Format(AllDiagnostics(p)) == "");
    REQUIRE(p.models.size() == 3);
    CHECK(p.models[1].relation.ToString() == "kaya.core__orders");
    CHECK(std::get<ir::CreateView>(p.models[1].parsed->ops.at(0).op).view.ToString() == "kaya.core__orders");
  }
  SUBCASE("near miss: DuckDB keeps the schema, sub-folders joined below it") {
    AnalyticsProject p = ReadLeaViews("scripts", files.Paths(), files.Reader(), In("duckdb"));
    REQUIRE(p.models.size() == 3);
    CHECK(p.models[0].relation.ToString() == "analytics.finance__kpis");
    CHECK(p.models[1].relation.ToString() == "core.orders");
  }
}

TEST_CASE("lea (BigQuery): the dataset of the .env file lea reads where it runs") {
  testing::Files files;
  files.texts["warehouse/views/core/orders.sql"] = "SELECT 1 AS id\n";
  files.texts["warehouse/.env"] = "# lea\nLEA_WAREHOUSE=bigquery\nexport LEA_BQ_DATASET_NAME_OLD=x\n"
                                  "export LEA_BQ_DATASET_NAME = \"kaya\"  # production\n";
  AnalyticsProject p = ReadLeaViews("warehouse/views/", files.Paths(), files.Reader(), In("bigquery"));
  REQUIRE(p.models.size() == 1);
  CHECK(p.models[0].relation.ToString() == "kaya.core__orders");
  CHECK(testing::Format(p.diagnostics) == "");
  // The entry's `dataset:` wins.
  p = ReadLeaViews("warehouse/views", files.Paths(), files.Reader(), In("bigquery", "prod"));
  CHECK(p.models.at(0).relation.ToString() == "prod.core__orders");
}

TEST_CASE("lea (BigQuery): no dataset configured and none named: the folder's, said") {
  testing::Files files;
  files.texts["warehouse/views/core/orders.sql"] = "SELECT 1 AS id\n";
  AnalyticsProject p = ReadLeaViews("warehouse/views", files.Paths(), files.Reader(), In("bigquery"));
  REQUIRE(p.models.size() == 1);
  CHECK(p.models[0].relation.ToString() == "views.core__orders");
  CHECK(testing::Format(p.diagnostics) ==
        "warehouse/views:0:0 lea's BigQuery dataset (its LEA_BQ_DATASET_NAME) is not configured and no script names "
        "another: the tables are named views.<schema>__<table> (set `dataset:` on the views entry)\n");
  CHECK(p.diagnostics.at(0).code == ir::DiagCode::kConfiguration);
}

}  // namespace
}  // namespace ds::analytics
