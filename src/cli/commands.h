#pragma once
/// The subcommands, each a thin shell over src/engine.
#include <CLI/CLI.hpp>

#include <functional>
#include <ostream>
#include <string>
#include <vector>

namespace ds::cli {

inline constexpr const char* kVersion = "0.1.0";

struct CheckArgs {
  std::string repo = ".";
  std::string base, head, config;
  bool staged = false;
  std::string format = "text";
  std::string output;
  std::string fail_on = "error";
  bool comment = false;
  bool strict = false;  ///< anything not read fully fails the check (exit 1)
};

struct RevisionArgs {
  std::string repo = ".";
  std::string rev = "HEAD";
  std::string config;
  std::string format = "text";
};

struct LineageArgs {
  std::string repo = ".";
  std::string rev = "HEAD";
  std::string config, view, output;
  bool transitive = false;
  std::string format = "text";
  std::string database, ol_namespace;  ///< openlineage dataset naming; empty: the defaults
};

struct InitArgs {
  std::string repo = ".";
};

/// The environment variables a command reads, for its --help: the run's (threads, timings,
/// colour) and, for `check`, GitHub Actions'.
std::string EnvironmentHelp(bool github);

void AddCheckOptions(CLI::App& command, CheckArgs& args);
void AddLineageOptions(CLI::App& command, LineageArgs& args);
void AddRevisionOptions(CLI::App& command, RevisionArgs& args, std::vector<std::string> formats);
void AddInitOptions(CLI::App& command, InitArgs& args);

/// `downstream rules`: every rule with its default severity and what it finds.
int RunRulesCommand();
/// `downstream explain RULE`: the rule's doc page; an unknown id is exit 2 with a suggestion.
int RunExplainCommand(const std::string& rule);

int RunCheckCommand(const CheckArgs& args);
int RunSchemaCommand(const RevisionArgs& args);
int RunLineageCommand(const LineageArgs& args);
/// `downstream init`: writes a commented downstream.yml from the layout found at HEAD.
int RunInitCommand(const InitArgs& args);

/// Writes to --output when given, else stdout; false (with a sentence on stderr) when it cannot.
bool WriteOutput(const std::string& path, const std::string& text);
/// The same for a report written as it is produced (StreamFile, StreamStdout).
bool StreamOutput(const std::string& path, const std::function<void(std::ostream&)>& write);

}  // namespace ds::cli
