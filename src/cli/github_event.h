#pragma once
/// Inside GitHub Actions, the pull request's base, head, number and repository come from the
/// event payload (GITHUB_EVENT_PATH).
#include <string>

#include "src/ir/result.h"

namespace ds::cli {

struct PullRequestRevisions {
  std::string base_sha;
  std::string head_sha;
  int number = 0;          ///< 0 when the event is not about a pull request
  std::string repository;  ///< repository.full_name, "owner/name"
  bool from_fork = false;  ///< the head is in another repository (a read-only token on pull_request)
};

/// Reads pull_request.base.sha / head.sha / number and repository.full_name from the JSON payload
/// at `event_path`. An event that is not a pull request gives empty shas and number 0 (a push:
/// the usual defaults apply).
Result<PullRequestRevisions> ReadPullRequestEvent(const std::string& event_path);

}  // namespace ds::cli
