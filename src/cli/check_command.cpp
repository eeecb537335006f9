#include <sstream>

#include "rules/rule.h"
#include "src/cli/commands.h"
#include "src/cli/github_actions.h"
#include "src/cli/github_event.h"
#include "src/cli/output.h"
#include "src/engine/check.h"
#include "src/report/markdown_report.h"
#include "src/report/sarif_report.h"

namespace ds::cli {

namespace {

// The text report, painted for a terminal (or a CI log that renders colour) when `paint`.
std::string TextReport(const engine::CheckRun& run, bool paint) {
  std::ostringstream text;
  report::WriteText(run.report, run.sources, text);
  return paint ? report::PaintText(text.str()) : text.str();
}

std::string Render(const std::string& format, const engine::CheckRun& run, const GithubEnvironment& env, bool paint) {
  std::ostringstream text;
  if (format == "json") {
    report::WriteJson(run.report, text);
  } else if (format == "github") {
    // The job's log shows the whole report (annotations stop at 10 per severity and step), then
    // the workflow commands that annotate the migration lines.
    text << TextReport(run, paint);
    report::WriteGithub(run.report, text);
  } else if (format == "markdown") {
    text << report::MarkdownReport(run.report, MarkdownOptionsFor(env, report::kSummaryLimit));
  } else if (format == "sarif") {
    report::SarifOptions options;
    options.tool_version = kVersion;
    for (const rules::RuleInfo& rule : rules::AllRules()) {
      options.rules.push_back({std::string(rule.id), std::string(rule.summary), rule.default_severity});
    }
    report::WriteSarif(run.report, options, text);
  } else {
    text << TextReport(run, paint);
  }
  return text.str();
}

int ExitCode(const std::string& fail_on, const report::CheckReport& report) {
  if (fail_on == "never") return 0;
  ir::Severity threshold = fail_on == "warning" ? ir::Severity::kWarning : ir::Severity::kError;
  for (const ir::Finding& f : report.findings) {
    if (f.severity >= threshold && !f.acknowledged) return 1;
  }
  return 0;
}

}  // namespace

void AddCheckOptions(CLI::App& command, CheckArgs& args) {
  // The rule ids a downstream.yml `rules:` entry may name, with their default severity.
  std::string footer = "\nRules (set their severity under `rules:` in downstream.yml):\n";
  for (const rules::RuleInfo& rule : rules::AllRules()) {
    footer += "  " + std::string(rule.id) + " (" + ir::SeverityName(rule.default_severity) + "): " +
              std::string(rule.summary) + "\n";
  }
  command.footer(footer + EnvironmentHelp(true));
  command.add_option("--repo", args.repo, "The repository (default: the current directory)");
  command.add_option("--base", args.base,
                     "The base revision (default: merge-base of HEAD with the default branch)");
  CLI::Option* head = command.add_option("--head", args.head, "The head revision (default: HEAD)");
  command.add_flag("--staged", args.staged, "Compare the index with HEAD (pre-commit)")->excludes(head);
  command.add_option("--config", args.config, "A configuration file (default: downstream.yml at head)");
  command.add_option("--format", args.format, "Output format (github: the text report, then workflow commands)")
      ->check(CLI::IsMember({"text", "json", "github", "markdown", "sarif"}))
      ->capture_default_str();
  command.add_option("--output", args.output, "Write the report to a file instead of stdout");
  command.add_option("--fail-on", args.fail_on, "Exit 1 on findings at or above this severity that are not acknowledged")
      ->check(CLI::IsMember({"error", "warning", "never"}))
      ->capture_default_str();
  command.add_flag("--strict", args.strict,
                   "Exit 1 when anything (a migration, a view, a model) could not be read fully");
  command.add_flag("--comment", args.comment,
                   "Create, update or resolve the pull request comment (GitHub Actions, GITHUB_TOKEN)");
}

std::string EnvironmentHelp(bool github) {
  std::string out =
      "\nEnvironment:\n"
      "  NO_COLOR, FORCE_COLOR      turn the text report's colour off or on under --color auto\n"
      "  DOWNSTREAM_THREADS=<n>     worker threads (default: one per core)\n"
      "  DOWNSTREAM_TIMINGS=1       each phase's wall time on stderr\n";
  if (!github) return out;
  return out +
         "GitHub Actions (set by the runner and the action):\n"
         "  GITHUB_EVENT_PATH          the pull_request event: its base and head are --base and --head by default\n"
         "  GITHUB_TOKEN               what --comment posts with\n"
         "  GITHUB_REPOSITORY          owner/name, for the comment and the links (default: the event's)\n"
         "  GITHUB_API_URL             the API (default: https://api.github.com)\n"
         "  GITHUB_SERVER_URL          the links' host (default: https://github.com)\n"
         "  GITHUB_STEP_SUMMARY        the markdown report is appended to this file\n"
         "  GITHUB_OUTPUT              the step outputs findings, errors, warnings, acknowledged\n"
         "  DOWNSTREAM_COMMENT_AUTHOR  the login that posts the comment, when the token is a GitHub App's\n"
         "  GITHUB_ACTION_REPOSITORY, GITHUB_ACTION_REF\n"
         "                             the action's repository and ref: rule ids in the comment link to its pages\n"
         "  DOWNSTREAM_DOCS_URL        where rule ids link to instead ({url}/rules/<rule>.md)\n";
}

bool WriteOutput(const std::string& path, const std::string& text) {
  return StreamOutput(path, [&](std::ostream& out) { out.write(text.data(), static_cast<std::streamsize>(text.size())); });
}

bool StreamOutput(const std::string& path, const std::function<void(std::ostream&)>& write) {
  Status written = path.empty() ? StreamStdout(write) : StreamFile(path, WriteMode::kReplace, write);
  if (!written.ok()) Say(written.error().message);
  return written.ok();
}

int RunCheckCommand(const CheckArgs& args) {
  engine::CheckOptions options{args.repo, args.base, args.head, args.staged, args.config};
  GithubEnvironment env = ReadGithubEnvironment();
  if (args.comment && env.event_path.empty()) {
    Say("--comment works inside GitHub Actions on a pull_request event (GITHUB_EVENT_PATH is not set)");
    return 2;
  }
  // Inside GitHub Actions, a pull request's base and head default to the event's.
  PullRequestRevisions event;
  bool need_revisions = !args.staged && (args.base.empty() || args.head.empty());
  if (!env.event_path.empty() && (need_revisions || args.comment)) {
    Result<PullRequestRevisions> read = ReadPullRequestEvent(env.event_path);
    if (!read.ok()) {
      Say(read.error().message);
      return 2;
    }
    event = std::move(*read);
    if (!event.repository.empty()) env.repository = event.repository;
    if (!args.staged && options.base.empty()) options.base = event.base_sha;
    if (!args.staged && options.head.empty()) options.head = event.head_sha;
  }
  Result<engine::CheckRun> run = engine::RunCheck(options);
  if (!run.ok()) {
    Say(run.error().message);
    return 2;
  }
  for (const std::string& note : run->notes) SayNote(note);
  bool paint = args.output.empty() && StdoutInColor();
  if (!WriteOutput(args.output, Render(args.format, *run, env, paint))) return 2;
  if (!WriteJobFiles(env, run->report)) return 2;
  // The comment is a courtesy: when it cannot be posted, a sentence says why, and the exit code
  // stays the check's own (INTERFACE.md).
  if (args.comment) PostPullRequestComment(env, event, run->report);
  int code = ExitCode(args.fail_on, run->report);
  if (args.strict && !run->report.coverage.Complete()) {
    Say("--strict: not everything was read (" + report::CoverageSentence(run->report.coverage) + ")");
    code = 1;
  }
  return code;
}

}  // namespace ds::cli
