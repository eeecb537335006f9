// docs/schemas/config.schema.json, the JSON Schema editors use for downstream.yml, agrees with
// the configuration reader: every configuration in the repository (fixtures, examples, the
// README's example, what `init` writes) is valid for both or refused by both, and so is each
// mistake below. Path checks (a glob matching nothing) are the product's alone.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "parsers/dialect/dialect.h"
#include "rules/rule.h"
#include "src/config/config.h"
#include "tests/support/git_repo.h"
#include "tests/support/json_schema.h"
#include "tests/support/temp_dir.h"

namespace ds {
namespace {

namespace fs = std::filesystem;

const fs::path kSource = DOWNSTREAM_SOURCE_DIR;

std::vector<std::string> KnownRules() {
  std::vector<std::string> out;
  for (const rules::RuleInfo& rule : rules::AllRules()) out.emplace_back(rule.id);
  return out;
}

bool ReaderAccepts(const std::string& file) {
  return config::ParseConfig(file, test::ReadFile(file), KnownRules()).ok();
}

// The files Ajv refused, from its report ("<file>: [errors]").
std::set<std::string> SchemaRefuses(const std::vector<std::string>& files, std::string& output) {
  test::ValidateAgainstSchema("config.schema.json", files, output);
  std::set<std::string> refused;
  for (const std::string& file : files) {
    if (output.find(file + ": [") != std::string::npos) refused.insert(file);
  }
  return refused;
}

std::vector<std::string> ConfigurationsInRepository() {
  std::vector<std::string> out;
  for (const char* root : {"tests", "examples"}) {
    for (const auto& entry : fs::recursive_directory_iterator(kSource / root)) {
      std::string name = entry.path().filename().string();
      if (name == "downstream.yml" || name == ".downstream.yml" || name == "downstream.yaml" ||
          name == ".downstream.yaml") {
        out.push_back(entry.path().string());
      }
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

// The README's example configuration: the first ```yaml block of its Configuration section.
std::string ReadmeExample() {
  std::string readme = test::ReadFile((kSource / "README.md").string());
  size_t section = readme.find("## Configuration");
  size_t start = readme.find("```yaml\n", section);
  size_t end = readme.find("```\n", start + 8);
  REQUIRE(start != std::string::npos);
  return readme.substr(start + 8, end - start - 8);
}

}  // namespace

TEST_CASE("every configuration in the repository: the schema and the reader agree") {
  test::TempDir dir;
  std::vector<std::string> files = ConfigurationsInRepository();
  REQUIRE(files.size() >= 50);
  files.push_back(dir.Write("readme/downstream.yml", ReadmeExample()));

  test::GitRepo app;  // what `downstream init` writes for a detected layout
  app.Write("db/migrations/V1__users.sql", "CREATE TABLE users (id bigint);\n");
  app.Write("analytics/views/v.sql", "CREATE VIEW v AS SELECT id FROM users;\n");
  app.Commit("init");
  std::string output;
  REQUIRE(test::RunCommand(std::string(DOWNSTREAM_BINARY) + " -q init --repo " + app.path(), &output) == 0);
  files.push_back(app.path() + "/downstream.yml");

  std::set<std::string> refused = SchemaRefuses(files, output);
  size_t accepted = 0;
  for (const std::string& file : files) {
    CAPTURE(file);
    bool reader = ReaderAccepts(file);
    CHECK_MESSAGE(reader == !refused.count(file), output);
    accepted += reader ? 1 : 0;
  }
  CHECK(ReaderAccepts(files[files.size() - 2]));  // the README's
  CHECK(ReaderAccepts(files.back()));             // init's
  CHECK(accepted >= 50);
}

TEST_CASE("each mistake the reader refuses, the schema refuses too") {
  const std::vector<std::pair<const char*, std::string>> mistakes = {
      {"unknown-key", "migrations: [db]\nview: [analytics]\n"},
      {"kind", "migrations:\n  - path: db\n    kind: flyway\n"},
      {"migration-without-path", "migrations:\n  - kind: sql\n"},
      {"two-view-kinds", "views:\n  - path: a\n    dbt: b\n"},
      {"no-view-kind", "views:\n  - dialect: snowflake\n"},
      {"dialect", "views:\n  - path: a\n    dialect: oracle\n"},
      {"warehouse-key", "warehouse:\n  dialekt: snowflake\n"},
      {"table-pattern", "warehouse:\n  mirrors:\n    raw: {schema: public, table_pattern: app_}\n"},
      {"pattern-twice", "warehouse:\n  mirrors:\n    raw: {schema: public, table_pattern: '{table}_{table}'}\n"},
      {"mirror-without-schema", "warehouse:\n  mirrors:\n    raw: {table_pattern: 'app_{table}'}\n"},
      {"rule-id", "rules:\n  drop-colum-in-use: warning\n"},
      {"severity", "rules:\n  drop-column-in-use: info\n"},
      {"ack-without-reason", "acknowledgements:\n  - consumers: [a]\n"},
      {"ack-date", "acknowledgements:\n  - consumers: [a]\n    reason: agreed\n    until: 31/12/2026\n"},
      {"ack-rule", "acknowledgements:\n  - consumers: [a]\n    reason: agreed\n    rule: nope\n"},
      {"target-key", "target: {nme: prod}\n"},
      {"contracts-key", "contracts: {private: [a]}\n"},
      {"order", "migrations:\n  - path: db\n    order: alphabetical\n"},
      {"role", "migrations:\n  - path: db/init.sql\n    role: dump\n"},
      {"order-on-alembic", "migrations:\n  - path: alembic\n    kind: alembic\n    order: path\n"},
      {"role-on-rails", "migrations:\n  - path: db\n    kind: rails\n    role: snapshot\n"},
      {"include-empty", "migrations:\n  - path: db\n    include: []\n"},
      {"exclude-mapping", "migrations:\n  - path: db\n    exclude: {a: b}\n"},
      {"include-empty-glob", "migrations:\n  - path: db\n    include: ['']\n"},
  };
  test::TempDir dir;
  std::vector<std::string> files;
  for (const auto& [name, text] : mistakes) files.push_back(dir.Write(std::string(name) + "/downstream.yml", text));
  std::string output;
  std::set<std::string> refused = SchemaRefuses(files, output);
  for (const std::string& file : files) {
    CAPTURE(file);
    CHECK_FALSE(ReaderAccepts(file));
    CHECK_MESSAGE(refused.count(file), output);
  }
}

TEST_CASE("the schema knows every rule id and every dialect name, in any case") {
  nlohmann::json schema = nlohmann::json::parse(test::ReadFile((kSource / "docs/schemas/config.schema.json").string()));
  std::vector<std::string> ids = schema["properties"]["rules"]["propertyNames"]["enum"];
  CHECK(ids == KnownRules());
  CHECK(schema["properties"]["acknowledgements"]["items"]["properties"]["rule"]["enum"] == ids);

  test::TempDir dir;
  std::vector<std::string> files;
  std::vector<std::string_view> names = dialect::DialectNames();
  for (std::string_view alias : dialect::DialectAliases()) names.push_back(alias);
  for (std::string_view name : names) {
    std::string upper(name);
    std::transform(upper.begin(), upper.end(), upper.begin(), [](unsigned char c) { return std::toupper(c); });
    for (const std::string& spelling : {std::string(name), upper}) {
      files.push_back(dir.Write(spelling + "/downstream.yml", "warehouse:\n  dialect: " + spelling + "\n"));
      CHECK_MESSAGE(ReaderAccepts(files.back()), spelling);
    }
  }
  std::string output;
  CHECK_MESSAGE(test::ValidateAgainstSchema("config.schema.json", files, output) == 0, output);
}

}  // namespace ds
