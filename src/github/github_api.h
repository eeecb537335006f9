#pragma once
/// The few GitHub REST calls the pull request comment needs, with pagination, retries and one
/// clear sentence per failure. The token goes into the Authorization header and nowhere else.
#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "src/github/http_client.h"
#include "src/ir/result.h"

namespace ds::github {

struct IssueComment {
  long long id = 0;
  std::string body;
  std::string html_url;
  std::string author;  ///< user.login of who wrote it
};

/// Waits `seconds` before a retry (tests pass a recorder instead of sleeping).
using Sleeper = std::function<void(int seconds)>;

/// Attempts per request: the first and up to three retries.
inline constexpr int kMaxAttempts = 4;
/// A rate limit asking for a longer wait than this fails instead.
inline constexpr int kMaxWaitSeconds = 120;
/// Every request, retry and wait of one GithubApi together stays within this many seconds.
inline constexpr int kBudgetSeconds = 60;
/// One request stops waiting for its answer after this many seconds (or when the budget ends).
inline constexpr int kRequestSeconds = 30;

class GithubApi {
 public:
  /// `api_url` like "https://api.github.com" (GITHUB_API_URL, so GitHub Enterprise works). The
  /// time budget starts now.
  GithubApi(HttpClient& http, std::string api_url, std::string token, Sleeper sleep,
            int budget_seconds = kBudgetSeconds);

  /// The login the token acts as (GET /user); nullopt when the token is not a user's (an app's
  /// installation token, such as the workflow's GITHUB_TOKEN: GitHub answers 403).
  Result<std::optional<std::string>> AuthenticatedLogin();

  /// Every comment on an issue or pull request, following Link rel="next" page by page.
  Result<std::vector<IssueComment>> ListComments(const std::string& repository, int number);
  Result<IssueComment> CreateComment(const std::string& repository, int number, const std::string& body);
  Result<IssueComment> UpdateComment(const std::string& repository, long long id, const std::string& body);

 private:
  /// The 2xx answer, or one with `accept_status` (not a rate limit), after retries; else a sentence.
  Result<HttpResponse> Call(const std::string& method, const std::string& url, const std::string& body,
                            long accept_status = 0);

  HttpClient& http_;
  std::string api_url_;
  std::string token_;
  Sleeper sleep_;
  std::chrono::steady_clock::time_point deadline_;
  int budget_seconds_;
};

/// The URL of rel="next" in a Link header; "" when there is none.
std::string NextLink(std::string_view link_header);

/// How long to wait before retrying `response`, or -1 when it must not be retried: 5xx and no
/// answer back off (1, 2, 4 s); 429 and secondary rate limits (403 with Retry-After, or with
/// x-ratelimit-remaining: 0) wait as GitHub says.
int RetryDelay(const HttpResponse& response, int attempt, long long now_epoch_seconds);

/// Whether GitHub refused `response` for a rate limit (429; 403 with Retry-After, an exhausted
/// x-ratelimit-remaining or a message naming the rate limit) rather than for permissions.
bool IsRateLimited(const HttpResponse& response);

}  // namespace ds::github
