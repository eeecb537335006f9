// The action for real: its one step (scripts/action-run.sh) run as the runner runs a composite
// step, with the image built from the Dockerfile by tests/docker/with-docker.sh (a Debian 12 base
// made with debootstrap, nothing pulled) and tagged as the one published for the action's ref.
// The script runs the image as a container action runs: the workspace mounted at
// /github/workspace and owned by another user (the runner's), the event payload, GITHUB_OUTPUT and
// GITHUB_STEP_SUMMARY mounted in, action.yml's env applied to the inputs, and a fake GitHub API on
// loopback for the comment. A ref without a published image is built from the action's checkout.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include <cstdlib>
#include <filesystem>
#include <map>

#include "tests/github/action_env.h"
#include "tests/github/fake_github.h"
#include "tests/support/git_repo.h"

namespace ds {
namespace {

std::string Image() {
  const char* image = std::getenv("DOWNSTREAM_IMAGE");
  REQUIRE_MESSAGE(image != nullptr, "run through tests/docker/with-docker.sh, which builds the image");
  return image;
}

// As release.yml publishes it for the tag v1 of acme/downstream (registries want lower case).
const char* kPublished = "ghcr.io/acme/downstream:v1";

void Publish() { REQUIRE(test::RunCommand("docker tag " + Image() + " " + kPublished) == 0); }

struct Runner {
  // A pull request that drops a column a view reads, and its event payload.
  explicit Runner(bool breaking) {
    repo.Write("db/migrations/V1__users.sql", "CREATE TABLE users (id bigint PRIMARY KEY, email text, name text);\n");
    repo.Write("analytics/views/contacts.sql", "CREATE VIEW contacts AS\nSELECT id, email FROM users;\n");
    repo.Write("downstream.yml", "migrations: [db/migrations]\nviews: [analytics/views]\nowners:\n  \"*\": \"@acme/data-team\"\n");
    std::string base = repo.Commit("init");
    repo.Git("checkout -q -b change");
    repo.Write("db/migrations/V2__change.sql",
               breaking ? "ALTER TABLE users DROP COLUMN email;\n" : "ALTER TABLE users DROP COLUMN name;\n");
    std::string head = repo.Commit("change");
    dirs.Write("workflow/event.json", "{\"repository\": {\"full_name\": \"acme/shop\"}, \"pull_request\": {\"number\": 3, "
                                      "\"base\": {\"sha\": \"" + base + "\"}, \"head\": {\"sha\": \"" + head + "\"}}}");
    dirs.Write("file_commands/set_output", "");
    dirs.Write("file_commands/step_summary", "");
    // The runner's user owns the checkout; the container runs as root.
    REQUIRE(test::RunCommand("chown -R 1001:1001 " + repo.path()) == 0);
  }

  // The step's environment on the runner: host paths; the image published for `ref`, if any.
  int Run(const std::string& api_url, const std::map<std::string, std::string>& inputs, std::string* output,
          const std::string& ref = "v1") const {
    std::string env = "env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/nonexistent GITHUB_ACTIONS=true"
                      " GITHUB_ACTION_PATH=" + test::SourcePath("") + " GITHUB_WORKSPACE=" + repo.path() +
                      " GITHUB_EVENT_NAME=pull_request GITHUB_EVENT_PATH=" + dirs.path() + "/workflow/event.json"
                      " GITHUB_OUTPUT=" + dirs.path() + "/file_commands/set_output"
                      " GITHUB_STEP_SUMMARY=" + dirs.path() + "/file_commands/step_summary"
                      " GITHUB_REPOSITORY=acme/shop GITHUB_SERVER_URL=https://github.com GITHUB_API_URL=" + api_url +
                      " DOWNSTREAM_ACTION_REPOSITORY=Acme/downstream DOWNSTREAM_ACTION_REF=" + ref;
    for (const auto& [name, value] : test::ActionVariables(inputs, test::kSecretToken)) {
      env += " " + name + "='" + value + "'";
    }
    return test::RunCommand(env + " bash " + test::SourcePath("scripts/action-run.sh"), output);
  }

  std::string File(const std::string& relative) const { return test::ReadFile(dirs.path() + "/" + relative); }

  test::GitRepo repo;
  test::TempDir dirs;
};

}  // namespace

TEST_CASE("the image as a runner runs it: annotations, the log's report, the comment, summary, outputs, SARIF") {
  Publish();
  Runner runner(true);
  test::FakeGithub fake;
  std::string output;
  int status = runner.Run(fake.url(), {{"sarif-file", "reports/downstream.sarif"}}, &output);
  CHECK_MESSAGE(status == 1, output);  // an error finding, fail-on error
  CHECK(output.find("downstream: using the published image ghcr.io/acme/downstream:v1") != std::string::npos);
  CHECK(output.find("building it from source") == std::string::npos);
  CHECK(output.find("::error file=db/migrations/V2__change.sql,line=1,endLine=1,col=1,title=drop-column-in-use::") !=
        std::string::npos);
  CHECK(output.find("\x1b[1;31merror\x1b[0m: drops column public.users.email") != std::string::npos);
  CHECK(output.find("downstream: pull request comment created") != std::string::npos);
  CHECK(output.find(test::kSecretToken) == std::string::npos);

  std::vector<nlohmann::json> requests = fake.Requests();
  REQUIRE(requests.size() == 3);  // who posts, the comments, the new comment
  CHECK(requests[2]["method"] == "POST");
  CHECK(requests[2]["path"] == "/repos/acme/shop/issues/3/comments");
  std::string body = nlohmann::json::parse(requests[2]["body"].get<std::string>())["body"];
  CHECK(body.find("[drop-column-in-use](https://github.com/Acme/downstream/blob/v1/rules/drop_column_in_use.md)") !=
        std::string::npos);
  CHECK(body.find("@acme/data-team") != std::string::npos);

  CHECK(runner.File("file_commands/set_output") == "findings=1\nerrors=1\nwarnings=0\nacknowledged=0\n");
  CHECK(runner.File("file_commands/step_summary").rfind("<!-- downstream:comment -->", 0) == 0);
  nlohmann::json sarif = nlohmann::json::parse(test::ReadFile(runner.repo.path() + "/reports/downstream.sarif"));
  CHECK(sarif["runs"][0]["results"].size() == 1);
}

TEST_CASE("the image: a clean pull request passes, and an unreachable API is a warning, not the job's failure") {
  Publish();
  Runner runner(false);
  std::string output;
  int status = runner.Run("http://127.0.0.1:9", {}, &output);  // nothing listens on port 9
  CHECK_MESSAGE(status == 0, output);
  CHECK(output.find("::error") == std::string::npos);
  CHECK(runner.File("file_commands/set_output") == "findings=0\nerrors=0\nwarnings=0\nacknowledged=0\n");

  Runner breaking(true);
  status = breaking.Run("http://127.0.0.1:9", {{"fail-on", "never"}}, &output);
  CHECK_MESSAGE(status == 0, output);  // the check's own code: --fail-on never
  CHECK(output.find("::warning title=downstream comment::no pull request comment: ") != std::string::npos);
  CHECK(output.find("::error file=db/migrations/V2__change.sql") != std::string::npos);
}

TEST_CASE("a ref with no published image: the action builds its image from its own checkout") {
  Runner runner(true);
  std::string output;
  int status = runner.Run("http://127.0.0.1:9", {{"comment", "false"}}, &output, "feature-x");
  CHECK_MESSAGE(status == 1, output);
  CHECK(output.find("downstream: no published image for Acme/downstream@feature-x: building it from source") !=
        std::string::npos);
  CHECK(output.find("::error file=db/migrations/V2__change.sql") != std::string::npos);
  CHECK(runner.File("file_commands/set_output") == "findings=1\nerrors=1\nwarnings=0\nacknowledged=0\n");
  test::RunCommand("docker rmi downstream-action:feature-x >/dev/null");
}

TEST_CASE("the image holds the binary and its libraries only, and says its version") {
  std::string output;
  REQUIRE(test::RunCommand("docker run --rm --entrypoint downstream " + Image() + " --version", &output) == 0);
  CHECK(output.rfind("downstream ", 0) == 0);
  REQUIRE(test::RunCommand("docker run --rm --entrypoint sh " + Image() +
                           " -c 'command -v cmake g++ npm || echo none'", &output) == 0);
  CHECK(output == "none\n");
}

}  // namespace ds
