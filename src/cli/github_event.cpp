#include "src/cli/github_event.h"

#include <nlohmann/json.hpp>

#include <fstream>

namespace ds::cli {

Result<PullRequestRevisions> ReadPullRequestEvent(const std::string& event_path) {
  std::ifstream in(event_path, std::ios::binary);
  if (!in) return Error{"cannot read the GitHub event payload " + event_path};
  nlohmann::json event = nlohmann::json::parse(in, nullptr, false);
  if (event.is_discarded()) return Error{"the GitHub event payload " + event_path + " is not valid JSON"};
  PullRequestRevisions revisions;
  const nlohmann::json& repository = event.contains("repository") ? event["repository"] : nlohmann::json();
  if (repository.is_object() && repository.contains("full_name") && repository["full_name"].is_string()) {
    revisions.repository = repository["full_name"];
  }
  const nlohmann::json* pr = event.contains("pull_request") ? &event["pull_request"] : nullptr;
  if (pr == nullptr || !pr->is_object()) return revisions;
  auto sha = [&](const char* side) -> std::string {
    const nlohmann::json& ref = (*pr)[side];
    if (ref.is_object() && ref.contains("sha") && ref["sha"].is_string()) return ref["sha"];
    return "";
  };
  revisions.base_sha = sha("base");
  revisions.head_sha = sha("head");
  if (pr->contains("number") && (*pr)["number"].is_number_integer()) revisions.number = (*pr)["number"];
  return revisions;
}

}  // namespace ds::cli
