#include "src/github/github_api.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <ctime>

#include "src/report/safe_text.h"

namespace ds::github {

namespace {

// The path of a URL, for messages: never the query or anything else a URL might carry.
std::string PathOf(const std::string& url) {
  size_t scheme = url.find("://");
  size_t slash = url.find('/', scheme == std::string::npos ? 0 : scheme + 3);
  std::string path = slash == std::string::npos ? "/" : url.substr(slash);
  return path.substr(0, path.find('?'));
}

// The server's own words, as one short safe line: a proxy or a hostile server may answer anything.
std::string GithubMessage(const std::string& body) {
  nlohmann::json j = nlohmann::json::parse(body, nullptr, false);
  if (!j.is_object() || !j.contains("message") || !j["message"].is_string()) return "";
  constexpr size_t kMaxChars = 200;
  std::string message = j["message"].get<std::string>();
  if (message.size() > kMaxChars) message = message.substr(0, kMaxChars) + "...";
  return report::SafeLine(message);
}

long long Number(const std::map<std::string, std::string>& headers, const std::string& name) {
  auto it = headers.find(name);
  if (it == headers.end() || it->second.empty()) return -1;
  try {
    return std::stoll(it->second);
  } catch (...) {
    return -1;
  }
}

// "at 14:05 UTC" when GitHub said when the limit resets, else "".
std::string ResetTime(const HttpResponse& response) {
  long long reset = Number(response.headers, "x-ratelimit-reset");
  if (reset <= 0) return "";
  std::time_t when = static_cast<std::time_t>(reset);
  std::tm utc{};
  if (gmtime_r(&when, &utc) == nullptr) return "";
  char buffer[32];
  std::strftime(buffer, sizeof buffer, " (it resets at %H:%M UTC)", &utc);
  return buffer;
}

// One sentence per failure, saying what to change.
Error Failure(const std::string& method, const std::string& url, const HttpResponse& response) {
  std::string call = method + " " + PathOf(url);
  if (response.status == 0) {
    return Error{"cannot reach the GitHub API (" + call + "): " + report::SafeLine(response.error)};
  }
  std::string status = std::to_string(response.status);
  if (IsRateLimited(response)) {
    return Error{"GitHub's API rate limit stopped " + call + " (HTTP " + status + "); try again later" +
                 ResetTime(response)};
  }
  if (response.status == 401) {
    return Error{"GitHub rejected the token (HTTP 401 on " + call +
                 "): pass a valid token as github-token (GITHUB_TOKEN)"};
  }
  if (response.status == 403 || response.status == 404) {
    return Error{"GitHub refused " + call + " (HTTP " + status +
                 "): the token cannot write pull request comments; give the workflow "
                 "`permissions: pull-requests: write` (a pull request from a fork only gets a "
                 "read-only token)"};
  }
  std::string message = GithubMessage(response.body);
  return Error{"GitHub answered HTTP " + status + " to " + call + (message.empty() ? "" : ": " + message)};
}

Result<IssueComment> CommentFromJson(const nlohmann::json& j) {
  if (!j.is_object() || !j.contains("id") || !j["id"].is_number_integer()) {
    return Error{"GitHub's answer is not a comment"};
  }
  IssueComment comment;
  comment.id = j["id"].get<long long>();
  if (j.contains("body") && j["body"].is_string()) comment.body = j["body"];
  if (j.contains("html_url") && j["html_url"].is_string()) comment.html_url = j["html_url"];
  auto user = j.find("user");
  if (user != j.end() && user->is_object() && user->contains("login") && (*user)["login"].is_string()) {
    comment.author = (*user)["login"];
  }
  return comment;
}

Result<IssueComment> ParseComment(const HttpResponse& response) {
  return CommentFromJson(nlohmann::json::parse(response.body, nullptr, false));
}

// {"body": ...}; invalid UTF-8 in a name taken from a file is replaced, never an exception.
std::string JsonBody(const std::string& body) {
  return nlohmann::json{{"body", body}}.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace

GithubApi::GithubApi(HttpClient& http, std::string api_url, std::string token, Sleeper sleep,
                     int budget_seconds)
    : http_(http),
      api_url_(std::move(api_url)),
      token_(std::move(token)),
      sleep_(std::move(sleep)),
      deadline_(std::chrono::steady_clock::now() + std::chrono::seconds(budget_seconds)),
      budget_seconds_(budget_seconds) {
  while (!api_url_.empty() && api_url_.back() == '/') api_url_.pop_back();
}

int RetryDelay(const HttpResponse& response, int attempt, long long now_epoch_seconds) {
  int backoff = 1 << attempt;  // 1, 2, 4 s
  if (response.status == 0 || response.status >= 500) return backoff;
  if (response.status != 403 && response.status != 429) return -1;
  long long retry_after = Number(response.headers, "retry-after");
  if (retry_after >= 0) return static_cast<int>(std::min<long long>(retry_after, kMaxWaitSeconds + 1));
  if (Number(response.headers, "x-ratelimit-remaining") == 0) {
    long long reset = Number(response.headers, "x-ratelimit-reset");
    long long wait = reset > now_epoch_seconds ? reset - now_epoch_seconds : backoff;
    return static_cast<int>(std::min<long long>(wait, kMaxWaitSeconds + 1));
  }
  // GitHub asks to wait a minute after a secondary rate limit that names no time.
  if (response.body.find("secondary rate limit") != std::string::npos) return 60;
  return response.status == 429 ? backoff : -1;
}

bool IsRateLimited(const HttpResponse& response) {
  if (response.status == 429) return true;
  if (response.status != 403) return false;
  return Number(response.headers, "retry-after") >= 0 || Number(response.headers, "x-ratelimit-remaining") == 0 ||
         GithubMessage(response.body).find("rate limit") != std::string::npos;
}

Result<HttpResponse> GithubApi::Call(const std::string& method, const std::string& url,
                                     const std::string& body, long accept_status) {
  HttpRequest request{method, url, {}, body};
  request.headers = {{"Accept", "application/vnd.github+json"},
                     {"Authorization", "Bearer " + token_},
                     {"X-GitHub-Api-Version", "2022-11-28"}};
  if (!body.empty()) request.headers.push_back({"Content-Type", "application/json"});
  HttpResponse response;
  std::string call = method + " " + PathOf(url);
  Error out_of_time{"the GitHub API did not answer " + call + " within downstream's budget of " +
                    std::to_string(budget_seconds_) + " s; try again later"};
  bool cut_by_budget = false;  // the last request's timeout was what was left of the budget
  for (int attempt = 0; attempt < kMaxAttempts; ++attempt) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline_ - std::chrono::steady_clock::now());
    if (left.count() <= 0) break;
    cut_by_budget = left.count() < kRequestSeconds * 1000LL;
    request.timeout_ms = static_cast<long>(std::min<long long>(left.count(), kRequestSeconds * 1000LL));
    response = http_.Send(request);
    if (response.status >= 200 && response.status < 300) return response;
    if (accept_status != 0 && response.status == accept_status && !IsRateLimited(response)) return response;
    int delay = RetryDelay(response, attempt, static_cast<long long>(std::time(nullptr)));
    if (delay < 0 || attempt + 1 == kMaxAttempts) break;
    if (delay > kMaxWaitSeconds) {
      return Error{"GitHub's API rate limit is used up for longer than " + std::to_string(kMaxWaitSeconds) +
                   " s (" + call + "); try again later" + ResetTime(response)};
    }
    // A wait that would outlast the budget is not started: the last answer is the failure.
    if (std::chrono::steady_clock::now() + std::chrono::seconds(delay) >= deadline_) break;
    sleep_(delay);
  }
  // No answer, and no time left to wait for one.
  if (response.status == 0 && ((response.timed_out && cut_by_budget) || std::chrono::steady_clock::now() >= deadline_)) {
    return out_of_time;
  }
  return Failure(method, url, response);
}

Result<std::optional<std::string>> GithubApi::AuthenticatedLogin() {
  Result<HttpResponse> response = Call("GET", api_url_ + "/user", "", 403);
  if (!response.ok()) return response.error();
  // An installation token (the workflow's GITHUB_TOKEN, a GitHub App's) may not read /user.
  if (response->status == 403) return std::optional<std::string>();
  nlohmann::json j = nlohmann::json::parse(response->body, nullptr, false);
  if (!j.is_object() || !j.contains("login") || !j["login"].is_string() || j["login"].get<std::string>().empty()) {
    return Error{"GitHub's answer to GET /user names no login"};
  }
  return std::optional<std::string>(j["login"].get<std::string>());
}

Result<std::vector<IssueComment>> GithubApi::ListComments(const std::string& repository, int number) {
  std::vector<IssueComment> comments;
  std::string url = api_url_ + "/repos/" + repository + "/issues/" + std::to_string(number) +
                    "/comments?per_page=100";
  for (int page = 0; !url.empty() && page < 100; ++page) {
    Result<HttpResponse> response = Call("GET", url, "");
    if (!response.ok()) return response.error();
    nlohmann::json list = nlohmann::json::parse(response->body, nullptr, false);
    if (!list.is_array()) return Error{"GitHub's answer to GET " + PathOf(url) + " is not a list of comments"};
    for (const nlohmann::json& item : list) {
      Result<IssueComment> comment = CommentFromJson(item);
      if (comment.ok()) comments.push_back(std::move(*comment));
    }
    auto link = response->headers.find("link");
    url = link == response->headers.end() ? "" : NextLink(link->second);
    // The token goes to the API's own host only, whatever a Link header says.
    if (!url.empty() && url.rfind(api_url_ + "/", 0) != 0) url.clear();
  }
  return comments;
}

Result<IssueComment> GithubApi::CreateComment(const std::string& repository, int number,
                                              const std::string& body) {
  std::string url = api_url_ + "/repos/" + repository + "/issues/" + std::to_string(number) + "/comments";
  Result<HttpResponse> response = Call("POST", url, JsonBody(body));
  if (!response.ok()) return response.error();
  return ParseComment(*response);
}

Result<IssueComment> GithubApi::UpdateComment(const std::string& repository, long long id,
                                              const std::string& body) {
  std::string url = api_url_ + "/repos/" + repository + "/issues/comments/" + std::to_string(id);
  Result<HttpResponse> response = Call("PATCH", url, JsonBody(body));
  if (!response.ok()) return response.error();
  return ParseComment(*response);
}

std::string NextLink(std::string_view header) {
  // <https://api.github.com/...&page=2>; rel="next", <...>; rel="last"
  size_t pos = 0;
  while (pos < header.size()) {
    size_t open = header.find('<', pos);
    size_t close = header.find('>', open);
    if (open == header.npos || close == header.npos) return "";
    size_t end = header.find(',', close);
    std::string_view params = header.substr(close + 1, end == header.npos ? header.npos : end - close - 1);
    if (params.find("rel=\"next\"") != params.npos || params.find("rel=next") != params.npos) {
      return std::string(header.substr(open + 1, close - open - 1));
    }
    if (end == header.npos) break;
    pos = end + 1;
  }
  return "";
}

}  // namespace ds::github
