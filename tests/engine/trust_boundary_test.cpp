// The trust boundary, end to end (#11): the base revision's configuration (or --config) decides
// which paths outside the repository are read and who the owners are; the pull request's own
// downstream.yml may only narrow it. A secret file outside the repository, whose content would
// surface as `column "..." does not exist` were it read, must reach no output: text, JSON,
// annotations, the job summary, SARIF, the PR comment body, stderr.
#include <doctest/doctest.h>

#include <filesystem>

#include "src/engine/check.h"
#include "tests/support/git_repo.h"

namespace ds {

namespace {

namespace fs = std::filesystem;

constexpr const char* kSecret = "secret_value_7f3a";  // a column name only the secret files hold

// A folder outside the repository: view files, a lineage file, both naming the secret.
struct Outside {
  test::TempDir dir;
  Outside() {
    dir.Write("views/leak.sql", std::string("CREATE VIEW public.leak AS SELECT ") + kSecret + " FROM users;\n");
    dir.Write("lineage.json", std::string(R"({"version": 1, "views": [{"name": "x.)") + kSecret +
                                  R"(", "columns": [], "references": [{"table": "public.users", "column": ")" +
                                  kSecret + R"(", "usages": ["select"]}]}]})");
  }
  std::string Views() const { return dir.path() + "/views"; }
  std::string Lineage() const { return dir.path() + "/lineage.json"; }
};

const char* kBaseYaml = "migrations: [db/migrations]\nviews:\n  - path: analytics/views\n";

// Base: a users table, a view reading its email, `base_yaml`. Head: `head_yaml` (none when
// empty) and a migration dropping users.email.
void MakeRepo(const test::GitRepo& repo, const std::string& base_yaml, const std::string& head_yaml) {
  repo.Write("db/migrations/V1__users.sql", "CREATE TABLE users (id bigint, email text);\n");
  repo.Write("analytics/views/contacts.sql", "CREATE VIEW contacts AS SELECT id, email FROM users;\n");
  if (!base_yaml.empty()) repo.Write("downstream.yml", base_yaml);
  repo.Commit("base");
  if (head_yaml.empty()) {
    repo.Remove("downstream.yml");
  } else {
    repo.Write("downstream.yml", head_yaml);
  }
  repo.Write("db/migrations/V2__drop_email.sql", "ALTER TABLE users DROP COLUMN email;\n");
  repo.Commit("head");
}

Result<engine::CheckRun> Check(const test::GitRepo& repo, const std::string& config_file = "") {
  engine::CheckOptions options;
  options.repo_dir = repo.path();
  options.base = "HEAD~1";
  options.config_file = config_file;
  return engine::RunCheck(options);
}

std::string Untrusted(const engine::CheckRun& run) {
  std::string out;
  for (const ir::Diagnostic& d : run.report.diagnostics) {
    if (d.code == ir::DiagCode::kUntrusted) out += d.span.file + ":" + std::to_string(d.span.line) + ": " + d.message + "\n";
  }
  return out;
}

// Every output of the real binary, stderr and the job summary included, in one string.
std::string AllOutputs(const test::GitRepo& repo, const std::string& extra = "") {
  std::string all;
  test::TempDir scratch;
  for (const char* format : {"text", "json", "github", "markdown", "sarif"}) {
    std::string summary = scratch.path() + "/summary.md";
    std::string out;
    int status = test::RunCommand("GITHUB_STEP_SUMMARY=" + summary + " " + DOWNSTREAM_BINARY + " check --repo " +
                                      repo.path() + " --base HEAD~1 --format " + format + " " + extra,
                                  &out);
    CHECK_MESSAGE(status != 2, out);
    all += out;
    if (fs::exists(summary)) all += test::ReadFile(summary);
  }
  return all;
}

}  // namespace

TEST_CASE("trust: an outside path the base names is read (the control: the secret would show)") {
  Outside outside;
  test::GitRepo repo;
  std::string yaml = std::string(kBaseYaml) + "  - path: " + outside.Views() + "\n";
  MakeRepo(repo, yaml, yaml);
  Result<engine::CheckRun> run = Check(repo);
  REQUIRE_MESSAGE(run.ok(), (run.ok() ? "" : run.error().message));
  CHECK(Untrusted(*run).empty());
  CHECK(AllOutputs(repo).find(kSecret) != std::string::npos);
}

TEST_CASE("trust: an outside path the head adds is not read, and said") {
  Outside outside;
  test::GitRepo repo;
  MakeRepo(repo, kBaseYaml, std::string(kBaseYaml) + "  - path: " + outside.Views() + "\n");
  Result<engine::CheckRun> run = Check(repo);
  REQUIRE_MESSAGE(run.ok(), (run.ok() ? "" : run.error().message));
  CHECK(Untrusted(*run) == "downstream.yml:4: key 'views[1].path' names '" + outside.Views() +
                              "', outside the repository: not read, since the base revision's configuration does "
                              "not name it (a pull request may narrow what is read outside the repository, not "
                              "widen it)\n");
  REQUIRE(run->report.findings.size() == 1);  // the in-repository view still breaks
  std::string all = AllOutputs(repo);
  CHECK(all.find(kSecret) == std::string::npos);
  CHECK(all.find("outside the repository: not read") != std::string::npos);
}

TEST_CASE("trust: a head that swaps an allowed outside path for another is not read") {
  Outside outside, allowed;
  test::GitRepo repo;
  MakeRepo(repo, std::string(kBaseYaml) + "  - path: " + allowed.Views() + "\n",
           std::string(kBaseYaml) + "  - path: " + outside.Views() + "\n");
  Result<engine::CheckRun> run = Check(repo);
  REQUIRE(run.ok());
  CHECK(Untrusted(*run).find("names '" + outside.Views() + "'") != std::string::npos);
  CHECK(AllOutputs(repo).find(kSecret) == std::string::npos);
}

TEST_CASE("trust: an outside lineage file the head adds is not read") {
  Outside outside;
  test::GitRepo repo;
  MakeRepo(repo, kBaseYaml, std::string(kBaseYaml) + "  - lineage: " + outside.Lineage() + "\n");
  Result<engine::CheckRun> run = Check(repo);
  REQUIRE(run.ok());
  CHECK(Untrusted(*run).find("key 'views[1].lineage' names '" + outside.Lineage()) != std::string::npos);
  CHECK(AllOutputs(repo).find(kSecret) == std::string::npos);
}

TEST_CASE("trust: without a base configuration, outside paths from head are refused") {
  Outside outside;
  test::GitRepo repo;
  MakeRepo(repo, "", std::string(kBaseYaml) + "  - path: " + outside.Views() + "\n");
  Result<engine::CheckRun> run = Check(repo);
  REQUIRE(run.ok());
  CHECK(Untrusted(*run) == "downstream.yml:4: key 'views[1].path' names '" + outside.Views() +
                              "', outside the repository: not read, since there is no trusted configuration to "
                              "allow it (commit the entry on the base branch, or pass --config)\n");
  CHECK(AllOutputs(repo).find(kSecret) == std::string::npos);
}

TEST_CASE("trust: a base configuration that cannot be read trusts nothing, and says so") {
  Outside outside;
  test::GitRepo repo;
  MakeRepo(repo, "views: [", std::string(kBaseYaml) + "  - path: " + outside.Views() + "\n");
  Result<engine::CheckRun> run = Check(repo);
  REQUIRE_MESSAGE(run.ok(), (run.ok() ? "" : run.error().message));
  CHECK(Untrusted(*run).find("since there is no trusted configuration") != std::string::npos);
  bool said = false;
  for (const std::string& note : run->notes) {
    said = said || (note.starts_with("the base revision's configuration is not used (downstream.yml:") &&
                    note.ends_with("): nothing outside the repository is read and no owners are notified"));
  }
  CHECK(said);
  CHECK(AllOutputs(repo).find(kSecret) == std::string::npos);
}

TEST_CASE("trust: a head that narrows the outside paths is honoured without a word") {
  Outside outside;
  test::GitRepo repo;
  MakeRepo(repo, std::string(kBaseYaml) + "  - path: " + outside.Views() + "\n", kBaseYaml);
  Result<engine::CheckRun> run = Check(repo);
  REQUIRE(run.ok());
  CHECK(Untrusted(*run).empty());
  CHECK(AllOutputs(repo).find(kSecret) == std::string::npos);  // narrowed: not read either
}

TEST_CASE("trust: --config is trusted whole, whatever the head's downstream.yml says") {
  Outside outside;
  test::GitRepo repo;
  MakeRepo(repo, kBaseYaml, kBaseYaml);
  test::TempDir ci;
  std::string file = ci.Write("downstream.yml", std::string(kBaseYaml) + "  - path: " + outside.Views() + "\n");
  Result<engine::CheckRun> run = Check(repo, file);
  REQUIRE_MESSAGE(run.ok(), (run.ok() ? "" : run.error().message));
  CHECK(Untrusted(*run).empty());
  CHECK(AllOutputs(repo, "--config " + file).find(kSecret) != std::string::npos);
}

TEST_CASE("trust: owners come from the base; a head that changes them is not used, and said") {
  test::GitRepo repo;
  MakeRepo(repo, std::string(kBaseYaml) + "owners:\n  \"public.*\": \"@shop/data\"\n",
           std::string(kBaseYaml) + "owners:\n  \"public.*\": \"@mallory\"\n");
  Result<engine::CheckRun> run = Check(repo);
  REQUIRE(run.ok());
  CHECK(Untrusted(*run) == "downstream.yml:4: key 'owners' differs from the base revision's: the base's owners "
                           "are notified (a pull request may not change who is notified)\n");
  REQUIRE(run->report.findings.size() == 1);
  REQUIRE(run->report.findings[0].impacts.size() == 1);
  CHECK(run->report.findings[0].impacts[0].owners == std::vector<std::string>{"@shop/data"});
  std::string all = AllOutputs(repo);
  CHECK(all.find("@mallory") == std::string::npos);
  CHECK(all.find("@shop/data") != std::string::npos);
}

TEST_CASE("trust: without a base configuration, the head's owners are not used") {
  test::GitRepo repo;
  MakeRepo(repo, "", std::string(kBaseYaml) + "owners:\n  \"public.*\": \"@mallory\"\n");
  Result<engine::CheckRun> run = Check(repo);
  REQUIRE(run.ok());
  CHECK(Untrusted(*run).find("key 'owners' is not used") != std::string::npos);
  CHECK(AllOutputs(repo).find("@mallory") == std::string::npos);
}

TEST_CASE("trust: a committed symlink does not lead a working-tree read outside the repository") {
  Outside outside;
  test::GitRepo repo;
  fs::create_directory_symlink(outside.dir.path(), fs::path(repo.path()) / "shared");
  // The base allows nothing outside; the head names an in-repository path through the link.
  MakeRepo(repo, kBaseYaml, std::string(kBaseYaml) + "  - lineage: shared/lineage.json\n");
  Result<engine::CheckRun> run = Check(repo);
  REQUIRE_FALSE(run.ok());  // the file is not in the repository: the path matches nothing
  CHECK(run.error().message ==
        "downstream.yml:4: key 'views[1].lineage' names 'shared/lineage.json', which matches nothing at HEAD");
  std::string out;
  test::RunCommand(std::string(DOWNSTREAM_BINARY) + " check --repo " + repo.path() + " --base HEAD~1", &out);
  CHECK(out.find(kSecret) == std::string::npos);
}

}  // namespace ds
