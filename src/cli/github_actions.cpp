#include "src/cli/github_actions.h"

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <thread>

#include "src/cli/commands.h"
#include "src/github/sticky_comment.h"

namespace ds::cli {

namespace {

std::string Env(const char* name, const char* fallback = "") {
  const char* value = std::getenv(name);
  return value && *value ? value : fallback;
}

bool Append(const std::string& path, const std::string& text, const char* what) {
  std::ofstream out(path, std::ios::binary | std::ios::app);
  out << text;
  if (!out) {
    std::cerr << "downstream: cannot append the " << what << " to " << path << "\n";
    return false;
  }
  return true;
}

}  // namespace

GithubEnvironment ReadGithubEnvironment() {
  GithubEnvironment env;
  env.event_path = Env("GITHUB_EVENT_PATH");
  env.api_url = Env("GITHUB_API_URL", "https://api.github.com");
  env.server_url = Env("GITHUB_SERVER_URL", "https://github.com");
  env.repository = Env("GITHUB_REPOSITORY");
  env.token = Env("GITHUB_TOKEN");
  env.step_summary = Env("GITHUB_STEP_SUMMARY");
  env.output_file = Env("GITHUB_OUTPUT");
  return env;
}

report::MarkdownOptions MarkdownOptionsFor(const GithubEnvironment& env, size_t max_chars) {
  report::MarkdownOptions options;
  if (!env.repository.empty()) {
    options.server_url = env.server_url;
    options.repository = env.repository;
  }
  options.max_chars = max_chars;
  return options;
}

bool WriteJobFiles(const GithubEnvironment& env, const report::CheckReport& report) {
  bool ok = true;
  if (!env.step_summary.empty()) {
    std::string markdown = report::MarkdownReport(report, MarkdownOptionsFor(env, report::kSummaryLimit));
    ok = Append(env.step_summary, markdown + "\n", "job summary") && ok;
  }
  if (!env.output_file.empty()) {
    size_t errors = 0;
    for (const ir::Finding& f : report.findings) errors += f.severity == ir::Severity::kError;
    std::string outputs = "findings=" + std::to_string(report.findings.size()) + "\nerrors=" +
                          std::to_string(errors) + "\nwarnings=" +
                          std::to_string(report.findings.size() - errors) + "\n";
    ok = Append(env.output_file, outputs, "step outputs") && ok;
  }
  return ok;
}

int PostPullRequestComment(const GithubEnvironment& env, const PullRequestRevisions& event,
                           const report::CheckReport& report) {
  if (env.event_path.empty()) {
    std::cerr << "downstream: --comment works inside GitHub Actions on a pull_request event "
                 "(GITHUB_EVENT_PATH is not set)\n";
    return 2;
  }
  if (event.number == 0) {
    std::cerr << "downstream: no pull request comment: this workflow event is not a pull request\n";
    return 0;
  }
  if (event.from_fork) {
    // On `pull_request`, a fork's workflow token is read-only: GitHub would refuse the comment.
    std::cerr << "downstream: no pull request comment: this pull request comes from a fork, whose "
                 "workflow token cannot write comments (the annotations and job summary still show "
                 "the findings)\n";
    return 0;
  }
  if (env.repository.empty()) {
    std::cerr << "downstream: --comment needs the repository's name (GITHUB_REPOSITORY is not set)\n";
    return 2;
  }
  if (env.token.empty()) {
    std::cerr << "downstream: --comment needs a token in GITHUB_TOKEN (the action passes its "
                 "github-token input)\n";
    return 2;
  }
  std::unique_ptr<github::HttpClient> http = github::MakeCurlClient(std::string("downstream/") + kVersion);
  github::GithubApi api(*http, env.api_url, env.token,
                        [](int seconds) { std::this_thread::sleep_for(std::chrono::seconds(seconds)); });
  report::MarkdownOptions options = MarkdownOptionsFor(env, report::kCommentLimit);
  github::StickyComment comment;
  comment.repository = env.repository;
  comment.number = event.number;
  comment.marker = std::string(report::kCommentMarker);
  // A schema change judged on partial input deserves a word too: never a silent green.
  comment.has_findings = !report.findings.empty() || (!report.coverage.Complete() && report.schema_changes > 0);
  comment.body = report::MarkdownReport(report, options);
  comment.resolved_body = report::ResolvedMarkdown(report, options);
  Result<github::CommentOutcome> outcome = github::SyncStickyComment(api, comment);
  if (!outcome.ok()) {
    std::cerr << "downstream: " << outcome.error().message << "\n";
    return 2;
  }
  if (outcome->action != github::CommentAction::kNone) {
    std::cerr << "downstream: pull request comment " << github::ActionName(outcome->action)
              << (outcome->html_url.empty() ? "" : ": " + outcome->html_url) << "\n";
  }
  return 0;
}

}  // namespace ds::cli
