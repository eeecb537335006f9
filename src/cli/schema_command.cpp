#include <sstream>

#include "src/cli/commands.h"
#include "src/cli/output.h"
#include "src/engine/revision.h"
#include "src/report/schema_report.h"

namespace ds::cli {

void AddRevisionOptions(CLI::App& command, RevisionArgs& args, std::vector<std::string> formats) {
  command.add_option("--repo", args.repo, "The repository (default: the current directory)");
  command.add_option("--rev", args.rev, "The revision (default: HEAD)");
  command.add_option("--config", args.config, "A configuration file (default: downstream.yml at the revision)");
  command.add_option("--format", args.format, "Output format")->check(CLI::IsMember(formats))->capture_default_str();
  command.footer(EnvironmentHelp(false));
}

int RunSchemaCommand(const RevisionArgs& args) {
  Result<engine::RevisionRun> run = engine::LoadRevision(args.repo, args.rev, args.config, false);
  if (!run.ok()) {
    Say(run.error().message);
    return 2;
  }
  for (const std::string& note : run->notes) SayNote(note);
  std::ostringstream text;
  if (args.format == "json") report::WriteSchemaJson(run->sha, run->catalog, run->diagnostics, text);
  else report::WriteSchemaText(run->catalog, run->diagnostics, text);
  return WriteOutput("", text.str()) ? 0 : 2;
}

}  // namespace ds::cli
