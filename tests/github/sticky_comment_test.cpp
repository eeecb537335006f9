// The sticky comment against the fake API: created, updated in place, resolved, never duplicated;
// only a comment by the identity that posts it is ever ours.
#include <doctest/doctest.h>

#include "src/github/sticky_comment.h"
#include "tests/github/fake_github.h"

namespace ds {
namespace {

constexpr const char* kMarker = "<!-- downstream:comment -->";
// Who posts with the workflow's token (the fake API's default author).
constexpr const char* kBot = "github-actions[bot]";

nlohmann::json By(const std::string& login) { return {{"login", login}}; }

github::StickyComment Sticky(bool findings, const std::string& text) {
  github::StickyComment c;
  c.repository = "acme/shop";
  c.number = 7;
  c.marker = kMarker;
  c.author = kBot;
  c.has_findings = findings;
  c.body = std::string(kMarker) + "\n" + text;
  c.resolved_body = std::string(kMarker) + "\nresolved";
  return c;
}

struct Session {
  explicit Session(const test::FakeGithub& fake)
      : http(github::MakeCurlClient("downstream-test")), api(*http, fake.url(), test::kSecretToken, [](int) {}) {}
  std::unique_ptr<github::HttpClient> http;
  github::GithubApi api;
};

}  // namespace

TEST_CASE("Sticky comment: create, update the same one, resolve") {
  test::FakeGithub fake;
  fake.SetComments({{{"id", 5}, {"body", "LGTM"}, {"html_url", "u5"}}});
  Session s(fake);

  Result<github::CommentOutcome> first = github::SyncStickyComment(s.api, Sticky(true, "one"));
  REQUIRE(first.ok());
  CHECK(first->action == github::CommentAction::kCreated);
  nlohmann::json comments = fake.Comments();
  REQUIRE(comments.size() == 2);
  long long id = comments[1]["id"];
  CHECK(first->html_url == "https://github.com/acme/shop/pull/7#issuecomment-" + std::to_string(id));
  std::vector<nlohmann::json> requests = fake.Requests();
  REQUIRE(requests.size() == 2);
  CHECK(requests[0]["method"] == "GET");
  CHECK(requests[1]["method"] == "POST");
  CHECK(requests[1]["path"] == "/repos/acme/shop/issues/7/comments");
  CHECK(requests[1]["headers"]["Content-Type"] == "application/json");

  fake.ClearRequests();
  Result<github::CommentOutcome> second = github::SyncStickyComment(s.api, Sticky(true, "two"));
  REQUIRE(second.ok());
  CHECK(second->action == github::CommentAction::kUpdated);
  requests = fake.Requests();
  REQUIRE(requests.size() == 2);
  CHECK(requests[1]["method"] == "PATCH");
  CHECK(requests[1]["path"] == "/repos/acme/shop/issues/comments/" + std::to_string(id));
  CHECK(nlohmann::json::parse(requests[1]["body"].get<std::string>())["body"] == std::string(kMarker) + "\ntwo");
  CHECK(fake.Comments().size() == 2);

  fake.ClearRequests();
  Result<github::CommentOutcome> third = github::SyncStickyComment(s.api, Sticky(false, ""));
  REQUIRE(third.ok());
  CHECK(third->action == github::CommentAction::kResolved);
  comments = fake.Comments();
  REQUIRE(comments.size() == 2);
  CHECK(comments[1]["body"] == std::string(kMarker) + "\nresolved");
  CHECK(comments[0]["body"] == "LGTM");
}

TEST_CASE("Sticky comment: never posted when there never were findings") {
  test::FakeGithub fake;
  Session s(fake);
  Result<github::CommentOutcome> outcome = github::SyncStickyComment(s.api, Sticky(false, ""));
  REQUIRE(outcome.ok());
  CHECK(outcome->action == github::CommentAction::kNone);
  std::vector<nlohmann::json> requests = fake.Requests();
  REQUIRE(requests.size() == 1);
  CHECK(requests[0]["method"] == "GET");
  CHECK(fake.Comments().empty());
}

TEST_CASE("Sticky comment: the marker found on page 3 is updated, a comment quoting it is not") {
  test::FakeGithub fake;
  fake.SetPlan({{"page_size", 2}});
  fake.SetComments({{{"id", 1}, {"body", "a"}},
                    {{"id", 2}, {"body", std::string("quoting ") + kMarker}, {"user", By(kBot)}},
                    {{"id", 3}, {"body", "c"}},
                    {{"id", 4}, {"body", "d"}},
                    {{"id", 5}, {"body", std::string(kMarker) + "\nold"}, {"user", By(kBot)}}});
  Session s(fake);
  Result<github::CommentOutcome> outcome = github::SyncStickyComment(s.api, Sticky(true, "new"));
  REQUIRE(outcome.ok());
  CHECK(outcome->action == github::CommentAction::kUpdated);
  std::vector<nlohmann::json> requests = fake.Requests();
  REQUIRE(requests.size() == 4);
  CHECK(requests[2]["path"] == "/repos/acme/shop/issues/7/comments?per_page=100&page=3");
  CHECK(requests[3]["method"] == "PATCH");
  CHECK(requests[3]["path"] == "/repos/acme/shop/issues/comments/5");
  CHECK(fake.Comments().size() == 5);
  CHECK(fake.Comments()[1]["body"] == std::string("quoting ") + kMarker);
}

TEST_CASE("Sticky comment: a refused write is the error, nothing else is tried") {
  test::FakeGithub fake;
  fake.SetPlan({{"responses", {{{"status", 200}, {"body", "[]"}}, {{"status", 403}}}}});
  Session s(fake);
  Result<github::CommentOutcome> outcome = github::SyncStickyComment(s.api, Sticky(true, "x"));
  REQUIRE_FALSE(outcome.ok());
  CHECK(outcome.error().message.find("pull-requests: write") != std::string::npos);
  CHECK(fake.Requests().size() == 2);
}

TEST_CASE("Sticky comment: a look-alike by anyone else is never ours") {
  // The pull request's author posts the marker first, hoping the bot rewrites their comment (and
  // never posts its own).
  nlohmann::json lookalike = {{"id", 5}, {"body", std::string(kMarker) + "\nall clear, merge away"},
                              {"user", By("mallory")}};
  SUBCASE("with findings: our own comment is created beside it") {
    test::FakeGithub fake;
    fake.SetComments(nlohmann::json::array({lookalike}));
    Session s(fake);
    Result<github::CommentOutcome> outcome = github::SyncStickyComment(s.api, Sticky(true, "breaks"));
    CAPTURE((outcome.ok() ? "" : outcome.error().message));
    REQUIRE(outcome.ok());
    CHECK(outcome->action == github::CommentAction::kCreated);
    nlohmann::json comments = fake.Comments();
    REQUIRE(comments.size() == 2);
    CHECK(comments[0] == lookalike);
    CHECK(comments[1]["user"]["login"] == kBot);
    // The next run finds its own comment, not the look-alike.
    fake.ClearRequests();
    REQUIRE(github::SyncStickyComment(s.api, Sticky(true, "still")).ok());
    std::vector<nlohmann::json> requests = fake.Requests();
    REQUIRE(requests.size() == 2);
    CHECK(requests[1]["path"] == "/repos/acme/shop/issues/comments/" + comments[1]["id"].dump());
    CHECK(fake.Comments()[0] == lookalike);
  }
  SUBCASE("without findings: nothing is resolved, nothing is posted") {
    test::FakeGithub fake;
    fake.SetComments(nlohmann::json::array({lookalike}));
    Session s(fake);
    Result<github::CommentOutcome> outcome = github::SyncStickyComment(s.api, Sticky(false, ""));
    REQUIRE(outcome.ok());
    CHECK(outcome->action == github::CommentAction::kNone);
    CHECK(fake.Requests().size() == 1);
    CHECK(fake.Comments()[0] == lookalike);
  }
  SUBCASE("logins compare without case; a user named like the bot cannot exist") {
    test::FakeGithub fake;
    fake.SetComments({lookalike, {{"id", 6}, {"body", std::string(kMarker) + "\nold"}, {"user", By("GitHub-Actions[bot]")}}});
    Session s(fake);
    Result<github::CommentOutcome> outcome = github::SyncStickyComment(s.api, Sticky(true, "new"));
    REQUIRE(outcome.ok());
    CHECK(outcome->action == github::CommentAction::kUpdated);
    CHECK(fake.Requests().back()["path"] == "/repos/acme/shop/issues/comments/6");
  }
}

TEST_CASE("CommentAuthor: the token's user, else the workflow's bot, else the configured login") {
  struct Row {
    const char* name;
    const char* token_user;  // "" : an installation token (GET /user is 403)
    const char* configured;
    bool in_actions;
    const char* expected;    // "" : an error
    size_t requests;
  };
  const Row rows[] = {
      {"a user's token", "octocat", "", true, "octocat", 1},
      {"the workflow token", "", "", true, "github-actions[bot]", 1},
      {"an app's token, configured", "", "my-app[bot]", true, "my-app[bot]", 0},
      {"configured wins over the user", "octocat", "my-app[bot]", false, "my-app[bot]", 0},
      {"an installation token outside Actions", "", "", false, "", 1},
  };
  for (const Row& row : rows) {
    SUBCASE(row.name) {
      test::FakeGithub fake;
      if (*row.token_user) fake.SetPlan({{"login", row.token_user}});
      Session s(fake);
      Result<std::string> author = github::CommentAuthor(s.api, row.configured, row.in_actions);
      if (*row.expected) {
        REQUIRE(author.ok());
        CHECK(*author == row.expected);
      } else {
        REQUIRE_FALSE(author.ok());
        CHECK(author.error().message.find("set DOWNSTREAM_COMMENT_AUTHOR") != std::string::npos);
      }
      std::vector<nlohmann::json> requests = fake.Requests();
      REQUIRE(requests.size() == row.requests);
      if (row.requests == 1) CHECK(requests[0]["path"] == "/user");
    }
  }
  SUBCASE("a rejected token is the error, not a guess") {
    test::FakeGithub fake;
    fake.SetPlan({{"responses", {{{"status", 401}}}}});
    Session s(fake);
    Result<std::string> author = github::CommentAuthor(s.api, "", true);
    REQUIRE_FALSE(author.ok());
    CHECK(author.error().message.starts_with("GitHub rejected the token (HTTP 401 on GET /user)"));
  }
}

}  // namespace ds
