// `check --comment` through the real binary against a fake GitHub API on loopback: the sticky
// comment is created, updated in place and resolved, and only ever the bot's own; the job summary
// and step outputs are written; the token appears in no output; posting never changes the exit code.
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
  Outcome Run(const test::FakeGithub& fake, const std::string& args, const std::string& event,
              const std::string& extra_env = "") const {
    std::string env = "env -i PATH=/usr/bin:/bin HOME=/nonexistent GITHUB_ACTIONS=true " + extra_env;
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

  // As the runner sets them for a step running downstream's action: rule ids link to its pages.
  Outcome first = pr.Run(fake, "--comment --format github", pr.Event(),
                         "GITHUB_ACTION_REPOSITORY=acme/downstream GITHUB_ACTION_REF=v1");
  CHECK(first.status == 1);
  CHECK(first.out.find("::error file=db/migrations/V2__drop_email.sql,line=1") != std::string::npos);
  CHECK(first.out.find("downstream: pull request comment created: https://github.com/acme/shop/pull/7#issuecomment-1001") !=
        std::string::npos);
  // Who posts (the workflow token: GET /user is refused, so github-actions[bot]), the comments,
  // then the new one.
  std::vector<nlohmann::json> requests = fake.Requests();
  REQUIRE(requests.size() == 3);
  CHECK(requests[0]["path"] == "/user");
  requests.erase(requests.begin());
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
  // One compact row: the migration's file name linked to its line, the change, the rule linked to
  // its page, the count, the owners.
  CHECK(body.find("| ❌ | [V2\\_\\_drop\\_email.sql\\:1](https://github.example/acme/shop/blob/" + pr.head +
                  "/db/migrations/V2__drop_email.sql#L1) | drops public.users.email · "
                  "[drop-column-in-use](https://github.example/acme/downstream/blob/v1/rules/drop_column_in_use.md) | "
                  "1 view | @acme/data-team |") != std::string::npos);
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
  REQUIRE(requests.size() == 3);
  requests.erase(requests.begin());
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
  REQUIRE(requests.size() == 3);
  requests.erase(requests.begin());
  CHECK(requests[1]["method"] == "PATCH");
  CHECK(requests[1]["path"] == "/repos/acme/shop/issues/comments/1001");
  CHECK(BodyOf(requests[1]).find("### ✅ downstream: resolved") != std::string::npos);
  REQUIRE(fake.Comments().size() == 1);

  // The job summary got the same markdown on each run; the step outputs the counts.
  std::string summary = test::ReadFile(pr.files.path() + "/summary.md");
  CHECK(summary.find("this pull request breaks 1 analytics view") != std::string::npos);
  CHECK(summary.find("no analytics view breaks") != std::string::npos);
  CHECK(test::ReadFile(pr.files.path() + "/output") ==
        "findings=1\nerrors=1\nwarnings=0\nacknowledged=0\nfindings=1\nerrors=1\nwarnings=0\nacknowledged=0\nfindings=0\nerrors=0\nwarnings=0\nacknowledged=0\n");
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
  REQUIRE(requests.size() == 2);
  CHECK(requests[0]["path"] == "/user");
  CHECK(requests[1]["method"] == "GET");
}

TEST_CASE("--comment: what users see when it cannot comment") {
  PullRequest pr;
  test::FakeGithub fake;
  SUBCASE("the token may not write: one sentence, the check's own exit code, the report written") {
    fake.SetPlan({{"responses", {{{"status", 403}, {"body", "{\"message\":\"Resource not accessible by integration\"}"}},
                                 {{"status", 200}, {"body", "[]"}},
                                 {{"status", 403}, {"body", "{\"message\":\"Resource not accessible by integration\"}"}}}}});
    Outcome run = pr.Run(fake, "--comment --format github", pr.Event());
    CHECK(run.status == 1);
    CHECK(run.out.find("::error file=db/migrations/V2__drop_email.sql") != std::string::npos);
    CHECK(run.out.find("::warning title=downstream comment::no pull request comment: GitHub refused POST /repos/acme/shop/issues/7/comments "
                       "(HTTP 403): the token cannot write pull request comments; give the workflow `permissions: "
                       "pull-requests: write` (a pull request from a fork only gets a read-only token)\n") !=
          std::string::npos);
    CHECK(run.out.find(test::kSecretToken) == std::string::npos);
  }
  SUBCASE("no token: a sentence, the check's own exit code") {
    pr.repo.Remove("db/migrations/V2__drop_email.sql");
    pr.head = pr.repo.Commit("nothing");
    std::string event = pr.Event();
    std::string output;
    int status = test::RunCommand("env -i PATH=/usr/bin:/bin GITHUB_ACTIONS=true GITHUB_EVENT_PATH=" + event + " " +
                                      DOWNSTREAM_BINARY + " check --comment --repo " + pr.repo.path(), &output);
    CHECK(status == 0);
    CHECK(output.find("::warning title=downstream comment::no pull request comment: there is no token in GITHUB_TOKEN") != std::string::npos);
  }
  SUBCASE("a push event: a note, no request, the usual exit code") {
    Outcome run = pr.Run(fake, "--comment --base " + pr.base + " --head " + pr.head, pr.Event(0));
    CHECK(run.status == 1);
    CHECK(run.out.find("::warning title=downstream comment::no pull request comment: this workflow event is not a pull request\n") !=
          std::string::npos);
    CHECK(fake.Requests().empty());
  }
  SUBCASE("a pull request from a fork, in every shape of payload: a note and no request") {
    struct Row {
      const char* name;
      nlohmann::json base_repo, head_repo;
    };
    const Row rows[] = {
        {"another name", {{"full_name", "acme/shop"}, {"id", 1}}, {{"full_name", "someone/shop"}, {"id", 2}}},
        {"another id", {{"id", 1}}, {{"id", 2}}},
        {"the fork was deleted: head.repo is null", {{"full_name", "acme/shop"}}, nullptr},
        {"no base.repo: the event's repository", nullptr, {{"full_name", "someone/shop"}}},
    };
    for (const Row& row : rows) {
      CAPTURE(row.name);
      nlohmann::json base = {{"sha", pr.base}}, head = {{"sha", pr.head}, {"repo", row.head_repo}};
      if (!row.base_repo.is_null()) base["repo"] = row.base_repo;
      nlohmann::json event = {{"repository", {{"full_name", "acme/shop"}}},
                              {"pull_request", {{"number", 8}, {"base", base}, {"head", head}}}};
      Outcome run = pr.Run(fake, "--comment --format github", pr.files.Write("fork.json", event.dump()));
      CHECK(run.status == 1);
      CHECK(run.out.find("::error file=db/migrations/V2__drop_email.sql") != std::string::npos);
      CHECK(run.out.find("::warning title=downstream comment::no pull request comment: this pull request comes from a fork") !=
            std::string::npos);
      CHECK(fake.Requests().empty());
    }
  }
  SUBCASE("the same repository named in another case is no fork; pull_request_target may comment") {
    nlohmann::json event = {{"repository", {{"full_name", "acme/shop"}}},
                            {"pull_request",
                             {{"number", 8},
                              {"base", {{"sha", pr.base}, {"repo", {{"full_name", "acme/shop"}}}}},
                              {"head", {{"sha", pr.head}, {"repo", {{"full_name", "ACME/Shop"}}}}}}}};
    Outcome same = pr.Run(fake, "--comment", pr.files.Write("same.json", event.dump()));
    CHECK(same.out.find("pull request comment created") != std::string::npos);
    event["pull_request"]["head"]["repo"] = nullptr;
    fake.ClearRequests();
    Outcome target = pr.Run(fake, "--comment", pr.files.Write("target.json", event.dump()),
                            "GITHUB_EVENT_NAME=pull_request_target");
    CHECK(target.status == 1);
    CHECK(target.out.find("pull request comment updated") != std::string::npos);
  }
  SUBCASE("outside GitHub Actions: exit 2") {
    Outcome run = pr.Run(fake, "--comment --base " + pr.base + " --head " + pr.head, "");
    CHECK(run.status == 2);
    CHECK(run.out.find("downstream: --comment works inside GitHub Actions on a pull_request event "
                       "(GITHUB_EVENT_PATH is not set)\n") != std::string::npos);
    CHECK(fake.Requests().empty());
  }
}

TEST_CASE("--comment: a look-alike posted by the pull request's author is left alone") {
  PullRequest pr;
  test::FakeGithub fake;
  nlohmann::json lookalike = {{"id", 9}, {"body", "<!-- downstream:comment -->\n### ✅ all clear"},
                              {"user", {{"login", "mallory"}}}};
  fake.SetComments(nlohmann::json::array({lookalike}));
  Outcome run = pr.Run(fake, "--comment", pr.Event());
  CHECK(run.status == 1);
  CHECK(run.out.find("downstream: pull request comment created") != std::string::npos);
  nlohmann::json comments = fake.Comments();
  REQUIRE(comments.size() == 2);
  CHECK(comments[0] == lookalike);
  CHECK(comments[1]["user"]["login"] == "github-actions[bot]");

  SUBCASE("a user's token: its user's comment is ours") {
    fake.SetPlan({{"login", "octocat"}});
    fake.SetComments({lookalike, {{"id", 10}, {"body", "<!-- downstream:comment -->\nold"}, {"user", {{"login", "octocat"}}}}});
    Outcome again = pr.Run(fake, "--comment", pr.Event());
    CHECK(again.out.find("downstream: pull request comment updated") != std::string::npos);
    CHECK(fake.Comments()[0] == lookalike);
    CHECK(fake.Comments()[1]["body"] != "<!-- downstream:comment -->\nold");
  }
  SUBCASE("an app's token: the configured login") {
    fake.SetComments({lookalike, {{"id", 11}, {"body", "<!-- downstream:comment -->\nold"}, {"user", {{"login", "shop-bot[bot]"}}}}});
    fake.ClearRequests();
    Outcome again = pr.Run(fake, "--comment", pr.Event(), "DOWNSTREAM_COMMENT_AUTHOR=shop-bot[bot]");
    CHECK(again.out.find("downstream: pull request comment updated") != std::string::npos);
    CHECK(fake.Requests().front()["path"] != "/user");
    CHECK(fake.Comments()[0] == lookalike);
  }
}

TEST_CASE("--comment: names that are not UTF-8 are posted with U+FFFD, the run goes on") {
  test::GitRepo repo;
  repo.Write("db/migrations/V1__menu.sql", "CREATE TABLE menu (id bigint, \"caf\xe9\" text);\n");
  repo.Write("analytics/views/m.sql", "CREATE VIEW m AS SELECT id, \"caf\xe9\" AS \"pr\xff\" FROM menu;\n");
  std::string base = repo.Commit("base");
  repo.Write("db/migrations/V2__drop.sql", "ALTER TABLE menu DROP COLUMN \"caf\xe9\";\n");
  std::string head = repo.Commit("head");
  test::TempDir files;
  nlohmann::json event = {{"repository", {{"full_name", "acme/shop"}}},
                          {"pull_request", {{"number", 7}, {"base", {{"sha", base}}}, {"head", {{"sha", head}}}}}};
  std::string event_path = files.Write("event.json", event.dump());
  test::FakeGithub fake;
  std::string output;
  int status = test::RunCommand("env -i PATH=/usr/bin:/bin GITHUB_ACTIONS=true GITHUB_EVENT_PATH=" + event_path +
                                    " GITHUB_API_URL=" + fake.url() + " GITHUB_TOKEN=" + test::kSecretToken + " " +
                                    DOWNSTREAM_BINARY + " check --comment --format json --repo " + repo.path(),
                                &output);
  CAPTURE(output);
  CHECK(status == 1);
  CHECK(output.find("downstream: pull request comment created") != std::string::npos);
  std::vector<nlohmann::json> requests = fake.Requests();
  REQUIRE(requests.size() == 3);
  std::string body = BodyOf(requests[2]);  // strict UTF-8 parse inside
  CHECK(body.find("caf\xEF\xBF\xBD") != std::string::npos);
}

}  // namespace ds
