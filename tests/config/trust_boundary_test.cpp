// The trust boundary on configurations alone: what the head's downstream.yml may not widen.
#include <doctest/doctest.h>

#include "src/config/config.h"

namespace ds::config {

namespace {

Config Parse(const std::string& yaml) {
  Result<Config> config = ParseConfig("downstream.yml", yaml, {});
  REQUIRE_MESSAGE(config.ok(), (config.ok() ? std::string() : config.error().message));
  return *config;
}

std::string Wheres(const Config& config) {
  std::string out;
  for (const ViewSource& source : config.views) out += source.Where() + " ";
  return out;
}

std::string Messages(const std::vector<ir::Diagnostic>& diagnostics) {
  std::string out;
  for (const ir::Diagnostic& d : diagnostics) {
    CHECK(d.code == ir::DiagCode::kUntrusted);
    out += d.span.file + ":" + std::to_string(d.span.line) + ": " + d.message + "\n";
  }
  return out;
}

}  // namespace

TEST_CASE("NarrowToTrusted: outside paths and owners come from the trusted configuration") {
  const std::string base_yaml =
      "views:\n  - path: analytics/views\n  - dbt: ../analytics\n  - lineage: /srv/lineage.json\n"
      "owners:\n  \"analytics.*\": \"@acme/data\"\n";
  struct Row {
    const char* name;
    bool with_base;
    std::string head_yaml;
    std::string views;        // what is read
    std::string owners;       // the owners kept
    std::string diagnostics;  // what was refused
  };
  const std::string refused_tail =
      "since the base revision's configuration does not name it (a pull request may narrow what is read "
      "outside the repository, not widen it)\n";
  const Row rows[] = {
      {"the same configuration is honoured", true, base_yaml, "analytics/views ../analytics /srv/lineage.json ",
       "@acme/data", ""},
      {"an added outside view path is refused", true,
       "views:\n  - path: analytics/views\n  - dbt: ../analytics\n  - path: ../secrets\nowners:\n  \"analytics.*\": \"@acme/data\"\n",
       "analytics/views ../analytics ", "@acme/data",
       "downstream.yml:4: key 'views[2].path' names '../secrets', outside the repository: not read, " + refused_tail},
      {"the same path written another way is honoured", true,
       "views:\n  - dbt: ./../analytics/\n  - lineage: /srv//lineage.json\nowners:\n  \"analytics.*\": \"@acme/data\"\n",
       "./../analytics/ /srv//lineage.json ", "@acme/data", ""},
      {"a path that only starts like an allowed one is refused", true,
       "views:\n  - dbt: ../analytics/../secrets\nowners:\n  \"analytics.*\": \"@acme/data\"\n", "", "@acme/data",
       "downstream.yml:2: key 'views[0].dbt' names '../analytics/../secrets', outside the repository: not read, " +
           refused_tail},
      {"the same path under another kind is refused", true,
       "views:\n  - lea: ../analytics\nowners:\n  \"analytics.*\": \"@acme/data\"\n", "", "@acme/data",
       "downstream.yml:2: key 'views[0].lea' names '../analytics', outside the repository: not read, " + refused_tail},
      {"narrowing is honoured without a word", true,
       "views:\n  - path: analytics/views\nowners:\n  \"analytics.*\": \"@acme/data\"\n", "analytics/views ",
       "@acme/data", ""},
      {"changed owners are not used", true,
       "views:\n  - path: analytics/views\nowners:\n  \"analytics.*\": \"@someone-else\"\n", "analytics/views ",
       "@acme/data",
       "downstream.yml:3: key 'owners' differs from the base revision's: the base's owners are notified (a pull "
       "request may not change who is notified)\n"},
      {"without a trusted configuration nothing outside is read", false,
       "views:\n  - path: analytics/views\n  - dbt: ../analytics\n", "analytics/views ", "",
       "downstream.yml:3: key 'views[1].dbt' names '../analytics', outside the repository: not read, since there "
       "is no trusted configuration to allow it (commit the entry on the base branch, or pass --config)\n"},
      {"without a trusted configuration owners are not used", false,
       "owners:\n  \"analytics.*\": \"@acme/data\"\n", "", "",
       "downstream.yml:1: key 'owners' is not used: owners are read from the base revision's configuration, "
       "which has none\n"},
  };
  for (const Row& row : rows) {
    SUBCASE(row.name) {
      Config base = Parse(base_yaml);
      std::vector<ir::Diagnostic> diagnostics;
      Config narrowed = NarrowToTrusted(row.with_base ? &base : nullptr, Parse(row.head_yaml), diagnostics);
      CHECK(Wheres(narrowed) == row.views);
      std::string owners;
      for (const auto& [pattern, owner] : narrowed.owners) owners += owner;
      CHECK(owners == row.owners);
      CHECK(Messages(diagnostics) == row.diagnostics);
    }
  }
}

TEST_CASE("NarrowToTrusted: a head without its own file is spanned at the base's") {
  Config base = Parse("owners:\n  \"a.*\": \"@x\"\n");
  base.file = ".downstream.yml";
  std::vector<ir::Diagnostic> diagnostics;
  Config narrowed = NarrowToTrusted(&base, Config{}, diagnostics);
  REQUIRE(diagnostics.size() == 1);
  CHECK(diagnostics[0].span.file == ".downstream.yml");
  CHECK(narrowed.owners == base.owners);
}

TEST_CASE("ParseConfig records the line and key of every configured path") {
  Config config = Parse("migrations:\n  - db/migrations\n  - path: db/other\n    kind: sql\n"
                        "views:\n  - analytics/views\n  - dbt: ../x\n");
  REQUIRE(config.migrations.size() == 2);
  CHECK(config.migrations[0].line == 2);
  CHECK(config.migrations[0].key == "migrations[0]");
  CHECK(config.migrations[1].line == 3);
  CHECK(config.migrations[1].key == "migrations[1].path");
  REQUIRE(config.views.size() == 2);
  CHECK(config.views[0].key == "views[0]");
  CHECK(config.views[1].line == 7);
  CHECK(config.views[1].key == "views[1].dbt");
}

}  // namespace ds::config
