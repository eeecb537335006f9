#include "src/cli/github_event.h"

#include <nlohmann/json.hpp>

#include <fstream>
#include <initializer_list>

namespace ds::cli {

namespace {

// The string at a path of object keys, or "" when any step is missing or of another type.
std::string StringAt(const nlohmann::json& root, std::initializer_list<const char*> path) {
  const nlohmann::json* node = &root;
  for (const char* key : path) {
    if (!node->is_object()) return "";
    auto it = node->find(key);
    if (it == node->end()) return "";
    node = &*it;
  }
  return node->is_string() ? node->get<std::string>() : "";
}

}  // namespace

Result<PullRequestRevisions> ReadPullRequestEvent(const std::string& event_path) {
  std::ifstream in(event_path, std::ios::binary);
  if (!in) return Error{"cannot read the GitHub event payload " + event_path};
  nlohmann::json event = nlohmann::json::parse(in, nullptr, false);
  if (event.is_discarded()) return Error{"the GitHub event payload " + event_path + " is not valid JSON"};
  PullRequestRevisions revisions;
  revisions.repository = StringAt(event, {"repository", "full_name"});
  auto pr = event.find("pull_request");
  if (pr == event.end() || !pr->is_object()) return revisions;
  revisions.base_sha = StringAt(*pr, {"base", "sha"});
  revisions.head_sha = StringAt(*pr, {"head", "sha"});
  auto number = pr->find("number");
  if (number != pr->end() && number->is_number_integer()) revisions.number = number->get<int>();
  // A pull request from a fork: its head lives in another repository.
  std::string head_repo = StringAt(*pr, {"head", "repo", "full_name"});
  std::string base_repo = StringAt(*pr, {"base", "repo", "full_name"});
  revisions.from_fork = !head_repo.empty() && !base_repo.empty() && head_repo != base_repo;
  return revisions;
}

}  // namespace ds::cli
