// The command line: parses options, runs a stage pipeline from src/engine, writes a report.
// Exit codes (INTERFACE.md): 0 clean, 1 findings at or above --fail-on, 2 usage/config/environment.
#include <CLI/CLI.hpp>

#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <exception>
#include <iostream>
#include <new>
#include <string>
#include <string_view>

#include "src/cli/allocator.h"
#include "src/cli/commands.h"
#include "src/cli/output.h"
#include "src/ir/suggest.h"

namespace {

int Run(int argc, char** argv) {
  CLI::App app{"downstream: finds the analytics views a database migration breaks", "downstream"};
  app.require_subcommand(1);
  app.set_help_all_flag("--help-all", "Show every command's options");
  bool quiet = false;
  app.add_flag("-q,--quiet", quiet, "Print the report and errors only, no notes on what layout detection found");
  std::string color = "auto";
  app.add_option("--color", color,
                 "Colour the text report: auto (a terminal; NO_COLOR set turns it off, FORCE_COLOR on), always, never")
      ->check(CLI::IsMember({"auto", "always", "never"}))
      ->capture_default_str();
  app.footer(ds::cli::EnvironmentHelp(false));
  app.fallthrough();  // before the commands, which inherit it: `downstream check -q` too

  ds::cli::CheckArgs check_args;
  CLI::App* check = app.add_subcommand("check", "What the change between two revisions breaks");
  ds::cli::AddCheckOptions(*check, check_args);

  ds::cli::LineageArgs lineage_args;
  CLI::App* lineage = app.add_subcommand("lineage", "Column lineage of the views at a revision");
  ds::cli::AddLineageOptions(*lineage, lineage_args);

  ds::cli::RevisionArgs schema_args;
  CLI::App* schema = app.add_subcommand("schema", "The schema replayed from the migrations at a revision");
  ds::cli::AddRevisionOptions(*schema, schema_args, {"text", "json"});

  ds::cli::InitArgs init_args;
  CLI::App* init = app.add_subcommand("init", "Write a commented downstream.yml from the layout found");
  ds::cli::AddInitOptions(*init, init_args);

  CLI::App* version = app.add_subcommand("version", "Print the version");
  const std::string version_line = std::string("downstream ") + ds::cli::kVersion;
  app.set_version_flag("--version", version_line);

  CLI::App* rules = app.add_subcommand("rules", "List the rules, their default severity and what each finds");
  std::string explain_rule;
  CLI::App* explain = app.add_subcommand("explain", "Print a rule's page (what it finds, why, the safe way)");
  explain->add_option("rule", explain_rule, "The rule id, e.g. drop-column-in-use")->required();

  // `downstream chek`: name the command meant, as git and cargo do. The top level takes flags
  // and `--color WHEN`, so the first word that is neither is the command.
  int first_word = 1;
  while (first_word < argc && argv[first_word][0] == '-') {
    first_word += std::string_view(argv[first_word]) == "--color" ? 2 : 1;
  }
  if (first_word < argc) {
    std::string word = argv[first_word];
    std::vector<std::string> commands;
    for (const CLI::App* command : app.get_subcommands({})) commands.push_back(command->get_name());
    if (std::find(commands.begin(), commands.end(), word) == commands.end()) {
      std::string hint = ds::ir::Closest(word, commands);
      ds::cli::Say("unknown command '" + word + "'" + (hint.empty() ? "" : "; did you mean '" + hint + "'?") +
                   " (see downstream --help)");
      return 2;
    }
  }

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    ds::cli::Say(std::string(e.what()) + " (see downstream --help)");
    return 2;
  }
  ds::cli::SetQuiet(quiet);
  ds::cli::SetColor(color);
  if (version->parsed()) {
    return ds::cli::WriteOutput("", version_line + "\n") ? 0 : 2;
  }
  if (check->parsed()) return ds::cli::RunCheckCommand(check_args);
  if (lineage->parsed()) return ds::cli::RunLineageCommand(lineage_args);
  if (schema->parsed()) return ds::cli::RunSchemaCommand(schema_args);
  if (init->parsed()) return ds::cli::RunInitCommand(init_args);
  if (rules->parsed()) return ds::cli::RunRulesCommand();
  if (explain->parsed()) return ds::cli::RunExplainCommand(explain_rule);
  return 2;
}

// What escapes a noexcept function or a worker thread: the same promise, exit 2 with a sentence.
[[noreturn]] void Terminated() {
  static const char kSentence[] = "downstream: internal error: the analysis stopped unexpectedly; please report it\n";
  ssize_t ignored = ::write(STDERR_FILENO, kSentence, sizeof kSentence - 1);
  (void)ignored;
  ::_exit(2);
}

}  // namespace

// Nothing leaves main as an exception or a crash report: a broken invariant (std::get on the
// wrong Result alternative throws in every build), an allocation that fails, a bug in a library
// all end as one sentence and exit 2 (INTERFACE.md).
int main(int argc, char** argv) {
  ds::cli::TuneAllocator();
  if (std::getenv("DOWNSTREAM_TIMINGS") != nullptr) {
    std::cerr << "timing: allocator " << ds::cli::AllocatorName() << "\n";
  }
  std::set_terminate(Terminated);
  try {
    return Run(argc, argv);
  } catch (const std::bad_alloc&) {
    ds::cli::Say("out of memory: the input is too large for the memory available");
  } catch (const std::exception& e) {
    ds::cli::Say(std::string("internal error: ") + e.what() + "; please report it");
  } catch (...) {
    ds::cli::Say("internal error: an unknown exception; please report it");
  }
  return 2;
}
