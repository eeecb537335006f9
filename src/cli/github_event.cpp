#include "src/cli/github_event.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
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

bool SameName(const std::string& a, const std::string& b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

// Whether the pull request's head lives in another repository than its base, in every shape a
// payload takes: head.repo null (the fork was deleted), another id, another full_name (names are
// case-insensitive). A payload without head.repo at all (a hand-written event) is not a fork.
bool FromFork(const nlohmann::json& pr, const std::string& repository) {
  const nlohmann::json* head = pr.contains("head") && pr["head"].is_object() ? &pr["head"] : nullptr;
  if (head == nullptr || !head->contains("repo")) return false;
  const nlohmann::json& head_repo = (*head)["repo"];
  if (!head_repo.is_object()) return true;
  const nlohmann::json* base_repo = nullptr;
  if (pr.contains("base") && pr["base"].is_object() && pr["base"].contains("repo") && pr["base"]["repo"].is_object()) {
    base_repo = &pr["base"]["repo"];
  }
  if (base_repo != nullptr && head_repo.contains("id") && base_repo->contains("id") &&
      head_repo["id"].is_number_integer() && (*base_repo)["id"].is_number_integer()) {
    return head_repo["id"] != (*base_repo)["id"];
  }
  std::string head_name = StringAt(head_repo, {"full_name"});
  std::string base_name = base_repo != nullptr ? StringAt(*base_repo, {"full_name"}) : repository;
  if (base_name.empty()) base_name = repository;
  // Neither name known: the comment is tried, and GitHub's answer says the rest.
  return !head_name.empty() && !base_name.empty() && !SameName(head_name, base_name);
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
  revisions.from_fork = FromFork(*pr, revisions.repository);
  return revisions;
}

}  // namespace ds::cli
