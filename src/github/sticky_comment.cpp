#include "src/github/sticky_comment.h"

#include <algorithm>
#include <cctype>
#include <string_view>

namespace ds::github {

namespace {

// GitHub logins are case-insensitive.
bool SameLogin(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

}  // namespace

Result<std::string> CommentAuthor(GithubApi& api, const std::string& configured, bool in_github_actions) {
  if (!configured.empty()) return configured;
  Result<std::optional<std::string>> login = api.AuthenticatedLogin();
  if (!login.ok()) return login.error();
  if (login->has_value()) return **login;
  if (in_github_actions) return std::string("github-actions[bot]");
  return Error{"the token is not a user's (GitHub refused GET /user), so downstream cannot tell its own "
               "comment from others'; set DOWNSTREAM_COMMENT_AUTHOR to the login that posts (an "
               "app's is name[bot])"};
}

Result<CommentOutcome> SyncStickyComment(GithubApi& api, const StickyComment& comment) {
  if (comment.author.empty()) return Error{"the sticky comment needs the login that posts it"};
  Result<std::vector<IssueComment>> comments = api.ListComments(comment.repository, comment.number);
  if (!comments.ok()) return comments.error();
  // Ours is written by us and starts with the marker: a comment by anyone else is never touched,
  // whatever it says (a pull request's author could post the marker first).
  const IssueComment* existing = nullptr;
  for (const IssueComment& c : *comments) {
    if (SameLogin(c.author, comment.author) && c.body.rfind(comment.marker, 0) == 0) {
      existing = &c;
      break;
    }
  }
  CommentOutcome outcome;
  if (existing == nullptr && !comment.has_findings) return outcome;
  Result<IssueComment> written =
      existing == nullptr ? api.CreateComment(comment.repository, comment.number, comment.body)
                          : api.UpdateComment(comment.repository, existing->id,
                                              comment.has_findings ? comment.body : comment.resolved_body);
  if (!written.ok()) return written.error();
  outcome.action = existing == nullptr     ? CommentAction::kCreated
                   : comment.has_findings ? CommentAction::kUpdated
                                          : CommentAction::kResolved;
  outcome.html_url = written->html_url;
  return outcome;
}

const char* ActionName(CommentAction action) {
  switch (action) {
    case CommentAction::kCreated: return "created";
    case CommentAction::kUpdated: return "updated";
    case CommentAction::kResolved: return "resolved";
    case CommentAction::kNone: return "none";
  }
  return "none";
}

}  // namespace ds::github
