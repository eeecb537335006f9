#pragma once
/// What `check` does inside GitHub Actions besides its report: the pull request comment, the job
/// summary and the step outputs. Read from the environment the runner sets.
#include <string>

#include "src/cli/github_event.h"
#include "src/report/check_report.h"
#include "src/report/markdown_report.h"

namespace ds::cli {

struct GithubEnvironment {
  std::string event_path;    ///< GITHUB_EVENT_PATH
  std::string api_url;       ///< GITHUB_API_URL, default https://api.github.com
  std::string server_url;    ///< GITHUB_SERVER_URL, default https://github.com
  std::string repository;    ///< the event's repository, else GITHUB_REPOSITORY
  std::string token;         ///< GITHUB_TOKEN; never printed
  std::string step_summary;  ///< GITHUB_STEP_SUMMARY
  std::string output_file;   ///< GITHUB_OUTPUT
  std::string event_name;    ///< GITHUB_EVENT_NAME (pull_request, pull_request_target, push...)
  bool in_actions = false;   ///< GITHUB_ACTIONS=true
  std::string comment_author;  ///< DOWNSTREAM_COMMENT_AUTHOR: the login that posts, when not
                               ///< the token's user nor github-actions[bot] (an app's name[bot])
  /// Where rule ids link to: DOWNSTREAM_DOCS_URL, else downstream's own repository at the
  /// action's ref ({server}/{GITHUB_ACTION_REPOSITORY}/blob/{GITHUB_ACTION_REF}); "" when unknown.
  std::string docs_url;
};

/// The environment as the runner sets it (unset and empty variables alike count as missing).
GithubEnvironment ReadGithubEnvironment();

/// Markdown options that link files on the repository's server when the repository is known.
report::MarkdownOptions MarkdownOptionsFor(const GithubEnvironment& env, size_t max_chars);

/// Appends the markdown report to GITHUB_STEP_SUMMARY and findings/errors/warnings counts to
/// GITHUB_OUTPUT, when they are set. False, with a sentence on stderr, when a file cannot be written.
bool WriteJobFiles(const GithubEnvironment& env, const report::CheckReport& report);

/// --comment: creates, updates or resolves the pull request's sticky comment. Whatever happens,
/// the check's exit code stays as it is: when the comment cannot be posted (not a pull request, a
/// fork's read-only token, no token, GitHub refusing), one sentence on stderr says why.
void PostPullRequestComment(const GithubEnvironment& env, const PullRequestRevisions& event,
                            const report::CheckReport& report);

}  // namespace ds::cli
