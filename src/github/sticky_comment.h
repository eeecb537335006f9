#pragma once
/// One comment per pull request, found again by its hidden marker and edited in place.
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
  std::string marker;         ///< the comment whose body starts with it is ours
  bool has_findings = false;
  std::string body;           ///< with findings
  std::string resolved_body;  ///< without: replaces an earlier comment
};

/// Creates, updates or resolves the pull request's sticky comment.
Result<CommentOutcome> SyncStickyComment(GithubApi& api, const StickyComment& comment);

/// "created", "updated", "resolved", "none".
const char* ActionName(CommentAction action);

}  // namespace ds::github
