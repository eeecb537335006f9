// The command line as users and their CI scripts see it: exit codes, stdout, stderr.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "tests/support/git_repo.h"

namespace ds {
namespace {

struct Outcome {
  int status;
  std::string out;
};

// Runs the real binary; stderr goes to `err_file` when given, else it is merged into `out`.
Outcome Run(const std::string& args, const std::string& err_file = "") {
  std::string output;
  std::string command = std::string(DOWNSTREAM_BINARY) + " " + args;
  if (!err_file.empty()) command = "{ " + command + " 2>" + err_file + "; }";
  int status = test::RunCommand(command, &output);
  return {status, output};
}

// A shop with one view reading users.email, and a branch that drops it.
void MakeShop(const test::GitRepo& repo) {
  repo.Write("db/migrations/V1__users.sql",
             "CREATE TABLE users (id bigint PRIMARY KEY, email text, name text);\n");
  repo.Write("analytics/views/contacts.sql",
             "CREATE VIEW contacts AS\nSELECT id, email AS contact_email FROM users;\n");
  repo.Commit("init");
  repo.Git("checkout -q -b drop-email");
  repo.Write("db/migrations/V2__drop_email.sql", "\nALTER TABLE users DROP COLUMN email;\n");
  repo.Commit("drop email");
}

}  // namespace

TEST_CASE("check: default base is the merge-base with main; exit 1 on an error finding") {
  test::GitRepo repo;
  MakeShop(repo);
  Outcome run = Run("check --repo " + repo.path());
  CHECK(run.status == 1);
  CHECK(run.out.find("db/migrations/V2__drop_email.sql:2:1: error: drops column public.users.email, "
                     "which 1 view reads: public.contacts [drop-column-in-use]") != std::string::npos);
  CHECK(run.out.find(" 2 | ALTER TABLE users DROP COLUMN email;") != std::string::npos);
  CHECK(run.out.find("public.users.email -> public.contacts.contact_email") != std::string::npos);
  CHECK(run.out.find("= help: ") != std::string::npos);
}

TEST_CASE("check --fail-on") {
  test::GitRepo repo;
  MakeShop(repo);
  CHECK(Run("check --repo " + repo.path() + " --fail-on never").status == 0);
  CHECK(Run("check --repo " + repo.path() + " --fail-on warning").status == 1);
  // A configuration that only tunes rules still finds the layout on its own.
  repo.Write("downstream.yml", "rules:\n  drop-column-in-use: warning\n");
  repo.Commit("lower it");
  CHECK(Run("check --repo " + repo.path()).status == 0);
  CHECK(Run("check --repo " + repo.path() + " --fail-on warning").status == 1);
}

TEST_CASE("check --format json has INTERFACE.md's shape") {
  test::GitRepo repo;
  MakeShop(repo);
  std::string base = repo.Git("rev-parse main");
  std::string head = repo.Git("rev-parse HEAD");
  Outcome run = Run("check --repo " + repo.path() + " --format json", "/dev/null");
  REQUIRE(run.status == 1);
  nlohmann::json j = nlohmann::json::parse(run.out);
  CHECK(j["version"] == 1);
  CHECK(j["base"] == base);
  CHECK(j["head"] == head);
  REQUIRE(j["findings"].size() == 1);
  const auto& f = j["findings"][0];
  CHECK(f["rule"] == "drop-column-in-use");
  CHECK(f["severity"] == "error");
  CHECK(f["file"] == "db/migrations/V2__drop_email.sql");
  CHECK(f["line"] == 2);
  CHECK(f["column"] == 1);
  CHECK(f["change"] == nlohmann::json{{"kind", "drop_column"}, {"table", "public.users"}, {"column", "email"}});
  REQUIRE(f["impacts"].size() == 1);
  const auto& impact = f["impacts"][0];
  CHECK(impact["view"] == "public.contacts");
  CHECK(impact["file"] == "analytics/views/contacts.sql");
  CHECK(impact["line"] == 1);
  CHECK(impact["columns"] == nlohmann::json{"contact_email"});
  CHECK(impact["usages"] == nlohmann::json{"select"});
  CHECK(impact["path"] == nlohmann::json{"public.users.email", "public.contacts.contact_email"});
  CHECK(j["diagnostics"].is_array());
  // Deterministic: byte-identical on a second run.
  CHECK(Run("check --repo " + repo.path() + " --format json", "/dev/null").out == run.out);
}

TEST_CASE("check --format github writes workflow commands") {
  test::GitRepo repo;
  MakeShop(repo);
  Outcome run = Run("check --repo " + repo.path() + " --format github", "/dev/null");
  // The text report first (for the job's log), then the annotations.
  CHECK(run.out.rfind("db/migrations/V2__drop_email.sql:2:1: error: drops column public.users.email", 0) == 0);
  CHECK(run.out.find("\n::error file=db/migrations/V2__drop_email.sql,line=2,endLine=2,col=1,"
                     "title=drop-column-in-use::drops column public.users.email, which 1 view "
                     "reads: public.contacts%0Ahelp: ") != std::string::npos);
}

TEST_CASE("check --staged compares the index with HEAD") {
  test::GitRepo repo;
  MakeShop(repo);
  repo.Write("db/migrations/V3__rename.sql", "ALTER TABLE users RENAME name TO full_name;\n");
  repo.Write("analytics/views/names.sql", "CREATE VIEW names AS SELECT name FROM users;\n");
  repo.Stage("analytics/views/names.sql");
  // Only the view is staged: nothing breaks yet.
  CHECK(Run("check --repo " + repo.path() + " --staged").status == 0);
  repo.Stage("db/migrations/V3__rename.sql");
  Outcome run = Run("check --repo " + repo.path() + " --staged --format json", "/dev/null");
  CHECK(run.status == 1);
  nlohmann::json j = nlohmann::json::parse(run.out);
  CHECK(j["head"] == "staged");
  REQUIRE(j["findings"].size() == 1);
  CHECK(j["findings"][0]["rule"] == "rename-column-in-use");
  CHECK(j["findings"][0]["change"]["new_name"] == "full_name");
}

TEST_CASE("setup errors: one sentence on stderr, exit 2") {
  test::TempDir dir;
  struct Row {
    const char* name;
    std::string args;
    std::string message;
  };
  test::GitRepo repo;
  MakeShop(repo);
  repo.Write("bad.yml", "rules:\n  drop-column-in-use: fatal\n");
  const Row rows[] = {
      {"not a repository", "check --repo " + dir.path(),
       "downstream: " + dir.path() + " is not inside a git repository\n"},
      {"unknown revision", "check --repo " + repo.path() + " --base nope",
       "downstream: unknown revision 'nope': no commit, branch or tag has that name\n"},
      {"bad configuration", "check --repo " + repo.path() + " --config " + repo.path() + "/bad.yml",
       "downstream: " + repo.path() + "/bad.yml:2: key 'rules.drop-column-in-use' must be error, "
       "warning or off, not 'fatal'\n"},
      {"unknown format", "check --repo " + repo.path() + " --format xml", ""},
  };
  for (const Row& row : rows) {
    SUBCASE(row.name) {
      std::string err_file = dir.path() + "/stderr";
      Outcome run = Run(row.args, err_file);
      CHECK(run.status == 2);
      CHECK(run.out.empty());
      std::string err = test::ReadFile(err_file);
      if (!row.message.empty()) CHECK(err == row.message);
      CHECK(std::count(err.begin(), err.end(), '\n') == 1);
    }
  }
}

TEST_CASE("a shallow clone without the base says to fetch history") {
  test::GitRepo origin;
  MakeShop(origin);
  test::TempDir dir;
  std::string clone = dir.path() + "/clone";
  std::string output;
  REQUIRE(test::RunCommand("git clone -q --depth 1 --branch drop-email file://" + origin.path() + " " +
                               clone, &output) == 0);
  std::string base = origin.Git("rev-parse main");
  std::string err_file = dir.path() + "/stderr";
  Outcome run = Run("check --repo " + clone + " --base " + base, err_file);
  CHECK(run.status == 2);
  std::string err = test::ReadFile(err_file);
  CHECK(err.find("fetch-depth: 0") != std::string::npos);
  CHECK(std::count(err.begin(), err.end(), '\n') == 1);
}

TEST_CASE("version") {
  Outcome run = Run("version");
  CHECK(run.status == 0);
  CHECK(run.out == "downstream 0.1.0\n");
}

}  // namespace ds

namespace ds {

TEST_CASE("inside GitHub Actions, base and head come from the pull request event") {
  test::GitRepo repo;
  MakeShop(repo);
  std::string base = repo.Git("rev-parse main");
  std::string head = repo.Git("rev-parse HEAD");
  // Check out main: without the event, nothing would be compared.
  repo.Git("checkout -q main");
  test::TempDir dir;
  std::string event = dir.Write("event.json", "{\"pull_request\": {\"number\": 7, \"base\": {\"sha\": \"" +
                                                  base + "\"}, \"head\": {\"sha\": \"" + head + "\"}}}");
  Outcome run = Run("check --repo " + repo.path() + " --format json", "/dev/null");
  CHECK(run.status == 0);
  std::string env = "GITHUB_EVENT_PATH=" + event + " ";
  std::string output;
  int status = test::RunCommand("{ " + env + DOWNSTREAM_BINARY + " check --repo " + repo.path() +
                                    " --format json 2>/dev/null; }", &output);
  CHECK(status == 1);
  nlohmann::json j = nlohmann::json::parse(output);
  CHECK(j["base"] == base);
  CHECK(j["head"] == head);
  // A push event has no pull_request: the usual defaults apply.
  std::string push = dir.Write("push.json", "{\"ref\": \"refs/heads/main\"}");
  CHECK(test::RunCommand("GITHUB_EVENT_PATH=" + push + " " + DOWNSTREAM_BINARY + " check --repo " +
                         repo.path(), &output) == 0);
}

}  // namespace ds

namespace ds {

TEST_CASE("check --help lists every rule id, as the configuration errors promise") {
  Outcome run = Run("check --help");
  CHECK(run.status == 0);
  for (const char* id : {"drop-cascades-to-view", "drop-column-in-use", "drop-table-in-use", "rename-column-in-use",
                         "rename-table-in-use", "retype-column-in-use"}) {
    CHECK(run.out.find(std::string("  ") + id + " (error): ") != std::string::npos);
  }
}

}  // namespace ds
