// Every input a fuzz target crashed or hung on (tests/fixtures/hostile/fuzz/<target>/) goes
// through the same call as its target (fuzz/<target>_fuzz.cpp) and must come back: no crash,
// bounded time. scripts/fuzz.sh seeds the targets with these files too.
#include <doctest/doctest.h>

#include <chrono>
#include <filesystem>
#include <functional>
#include <map>

#include "parsers/python/parse_alembic.h"
#include "parsers/python/parse_django.h"
#include "parsers/ruby/parse_rails.h"
#include "parsers/sql/parse_sql.h"
#include "src/config/config.h"
#include "tests/support/temp_dir.h"

namespace ds {

TEST_CASE("inputs the fuzzers found are handled") {
  namespace fs = std::filesystem;
  const std::map<std::string, std::function<void(const std::string&)>> kTargets = {
      {"sql_migration", [](const std::string& t) { parsers::ParseSqlFile("db/migrations/V1__fuzz.sql", t); }},
      {"alembic", [](const std::string& t) { parsers::ParseAlembicFile("migrations/versions/r0.py", t); }},
      {"django", [](const std::string& t) { parsers::ParseDjangoFile("shop/migrations/0001_step.py", t); }},
      {"rails", [](const std::string& t) { parsers::ParseRailsFile("db/migrate/20240101000001_step.rb", t); }},
      {"config", [](const std::string& t) { config::ParseConfig("downstream.yml", t, {}); }},
  };
  fs::path root = fs::path(DOWNSTREAM_SOURCE_DIR) / "tests/fixtures/hostile/fuzz";
  int seen = 0;
  for (const auto& [target, run] : kTargets) {
    if (!fs::exists(root / target)) continue;
    for (const fs::directory_entry& entry : fs::directory_iterator(root / target)) {
      std::string name = target + "/" + entry.path().filename().string();
      SUBCASE(name.c_str()) {
        auto start = std::chrono::steady_clock::now();
        run(test::ReadFile(entry.path().string()));
        CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(10));
      }
      ++seen;
    }
  }
  CHECK(seen >= 1);
}

}  // namespace ds
