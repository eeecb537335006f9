// The GitHub Action outside its container (tests/docker runs the image itself): action.yml and
// the Dockerfile linted, and scripts/action-entrypoint.sh run end to end the way the runner runs
// it, with action.yml's env mapping applied to the inputs, a synthetic pull_request event, a
// workspace, GITHUB_OUTPUT, GITHUB_STEP_SUMMARY and a fake GitHub API on loopback.
#include <doctest/doctest.h>

#include <yaml-cpp/yaml.h>

#include <map>
#include <regex>
#include <set>
#include <sstream>

#include "tests/github/action_env.h"
#include "tests/github/fake_github.h"
#include "tests/support/git_repo.h"

namespace ds {
namespace {

using test::ActionEnv;
using test::InputOf;

std::string Source(const std::string& relative) { return test::SourcePath(relative); }

struct PullRequest {
  PullRequest() {
    repo.Write("db/migrations/V1__users.sql", "CREATE TABLE users (id bigint PRIMARY KEY, email text);\n");
    repo.Write("analytics/views/contacts.sql", "CREATE VIEW contacts AS\nSELECT id, email FROM users;\n");
    std::string base = repo.Commit("init");
    repo.Git("checkout -q -b drop-email");
    repo.Write("db/migrations/V2__drop_email.sql", "ALTER TABLE users DROP COLUMN email;\n");
    std::string head = repo.Commit("drop email");
    event = files.Write("event.json", "{\"repository\": {\"full_name\": \"acme/shop\"}, \"pull_request\": "
                                      "{\"number\": 3, \"base\": {\"sha\": \"" + base + "\"}, \"head\": {\"sha\": \"" +
                                          head + "\"}}}");
  }

  int RunAction(const test::FakeGithub& fake, const std::map<std::string, std::string>& inputs,
                std::string* output) const {
    std::string env = "env -i PATH=/usr/bin:/bin HOME=/nonexistent GITHUB_ACTIONS=true GITHUB_WORKSPACE=" +
                      repo.path() + " GITHUB_EVENT_PATH=" + event + " GITHUB_OUTPUT=" + files.path() +
                      "/output GITHUB_STEP_SUMMARY=" + files.path() + "/summary.md GITHUB_API_URL=" + fake.url() +
                      " GITHUB_REPOSITORY=acme/shop DOWNSTREAM_BIN=" + DOWNSTREAM_BINARY +
                      ActionEnv(inputs, test::kSecretToken);
    return test::RunCommand("cd / && " + env + " sh " + Source("scripts/action-entrypoint.sh"), output);
  }

  test::GitRepo repo;
  test::TempDir files;
  std::string event;
};

}  // namespace

TEST_CASE("action.yml declares every input the entrypoint reads, and the outputs it writes") {
  YAML::Node action = YAML::LoadFile(Source("action.yml"));
  // A composite action of one step that runs the published image (scripts/action-run.sh).
  CHECK(action["runs"]["using"].as<std::string>() == "composite");
  REQUIRE(action["runs"]["steps"].size() == 1);
  YAML::Node step = action["runs"]["steps"][0];
  CHECK(step["id"].as<std::string>() == "downstream");
  CHECK(step["shell"].as<std::string>() == "bash");
  CHECK(step["run"].as<std::string>() == "\"$GITHUB_ACTION_PATH/scripts/action-run.sh\"");
  std::set<std::string> inputs;
  for (const auto& input : action["inputs"]) {
    inputs.insert(input.first.as<std::string>());
    CHECK_MESSAGE(input.second["description"], input.first.as<std::string>());
  }
  CHECK(inputs == std::set<std::string>{"config", "base", "head", "fail-on", "comment", "sarif-file",
                                        "github-token", "comment-author", "working-directory"});
  CHECK(action["inputs"]["github-token"]["default"].as<std::string>() == "${{ github.token }}");
  CHECK(action["inputs"]["comment"]["default"].as<std::string>() == "true");
  // Each output is the step's.
  for (const char* output : {"findings", "errors", "warnings", "acknowledged"}) {
    CAPTURE(output);
    REQUIRE(action["outputs"][output]);
    CHECK(action["outputs"][output]["value"].as<std::string>() ==
          std::string("${{ steps.downstream.outputs.") + output + " }}");
  }

  // Every env entry maps an existing input once, or names the action's own repository and ref.
  std::set<std::string> mapped, variables;
  for (const auto& entry : step["env"]) {
    std::string name = entry.first.as<std::string>(), value = entry.second.as<std::string>();
    variables.insert(name);
    if (name == "DOWNSTREAM_ACTION_REPOSITORY") {
      CHECK(value == "${{ github.action_repository }}");
      continue;
    }
    if (name == "DOWNSTREAM_ACTION_REF") {
      CHECK(value == "${{ github.action_ref }}");
      continue;
    }
    std::string input = InputOf(value);
    CHECK_MESSAGE(inputs.count(input), name);
    CHECK(mapped.insert(input).second);
  }
  CHECK(mapped == inputs);
  // Every DOWNSTREAM_* variable the entrypoint and the runner script read is set by the step.
  for (const char* file : {"scripts/action-entrypoint.sh", "scripts/action-run.sh"}) {
    std::string script = test::ReadFile(Source(file));
    std::regex variable(R"(DOWNSTREAM_[A-Z_]+)");
    for (auto it = std::sregex_iterator(script.begin(), script.end(), variable); it != std::sregex_iterator(); ++it) {
      if (it->str() == "DOWNSTREAM_BIN" || it->str() == "DOWNSTREAM_ACTION_") continue;
      CHECK_MESSAGE(variables.count(it->str()), file << ": " << it->str());
    }
  }
  CHECK(variables.count("GITHUB_TOKEN"));
}

TEST_CASE("the Dockerfile: Debian 12, multi-stage, the final image has the binary's libraries") {
  std::string dockerfile = test::ReadFile(Source("Dockerfile"));
  std::vector<std::string> froms;
  std::string final_stage;
  std::istringstream lines(dockerfile);
  for (std::string line; std::getline(lines, line);) {
    if (line.rfind("FROM ", 0) == 0) {
      froms.push_back(line);
      final_stage.clear();
    }
    final_stage += line + "\n";
  }
  REQUIRE(froms.size() == 2);
  CHECK(froms[0] == "FROM debian:12 AS build");
  CHECK(froms[1] == "FROM debian:12-slim");
  CHECK(final_stage.find("COPY --from=build /build/src/cli/downstream /usr/local/bin/downstream") != std::string::npos);
  CHECK(final_stage.find("COPY scripts/action-entrypoint.sh /usr/local/bin/downstream-action") != std::string::npos);
  CHECK(final_stage.find("ENTRYPOINT [\"/usr/local/bin/downstream-action\"]") != std::string::npos);
  CHECK(final_stage.find("-dev") == std::string::npos);  // no build dependencies at run time

  // Each shared library the binary needs comes from a package the final stage installs, or from
  // the slim base image itself.
  std::string needed;
  REQUIRE(test::RunCommand("readelf -d " + std::string(DOWNSTREAM_BINARY) +
                           " | sed -n 's/.*(NEEDED).*\\[\\(.*\\)\\]/\\1/p'", &needed) == 0);
  const std::set<std::string> base = {"libc6", "libstdc++6", "libgcc-s1"};
  std::istringstream libraries(needed);
  int checked = 0;
  for (std::string library; std::getline(libraries, library);) {
    std::string package;
    REQUIRE(test::RunCommand("dpkg -S \"$(readlink -f \"$(ldconfig -p | awk '$1 == \"" + library +
                             "\" {print $NF; exit}')\")\" 2>/dev/null | cut -d: -f1 | head -1", &package) == 0);
    while (!package.empty() && package.back() == '\n') package.pop_back();
    if (package.empty()) continue;  // not from a Debian package: nothing to install
    ++checked;
    CHECK_MESSAGE((base.count(package) || final_stage.find(" " + package) != std::string::npos),
                  library << " comes from " << package);
  }
  CHECK(checked >= 6);
}

TEST_CASE("the entrypoint passes sh -n and shellcheck; the runner script bash -n") {
  std::string output;
  CHECK(test::RunCommand("sh -n " + Source("scripts/action-entrypoint.sh"), &output) == 0);
  CHECK(test::RunCommand("bash -n " + Source("scripts/action-run.sh"), &output) == 0);
  if (test::RunCommand("command -v shellcheck >/dev/null") == 0) {
    CHECK_MESSAGE(test::RunCommand("shellcheck " + Source("scripts/action-entrypoint.sh"), &output) == 0, output);
    CHECK_MESSAGE(test::RunCommand("shellcheck " + Source("scripts/action-run.sh"), &output) == 0, output);
  }
}

TEST_CASE("the action's entrypoint end to end: annotations, comment, summary, outputs, SARIF") {
  PullRequest pr;
  test::FakeGithub fake;
  std::string output;
  int status = pr.RunAction(fake, {{"sarif-file", "reports/downstream.sarif"}}, &output);
  CHECK(status == 1);
  CHECK(output.find("::error file=db/migrations/V2__drop_email.sql,line=1,endLine=1,col=1,title=drop-column-in-use::") !=
        std::string::npos);
  CHECK(output.find("downstream: pull request comment created") != std::string::npos);
  CHECK(output.find(test::kSecretToken) == std::string::npos);
  // The log holds the text report, in colour (GitHub renders it), before the annotations.
  size_t report = output.find("\x1b[1;31merror\x1b[0m: drops column public.users.email");
  CHECK(report != std::string::npos);
  CHECK(report < output.find("::error file="));
  CHECK(output.find("\x1b[1;31m1 error\x1b[0m, 0 warnings") != std::string::npos);
  std::vector<nlohmann::json> requests = fake.Requests();
  REQUIRE(requests.size() == 3);  // who posts, the comments, the new comment
  CHECK(requests[0]["path"] == "/user");
  CHECK(requests[2]["method"] == "POST");
  CHECK(requests[2]["path"] == "/repos/acme/shop/issues/3/comments");
  CHECK(requests[2]["headers"]["Authorization"] == std::string("Bearer ") + test::kSecretToken);
  // One run's worth of outputs and summary: the SARIF run wrote neither.
  CHECK(test::ReadFile(pr.files.path() + "/output") == "findings=1\nerrors=1\nwarnings=0\nacknowledged=0\n");
  std::string summary = test::ReadFile(pr.files.path() + "/summary.md");
  CHECK(summary.rfind("<!-- downstream:comment -->\n### ❌ downstream: this pull request breaks 1 analytics view", 0) == 0);
  CHECK(summary.find("<!-- downstream:comment -->", 1) == std::string::npos);
  nlohmann::json sarif = nlohmann::json::parse(test::ReadFile(pr.repo.path() + "/reports/downstream.sarif"));
  CHECK(sarif["version"] == "2.1.0");
  CHECK(sarif["runs"][0]["results"].size() == 1);

  SUBCASE("comment false, fail-on never: no request, exit 0") {
    fake.ClearRequests();
    CHECK(pr.RunAction(fake, {{"comment", "false"}, {"fail-on", "never"}}, &output) == 0);
    CHECK(fake.Requests().empty());
  }
  SUBCASE("bad inputs are one sentence and exit 2") {
    CHECK(pr.RunAction(fake, {{"comment", "yes"}}, &output) == 2);
    CHECK(output == "downstream: input comment must be true or false, not 'yes'\n");
    CHECK(pr.RunAction(fake, {{"working-directory", "nope"}}, &output) == 2);
    CHECK(output == "downstream: working-directory nope does not exist in the workspace\n");
  }
}

}  // namespace ds
