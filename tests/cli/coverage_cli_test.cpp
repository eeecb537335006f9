// No run that failed to read something can look green: the coverage line, the JSON object, the
// comment's header and --strict, through the real binary.
#include <doctest/doctest.h>

#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "tests/support/git_repo.h"

namespace ds {
namespace {

struct Outcome {
  int status;
  std::string out;
  std::string err;
};

Outcome Run(const std::string& args) {
  test::TempDir scratch;
  std::string err_file = scratch.path() + "/stderr";
  std::string output;
  int status = test::RunCommand("{ " + std::string(DOWNSTREAM_BINARY) + " " + args + " 2>" + err_file + "; }", &output);
  std::ifstream in(err_file);
  std::stringstream err;
  err << in.rdbuf();
  return {status, output, err.str()};
}

// A column nobody reads is dropped, while one view file cannot be parsed: no finding, but the
// verdict must say that not everything was read.
void MakeBlindRepo(const test::GitRepo& repo, bool broken) {
  repo.Write("downstream.yml", "migrations: [db/migrations]\nviews: [analytics/views]\n");
  repo.Write("db/migrations/V1__init.sql", "CREATE TABLE users (id bigint, email text, nickname text);\n");
  repo.Write("analytics/views/contacts.sql", "CREATE VIEW analytics.contacts AS SELECT id, email FROM users;\n");
  if (broken) repo.Write("analytics/views/odd.sql", "CREATE VIEW analytics.odd AS\nSELECT id,, FROM users;\n");
  repo.Commit("base");
  repo.Write("db/migrations/V2__drop.sql", "ALTER TABLE users DROP COLUMN nickname;\n");
  repo.Commit("head");
}

}  // namespace

TEST_CASE("check: what was not read is in every verdict, and --strict fails on it") {
  test::GitRepo repo;
  MakeBlindRepo(repo, /*broken=*/true);
  std::string common = "check --repo " + repo.path() + " --base HEAD~1";

  Outcome text = Run(common);
  CHECK(text.status == 0);
  // The view that cannot be parsed is read partly, by name: never counted as read.
  CHECK(text.out.find("coverage: read fully: 1 of 2 relations (1 partly), 2 of 2 migration files\n") !=
        std::string::npos);
  CHECK(text.out.find("   = read partly: analytics.odd (analytics/views/odd.sql:2:11: syntax-error)") != std::string::npos);
  CHECK(text.out.find("not everything was read, see coverage above") != std::string::npos);

  Outcome strict = Run(common + " --strict");
  CHECK(strict.status == 1);
  CHECK(strict.err.find("downstream: --strict: not everything was read (read fully: 1 of 2 relations") !=
        std::string::npos);

  Outcome json = Run(common + " --format json");
  REQUIRE(json.status == 0);
  nlohmann::json report = nlohmann::json::parse(json.out);
  const nlohmann::json& coverage = report["coverage"];
  CHECK(coverage["complete"] == false);
  CHECK(coverage["relations"]["full"] == 1);
  CHECK(coverage["relations"]["partial"] == 1);
  CHECK(coverage["migrations"]["total"] == 2);
  REQUIRE(coverage["gaps"].size() == 1);
  CHECK(coverage["gaps"][0]["code"] == "syntax-error");
  CHECK(coverage["gaps"][0]["read"] == "partial");
  CHECK(report["diagnostics"][0]["code"] == "syntax-error");

  Outcome markdown = Run(common + " --format markdown");
  CHECK(markdown.out.find("✅") == std::string::npos);
  CHECK(markdown.out.find("no analytics view breaks") == std::string::npos);
  CHECK(markdown.out.find("### ⚠️ downstream: no break found in what could be read") != std::string::npos);
  CHECK(markdown.out.find("<summary>What was not read fully (1)</summary>") != std::string::npos);

  Outcome github = Run(common + " --format github");
  CHECK(github.out.find("::notice title=downstream: not everything was read::") != std::string::npos);
}

TEST_CASE("check: a run that read everything is green, with or without --strict") {
  test::GitRepo repo;
  MakeBlindRepo(repo, /*broken=*/false);
  std::string common = "check --repo " + repo.path() + " --base HEAD~1";
  Outcome strict = Run(common + " --strict");
  CHECK(strict.status == 0);
  CHECK(strict.out.find("coverage:") == std::string::npos);
  Outcome markdown = Run(common + " --format markdown");
  CHECK(markdown.out.find("### ✅ downstream: no analytics view breaks") != std::string::npos);
  Outcome json = Run(common + " --format json");
  CHECK(nlohmann::json::parse(json.out)["coverage"]["complete"] == true);
}

TEST_CASE("lineage: the JSON carries the revision's coverage") {
  test::GitRepo repo;
  MakeBlindRepo(repo, /*broken=*/true);
  Outcome json = Run("lineage --repo " + repo.path() + " --format json");
  REQUIRE(json.status == 0);
  nlohmann::json report = nlohmann::json::parse(json.out);
  CHECK(report["coverage"]["complete"] == false);
  CHECK(report["coverage"]["relations"]["partial"] == 1);
  // The view read partly says so, with what it was found to read and no output columns.
  for (const nlohmann::json& view : report["views"]) {
    if (view["name"] != "analytics.odd") continue;
    CHECK(view["confidence"] == "partial");
    CHECK(view["columns"].empty());
    REQUIRE(view["references"].size() == 1);
    CHECK(view["references"][0]["column"] == "id");
  }
  CHECK(report["views"].size() == 2);
}

TEST_CASE("check: a column a view read partly names is still a finding, marked partial") {
  test::GitRepo repo;
  repo.Write("downstream.yml", "migrations: [db/migrations]\nviews: [analytics/views]\n");
  repo.Write("db/migrations/V1__init.sql", "CREATE TABLE users (id bigint, email text, nickname text);\n");
  repo.Write("analytics/views/odd.sql", "CREATE VIEW analytics.odd AS\nSELECT id,, FROM users;\n");
  repo.Commit("base");
  repo.Write("db/migrations/V2__drop.sql", "ALTER TABLE users DROP COLUMN id;\n");
  repo.Commit("head");
  std::string common = "check --repo " + repo.path() + " --base HEAD~1";
  Outcome text = Run(common);
  CHECK(text.status == 1);
  CHECK(text.out.find("= breaks view analytics.odd (analytics/views/odd.sql:1); read in select; read partly (not "
                      "parsed: columns found by name)") != std::string::npos);
  Outcome json = Run(common + " --format json");
  nlohmann::json report = nlohmann::json::parse(json.out);
  REQUIRE(report["findings"].size() == 1);
  CHECK(report["findings"][0]["impacts"][0]["confidence"] == "partial");
  Outcome sarif = Run(common + " --format sarif");
  CHECK(sarif.out.find("read partly: not parsed, columns found by name") != std::string::npos);
  Outcome markdown = Run(common + " --format markdown");
  CHECK(markdown.out.find("read partly") != std::string::npos);
}

}  // namespace ds
