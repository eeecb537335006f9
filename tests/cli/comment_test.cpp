// `check --comment` through the real binary against a fake GitHub API on loopback: the sticky
// comment is created, updated in place and resolved; the job summary and step outputs are written;
// the token appears in no output.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "tests/github/fake_github.h"
#include "tests/support/git_repo.h"

namespace ds {
namespace {

struct Outcome {
  int status;
  std::string out;  // stdout and stderr
};

// A pull request that drops users.email, which a view reads (owned by @acme/data-team).
struct PullRequest {
  PullRequest() {
    repo.Write("downstream.yml",
               "migrations:\n  - path: db/migrations\nviews:\n  - path: analytics/views\n"
               "owners:\n  \"public.*\": \"@acme/data-team\"\n");
    repo.Write("db/migrations/V1__users.sql", "CREATE TABLE users (id bigint PRIMARY KEY, email text);\n");
    repo.Write("analytics/views/contacts.sql", "CREATE VIEW contacts AS\nSELECT id, email FROM users;\n");
    base = repo.Commit("init");
    repo.Git("checkout -q -b drop-email");
    repo.Write("db/migrations/V2__drop_email.sql", "ALTER TABLE users DROP COLUMN email;\n");
    head = repo.Commit("drop email");
  }

  // Writes the pull_request event payload for the current base and head.
  std::string Event(int number = 7) const {
    nlohmann::json event = {{"repository", {{"full_name", "acme/shop"}}}};
    if (number > 0) {
      event["pull_request"] = {{"number", number}, {"base", {{"sha", base}}}, {"head", {{"sha", head}}}};
    }
    return files.Write("event.json", event.dump());
  }

  // Runs `downstream check` as the action would, with a clean environment.
  Outcome Run(const test::FakeGithub& fake, const std::string& args, const std::string& event) const {
    std::string env = "env -i PATH=/usr/bin:/bin HOME=/nonexistent GITHUB_ACTIONS=true";
    if (!event.empty()) env += " GITHUB_EVENT_PATH=" + event;
    env += " GITHUB_API_URL=" + fake.url() + " GITHUB_SERVER_URL=https://github.example" +
           " GITHUB_TOKEN=" + test::kSecretToken + " GITHUB_STEP_SUMMARY=" + files.path() + "/summary.md" +
           " GITHUB_OUTPUT=" + files.path() + "/output";
    std::string output;
    int status = test::RunCommand(env + " " + DOWNSTREAM_BINARY + " check --repo " + repo.path() + " " + args, &output);
    return {status, output};
  }

  test::GitRepo repo;
  test::TempDir files;
  std::string base, head;
};

std::string BodyOf(const nlohmann::json& request) {
  return nlohmann::json::parse(request["body"].get<std::string>())["body"];
}

}  // namespace

TEST_CASE("--comment: created, then updated in place, then resolved when the pull request is fixed") {
  PullRequest pr;
  test::FakeGithub fake;

  Outcome first = pr.Run(fake, "--comment --format github", pr.Event());
  CHECK(first.status == 1);
  CHECK(first.out.find("::error file=db/migrations/V2__drop_email.sql,line=1") != std::string::npos);
  CHECK(first.out.find("downstream: pull request comment created: https://github.com/acme/shop/pull/7#issuecomment-1001") !=
        std::string::npos);
  std::vector<nlohmann::json> requests = fake.Requests();
  REQUIRE(requests.size() == 2);
  CHECK(requests[0]["method"] == "GET");
  CHECK(requests[0]["path"] == "/repos/acme/shop/issues/7/comments?per_page=100");
  CHECK(requests[1]["method"] == "POST");
  CHECK(requests[1]["path"] == "/repos/acme/shop/issues/7/comments");
  for (const nlohmann::json& r : requests) {
    CHECK(r["headers"]["Authorization"] == std::string("Bearer ") + test::kSecretToken);
    CHECK(r["headers"]["User-Agent"] == "downstream/0.1.0");
  }
  std::string body = BodyOf(requests[1]);
  CHECK(body.rfind("<!-- downstream:comment -->\n", 0) == 0);
  CHECK(body.find("[db/migrations/V2\\_\\_drop\\_email.sql\\:1](https://github.example/acme/shop/blob/" + pr.head +
                  "/db/migrations/V2__drop_email.sql#L1)") != std::string::npos);
  CHECK(body.find("- @acme/data-team: public.contacts") != std::string::npos);
  CHECK(body.find("```mermaid") != std::string::npos);

  // A second push with the same problem: the same comment is rewritten, no new one.
  pr.repo.Write("README.md", "more\n");
  pr.head = pr.repo.Commit("unrelated");
  fake.ClearRequests();
  Outcome second = pr.Run(fake, "--comment --format github", pr.Event());
  CHECK(second.status == 1);
  CHECK(second.out.find("downstream: pull request comment updated") != std::string::npos);
  requests = fake.Requests();
  REQUIRE(requests.size() == 2);
  CHECK(requests[1]["method"] == "PATCH");
  CHECK(requests[1]["path"] == "/repos/acme/shop/issues/comments/1001");
  CHECK(BodyOf(requests[1]).find(pr.head) != std::string::npos);
  CHECK(fake.Comments().size() == 1);

  // The fix: the comment says resolved.
  pr.repo.Remove("db/migrations/V2__drop_email.sql");
  pr.head = pr.repo.Commit("keep email");
  fake.ClearRequests();
  Outcome third = pr.Run(fake, "--comment --format github", pr.Event());
  CHECK(third.status == 0);
  CHECK(third.out.find("downstream: pull request comment resolved") != std::string::npos);
  requests = fake.Requests();
  REQUIRE(requests.size() == 2);
  CHECK(requests[1]["method"] == "PATCH");
  CHECK(requests[1]["path"] == "/repos/acme/shop/issues/comments/1001");
  CHECK(BodyOf(requests[1]).find("### ✅ downstream: resolved") != std::string::npos);
  REQUIRE(fake.Comments().size() == 1);

  // The job summary got the same markdown on each run; the step outputs the counts.
  std::string summary = test::ReadFile(pr.files.path() + "/summary.md");
  CHECK(summary.find("this pull request breaks 1 analytics view") != std::string::npos);
  CHECK(summary.find("no analytics view breaks") != std::string::npos);
  CHECK(test::ReadFile(pr.files.path() + "/output") ==
        "findings=1\nerrors=1\nwarnings=0\nfindings=1\nerrors=1\nwarnings=0\nfindings=0\nerrors=0\nwarnings=0\n");
  for (const Outcome* o : {&first, &second, &third}) CHECK(o->out.find(test::kSecretToken) == std::string::npos);
  CHECK(summary.find(test::kSecretToken) == std::string::npos);
}

TEST_CASE("--comment on a pull request that never had findings posts nothing") {
  PullRequest pr;
  pr.repo.Remove("db/migrations/V2__drop_email.sql");
  pr.head = pr.repo.Commit("nothing");
  test::FakeGithub fake;
  Outcome run = pr.Run(fake, "--comment", pr.Event());
  CHECK(run.status == 0);
  std::vector<nlohmann::json> requests = fake.Requests();
  REQUIRE(requests.size() == 1);
  CHECK(requests[0]["method"] == "GET");
}

TEST_CASE("--comment: what users see when it cannot comment") {
  PullRequest pr;
  test::FakeGithub fake;
  SUBCASE("the token may not write: one sentence, exit 2, the report still written") {
    fake.SetPlan({{"responses", {{{"status", 200}, {"body", "[]"}},
                                 {{"status", 403}, {"body", "{\"message\":\"Resource not accessible by integration\"}"}}}}});
    Outcome run = pr.Run(fake, "--comment --format github", pr.Event());
    CHECK(run.status == 2);
    CHECK(run.out.find("::error file=db/migrations/V2__drop_email.sql") != std::string::npos);
    CHECK(run.out.find("downstream: GitHub refused POST /repos/acme/shop/issues/7/comments (HTTP 403): the token "
                       "cannot write pull request comments; give the workflow `permissions: pull-requests: "
                       "write` (a pull request from a fork only gets a read-only token)\n") != std::string::npos);
    CHECK(run.out.find(test::kSecretToken) == std::string::npos);
  }
  SUBCASE("a push event: a note, no request, the usual exit code") {
    Outcome run = pr.Run(fake, "--comment --base " + pr.base + " --head " + pr.head, pr.Event(0));
    CHECK(run.status == 1);
    CHECK(run.out.find("downstream: no pull request comment: this workflow event is not a pull request\n") !=
          std::string::npos);
    CHECK(fake.Requests().empty());
  }
  SUBCASE("a pull request from a fork: its token is read-only, so a note and no request") {
    nlohmann::json event = {{"repository", {{"full_name", "acme/shop"}}},
                            {"pull_request",
                             {{"number", 8},
                              {"base", {{"sha", pr.base}, {"repo", {{"full_name", "acme/shop"}}}}},
                              {"head", {{"sha", pr.head}, {"repo", {{"full_name", "someone/shop"}}}}}}}};
    Outcome run = pr.Run(fake, "--comment --format github", pr.files.Write("fork.json", event.dump()));
    CHECK(run.status == 1);
    CHECK(run.out.find("::error file=db/migrations/V2__drop_email.sql") != std::string::npos);
    CHECK(run.out.find("downstream: no pull request comment: this pull request comes from a fork") !=
          std::string::npos);
    CHECK(fake.Requests().empty());
  }
  SUBCASE("outside GitHub Actions: exit 2") {
    Outcome run = pr.Run(fake, "--comment --base " + pr.base + " --head " + pr.head, "");
    CHECK(run.status == 2);
    CHECK(run.out.find("downstream: --comment works inside GitHub Actions on a pull_request event "
                       "(GITHUB_EVENT_PATH is not set)\n") != std::string::npos);
    CHECK(fake.Requests().empty());
  }
}

}  // namespace ds
