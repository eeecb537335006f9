// The GitHub client over real HTTP (libcurl) against a fake API on loopback: pagination, retries,
// rate limits, the sentences for refused requests, and the token kept out of every message.
#include <doctest/doctest.h>

#include <chrono>
#include <ctime>

#include "src/github/github_api.h"
#include "tests/github/fake_github.h"

namespace ds {
namespace {

struct Client {
  explicit Client(const test::FakeGithub& fake, int budget_seconds = github::kBudgetSeconds)
      : http(github::MakeCurlClient("downstream-test")),
        api(*http, fake.url() + "/", test::kSecretToken, [this](int s) { sleeps.push_back(s); }, budget_seconds) {}
  std::unique_ptr<github::HttpClient> http;
  std::vector<int> sleeps;
  github::GithubApi api;
};

nlohmann::json Comment(long long id, const std::string& body) {
  return {{"id", id}, {"body", body}, {"html_url", "https://github.com/c/" + std::to_string(id)}};
}

}  // namespace

TEST_CASE("NextLink") {
  struct Row {
    const char* name;
    const char* header;
    const char* expected;
  };
  const Row rows[] = {
      {"next then last", "<https://api.github.com/x?page=2>; rel=\"next\", <https://api.github.com/x?page=5>; rel=\"last\"",
       "https://api.github.com/x?page=2"},
      {"last then next", "<https://a/x?page=5>; rel=\"last\", <https://a/x?page=3>; rel=\"next\"", "https://a/x?page=3"},
      {"only prev", "<https://a/x?page=1>; rel=\"prev\"", ""},
      {"empty", "", ""},
      {"garbage", "rel=\"next\"", ""},
  };
  for (const Row& row : rows) {
    SUBCASE(row.name) { CHECK(github::NextLink(row.header) == row.expected); }
  }
}

TEST_CASE("RetryDelay") {
  struct Row {
    const char* name;
    long status;
    std::map<std::string, std::string> headers;
    std::string body;
    int attempt;
    int expected;
  };
  const long long now = 1000000;
  const Row rows[] = {
      {"no answer", 0, {}, "", 0, 1},
      {"500, first retry", 500, {}, "", 0, 1},
      {"502, third retry", 502, {}, "", 2, 4},
      {"429 Retry-After", 429, {{"retry-after", "7"}}, "", 0, 7},
      {"429 without headers backs off", 429, {}, "", 1, 2},
      {"403 Retry-After (secondary limit)", 403, {{"retry-after", "3"}}, "", 0, 3},
      {"403 primary limit until reset", 403, {{"x-ratelimit-remaining", "0"}, {"x-ratelimit-reset", "1000005"}}, "", 0, 5},
      {"403 limit far away", 403, {{"x-ratelimit-remaining", "0"}, {"x-ratelimit-reset", "1009999"}}, "", 0, github::kMaxWaitSeconds + 1},
      {"403 secondary limit in the body", 403, {}, "{\"message\":\"You have exceeded a secondary rate limit\"}", 0, 60},
      {"403 permission", 403, {{"x-ratelimit-remaining", "4999"}}, "{\"message\":\"Resource not accessible by integration\"}", 0, -1},
      {"401", 401, {}, "", 0, -1},
      {"404", 404, {}, "", 0, -1},
      {"422", 422, {}, "", 0, -1},
  };
  for (const Row& row : rows) {
    SUBCASE(row.name) {
      github::HttpResponse response{row.status, row.headers, row.body, ""};
      CHECK(github::RetryDelay(response, row.attempt, now) == row.expected);
    }
  }
}

TEST_CASE("ListComments follows Link rel=next to page 3; the token is sent as a header only") {
  test::FakeGithub fake;
  fake.SetPlan({{"page_size", 2}});
  fake.SetComments({Comment(1, "a"), Comment(2, "b"), Comment(3, "c"), Comment(4, "d"), Comment(5, "e")});
  Client client(fake);
  Result<std::vector<github::IssueComment>> comments = client.api.ListComments("acme/shop", 7);
  REQUIRE(comments.ok());
  REQUIRE(comments->size() == 5);
  CHECK((*comments)[4].id == 5);
  CHECK((*comments)[4].body == "e");
  std::vector<nlohmann::json> requests = fake.Requests();
  REQUIRE(requests.size() == 3);
  CHECK(requests[0]["path"] == "/repos/acme/shop/issues/7/comments?per_page=100");
  CHECK(requests[1]["path"] == "/repos/acme/shop/issues/7/comments?per_page=100&page=2");
  CHECK(requests[2]["path"] == "/repos/acme/shop/issues/7/comments?per_page=100&page=3");
  for (const nlohmann::json& r : requests) {
    CHECK(r["method"] == "GET");
    CHECK(r["headers"]["Authorization"] == std::string("Bearer ") + test::kSecretToken);
    CHECK(r["headers"]["Accept"] == "application/vnd.github+json");
    CHECK(r["headers"]["X-GitHub-Api-Version"] == "2022-11-28");
    CHECK(r["headers"]["User-Agent"] == "downstream-test");
  }
  CHECK(client.sleeps.empty());
}

TEST_CASE("A next link to another host is not followed: the token stays with the API") {
  test::FakeGithub fake;
  fake.SetPlan({{"responses", {{{"status", 200}, {"body", "[]"},
                                {"headers", {{"Link", "<http://127.0.0.2:1/steal?page=2>; rel=\"next\""}}}}}}});
  Client client(fake);
  Result<std::vector<github::IssueComment>> comments = client.api.ListComments("acme/shop", 7);
  REQUIRE(comments.ok());
  CHECK(comments->empty());
  CHECK(fake.Requests().size() == 1);
}

TEST_CASE("Retries: 500 then 200; rate limits wait as told; 5xx gives up after four attempts") {
  test::FakeGithub fake;
  Client client(fake);
  SUBCASE("500 then 200") {
    fake.SetPlan({{"responses", {{{"status", 500}}}}});
    Result<github::IssueComment> made = client.api.CreateComment("acme/shop", 7, "hello");
    REQUIRE(made.ok());
    CHECK(client.sleeps == std::vector<int>{1});
    std::vector<nlohmann::json> requests = fake.Requests();
    REQUIRE(requests.size() == 2);
    CHECK(requests[0] == requests[1]);  // the same request again
    CHECK(requests[1]["method"] == "POST");
    CHECK(nlohmann::json::parse(requests[1]["body"].get<std::string>()) == nlohmann::json{{"body", "hello"}});
    CHECK(fake.Comments().size() == 1);
  }
  SUBCASE("secondary rate limit: 403 with Retry-After") {
    fake.SetPlan({{"responses", {{{"status", 403}, {"headers", {{"Retry-After", "2"}}},
                                  {"body", "{\"message\":\"You have exceeded a secondary rate limit\"}"}}}}});
    REQUIRE(client.api.ListComments("acme/shop", 7).ok());
    CHECK(client.sleeps == std::vector<int>{2});
    CHECK(fake.Requests().size() == 2);
  }
  SUBCASE("primary rate limit until a reset three seconds away") {
    std::string reset = std::to_string(std::time(nullptr) + 3);
    fake.SetPlan({{"responses", {{{"status", 403},
                                  {"headers", {{"X-RateLimit-Remaining", "0"}, {"X-RateLimit-Reset", reset}}}}}}});
    REQUIRE(client.api.ListComments("acme/shop", 7).ok());
    REQUIRE(client.sleeps.size() == 1);
    CHECK(client.sleeps[0] >= 2);
    CHECK(client.sleeps[0] <= 3);
  }
  SUBCASE("503 four times") {
    nlohmann::json fail = {{"status", 503}, {"body", "{\"message\":\"unavailable\"}"}};
    fake.SetPlan({{"responses", {fail, fail, fail, fail, fail}}});
    Result<github::IssueComment> made = client.api.CreateComment("acme/shop", 7, "hello");
    REQUIRE_FALSE(made.ok());
    CHECK(made.error().message ==
          "GitHub answered HTTP 503 to POST /repos/acme/shop/issues/7/comments: unavailable");
    CHECK(client.sleeps == std::vector<int>{1, 2, 4});
    CHECK(fake.Requests().size() == github::kMaxAttempts);
  }
  SUBCASE("a rate limit longer than we wait fails at once") {
    fake.SetPlan({{"responses", {{{"status", 429}, {"headers", {{"Retry-After", "3600"}}}}}}});
    Result<github::IssueComment> made = client.api.CreateComment("acme/shop", 7, "hello");
    REQUIRE_FALSE(made.ok());
    CHECK(made.error().message.find("rate limit is used up") != std::string::npos);
    CHECK(client.sleeps.empty());
  }
}

TEST_CASE("Refusals are one sentence saying what to change, without the token") {
  struct Row {
    const char* name;
    int status;
    const char* expected;
  };
  const Row rows[] = {
      {"401", 401, "GitHub rejected the token (HTTP 401 on POST /repos/acme/shop/issues/7/comments): pass a "
                   "valid token as github-token (GITHUB_TOKEN)"},
      {"403", 403, "GitHub refused POST /repos/acme/shop/issues/7/comments (HTTP 403): the token cannot write "
                   "pull request comments; give the workflow `permissions: pull-requests: write` (a pull "
                   "request from a fork only gets a read-only token)"},
      {"404", 404, "GitHub refused POST /repos/acme/shop/issues/7/comments (HTTP 404): the token cannot write "
                   "pull request comments; give the workflow `permissions: pull-requests: write` (a pull "
                   "request from a fork only gets a read-only token)"},
      {"422", 422, "GitHub answered HTTP 422 to POST /repos/acme/shop/issues/7/comments: canned"},
  };
  for (const Row& row : rows) {
    SUBCASE(row.name) {
      test::FakeGithub fake;
      fake.SetPlan({{"responses", {{{"status", row.status}}}}});
      Client client(fake);
      Result<github::IssueComment> made = client.api.CreateComment("acme/shop", 7, "hello");
      REQUIRE_FALSE(made.ok());
      CHECK(made.error().message == row.expected);
      CHECK(made.error().message.find(test::kSecretToken) == std::string::npos);
      CHECK(fake.Requests().size() == 1);  // no retry
      CHECK(client.sleeps.empty());
    }
  }
}

TEST_CASE("No server: one sentence, no token") {
  std::unique_ptr<github::HttpClient> http = github::MakeCurlClient("downstream-test");
  std::vector<int> sleeps;
  // Port 9 on loopback (discard) is closed here: the connection is refused.
  github::GithubApi api(*http, "http://127.0.0.1:9", test::kSecretToken, [&](int s) { sleeps.push_back(s); });
  Result<std::vector<github::IssueComment>> listed = api.ListComments("acme/shop", 7);
  REQUIRE_FALSE(listed.ok());
  CHECK(listed.error().message.rfind("cannot reach the GitHub API (GET /repos/acme/shop/issues/7/comments): ", 0) == 0);
  CHECK(listed.error().message.find(test::kSecretToken) == std::string::npos);
  CHECK(sleeps == std::vector<int>{1, 2, 4});
}

TEST_CASE("A rate limit that lasts is reported as a rate limit, not as permissions") {
  struct Row {
    const char* name;
    nlohmann::json response;
  };
  std::string reset = std::to_string(std::time(nullptr) + 1);
  const Row rows[] = {
      {"403, limit used up", {{"status", 403}, {"headers", {{"X-RateLimit-Remaining", "0"}, {"X-RateLimit-Reset", reset}}},
                              {"body", "{\"message\":\"API rate limit exceeded for installation\"}"}}},
      {"403, secondary limit", {{"status", 403}, {"headers", {{"Retry-After", "1"}}},
                                {"body", "{\"message\":\"You have exceeded a secondary rate limit\"}"}}},
      {"429", {{"status", 429}, {"headers", {{"Retry-After", "1"}}}}},
  };
  for (const Row& row : rows) {
    SUBCASE(row.name) {
      test::FakeGithub fake;
      fake.SetPlan({{"responses", {row.response, row.response, row.response, row.response}}});
      Client client(fake);
      Result<github::IssueComment> made = client.api.CreateComment("acme/shop", 7, "hello");
      REQUIRE_FALSE(made.ok());
      CAPTURE(made.error().message);
      CHECK(made.error().message.starts_with("GitHub's API rate limit stopped POST /repos/acme/shop/issues/7/comments (HTTP "));
      CHECK(made.error().message.find("permissions") == std::string::npos);
      CHECK(fake.Requests().size() == github::kMaxAttempts);
    }
  }
}

TEST_CASE("The server's message is one short safe line, never echoed raw") {
  test::FakeGithub fake;
  nlohmann::json body = {{"message", "\x1b[31mred\x1b[0m\n::error title=x::injected" + std::string(1000, 'z')}};
  fake.SetPlan({{"responses", {{{"status", 422}, {"body", body.dump()}}}}});
  Client client(fake);
  Result<github::IssueComment> made = client.api.CreateComment("acme/shop", 7, "hello");
  REQUIRE_FALSE(made.ok());
  const std::string& message = made.error().message;
  CHECK(message.starts_with("GitHub answered HTTP 422 to POST /repos/acme/shop/issues/7/comments: \\x1b[31mred"));
  CHECK(message.find('\x1b') == std::string::npos);
  CHECK(message.find('\n') == std::string::npos);
  CHECK(message.find("\\n::error") != std::string::npos);
  CHECK(message.size() < 400);
}

TEST_CASE("A comment body that is not UTF-8 is sent with U+FFFD, not thrown") {
  test::FakeGithub fake;
  Client client(fake);
  Result<github::IssueComment> made = client.api.CreateComment("acme/shop", 7, "caf\xe9 \xff");
  REQUIRE(made.ok());
  std::vector<nlohmann::json> requests = fake.Requests();
  REQUIRE(requests.size() == 1);
  CHECK(nlohmann::json::parse(requests[0]["body"].get<std::string>())["body"] == "caf\xEF\xBF\xBD \xEF\xBF\xBD");
}

TEST_CASE("AuthenticatedLogin: a user's token names its user; an installation token has none") {
  test::FakeGithub fake;
  Client client(fake);
  SUBCASE("user token") {
    fake.SetPlan({{"login", "octocat"}});
    Result<std::optional<std::string>> login = client.api.AuthenticatedLogin();
    REQUIRE(login.ok());
    CHECK(*login == std::optional<std::string>("octocat"));
  }
  SUBCASE("installation token: 403") {
    Result<std::optional<std::string>> login = client.api.AuthenticatedLogin();
    REQUIRE(login.ok());
    CHECK_FALSE(login->has_value());
  }
  SUBCASE("a rate limit on /user is not taken for an installation token") {
    nlohmann::json limited = {{"status", 403}, {"headers", {{"Retry-After", "1"}}}};
    fake.SetPlan({{"responses", {limited, limited, limited, limited}}});
    Result<std::optional<std::string>> login = client.api.AuthenticatedLogin();
    REQUIRE_FALSE(login.ok());
    CHECK(login.error().message.starts_with("GitHub's API rate limit stopped GET /user"));
  }
  CHECK(client.sleeps.size() <= 3);
}

TEST_CASE("The time budget: an API that never answers costs the budget, not minutes") {
  test::FakeGithub fake;
  fake.SetPlan({{"hang", true}});
  Client client(fake, 2);
  auto start = std::chrono::steady_clock::now();
  Result<std::vector<github::IssueComment>> listed = client.api.ListComments("acme/shop", 7);
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  REQUIRE_FALSE(listed.ok());
  CHECK(listed.error().message ==
        "the GitHub API did not answer GET /repos/acme/shop/issues/7/comments within downstream's budget of 2 s; "
        "try again later");
  CHECK(seconds >= 1.5);
  CHECK(seconds < 4);
  CHECK(client.sleeps.empty());  // no time left to back off
}

TEST_CASE("The time budget: a wait that would outlast it is not started") {
  test::FakeGithub fake;
  fake.SetPlan({{"responses", {{{"status", 429}, {"headers", {{"Retry-After", "30"}}}}}}});
  Client client(fake, 10);
  Result<github::IssueComment> made = client.api.CreateComment("acme/shop", 7, "hello");
  REQUIRE_FALSE(made.ok());
  CHECK(made.error().message.starts_with("GitHub's API rate limit stopped POST"));
  CHECK(client.sleeps.empty());
  CHECK(fake.Requests().size() == 1);
}

}  // namespace ds
