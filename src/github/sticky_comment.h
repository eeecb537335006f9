#pragma once
/// One comment per pull request, found again by its hidden marker among the comments of the
/// identity that posts it, and edited in place. Anyone can write the marker; only the poster's
/// own comments are ever rewritten.
#include <string>

#include "src/github/github_api.h"

namespace ds::github {

enum class CommentAction {
  kCreated,   ///< findings, and no comment yet
  kUpdated,   ///< findings, and the comment rewritten with them
  kResolved,  ///< no finding now: the earlier comment rewritten as resolved
  kNone,      ///< no finding now and never before: nothing posted
};

struct CommentOutcome {
  CommentAction action = CommentAction::kNone;
  std::string html_url;
};

struct StickyComment {
  std::string repository;     ///< "owner/name"
  int number = 0;             ///< the pull request
  std::string marker;         ///< ours: written by `author` and starting with the marker
  std::string author;         ///< the login that posts (see CommentAuthor)
  bool has_findings = false;
  std::string body;           ///< with findings
  std::string resolved_body;  ///< without: replaces an earlier comment
};

/// The login whose comments are ours, in this order: `configured` (an app's "name[bot]"); the
/// token's user (GET /user); for an installation token inside GitHub Actions,
/// "github-actions[bot]", who posts with the workflow's GITHUB_TOKEN.
Result<std::string> CommentAuthor(GithubApi& api, const std::string& configured, bool in_github_actions);

/// Creates, updates or resolves the pull request's sticky comment.
Result<CommentOutcome> SyncStickyComment(GithubApi& api, const StickyComment& comment);

/// "created", "updated", "resolved", "none".
const char* ActionName(CommentAction action);

}  // namespace ds::github
