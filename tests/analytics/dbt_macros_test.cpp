// Macros run: small dbt projects written by the test, each with its macros, read end to end. A
// column passed to a macro as a string must come out of the render as a column reference, the
// model must parse, and what cannot be run (an unknown macro, a runaway one) is a diagnostic.
#include <doctest/doctest.h>

#include <algorithm>
#include <map>
#include <variant>

#include "parsers/analytics/analytics.h"
#include "parsers/analytics/jinja_builtins.h"
#include "tests/analytics/files.h"

namespace ds::analytics {
namespace {

using testing::Squeeze;

const char* kProject = "name: shop\nmodel-paths: [models]\n";

/// One model `m` (models/m.sql) in a project with `macros` (path -> text) and optional extras.
AnalyticsProject Read(const std::string& model, const std::map<std::string, std::string>& macros,
                      const std::string& project = kProject, DbtOptions options = {}) {
  testing::Files files;
  files.texts["dbt_project.yml"] = project;
  files.texts["models/m.sql"] = model;
  for (const auto& [path, text] : macros) files.texts[path] = text;
  return ReadDbtProject("dbt_project.yml", files.Paths(), files.Reader(), options);
}

const Model& M(const AnalyticsProject& p) {
  REQUIRE(p.models.size() == 1);
  return p.models[0];
}

/// The model's SQL on one line, runs of white space squeezed.
std::string Sql(const AnalyticsProject& p) {
  std::string sql = M(p).sql;
  for (char& c : sql) if (c == '\n') c = ' ';
  std::string out = Squeeze(sql);
  while (!out.empty() && out.front() == ' ') out.erase(0, 1);
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

bool Parsed(const Model& m) {
  return m.parsed && m.parsed->ops.size() == 1 && std::holds_alternative<ir::CreateView>(m.parsed->ops[0].op);
}

const char* kCentsToDollars =
    "{% macro cents_to_dollars(column_name) -%}\n"
    "    {{ return(adapter.dispatch('cents_to_dollars')(column_name)) }}\n"
    "{%- endmacro %}\n\n"
    "{% macro default__cents_to_dollars(column_name) -%}\n"
    "    ({{ column_name }} / 100)::numeric(16, 2)\n"
    "{%- endmacro %}\n\n"
    "{% macro postgres__cents_to_dollars(column_name) -%}\n"
    "    ({{ column_name }}::numeric(16, 2) / 100)\n"
    "{%- endmacro %}\n\n"
    "{% macro bigquery__cents_to_dollars(column_name) %}\n"
    "    round(cast(({{ column_name }} / 100) as numeric), 2)\n"
    "{% endmacro %}\n";

struct Row {
  const char* name;
  const char* model;
  std::map<std::string, std::string> macros;
  const char* sql;          ///< the rendered SQL, squeezed onto one line
  const char* diagnostics;  ///< every diagnostic, "file:line:col message" a line
};

const Row kRows[] = {
    {"a project macro with a column argument",
     "select {{ cents_to_dollars('subtotal') }} as subtotal from t",
     {{"macros/cents.sql", kCentsToDollars}},
     "select (subtotal::numeric(16, 2) / 100) as subtotal from t", ""},
    {"keyword arguments and defaults",
     "select {{ money(scale=4, col='amount') }} as a, {{ money('b') }} as b from t",
     {{"macros/money.sql", "{% macro money(col, scale=2) %}round({{ col }}, {{ scale }}){% endmacro %}"}},
     "select round(amount, 4) as a, round(b, 2) as b from t", ""},
    {"varargs and kwargs",
     "select {{ cols('a', 'b', 'c', sep=' + ') }} as total from t",
     {{"macros/cols.sql", "{% macro cols(first) %}{{ first }}{{ kwargs.sep }}{{ varargs | join(kwargs.sep) }}{% endmacro %}"}},
     "select a + b + c as total from t", ""},
    {"a macro returning a value, not its text",
     "{% set cols = pick('x') %}select {{ cols | join(', ') }} from t",
     {{"macros/pick.sql", "{% macro pick(extra) %}ignored text{{ return(['id', extra]) }}more{% endmacro %}"}},
     "select id, x from t", ""},
    {"caller() with a call block",
     "{% call wrap('t') %}a, b{% endcall %}",
     {{"macros/wrap.sql", "{% macro wrap(rel) %}select {{ caller() }} from {{ rel }}{% endmacro %}"}},
     "select a, b from t", ""},
    {"caller() with arguments",
     "{% call(col) each(['a', 'b']) %}max({{ col }}) as {{ col }}{% endcall %}",
     {{"macros/each.sql",
       "{% macro each(cols) %}select {% for c in cols %}{{ caller(c) }}{% if not loop.last %}, {% endif %}{% endfor %} from t{% endmacro %}"}},
     "select max(a) as a, max(b) as b from t", ""},
    {"macros calling macros, and the project's namespace",
     "select {{ shop.outer('x') }} as y from t",
     {{"macros/a.sql", "{% macro outer(c) %}coalesce({{ inner(c) }}, 0){% endmacro %}"},
      {"macros/b.sql", "{% macro inner(c) %}{{ c }} * 2{% endmacro %}"}},
     "select coalesce(x * 2, 0) as y from t", ""},
    {"a macro writing the whole final SELECT from a CTE name",
     "with renamed as (select id, name from raw_t)\n{{ final_select('renamed') }}",
     {{"macros/final.sql", "{% macro final_select(cte) %}\nselect\n    *\nfrom {{ cte }}\n{% endmacro %}"}},
     "with renamed as (select id, name from raw_t) select * from renamed", ""},
    {"builtins.ref and builtins.source are dbt's own",
     "select * from {{ builtins.source('app', 'users') }} join {{ builtins.ref('shop', 'm') }} using (id)",
     {{"models/_sources.yml", "sources:\n  - name: app\n    tables:\n      - name: users\n"}},
     "select * from app.users join analytics.m using (id)", ""},
    {"a macro defined in the model itself",
     "{% macro twice(c) %}{{ c }} + {{ c }}{% endmacro %}select {{ twice('n') }} as n2 from t",
     {},
     "select n + n as n2 from t", ""},
    {"dispatch to the project's override of a dbt built-in",
     "select {{ dbt.date_trunc('day', 'ordered_at') }} as d from t",
     {{"macros/trunc.sql", "{% macro postgres__date_trunc(datepart, date) %}my_trunc({{ date }}){% endmacro %}"}},
     "select my_trunc(ordered_at) as d from t", ""},
    {"dispatch to the built-in default",
     "select {{ dbt.date_trunc('day', 'ordered_at') }} as d, {{ date_trunc('month', 'x') }} as m from t",
     {},
     "select date_trunc('day', ordered_at) as d, date_trunc('month', x) as m from t", ""},
    {"adapter.dispatch with a namespace and no macro found",
     "select {{ adapter.dispatch('nothing_here', 'shop')('a') }} as x from t",
     {},
     "select __macro__.nothing_here() as x from t",
     "models/m.sql:1:11 adapter.dispatch('nothing_here', 'shop'): no macro 'postgres__nothing_here' or "
     "'default__nothing_here': its output is treated as opaque\n"},
    {"generate_surrogate_key reads each field",
     "select {{ dbt_utils.generate_surrogate_key(['a', 'b']) }} as k from t",
     {},
     "select md5(cast(coalesce(cast(a as varchar), '_dbt_utils_surrogate_key_null_') || '-' || "
     "coalesce(cast(b as varchar), '_dbt_utils_surrogate_key_null_') as varchar)) as k from t",
     ""},
    {"the older surrogate_key with varargs",
     "select {{ dbt_utils.surrogate_key('a', 'b') }} as k from t",
     {},
     "select md5(cast(coalesce(cast(a as varchar), '') || '-' || coalesce(cast(b as varchar), '') as varchar)) as k from t",
     ""},
    {"cross-database macros",
     "select {{ dbt.dateadd('day', 7, 'placed_at') }} as due, {{ dbt.safe_cast('n', dbt.type_int()) }} as i,\n"
     "  {{ dbt.concat(['a', \"'-'\", 'b']) }} as ab, {{ dbt.hash('email') }} as h, {{ dbt_utils.type_string() }} as s\n"
     "from t",
     {},
     "select placed_at + ((interval '1 day') * (7)) as due, cast(n as integer) as i, a || '-' || b as ab, "
     "md5(cast(email as varchar)) as h, varchar as s from t",
     ""},
    {"dbt_utils that write SQL",
     "select status, {{ dbt_utils.safe_divide('paid', 'total') }} as r, {{ dbt_utils.safe_add(['x', 'y']) }} as s\n"
     "from t {{ dbt_utils.group_by(1) }}",
     {},
     "select status, (paid) / nullif((total), 0) as r, (coalesce(x, 0) + coalesce(y, 0)) as s from t group by 1",
     ""},
    {"pivot over literal values",
     "select id, {{ dbt_utils.pivot('method', ['card', 'cash']) }} from t group by id",
     {},
     "select id, sum(case when method = 'card' then 1 else 0 end) as card, "
     "sum(case when method = 'cash' then 1 else 0 end) as cash from t group by id",
     ""},
    {"star with no catalog answer is opaque, said",
     "select {{ dbt_utils.star(from=ref('o'), except=['x']) }} from {{ ref('o') }}",
     {},
     "select __macro__.dbt_utils_star() from analytics.o",
     "models/m.sql:1:11 macro 'dbt_utils.star': the columns of analytics.o are not known: its output is treated as opaque\n"
     "models/m.sql:1:31 ref('o') names no model of the project: read as analytics.o\n"
     "models/m.sql:1:66 ref('o') names no model of the project: read as analytics.o\n"},
    {"an unknown macro is a diagnostic naming it",
     "select {{ no_such_macro('a') }} as x from t",
     {},
     "select __macro__.no_such_macro() as x from t",
     "models/m.sql:1:11 macro 'no_such_macro' is not run: its output is treated as opaque\n"},
    {"a problem inside another file's macro is said at the model's call, naming the macro",
     "select\n  {{ uses_unknown('a') }} as x from t",
     {{"macros/u.sql", "\n{% macro uses_unknown(c) %}{{ c }} + {{ helper_nobody_wrote(c) }}{% endmacro %}"}},
     "select a + __macro__.helper_nobody_wrote() as x from t",
     "models/m.sql:2:6 in macro 'uses_unknown' (macros/u.sql:2): macro 'helper_nobody_wrote' is not run: its output is "
     "treated as opaque\n"},
};

TEST_CASE("macros run with dbt's semantics") {
  for (const Row& row : kRows) {
    SUBCASE(row.name) {
      AnalyticsProject p = Read(row.model, row.macros);
      CHECK(Sql(p) == row.sql);
      CHECK(testing::Format(AllDiagnostics(p)) == row.diagnostics);
      CHECK(Parsed(M(p)));
    }
  }
}

TEST_CASE("jaffle-shop's staging model: every column reference visible") {
  AnalyticsProject p = Read(
      "select\n"
      "    id as order_id,\n"
      "    {{ cents_to_dollars('subtotal') }} as subtotal,\n"
      "    {{ cents_to_dollars('tax_paid') }} as tax_paid,\n"
      "    {{ dbt.date_trunc('day','ordered_at') }} as ordered_at\n"
      "from {{ source('ecom', 'raw_orders') }}\n",
      {{"macros/cents_to_dollars.sql", kCentsToDollars},
       {"models/__sources.yml", "sources:\n  - name: ecom\n    schema: raw\n    tables:\n      - name: raw_orders\n"}});
  const Model& m = M(p);
  // Line for line the model's lines (the macro outputs padded to keep later columns in place).
  CHECK(Squeeze(m.sql) ==
        "select\n"
        " id as order_id,\n"
        " (subtotal::numeric(16, 2) / 100) as subtotal,\n"
        " (tax_paid::numeric(16, 2) / 100) as tax_paid,\n"
        " date_trunc('day', ordered_at) as ordered_at\n"
        "from raw.raw_orders\n");
  CHECK(AllDiagnostics(p).empty());
  CHECK(Parsed(m));

  SUBCASE("another adapter takes its own implementation, else the default") {
    DbtOptions options;
    options.dialect = dialect::DialectByName("bigquery");
    AnalyticsProject bq = Read("select {{ cents_to_dollars('subtotal') }} as s from t",
                               {{"macros/cents_to_dollars.sql", kCentsToDollars}}, kProject, options);
    CHECK(Sql(bq) == "select round(cast((subtotal / 100) as numeric), 2) as s from t");
    options.dialect = dialect::DialectByName("snowflake");
    AnalyticsProject sf = Read("select {{ cents_to_dollars('subtotal') }} as s from t",
                               {{"macros/cents_to_dollars.sql", kCentsToDollars}}, kProject, options);
    CHECK(Sql(sf) == "select (subtotal / 100)::numeric(16, 2) as s from t");
  }
}

TEST_CASE("macro-paths, dispatch search order and installed packages") {
  std::string project =
      "name: shop\nmacro-paths: [lib]\n"
      "dispatch:\n  - macro_namespace: dbt_utils\n    search_order: [shop_utils, dbt_utils]\n";
  std::map<std::string, std::string> macros = {
      // Under macro-paths: read. Under macros/ (not configured here): not read.
      {"lib/a.sql", "{% macro only_in_lib() %}from_lib{% endmacro %}"},
      {"macros/b.sql", "{% macro not_read() %}x{% endmacro %}"},
      // A package present in the repository, named by its own dbt_project.yml.
      {"dbt_packages/shop_utils_folder/dbt_project.yml", "name: shop_utils\n"},
      {"dbt_packages/shop_utils_folder/macros/u.sql",
       "{% macro default__safe_divide(n, d) %}div({{ n }}, {{ d }}){% endmacro %}\n"
       "{% macro shout(c) %}upper({{ twice(c) }}){% endmacro %}\n"
       "{% macro twice(c) %}{{ c }} || {{ c }}{% endmacro %}"},
  };
  AnalyticsProject p = Read(
      "select {{ only_in_lib() }} as a, {{ dbt_utils.safe_divide('x', 'y') }} as b, {{ shop_utils.shout('n') }} as c from t",
      macros, project);
  CHECK(Sql(p) == "select from_lib as a, div(x, y) as b, upper(n || n) as c from t");
  CHECK(AllDiagnostics(p).empty());

  AnalyticsProject q = Read("select {{ not_read() }} as a from t", macros, project);
  CHECK(testing::Format(AllDiagnostics(q)) == "models/m.sql:1:11 macro 'not_read' is not run: its output is treated as opaque\n");
}

TEST_CASE("a macro path outside the project's folder, shared by the repository's projects") {
  // Dune's spellbook: dbt_subprojects/<p>/dbt_project.yml says macro-paths: ["macros", "../../dbt_macros"].
  testing::Files files;
  files.texts["sub/tokens/dbt_project.yml"] = "name: tokens\nmacro-paths: [macros, ../../shared]\n";
  files.texts["sub/tokens/models/m.sql"] = "select {{ own() }} as a, {{ common() }} as b from t";
  files.texts["sub/tokens/macros/own.sql"] = "{% macro own() %}x{% endmacro %}";
  files.texts["shared/common.sql"] = "{% macro common() %}y{% endmacro %}";
  files.texts["elsewhere/other.sql"] = "{% macro other() %}z{% endmacro %}";
  AnalyticsProject p = ReadDbtProject("sub/tokens/dbt_project.yml", files.Paths(), files.Reader());
  CHECK(Sql(p) == "select x as a, y as b from t");
  CHECK(AllDiagnostics(p).empty());
  // A path naming no listed file (here: above the repository) reads nothing.
  files.texts["sub/tokens/dbt_project.yml"] = "name: tokens\nmacro-paths: [../../../../up]\n";
  files.texts["sub/tokens/models/m.sql"] = "select {{ common() }} as b from t";
  AnalyticsProject q = ReadDbtProject("sub/tokens/dbt_project.yml", files.Paths(), files.Reader());
  CHECK(testing::Format(AllDiagnostics(q)) ==
        "sub/tokens/models/m.sql:1:11 macro 'common' is not run: its output is treated as opaque\n");
}

TEST_CASE("star and union_relations list the columns the catalog gives") {
  DbtOptions options;
  options.relation_columns = [](const ir::QualifiedName& name) -> std::optional<std::vector<std::string>> {
    if (name.ToString() == "analytics.o") return std::vector<std::string>{"id", "status", "Amount"};
    if (name.ToString() == "analytics.p") return std::vector<std::string>{"id", "note"};
    return std::nullopt;
  };
  testing::Files f;
  f.texts["dbt_project.yml"] = kProject;
  f.texts["models/o.sql"] = "select 1 as id, 'x' as status, 2 as \"Amount\"";
  f.texts["models/p.sql"] = "select 1 as id, 'n' as note";
  f.texts["models/m.sql"] =
      "select {{ dbt_utils.star(from=ref('o'), except=['STATUS'], relation_alias='o', suffix='_o') }} from {{ ref('o') }} as o\n"
      "union all\n"
      "select * from ({{ dbt_utils.union_relations(relations=[ref('o'), ref('p')], exclude=['note']) }}) as u";
  AnalyticsProject p = ReadDbtProject("dbt_project.yml", f.Paths(), f.Reader(), options);
  const Model* m = nullptr;
  for (const Model& model : p.models) if (model.name == "m") m = &model;
  REQUIRE(m != nullptr);
  CHECK(Squeeze(m->sql) ==
        "select o.id as id_o, o.\"Amount\" as \"Amount_o\" from analytics.o as o\n"
        "union all\n"
        "select * from ((select cast('analytics.o' as varchar) as _dbt_source_relation, id, status, \"Amount\" from analytics.o) "
        "union all (select cast('analytics.p' as varchar) as _dbt_source_relation, id, null as status, null as \"Amount\" "
        "from analytics.p)) as u");
  CHECK(testing::Format(AllDiagnostics(p)) == "");
  CHECK(Parsed(*m));
}

TEST_CASE("union_relations over relations only the warehouse lists: the include list, from a placeholder") {
  const std::string relations = "dbt_utils.get_relations_by_pattern('raw_%', '%')";
  SUBCASE("with include: its columns are known, and it parses") {
    AnalyticsProject p = Read("{{ dbt_utils.union_relations(relations=" + relations +
                                  ", include=['ID', 'EVENT'], source_column_name=None) }}\n", {});
    CHECK(Sql(p) == "select \"ID\", \"EVENT\" from __macro__.dbt_utils_union_relations");
    CHECK(Parsed(M(p)));
    std::string said = testing::Format(AllDiagnostics(p));
    CHECK(said.find("its columns are the `include` list") != std::string::npos);
  }
  SUBCASE("a list holding a relation a warehouse query gave: the same") {
    AnalyticsProject p = Read("{% set rs = [ref('m2'), " + relations + "] %}"
                              "{{ dbt_utils.union_relations(relations=rs, include=['ID']) }}\n", {});
    CHECK(Sql(p) == "select cast(null as varchar) as _dbt_source_relation, \"ID\" from __macro__.dbt_utils_union_relations");
  }
  SUBCASE("near miss: without include, the output stays opaque, in a query that still parses") {
    AnalyticsProject p = Read("{{ dbt_utils.union_relations(relations=" + relations + ") }}\n", {});
    CHECK(Sql(p) == "select * from __macro__.dbt_utils_union_relations");
    CHECK(testing::Format(AllDiagnostics(p)).find("syntax") == std::string::npos);
  }
}

TEST_CASE("a macro that is not run where the whole query goes: a query of unknown columns, no syntax error") {
  AnalyticsProject p = Read("{{ mystery(1) }}\nunion all\n{{ mystery(2) }}\n", {});
  CHECK(Sql(p) == "select * from __macro__.mystery union all select * from __macro__.mystery");
  CHECK(Parsed(M(p)));
  std::string said = testing::Format(AllDiagnostics(p));
  CHECK(said.find("macro 'mystery' is not run") != std::string::npos);
  CHECK(said.find("syntax") == std::string::npos);
}

TEST_CASE("what a branch rendered only for its references cannot render is not the model's") {
  SUBCASE("is_incremental()'s branch asks the warehouse: nothing to say") {
    AnalyticsProject p = Read("{% if is_incremental() %}{% set n = run_query('select 1') %}"
                              "where id > {{ mystery(n) }}{% endif %}\nselect 1 as a\n", {});
    CHECK(testing::Format(AllDiagnostics(p)) == "");
  }
  SUBCASE("near miss: the same in the branch that is rendered") {
    AnalyticsProject p = Read("{% if not is_incremental() %}{% set n = run_query('select 1') %}{% endif %}\n"
                              "select {{ mystery(n) }} as a\n", {});
    CHECK(testing::Format(AllDiagnostics(p)).find("macro 'mystery' is not run") != std::string::npos);
  }
}

TEST_CASE("runaway macros end with a limit diagnostic naming the model") {
  struct Case {
    const char* name;
    const char* model;
    const char* macro;
    const char* says;
  };
  const Case kCases[] = {
      {"a macro that calls itself", "select {{ forever(1) }} as x", "{% macro forever(n) %}{{ forever(n + 1) }}{% endmacro %}",
       "macros call each other more than 64 deep"},
      {"a macro that doubles its output", "select '{{ double(40) }}' as x",
       "{% macro double(n) %}{% if n > 0 %}{{ double(n - 1) }}{{ double(n - 1) }}{% else %}ab{% endif %}{% endmacro %}",
       "the template"},
      {"a macro whose output doubles through its argument", "select '{{ grow('ab', 60) }}' as x",
       "{% macro grow(s, n) %}{% if n > 0 %}{{ grow(s ~ s, n - 1) }}{% else %}{{ s }}{% endif %}{% endmacro %}",
       "over the limit"},
      // jinja_fuzz: a range built anew at each turn of a loop is work; so is a long string.
      {"a range rebuilt in a loop", "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}",
       "", "the template runs more than"},
      {"a megabyte string made at each turn", "{% for i in range(10000) %}{% set s = ' ' * 1000000 %}{% endfor %}",
       "", "evaluates more than"},
  };
  for (const Case& c : kCases) {
    SUBCASE(c.name) {
      AnalyticsProject p = Read(c.model, {{"macros/r.sql", c.macro}});
      std::string diagnostics = testing::Format(AllDiagnostics(p));
      CAPTURE(diagnostics);
      CHECK(diagnostics.find("models/m.sql:1:") == 0);
      CHECK(diagnostics.find(c.says) != std::string::npos);
      bool limit = false;
      for (const ir::Diagnostic& d : AllDiagnostics(p)) limit |= d.code == ir::DiagCode::kLimitExceeded;
      CHECK(limit);
    }
  }
}

TEST_CASE("deep expressions stacked by macro calls end with a limit diagnostic") {
  // Each macro is within the parser's nesting bound; calling itself stacks them.
  std::string open(200, '['), close(200, ']');
  AnalyticsProject p = Read("select {{ deep(1) }} as x",
                            {{"macros/d.sql", "{% macro deep(n) %}{{ " + open + "deep(n + 1)" + close + " }}{% endmacro %}"}});
  std::string diagnostics = testing::Format(AllDiagnostics(p));
  CHECK(diagnostics.find("more than 512 deep across macro calls") != std::string::npos);
}

TEST_CASE("a macro file that does not parse is a diagnostic at its place, its other macros still run") {
  AnalyticsProject p = Read("select {{ ok('a') }} as x from t",
                            {{"macros/m.sql", "{% macro broken( %}x{% endmacro %}\n{% macro ok(c) %}{{ c }}{% endmacro %}"}});
  CHECK(Sql(p) == "select a as x from t");
  CHECK(testing::Format(AllDiagnostics(p)) == "macros/m.sql:1:18 could not parse Jinja: expected a parameter name\n");
}

TEST_CASE("the built-ins are listed") {
  std::vector<std::string> names = jinja::BuiltinNames();
  for (const char* expected : {"dbt.date_trunc", "dbt.datediff", "dbt.type_string", "dbt_utils.star",
                               "dbt_utils.generate_surrogate_key", "dbt_utils.union_relations", "dbt_date.get_base_dates"}) {
    CHECK(std::find(names.begin(), names.end(), expected) != names.end());
  }
  bool legacy_is_dbt = jinja::FindBuiltin("dbt_utils.dateadd") == jinja::FindBuiltin("dbt.dateadd");
  CHECK(legacy_is_dbt);
  bool absent = jinja::FindBuiltin("dbt_utils.nothing") == nullptr;
  CHECK(absent);
}

}  // namespace
}  // namespace ds::analytics
