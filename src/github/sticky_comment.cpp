#include "src/github/sticky_comment.h"

namespace ds::github {

Result<CommentOutcome> SyncStickyComment(GithubApi& api, const StickyComment& comment) {
  Result<std::vector<IssueComment>> comments = api.ListComments(comment.repository, comment.number);
  if (!comments.ok()) return comments.error();
  // Ours starts with the marker; a comment that merely quotes it further down is someone else's.
  const IssueComment* existing = nullptr;
  for (const IssueComment& c : *comments) {
    if (c.body.rfind(comment.marker, 0) == 0) {
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
