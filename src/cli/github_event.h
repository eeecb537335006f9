#pragma once
/// Inside GitHub Actions, the pull request's base and head come from the event payload.
#include <string>

#include "src/ir/result.h"

namespace ds::cli {

struct PullRequestRevisions {
  std::string base_sha;
  std::string head_sha;
};

/// Reads pull_request.base.sha / head.sha from the JSON payload at `event_path`. An event that is
/// not a pull request gives empty shas (a push: the usual defaults apply).
Result<PullRequestRevisions> ReadPullRequestEvent(const std::string& event_path);

}  // namespace ds::cli
