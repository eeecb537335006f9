#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>

#include "src/cli/commands.h"
#include "src/cli/github_event.h"
#include "src/engine/check.h"

namespace ds::cli {

void AddCheckOptions(CLI::App& command, CheckArgs& args) {
  command.add_option("--repo", args.repo, "The repository (default: the current directory)");
  command.add_option("--base", args.base,
                     "The base revision (default: merge-base of HEAD with the default branch)");
  CLI::Option* head = command.add_option("--head", args.head, "The head revision (default: HEAD)");
  command.add_flag("--staged", args.staged, "Compare the index with HEAD (pre-commit)")->excludes(head);
  command.add_option("--config", args.config, "A configuration file (default: downstream.yml at head)");
  command.add_option("--format", args.format, "Output format")
      ->check(CLI::IsMember({"text", "json", "github", "markdown", "sarif"}));
  command.add_option("--output", args.output, "Write the report to a file instead of stdout");
  command.add_option("--fail-on", args.fail_on, "Exit 1 on findings at or above this severity")
      ->check(CLI::IsMember({"error", "warning", "never"}));
  command.add_flag("--comment", args.comment, "Post or update the pull request comment");
}

bool WriteOutput(const std::string& path, const std::string& text) {
  if (path.empty()) {
    std::cout << text;
    return true;
  }
  std::ofstream out(path, std::ios::binary);
  out << text;
  if (!out) {
    std::cerr << "downstream: cannot write the report to " << path << "\n";
    return false;
  }
  return true;
}

int RunCheckCommand(const CheckArgs& args) {
  if (args.format == "markdown" || args.format == "sarif" || args.comment) {
    std::cerr << "downstream: " << (args.comment ? "--comment" : "--format " + args.format)
              << " is not available in this version yet\n";
    return 2;
  }
  engine::CheckOptions options{args.repo, args.base, args.head, args.staged, args.config};
  // Inside GitHub Actions, a pull request's base and head default to the event's.
  const char* event_path = std::getenv("GITHUB_EVENT_PATH");
  if (event_path && *event_path && !args.staged && (args.base.empty() || args.head.empty())) {
    Result<PullRequestRevisions> event = ReadPullRequestEvent(event_path);
    if (!event.ok()) {
      std::cerr << "downstream: " << event.error().message << "\n";
      return 2;
    }
    if (options.base.empty()) options.base = event->base_sha;
    if (options.head.empty()) options.head = event->head_sha;
  }
  Result<engine::CheckRun> run = engine::RunCheck(options);
  if (!run.ok()) {
    std::cerr << "downstream: " << run.error().message << "\n";
    return 2;
  }
  for (const std::string& note : run->notes) std::cerr << "downstream: " << note << "\n";
  std::ostringstream text;
  if (args.format == "json") report::WriteJson(run->report, text);
  else if (args.format == "github") report::WriteGithub(run->report, text);
  else report::WriteText(run->report, run->sources, text);
  if (!WriteOutput(args.output, text.str())) return 2;

  if (args.fail_on == "never") return 0;
  ir::Severity threshold = args.fail_on == "warning" ? ir::Severity::kWarning : ir::Severity::kError;
  for (const ir::Finding& f : run->report.findings) {
    if (f.severity >= threshold) return 1;
  }
  return 0;
}

}  // namespace ds::cli
