#include "src/cli/github_actions.h"

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <iostream>
#include <string_view>
#include <thread>

#include "src/cli/commands.h"
#include "src/cli/output.h"
#include "src/github/sticky_comment.h"

namespace ds::cli {

namespace {

std::string Env(const char* name, const char* fallback = "") {
  const char* value = std::getenv(name);
  return value && *value ? value : fallback;
}

bool Append(const std::string& path, const std::string& text, const char* what) {
  Status written = WriteFile(path, text, WriteMode::kAppend);
  if (!written.ok()) Say("cannot append the " + std::string(what) + ": " + written.error().message);
  return written.ok();
}

std::string DocsUrl(const std::string& server_url) {
  std::string url = Env("DOWNSTREAM_DOCS_URL");
  std::string action = Env("GITHUB_ACTION_REPOSITORY"), ref = Env("GITHUB_ACTION_REF");
  if (url.empty() && !action.empty() && !ref.empty()) url = server_url + "/" + action + "/blob/" + ref;
  while (url.ends_with("/")) url.pop_back();
  return report::LinkableUrl(url) ? url : "";
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
  env.event_name = Env("GITHUB_EVENT_NAME");
  env.in_actions = Env("GITHUB_ACTIONS") == "true";
  env.comment_author = Env("DOWNSTREAM_COMMENT_AUTHOR");
  env.docs_url = DocsUrl(env.server_url);
  return env;
}

report::MarkdownOptions MarkdownOptionsFor(const GithubEnvironment& env, size_t max_chars) {
  report::MarkdownOptions options;
  if (!env.repository.empty()) {
    options.server_url = env.server_url;
    options.repository = env.repository;
  }
  options.docs_url = env.docs_url;
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
    // Acknowledged findings are counted apart: `errors` is what fails the check.
    size_t errors = 0, warnings = 0, acknowledged = 0;
    for (const ir::Finding& f : report.findings) {
      if (f.acknowledged) ++acknowledged;
      else (f.severity == ir::Severity::kError ? errors : warnings)++;
    }
    std::string outputs = "findings=" + std::to_string(errors + warnings) + "\nerrors=" + std::to_string(errors) +
                          "\nwarnings=" + std::to_string(warnings) + "\nacknowledged=" +
                          std::to_string(acknowledged) + "\n";
    ok = Append(env.output_file, outputs, "step outputs") && ok;
  }
  return ok;
}

void PostPullRequestComment(const GithubEnvironment& env, const PullRequestRevisions& event,
                            const report::CheckReport& report) {
  const std::string no = "no pull request comment: ";
  // Whatever keeps the comment from being posted is a warning, never the job's failure: in
  // Actions a warning annotation (the runner reads workflow commands on stderr too), else a line.
  auto Skip = [&](const std::string& sentence) {
    if (!env.in_actions) return Say(sentence);
    std::cerr << report::GithubWarning("downstream comment", sentence) << std::flush;
  };
  if (event.number == 0) return Skip(no + "this workflow event is not a pull request");
  // On `pull_request`, a fork's workflow token is read-only: GitHub would refuse the comment.
  // `pull_request_target` runs with the base repository's token, which may write.
  if (event.from_fork && env.event_name != "pull_request_target") {
    return Skip(no + "this pull request comes from a fork, whose workflow token cannot write comments "
               "(the annotations and job summary still show the findings)");
  }
  if (env.repository.empty()) return Skip(no + "the repository's name is unknown (GITHUB_REPOSITORY is not set)");
  if (env.token.empty()) {
    return Skip(no + "there is no token in GITHUB_TOKEN (the action passes its github-token input)");
  }
  std::unique_ptr<github::HttpClient> http = github::MakeCurlClient(std::string("downstream/") + kVersion);
  github::GithubApi api(*http, env.api_url, env.token,
                        [](int seconds) { std::this_thread::sleep_for(std::chrono::seconds(seconds)); });
  Result<std::string> author = github::CommentAuthor(api, env.comment_author, env.in_actions);
  if (!author.ok()) return Skip(no + author.error().message);
  report::MarkdownOptions options = MarkdownOptionsFor(env, report::kCommentLimit);
  github::StickyComment comment;
  comment.repository = env.repository;
  comment.number = event.number;
  comment.marker = std::string(report::kCommentMarker);
  comment.author = *author;
  // A schema change judged on partial input deserves a word too: never a silent green.
  comment.has_findings = !report.findings.empty() || (!report.coverage.Complete() && report.schema_changes > 0);
  comment.body = report::MarkdownReport(report, options);
  comment.resolved_body = report::ResolvedMarkdown(report, options);
  Result<github::CommentOutcome> outcome = github::SyncStickyComment(api, comment);
  if (!outcome.ok()) return Skip(no + outcome.error().message);
  if (outcome->action != github::CommentAction::kNone) {
    Say("pull request comment " + std::string(github::ActionName(outcome->action)) +
        (outcome->html_url.empty() ? "" : ": " + outcome->html_url));
  }
}

}  // namespace ds::cli
