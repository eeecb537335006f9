// Macros run end to end: a column that reaches a dbt model only as a macro's string argument
// (jaffle-shop's `cents_to_dollars('subtotal')`, `dbt.date_trunc('day', 'ordered_at')`,
// `dbt_utils.generate_surrogate_key([...])`, a macro writing the final SELECT) is read, so
// renaming it in the app is a finding naming the model; a column no macro reads is not.
#include <doctest/doctest.h>

#include "src/engine/check.h"
#include "tests/support/git_repo.h"

namespace ds {
namespace {

void WriteProject(const test::GitRepo& repo) {
  repo.Write("db/migrations/V1__init.sql",
             "CREATE TABLE orders (id bigint, customer bigint, subtotal bigint, tax_paid bigint,\n"
             "  ordered_at timestamptz, note text);\n");
  repo.Write("downstream.yml",
             "migrations:\n  - db/migrations\nviews:\n  - dbt: analytics\nwarehouse:\n  mirrors:\n    raw_app: public\n");
  repo.Write("analytics/dbt_project.yml", "name: jaffle\nmodel-paths: [models]\n");
  repo.Write("analytics/models/_sources.yml",
             "sources:\n  - name: app\n    schema: raw_app\n    tables:\n      - name: orders\n");
  repo.Write("analytics/macros/cents_to_dollars.sql",
             "{% macro cents_to_dollars(column_name) -%}\n"
             "    {{ return(adapter.dispatch('cents_to_dollars')(column_name)) }}\n"
             "{%- endmacro %}\n\n"
             "{% macro default__cents_to_dollars(column_name) -%}\n"
             "    ({{ column_name }} / 100)::numeric(16, 2)\n"
             "{%- endmacro %}\n");
  repo.Write("analytics/macros/final_select.sql",
             "{% macro final_select(cte) %}\nselect * from {{ cte }}\n{% endmacro %}\n");
  repo.Write("analytics/models/stg_orders.sql",
             "with renamed as (\n"
             "  select\n"
             "    {{ dbt_utils.generate_surrogate_key(['id', 'customer']) }} as order_key,\n"
             "    {{ cents_to_dollars('subtotal') }} as subtotal,\n"
             "    {{ dbt.date_trunc('day', 'ordered_at') }} as ordered_day\n"
             "  from {{ source('app', 'orders') }}\n"
             ")\n"
             "{{ final_select('renamed') }}\n");
}

Result<engine::CheckRun> Check(const test::GitRepo& repo) {
  engine::CheckOptions options;
  options.repo_dir = repo.path();
  options.base = "HEAD~1";
  return engine::RunCheck(options);
}

std::string Diagnostics(const engine::CheckRun& run) {
  std::string out;
  for (const ir::Diagnostic& d : run.report.diagnostics) out += d.span.file + ":" + std::to_string(d.span.line) + " " + d.message + "\n";
  return out;
}

struct Case {
  const char* name;
  const char* migration;
  const char* rule;    ///< "" when nothing may break
  const char* column;  ///< the model's column that breaks
};

const Case kCases[] = {
    {"a project macro's column argument", "ALTER TABLE orders RENAME COLUMN subtotal TO subtotal_cents;", "rename-column-in-use", "subtotal"},
    {"dbt.date_trunc's column argument", "ALTER TABLE orders DROP COLUMN ordered_at;", "drop-column-in-use", "ordered_day"},
    {"a surrogate key's field", "ALTER TABLE orders DROP COLUMN customer;", "drop-column-in-use", "order_key"},
    {"near miss: a column no model reads", "ALTER TABLE orders DROP COLUMN note;", "", ""},
};

}  // namespace

TEST_CASE("a column passed to a macro breaks the model when the app drops or renames it") {
  for (const Case& c : kCases) {
    SUBCASE(c.name) {
      test::GitRepo repo;
      WriteProject(repo);
      repo.Commit("base");
      repo.Write("db/migrations/V2__change.sql", c.migration);
      repo.Commit("head");
      Result<engine::CheckRun> run = Check(repo);
      REQUIRE_MESSAGE(run.ok(), (run.ok() ? "" : run.error().message));
      CHECK(Diagnostics(*run) == "");
      if (std::string(c.rule).empty()) {
        CHECK(run->report.findings.empty());
        continue;
      }
      REQUIRE(run->report.findings.size() == 1);
      const ir::Finding& f = run->report.findings[0];
      CHECK(f.rule == c.rule);
      REQUIRE(f.impacts.size() == 1);
      CHECK(f.impacts[0].view.ToString() == "analytics.stg_orders");
      CHECK(f.impacts[0].columns == std::vector<std::string>{c.column});
    }
  }
}

}  // namespace ds
