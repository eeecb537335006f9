// The sticky comment against the fake API: created, updated in place, resolved, never duplicated.
#include <doctest/doctest.h>

#include "src/github/sticky_comment.h"
#include "tests/github/fake_github.h"

namespace ds {
namespace {

constexpr const char* kMarker = "<!-- downstream:comment -->";

github::StickyComment Sticky(bool findings, const std::string& text) {
  github::StickyComment c;
  c.repository = "acme/shop";
  c.number = 7;
  c.marker = kMarker;
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
                    {{"id", 2}, {"body", std::string("quoting ") + kMarker}},
                    {{"id", 3}, {"body", "c"}},
                    {{"id", 4}, {"body", "d"}},
                    {{"id", 5}, {"body", std::string(kMarker) + "\nold"}}});
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

}  // namespace ds
