#pragma once
// A fake GitHub API over real HTTP on loopback: tests/github/fake_github.py, started by the test
// and stopped (by its process id) when the object dies.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include <chrono>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "tests/support/temp_dir.h"

namespace ds::test {

/// A token no output may ever contain.
inline constexpr const char* kSecretToken = "ghs_fakeSECRETtoken0123456789";

class FakeGithub {
 public:
  FakeGithub() {
    std::string script = std::string(DOWNSTREAM_SOURCE_DIR) + "/tests/github/fake_github.py";
    std::string pid;
    RunCommand("python3 " + script + " " + dir_.path() + " >" + dir_.path() + "/server.log 2>&1 & echo $!", &pid);
    pid_ = std::stoi(pid);
    std::string port_file = dir_.path() + "/port";
    // Up to 20 s: python starts slowly on a loaded machine.
    for (int i = 0; i < 800 && !std::filesystem::exists(port_file); ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(25));
    }
    REQUIRE_MESSAGE(std::filesystem::exists(port_file), "the fake GitHub server did not start");
    url_ = "http://127.0.0.1:" + ReadFile(port_file);
  }
  ~FakeGithub() { kill(pid_, SIGTERM); }
  FakeGithub(const FakeGithub&) = delete;
  FakeGithub& operator=(const FakeGithub&) = delete;

  /// "http://127.0.0.1:<port>", to pass as GITHUB_API_URL.
  const std::string& url() const { return url_; }
  const std::string& dir() const { return dir_.path(); }

  void SetPlan(const nlohmann::json& plan) const { dir_.Write("plan.json", plan.dump()); }
  void SetComments(const nlohmann::json& comments) const { dir_.Write("comments.json", comments.dump()); }
  nlohmann::json Comments() const {
    if (!std::filesystem::exists(dir_.path() + "/comments.json")) return nlohmann::json::array();
    return nlohmann::json::parse(ReadFile(dir_.path() + "/comments.json"));
  }
  /// Every request so far, in order.
  std::vector<nlohmann::json> Requests() const {
    std::vector<nlohmann::json> out;
    std::ifstream in(dir_.path() + "/requests.jsonl");
    for (std::string line; std::getline(in, line);) out.push_back(nlohmann::json::parse(line));
    return out;
  }
  /// Forgets the requests so far.
  void ClearRequests() const { std::filesystem::remove(dir_.path() + "/requests.jsonl"); }

 private:
  TempDir dir_;
  int pid_ = 0;
  std::string url_;
};

}  // namespace ds::test
