#pragma once
/// Shared by the engine tests: `check` on a test repository's last commit, and the report in
/// one line per diagnostic or finding, for CHECK(... == "...") comparisons.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "src/engine/check.h"
#include "tests/support/git_repo.h"

namespace ds::test {

/// `downstream check` of HEAD against HEAD~1 in `repo`, in-process.
inline engine::CheckRun CheckLastCommit(const GitRepo& repo) {
  engine::CheckOptions options;
  options.repo_dir = repo.path();
  options.base = "HEAD~1";
  Result<engine::CheckRun> run = engine::RunCheck(options);
  REQUIRE_MESSAGE(run.ok(), (run.ok() ? "" : run.error().message));
  return std::move(*run);
}

/// "file:line:col [code] message" per diagnostic.
inline std::string DiagnosticLines(const std::vector<ir::Diagnostic>& diagnostics) {
  std::string out;
  for (const ir::Diagnostic& d : diagnostics) {
    out += d.span.file + ":" + std::to_string(d.span.line) + ":" + std::to_string(d.span.column) + " [" +
           ir::DiagCodeName(d.code) + "] " + d.message + "\n";
  }
  return out;
}

/// "rule view(columns) ..." per finding.
inline std::string FindingLines(const engine::CheckRun& run) {
  std::string out;
  for (const ir::Finding& f : run.report.findings) {
    out += f.rule;
    for (const ir::Impact& impact : f.impacts) {
      out += " " + impact.view.ToString();
      for (const std::string& column : impact.columns) out += (column == impact.columns[0] ? "(" : ",") + column;
      out += impact.columns.empty() ? "" : ")";
    }
    out += "\n";
  }
  return out;
}

}  // namespace ds::test
