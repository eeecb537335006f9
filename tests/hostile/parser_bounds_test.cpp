// Small files that once crashed (unbounded recursion) or ran away (exponential time or memory):
// Jinja nesting and work, YAML alias bombs, Python and Ruby literals nested thousands deep,
// string constants doubled, an operator chain of 200,000 terms, a line of 40,000 spaces. Each
// runs the real binary under a time and memory bound and must end with a diagnostic naming the
// file (or, where the input is now read in full, without one).
#include <doctest/doctest.h>

#include <chrono>
#include <map>

#include <nlohmann/json.hpp>

#include "parsers/analytics/jinja_render.h"
#include "parsers/python/parse_alembic.h"
#include "parsers/ruby/parse_rails.h"
#include "parsers/sql/parse_sql.h"
#include "tests/hostile/hostile.h"
#include "tests/support/git_repo.h"

namespace ds {
namespace {

std::string Repeat(const std::string& s, int n) {
  std::string out;
  out.reserve(s.size() * static_cast<size_t>(n));
  for (int i = 0; i < n; ++i) out += s;
  return out;
}

// `levels` YAML anchors, each a list of nine aliases of the one before: 9^levels strings.
std::string AliasBomb(const std::string& indent, int levels) {
  std::string out = indent + "l0: &l0 [\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\"]\n";
  for (int i = 1; i < levels; ++i) {
    std::string prev = "*l" + std::to_string(i - 1);
    out += indent + "l" + std::to_string(i) + ": &l" + std::to_string(i) + " [" + Repeat(prev + ",", 8) + prev + "]\n";
  }
  return out;
}

using Files = std::map<std::string, std::string>;

// Only what each input has: a configured path that matches nothing is an error of its own.
const char* kDbtConfig = "views:\n  - dbt: analytics\n";
const char* kDbtProject = "name: shop\nmodel-paths: [models]\n";

Files Dbt(const std::string& model, const std::string& project = kDbtProject, const std::string& properties = "") {
  Files files{{"downstream.yml", kDbtConfig},
              {"analytics/dbt_project.yml", project},
              {"analytics/models/m.sql", model}};
  if (!properties.empty()) files["analytics/models/_models.yml"] = properties;
  return files;
}

/// A model and the project's macro file macros/m.sql.
Files DbtMacro(const std::string& model, const std::string& macros) {
  Files files = Dbt(model);
  files["analytics/macros/m.sql"] = macros;
  return files;
}

Files Alembic(const std::string& module_code, const std::string& upgrade_code = "") {
  return {{"downstream.yml", "migrations:\n  - path: migrations/versions\n    kind: alembic\n"},
          {"migrations/versions/r1.py",
           "from alembic import op\nimport sqlalchemy as sa\nrevision = 'r1'\ndown_revision = None\n" + module_code +
               "\ndef upgrade():\n    op.create_table('users', sa.Column('id', sa.BigInteger()), "
               "sa.Column('email', sa.Text()))\n" +
               upgrade_code}};
}

Files Rails(const std::string& body_code) {
  return {{"db/migrate/20240101000001_create_users.rb",
           "class CreateUsers < ActiveRecord::Migration[7.0]\n  def change\n" + body_code +
               "\n    create_table :users do |t|\n      t.text :email\n    end\n  end\nend\n"}};
}

struct Row {
  std::string name;
  Files files;
  std::string file;  ///< the diagnostic's file
  std::string says;  ///< in its message; empty: the input is read without one
};

std::vector<Row> Rows() {
  std::string ifs = Repeat("{% if true %}", 20000) + "select 1 as x" + Repeat("{% endif %}", 20000);
  std::string doubling = "{% set ns = namespace(s='ab') %}{% for i in range(64) %}"
                         "{% set ns.s = ns.s.replace('a', 'aa') %}{% endfor %}select '{{ ns.s }}' as x\n";
  std::string concat = "{% set ns = namespace(s='ab') %}{% for i in range(64) %}"
                       "{% set ns.s = ns.s ~ ns.s %}{% endfor %}select '{{ ns.s }}' as x\n";
  std::string loops = "select 1 as x\n{% for i in range(100000) %}{% for j in range(100000) %}-- {{ i }}\n"
                      "{% endfor %}{% endfor %}";
  std::string constants = "A0 = 'ab'\n";
  for (int i = 1; i < 40; ++i) constants += "A" + std::to_string(i) + " = A" + std::to_string(i - 1) + " + A" + std::to_string(i - 1) + "\n";
  std::string chain = "    op.execute(" + Repeat("'' + ", 10000) + "'ALTER TABLE users ADD COLUMN note text')\n";
  return {
      {"jinja: 3,000 parentheses", Dbt("select {{ " + Repeat("(", 3000) + "1" + Repeat(")", 3000) + " }} as x\n"),
       "analytics/models/m.sql", "nested more than 256 deep"},
      {"jinja: 20,000 nested ifs", Dbt(ifs), "analytics/models/m.sql", "statements nested more than 256 deep"},
      {"jinja: 20,000 nots", Dbt("select {{ " + Repeat("not ", 20000) + "x }} as x\n"), "analytics/models/m.sql",
       "nested more than 256 deep"},
      {"jinja: 5,000 nested lists", Dbt("select {{ " + Repeat("[", 5000) + Repeat("]", 5000) + " }} as x\n"),
       "analytics/models/m.sql", "nested more than 256 deep"},
      {"jinja: replace doubling", Dbt(doubling), "analytics/models/m.sql", "over the limit"},
      {"jinja: ~ doubling", Dbt(concat), "analytics/models/m.sql", "over the limit"},
      {"jinja: nested range(100000) loops", Dbt(loops), "analytics/models/m.sql", "more than 10000 loop iterations"},
      {"jinja: a macro that calls itself",
       DbtMacro("select {{ forever(1) }} as x\n", "{% macro forever(n) %}{{ forever(n + 1) }}{% endmacro %}"),
       "analytics/models/m.sql", "macros call each other more than 64 deep"},
      {"jinja: a macro that doubles its output",
       DbtMacro("select '{{ double(60) }}' as x\n",
                "{% macro double(n) %}{% if n > 0 %}{{ double(n - 1) }}{{ double(n - 1) }}{% else %}ab{% endif %}{% endmacro %}"),
       "analytics/models/m.sql", "more than 200000 expressions"},
      {"jinja: a macro's output doubled through its argument",
       DbtMacro("select '{{ grow('ab', 64) }}' as x\n",
                "{% macro grow(s, n) %}{% if n > 0 %}{{ grow(s ~ s, n - 1) }}{% else %}{{ s }}{% endif %}{% endmacro %}"),
       "analytics/models/m.sql", "over the limit"},
      {"yaml: aliases in dbt_project.yml vars",
       Dbt("select {{ var('l9') | length }} as x\n", std::string(kDbtProject) + "vars:\n" + AliasBomb("  ", 10)),
       "analytics/dbt_project.yml", "YAML values over the limit"},
      {"yaml: aliases in a model's meta",
       Dbt("select 1 as x\n", kDbtProject, "models:\n  - name: m\n    config:\n      meta:\n" + AliasBomb("        ", 10)),
       "analytics/models/_models.yml", "YAML values over the limit"},
      {"python: a list 10,000 deep", Alembic("X = " + Repeat("[", 10000) + Repeat("]", 10000) + "\n"),
       "migrations/versions/r1.py", "nested more than 256 deep"},
      {"python: a constant doubled 39 times", Alembic(constants), "migrations/versions/r1.py",
       "a string longer than 1 MB"},
      {"python: op.execute of 10,000 concatenated strings", Alembic("", chain), "migrations/versions/r1.py", ""},
      {"ruby: an array 50,000 deep", Rails("    x = " + Repeat("[", 50000) + Repeat("]", 50000)),
       "db/migrate/20240101000001_create_users.rb", "nested more than 256 deep"},
      {"sql: an operator chain of 200,000 terms",
       {{"db/migrations/V1__init.sql", "CREATE TABLE users (id bigint, email text);\n"},
        {"analytics/views/deep.sql", "CREATE VIEW deep AS SELECT " + Repeat("id + ", 200000) + "1 AS e FROM users;\n"}},
       "analytics/views/deep.sql", "nested too deeply"},
      {"layout detection: a line of 40,000 spaces",
       {{"db/migrations/V1__init.sql", "CREATE TABLE users (id bigint, email text);\n"},
        {"analytics/views/reporting/a.sql", "SELECT id, email FROM users\n-- create" + Repeat(" ", 40000) + "x\n"}},
       "", ""},
  };
}

}  // namespace

TEST_CASE("small hostile files end with a diagnostic, bounded in time and memory") {
  for (const Row& row : Rows()) {
    SUBCASE(row.name.c_str()) {
      test::GitRepo repo;
      for (const auto& [path, text] : row.files) repo.Write(path, text);
      if (!row.files.count("db/migrations/V1__init.sql") && !row.files.count("migrations/versions/r1.py") &&
          !row.files.count("db/migrate/20240101000001_create_users.rb")) {
        repo.Write("db/migrations/V1__init.sql", "CREATE TABLE users (id bigint, email text);\n");
      }
      repo.Commit("base");
      repo.Write("db/migrations/V2__touch.sql", "CREATE TABLE other (id bigint);\n");
      repo.Commit("head");
      auto start = std::chrono::steady_clock::now();
      test::Bounded run = test::RunBounded("check --repo " + repo.path() + " --base HEAD~1 --format json",
                                           test::kSanitized ? 600 : 120, 1024);
      double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      CAPTURE(run.err.substr(0, 2000));
      REQUIRE((run.status == 0 || run.status == 1));  // no crash (134, 139), no timeout (124)
      CHECK(seconds < (test::kSanitized ? 300 : 30));
      nlohmann::json report = nlohmann::json::parse(run.out);
      std::string said;
      for (const auto& d : report["diagnostics"]) {
        std::string message = d["message"].get<std::string>();
        said += d["file"].get<std::string>() + ": " + message + "\n";
        if (row.says.empty()) {
          CHECK(message.find("limit") == std::string::npos);
          CHECK(message.find("nested") == std::string::npos);
        }
      }
      CAPTURE(said);
      if (!row.says.empty()) {
        bool found = false;
        for (const auto& d : report["diagnostics"]) {
          found = found || (d["file"] == row.file && d["message"].get<std::string>().find(row.says) != std::string::npos);
        }
        CHECK(found);
      }
    }
  }
}

TEST_CASE("a bound reached is a diagnostic with code limit-exceeded, a near miss is not") {
  auto jinja = [](const std::string& text) {
    analytics::jinja::RenderContext context;
    context.file = "models/m.sql";
    return analytics::jinja::Render(text, context).diagnostics;
  };
  auto alembic = [](const std::string& list) {
    return parsers::ParseAlembicFile("v/r1.py", "revision = 'r1'\ndown_revision = None\nX = " + list +
                                                    "\ndef upgrade():\n    pass\n").diagnostics;
  };
  auto rails = [](const std::string& array) {
    return parsers::ParseRailsFile("db/migrate/20240101000001_a.rb",
                                   "class A < ActiveRecord::Migration[7.0]\n  def change\n    x = " + array +
                                       "\n  end\nend\n").diagnostics;
  };
  auto sql = [](const std::string& expression) {
    return parsers::ParseSqlFile("v.sql", "CREATE VIEW v AS SELECT " + expression + " AS e FROM t;\n").diagnostics;
  };
  struct Row {
    std::string name;
    std::vector<ir::Diagnostic> diagnostics;
    bool limit;
  };
  const Row rows[] = {
      {"jinja 300 parentheses", jinja("{{ " + Repeat("(", 300) + "1" + Repeat(")", 300) + " }}"), true},
      {"jinja 50 parentheses", jinja("{{ " + Repeat("(", 50) + "1" + Repeat(")", 50) + " }}"), false},
      {"jinja 300 nested ifs", jinja(Repeat("{% if true %}", 300) + "x" + Repeat("{% endif %}", 300)), true},
      {"jinja 100 nested ifs", jinja(Repeat("{% if true %}", 100) + "x" + Repeat("{% endif %}", 100)), false},
      {"jinja 20,000 iterations", jinja("{% for i in range(200) %}{% for j in range(100) %}{% endfor %}{% endfor %}"), true},
      {"jinja 9,999 iterations", jinja("{% for i in range(99) %}{% for j in range(100) %}{% endfor %}{% endfor %}"), false},
      {"python list 300 deep", alembic(Repeat("[", 300) + Repeat("]", 300)), true},
      {"python list 100 deep", alembic(Repeat("[", 100) + Repeat("]", 100)), false},
      {"ruby array 300 deep", rails(Repeat("[", 300) + Repeat("]", 300)), true},
      {"ruby array 100 deep", rails(Repeat("[", 100) + Repeat("]", 100)), false},
      {"sql chain of 1,600", sql(Repeat("id + ", 1600) + "1"), true},
      {"sql chain of 1,000", sql(Repeat("id + ", 1000) + "1"), false},
  };
  for (const Row& row : rows) {
    CAPTURE(row.name);
    bool limit = false;
    for (const ir::Diagnostic& d : row.diagnostics) limit = limit || d.code == ir::DiagCode::kLimitExceeded;
    CHECK(limit == row.limit);
  }
}

}  // namespace ds
