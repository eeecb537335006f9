// The Jinja constructs real dbt projects use beyond ref() and {% if %}, rendered as Jinja 3 and
// Python render them: undefined names (a macro's `x = null` default), filters (max, sort, map...),
// loop filters, slices, Python's str/list/dict methods, dict(), modules.datetime, invocation_id.
// Each construct has a row that renders it and a near miss that still says "not known".
#include <doctest/doctest.h>

#include <string>

#include "parsers/analytics/jinja_render.h"
#include "tests/analytics/files.h"

namespace ds::analytics::jinja {
namespace {

struct Row {
  const char* name;
  const char* input;
  const char* sql;
  const char* diagnostics;
};

const Row kRows[] = {
    // Undefined names: what dbt renders for a name nobody set (`blockchain = null` defaults).
    {"an undefined default prints nothing and is false",
     "{% macro m(b = null) %}'{{ b }}' {% if b %}yes{% else %}no{% endif %}{% if b is none %} none{% endif %}"
     "{% if b is defined %} defined{% endif %}{% if not (b or false) %} neither{% endif %}{% endmacro %}select {{ m() }}",
     " select '' no neither", ""},
    {"the same macro given a value", "{% macro m(b = null) %}'{{ b }}' {% if b %}yes{% endif %}{% endmacro %}select {{ m('x') }}",
     " select 'x' yes", ""},
    {"an undefined name inside an identifier", "select min(v) as first_{{ native_symbol }}_transferred from t",
     "select min(v) as first__transferred from t", ""},
    {"an undefined name equals only another", "select {{ null == undefined_too }}, {{ null == none }}, {{ null | default('d') }}",
     "select True, False, d", ""},
    {"a loop over an undefined name runs its else", "select {% for x in null %}{{ x }}{% else %}1{% endfor %}", "select 1", ""},
    {"near miss: dbt's context names we do not hold are still unknown", "select '{{ thread_id }}'", "select '__macro__.thread_id()'",
     "models/m.sql:1:9 'thread_id' is not known statically: replaced by a placeholder\n"},
    {"near miss: an unset name with an attribute is one of dbt's", "select {{ some_namespace.value }} from t",
     "select __macro__.some_namespace_value() from t",
     "models/m.sql:1:8 'some_namespace.value' is not known statically: replaced by a placeholder\n"},

    // dbt's globals.
    {"invocation_id is a fixed id", "select '{{ invocation_id }}' as run_id",
     "select '00000000-0000-0000-0000-000000000000' as run_id", ""},
    {"modules.datetime: today is the fixed run date",
     "select date '{{ (modules.datetime.date.today() - modules.datetime.timedelta(days=14)).strftime('%Y-%m-%d') }}'",
     "select date '1999-12-18'", ""},
    {"modules.datetime: dates, leap days, differences",
     "select '{{ modules.datetime.date(2024, 2, 28) + modules.datetime.timedelta(days=1) }}', "
     "{{ (modules.datetime.date(2024, 3, 1) - modules.datetime.date(2024, 1, 1)).days }}, "
     "'{{ modules.datetime.datetime(2024, 1, 2, 3, 4, 5).isoformat() }}'",
     "select '2024-02-29', 60, '2024-01-02T03:04:05'", ""},
    {"run_started_at is the same fixed instant", "select '{{ run_started_at.strftime('%Y-%m-%d %H:%M') }}', '{{ run_started_at }}'",
     "select '2000-01-01 00:00', '2000-01-01 00:00:00+00:00'", ""},
    {"near miss: a strftime directive we do not know", "select '{{ run_started_at.strftime('%Q') }}'", "select '__macro__.strftime_q()'",
     "models/m.sql:1:9 'strftime('%Q')' is not known statically: replaced by a placeholder\n"},

    // Filters.
    {"max and min over a list", "select '{{ ['2019-06-01', '2021-02-18'] | max }}', {{ [3, 1, 2] | min }}, '{{ ['b', 'A'] | max }}'",
     "select '2021-02-18', 1, 'b'", ""},
    {"max of an empty list is undefined", "select '{{ [] | max }}'", "select ''", ""},
    {"near miss: max over an item not known", "select '{{ [thread_id, '2020'] | max }}'", "select '__macro__.thread_id()'",
     "models/m.sql:1:9 'thread_id' is not known statically: replaced by a placeholder\n"},
    {"sort, unique, reverse, sum", "select '{{ ['b', 'a', 'B'] | sort | join(',') }}', '{{ ['a', 'A', 'b'] | unique | list }}', "
     "'{{ [1, 2] | reverse | list }}', {{ [1, 2, 3] | sum }}",
     "select 'a,b,B', '['a', 'b']', '[2, 1]', 6", ""},
    {"map, selectattr, rejectattr, select",
     "{% set cs = [{'name': 'a', 'on': true}, {'name': 'b', 'on': false}] %}"
     "select {{ cs | map(attribute='name') | join(', ') }}, {{ cs | selectattr('on') | map(attribute='name') | join }}, "
     "{{ cs | rejectattr('name', 'equalto', 'a') | map(attribute='name') | first }}, {{ [1, 2, 3, 4] | select('odd') | list }}, "
     "{{ ['A', 'b'] | map('lower') | join('') }}",
     " select a, b, a, b, [1, 3], ab", ""},
    {"join by attribute, length, first and last", "select {{ [{'c': 'x'}, {'c': 'y'}] | join(' || ', attribute='c') }}, {{ 'abc' | length }}, "
     "'{{ 'abc' | first }}{{ [1, 2] | last }}'",
     "select x || y, 3, 'a2'", ""},
    {"int, float, round, abs, title, tojson", "select {{ '12' | int }}, {{ 'x' | int(5) }}, {{ 2 | float }}, {{ 2.567 | round(2) }}, "
     "{{ -3 | abs }}, '{{ 'the end' | title }}', '{{ {'a': [1, none]} | tojson }}'",
     "select 12, 5, 2.0, 2.57, 3, 'The End', '{\"a\": [1, null]}'", ""},
    {"near miss: a filter we do not know", "select {{ 'x' | sha256 }}", "select __macro__.sha256()",
     "models/m.sql:1:8 'sha256' is not known statically: replaced by a placeholder\n"},

    // Loop filters.
    {"a loop's filter keeps the items it accepts, before loop counts them",
     "select {% for k, v in {'a': {'s': ['lo', 'cc']}, 'b': {}}.items() if 'cc' in v.get('s', ['lo']) %}"
     "{{ k }}{{ loop.length }}{% endfor %}",
     "select a1", ""},
    {"near miss: a loop filter not known keeps every item", "select {% for x in [1, 2] if thread_id %}{{ x }}{% endfor %}",
     "select 12", "models/m.sql:1:8 loop filter over 'thread_id' is not known statically: the item is kept\n"},

    {"break and continue (dbt's loop controls)",
     "select {% for x in [1, 2, 3, 4] %}{% if x == 2 %}{% continue %}{% endif %}{% if x == 4 %}{% break %}{% endif %}{{ x }}"
     "{% endfor %}",
     "select 13", ""},
    {"loop.previtem and loop.nextitem", "select {% for x in ['a', 'b'] %}{{ loop.previtem }}{{ x }}{{ loop.nextitem }};{% endfor %}",
     "select ab;ab;", ""},
    {"near miss: break outside a loop is a syntax error", "{% macro m() %}{% break %}{% endmacro %}{% for x in [1] %}{{ m() }}"
     "{% endfor %}",
     "", "models/m.sql:1:16 could not parse Jinja: 'break' outside a loop\n"},
    {"flags: not a full refresh; other flags not known",
     "{% if flags.FULL_REFRESH %}refresh{% else %}select 1{% endif %}{% if flags.WHICH == 'run' %}{% endif %}",
     " select 1",
     "models/m.sql:1:64 condition over 'flags.WHICH' is not known statically: rendered as if true, the other branches only "
     "for their references\n"},

    {"a filter block filters its body's text", "select {% filter upper | replace('B', 'c') %}a{{ 'b' }}{% endfilter %} from t",
     "select Ac from t", ""},
    {"near miss: a filter block with a filter we do not know", "select {% filter shout %}a{% endfilter %} from t",
     "select __macro__.shout() from t", "models/m.sql:1:8 'shout' is not known statically: replaced by a placeholder\n"},

    // Slices and items.
    {"slices of strings and lists", "select '{{ 'abcdef'[:2] }}', '{{ 'abcdef'[1:-1] }}', '{{ 'abc'[::-1] }}', '{{ [1, 2, 3][1:] }}', '{{ 'abc'[-1] }}'",
     "select 'ab', 'bcde', 'cba', '[2, 3]', 'c'", ""},
    {"a slice inside a method chain", "{% set action = ' load(x, field_a) ' %}select {{ action.strip()[5:-1].split(',')[1].strip() }}",
     " select field_a", ""},
    {"near miss: a slice of a name not known", "select '{{ thread_id[:2] }}'", "select '__macro__.thread_id()'",
     "models/m.sql:1:9 'thread_id' is not known statically: replaced by a placeholder\n"},

    // Python's methods.
    {"str.join and other string methods", "select {{ ', '.join(['a', 'b']) }}, '{{ 'a,b,c'.split(',', 1) }}', {{ 'x_y'.replace('_', '', 1) }}, "
     "{{ 'abc'.startswith(('x', 'a')) }}, {{ 'a b'.find('b') }}, '{{ '7'.zfill(3) }}', {{ 'xxa'.lstrip('x') }}",
     "select a, b, '['a', 'b,c']', xy, True, 2, '007', a", ""},
    {"near miss: str.join of an item not known", "select {{ ', '.join(['a', thread_id]) }}", "select __macro__.thread_id()",
     "models/m.sql:1:8 'thread_id' is not known statically: replaced by a placeholder\n"},
    {"dict.copy, update, pop, setdefault",
     "{% set d = {'a': 1} %}{% set e = d.copy() %}{% do e.update({'b': 2}, c=3) %}{% do e.pop('a') %}{% do e.setdefault('z', 0) %}"
     "select '{{ d }}', '{{ e }}'",
     " select '{'a': 1}', '{'b': 2, 'c': 3, 'z': 0}'", ""},
    {"list methods", "{% set l = [3, 1] %}{% do l.insert(0, 9) %}{% do l.remove(1) %}select {{ l.pop() }}, {{ l.index(9) }}, '{{ l }}'",
     " select 3, 0, '[9]'", ""},
    {"dict() merges a dict and keywords", "select '{{ dict({'a': 1, 'b': 2}, b=3, c=4) }}', '{{ dict([('k', 'v')]) }}'",
     "select '{'a': 1, 'b': 3, 'c': 4}', '{'k': 'v'}'", ""},
    {"zip pairs lists up", "select {% for a, b in zip(['x', 'y'], [1, 2, 3]) %}{{ a }}{{ b }} {% endfor %}", "select x1 y2 ", ""},

    // Literals and operators.
    {"hex, octal and binary integers", "select {{ 0x1f }}, {{ 0o17 }}, {{ 0b101 }}, {{ 1_000 }}", "select 31, 15, 5, 1000", ""},
    {"near miss: a hex integer past 64 bits", "select '{{ 0xa020d57ab0448ef74115c112d18a9c231cc86000 }}'",
     "select '__macro__.unknown_0xa020d57ab0448ef74115c112d18a9c231cc86000()'",
     "models/m.sql:1:9 '0xa020d57ab0448ef74115c112d18a9c231cc86000' is not known statically: replaced by a placeholder\n"},
    {"floor division, modulo and power as Python's", "select {{ -7 // 2 }}, {{ -7 % 3 }}, {{ 2 ** 10 }}, {{ 'ab' * 2 }}",
     "select -4, 2, 1024, abab", ""},
    {"a no-break space inside a tag is white space", "select {{\xc2\xa0'x' }}", "select x", ""},
    {"tests: divisibleby, in, lower", "select {{ 6 is divisibleby 3 }}, {{ 'a' is in ['a'] }}, {{ 'Ab' is lower }}",
     "select True, True, False", ""},
};

TEST_CASE("Python's and Jinja's constructs render as dbt renders them") {
  for (const Row& row : kRows) {
    SUBCASE(row.name) {
      RenderContext context;
      context.file = "models/m.sql";
      RenderResult result = Render(row.input, context);
      CHECK(testing::Squeeze(result.sql) == row.sql);
      CHECK(testing::Format(result.diagnostics) == row.diagnostics);
    }
  }
}

TEST_CASE("what a loop filter and methods do stays within the render's bounds") {
  RenderContext context;
  context.file = "models/m.sql";
  // A list that keeps extending itself by its own copy stops at the list bound, said once.
  RenderResult grow = Render("{% set l = [1] %}{% for i in range(40) %}{% do l.extend(l.copy()) %}{% endfor %}{{ l | length }}", context);
  CHECK(testing::Format(grow.diagnostics).find("limit") != std::string::npos);
  // A dict updated with itself is left unchanged, not made into a cycle.
  RenderResult cycle = Render("{% set d = {} %}{% do d.update(x=d) %}{{ d }}", context);
  CHECK(testing::Squeeze(cycle.sql) == " {}");
  CHECK(testing::Format(cycle.diagnostics).find("inside itself") != std::string::npos);
  // Arithmetic and slices that would run for ever or overflow are bounded or unknown.
  RenderResult hostile = Render(
      "select {{ '' * 1000000000000000000 }}, {{ (-1) ** 1000000000000000001 }}, '{{ 'abc'[::9223372036854775807] }}', "
      "'{{ 'abc'[::-9223372036854775807] }}', {{ (-9223372036854775807 - 1) // -1 }}, {{ (-9223372036854775807 - 1) % -1 }}, "
      "{{ [1, 2] | batch(1000000000000000000, 0) | length }}",
      context);
  CHECK(testing::Squeeze(hostile.sql) == "select , -1, 'a', 'c', 9.223372036854776e+18, 0, __macro__.batch()");
  // Lists nested past the bound do not compare: sort says so instead of recursing.
  RenderResult deep = Render(
      "{% set ns = namespace(a=[]) %}{% for i in range(600) %}{% set ns.a = [ns.a] %}{% endfor %}{{ [ns.a, ns.a] | sort }}",
      context);
  CHECK(testing::Format(deep.diagnostics).find("'sort' is not known statically") != std::string::npos);
  // A loop filter counts against the loop budget.
  RenderResult many = Render("{% for i in range(9000) if i %}{% endfor %}{% for i in range(9000) if i %}{% endfor %}", context);
  CHECK(testing::Format(many.diagnostics).find("loop iterations") != std::string::npos);
}

}  // namespace
}  // namespace ds::analytics::jinja
