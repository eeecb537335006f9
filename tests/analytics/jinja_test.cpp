// The static Jinja renderer, one row per construct: the model text, the SQL it renders to (line
// i of the SQL is line i of the model), the ref()/source() calls met, and the diagnostics.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "parsers/analytics/jinja_render.h"
#include "tests/analytics/files.h"

namespace ds::analytics::jinja {
namespace {

RenderContext TestContext() {
  RenderContext context;
  context.file = "models/m.sql";
  context.vars["days"] = Value::Int(7);
  context.vars["currencies"] = Value::MakeList({Value::String("eur"), Value::String("usd")});
  context.this_relation = {"analytics", "m"};
  context.resolve = [](const RelationUse& use) {
    if (use.kind == RelationUse::Kind::kSource) return ir::QualifiedName{"raw_" + use.name, use.table};
    return ir::QualifiedName{"analytics", use.version.empty() ? use.name : use.name + "_v" + use.version};
  };
  return context;
}

/// "ref m 1:8", "source app.users 2:6", "+ other branch" marks.
std::string Uses(const std::vector<RelationUse>& uses) {
  std::string out;
  for (const RelationUse& u : uses) {
    std::string what = u.kind == RelationUse::Kind::kRef
                           ? "ref " + (u.package.empty() ? "" : u.package + ".") + u.name + (u.version.empty() ? "" : " v" + u.version)
                           : "source " + u.name + "." + u.table;
    out += what + " -> " + u.relation.ToString() + " " + std::to_string(u.line) + ":" + std::to_string(u.column) +
           (u.other_branch ? " other" : "") + "\n";
  }
  return out;
}

using testing::Squeeze;

struct Row {
  const char* name;
  const char* input;
  const char* sql;
  const char* uses;
  const char* diagnostics;
};

const Row kRows[] = {
    {"plain sql passes through", "select 1 as x\nfrom t\n", "select 1 as x\nfrom t\n", "", ""},
    {"ref", "select * from {{ ref('orders') }}", "select * from analytics.orders", "ref orders -> analytics.orders 1:18\n", ""},
    {"ref keeps columns when shorter", "select a from {{ ref('o') }} where x", "select a from analytics.o where x",
     "ref o -> analytics.o 1:18\n", ""},
    {"ref with package", "select * from {{ ref('shop', 'orders') }}", "select * from analytics.orders",
     "ref shop.orders -> analytics.orders 1:18\n", ""},
    {"ref with v=", "select * from {{ ref('orders', v=2) }}", "select * from analytics.orders_v2",
     "ref orders v2 -> analytics.orders_v2 1:18\n", ""},
    {"ref with version=", "select * from {{ ref('orders', version='3') }}", "select * from analytics.orders_v3",
     "ref orders v3 -> analytics.orders_v3 1:18\n", ""},
    {"source", "select * from {{ source('app', 'users') }}", "select * from raw_app.users",
     "source app.users -> raw_app.users 1:18\n", ""},
    {"this", "select * from {{ this }}", "select * from analytics.m", "", ""},
    {"config is read and prints nothing", "{{ config(materialized='table', schema='marts') }}\nselect 1",
     "\nselect 1", "", ""},
    {"var with a value", "select * from t where d > now() - interval '{{ var(\"days\") }} days'",
     "select * from t where d > now() - interval '7 days'", "", ""},
    {"var default", "select {{ var('missing', 42) }} as x", "select 42 as x", "", ""},
    {"var without default", "select {{ var('nope') }} as x", "select __macro__.var_nope() as x", "",
     "models/m.sql:1:11 var 'nope' is not set in dbt_project.yml and has no default\n"},
    {"comment", "select 1 {# a comment #}as x", "select 1 as x", "", ""},
    {"multi-line comment keeps lines", "{#\n  note\n#}\nselect 1", "\n\n\nselect 1", "", ""},
    {"set literal", "{% set n = 3 %}select {{ n }} as x", " select 3 as x", "", ""},
    {"set list and for", "{% set cols = ['a', 'b'] %}\nselect\n{% for c in cols %}  {{ c }},\n{% endfor %}  z\nfrom t",
     "\nselect\n a,\n b, z\nfrom t", "", ""},
    {"for over a var with loop.last",
     "select {% for c in var('currencies') %}sum({{ c }}){% if not loop.last %}, {% endif %}{% endfor %} from t",
     "select sum(eur), sum(usd) from t", "", ""},
    {"whitespace control", "select\n    {%- set x = 1 -%}\n    a from t", "selecta from t", "", ""},
    {"whitespace control keeps later lines", "select {%- if true -%}\n\n a {%- endif %}\nfrom t", "selecta\n\n\nfrom t", "", ""},
    {"string concatenation", "select * from {{ 'raw' ~ '_' ~ 'app' }}.users", "select * from raw_app.users", "", ""},
    {"if true elif else", "{% if 1 > 2 %}a{% elif 'x' == 'x' %}b{% else %}c{% endif %}", " b", "", ""},
    {"if on a var", "select {% if var('days') == 7 %}1{% else %}2{% endif %} as x", "select 1 as x", "", ""},
    {"is_incremental renders the false branch and collects both",
     "select * from {{ ref('a') }}\n{% if is_incremental() %}\nwhere t > (select max(t) from {{ ref('b') }})\n{% endif %}\n",
     "select * from analytics.a\n\n\n\n", "ref a -> analytics.a 1:18\nref b -> analytics.b 3:34 other\n", ""},
    {"not is_incremental renders its branch",
     "{% if not is_incremental() %}select 1 from {{ ref('full') }}{% else %}select 2 from {{ ref('delta') }}{% endif %}",
     " select 1 from analytics.full", "ref full -> analytics.full 1:47\nref delta -> analytics.delta 1:88 other\n", ""},
    {"unknown condition takes its branch and collects the rest",
     "select * from {% if target.name == 'prod' %}{{ ref('big') }}{% else %}{{ ref('small') }}{% endif %}",
     "select * from analytics.big", "ref big -> analytics.big 1:48\nref small -> analytics.small 1:74 other\n",
     "models/m.sql:1:15 condition over 'target.name' is not known statically: rendered as if true, the other branches only for their references\n"},
    {"a macro that needs the catalog, unanswered, in a select list",
     "select\n  {{ dbt_utils.star(from=ref('orders'), except=['x']) }},\n  id\nfrom {{ ref('orders') }}",
     "select\n __macro__.dbt_utils_star(),\n id\nfrom analytics.orders",
     "ref orders -> analytics.orders 2:26\nref orders -> analytics.orders 4:9\n",
     "models/m.sql:2:6 macro 'dbt_utils.star': the columns of analytics.orders are not known: its output is treated as opaque\n"},
    {"unknown macro in FROM", "select * from {{ my_tables() }} as t", "select * from __macro__.my_tables as t", "",
     "models/m.sql:1:18 macro 'my_tables' is not run: its output is treated as opaque\n"},
    {"unknown macro after a relation", "select * from t {{ dbt_utils.no_such(2) }}",
     "select * from t /* dbt_utils_no_such */", "",
     "models/m.sql:1:20 macro 'dbt_utils.no_such' is not run: its output is treated as opaque\n"},
    {"a built-in macro after a relation", "select * from t {{ dbt_utils.group_by(2) }}", "select * from t group by 1,2", "", ""},
    {"unknown value inside a name", "select * from {{ target.schema }}.users",
     "select * from target_schema.users", "",
     "models/m.sql:1:15 'target.schema' is not known statically: replaced by a placeholder\n"},
    {"unknown loop renders once", "select {% for c in adapter.get_columns_in_relation(this) %}{{ c.name }}{% endfor %} from t",
     "select __macro__.adapter_get_columns_in_relation_item_name() from t", "",
     "models/m.sql:1:8 loop over 'adapter.get_columns_in_relation' is not known statically: its body is rendered once\n"
     "models/m.sql:1:20 macro 'adapter.get_columns_in_relation': the columns of analytics.m are not known: its output is "
     "treated as opaque\n"},
    {"filters", "select '{{ 'Ab' | lower }}', '{{ ['a','b'] | join('-') }}', '{{ none | default('d') }}'",
     "select 'ab', 'a-b', 'None'", "", ""},
    {"raw", "select '{% raw %}{{ x }}{% endraw %}'", "select '{{ x }}'", "", ""},
    {"set block", "{% set cols %}a, b{% endset %}select {{ cols }} from t", " select a, b from t", "", ""},
    {"log prints nothing", "select 1{{ log('hi', info=true) }}", "select 1", "", ""},
    {"broken tag is reported", "select {{ ref('a' }} from t", "select from t", "",
     "models/m.sql:1:19 could not parse Jinja: expected ')'\n"},
    {"macro definitions are not rendered", "{% macro m() %}junk{% endmacro %}select 1", " select 1", "", ""},
    {"a -- comment stops a joined line", "{% for i in [1, 2] %}a{{ i }} -- c\n{% endfor %}x",
     " a1 -- c\na2 -- c\nx", "", ""},
};

TEST_CASE("Jinja constructs render statically") {
  for (const Row& row : kRows) {
    SUBCASE(row.name) {
      RenderResult result = Render(row.input, TestContext());
      CHECK(Squeeze(result.sql) == row.sql);
      CHECK(Uses(result.uses) == row.uses);
      CHECK(testing::Format(result.diagnostics) == row.diagnostics);
    }
  }
}

TEST_CASE("config() keywords are collected in call order") {
  RenderResult result = Render(
      "{{ config(materialized='incremental', schema='marts', alias='orders_all', enabled=true, "
      "contract={'enforced': true}, access='public', tags=['daily']) }}\nselect 1",
      TestContext());
  std::string config;
  for (const auto& [key, value] : result.config) config += key + "=" + ToText(value) + ";";
  CHECK(config ==
        "materialized=incremental;schema=marts;alias=orders_all;enabled=True;contract={'enforced': True};"
        "access=public;tags=['daily'];");
  CHECK_FALSE(result.incremental);
}

TEST_CASE("a known target name decides conditions on it") {
  RenderContext context = TestContext();
  context.target_name = "prod";
  RenderResult result = Render("{% if target.name == 'dev' %}limit 10{% else %}select 1{% endif %}", context);
  CHECK(Squeeze(result.sql) == " select 1");
  CHECK(result.diagnostics.empty());
}

TEST_CASE("exposure depends_on expressions") {
  std::vector<RelationUse> uses;
  std::vector<ir::Diagnostic> diagnostics;
  EvaluateExpression("ref('dim_customers')", TestContext(), 12, uses, diagnostics);
  EvaluateExpression("{{ source('app', 'users') }}", TestContext(), 13, uses, diagnostics);
  CHECK(Uses(uses) == "ref dim_customers -> analytics.dim_customers 12:1\nsource app.users -> raw_app.users 13:1\n");
  CHECK(diagnostics.empty());
}

}  // namespace
}  // namespace ds::analytics::jinja

namespace ds::analytics::jinja {
namespace {

// Where the rendered SQL puts things: line i is the model's line i; a replacement shorter than
// its tag is padded so what follows keeps its column; no padding inside a string literal or
// between characters of one token; a loop's extra output joins its last line.
TEST_CASE("rendered SQL keeps the model's lines and columns") {
  struct Layout {
    const char* name;
    const char* input;
    const char* sql;
  };
  const Layout kLayouts[] = {
      {"shorter ref is padded", "select a from {{ ref('o') }} where x", "select a from analytics.o    where x"},
      {"longer this pushes right", "from {{this}} t", "from analytics.m t"},
      {"config lines stay lines", "{{ config(\n  materialized='table'\n) }}\nselect 1", "\n\n\nselect 1"},
      {"no padding inside a string", "select '{{ var(\"days\") }} days'", "select '7 days'"},
      {"no padding inside a name", "select amount_{% if true %}eur{% endif %} from t",
       "select amount_eur                         from t"},
      {"loop output joins its last line", "{% for c in ['a', 'b'] %}\n{{ c }},\n{% endfor %}\nz",
       "\na,\n b, \nz"},
      {"is_incremental keeps the lines after it", "{% if is_incremental() %}\nwhere x\n{% endif %}\nz", "\n\n\nz"},
  };
  for (const Layout& row : kLayouts) {
    SUBCASE(row.name) { CHECK(Render(row.input, TestContext()).sql == row.sql); }
  }
}

}  // namespace
}  // namespace ds::analytics::jinja
