#pragma once
/// Helpers for the hostile-input tests: the real binary run under a time and memory bound, and
/// diagnostics looked up by file and text.
#include <doctest/doctest.h>

#include <string>

#include "src/engine/check.h"
#include "tests/support/temp_dir.h"

namespace ds::test {

#if defined(__SANITIZE_ADDRESS__)
inline constexpr bool kSanitized = true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
inline constexpr bool kSanitized = true;
#else
inline constexpr bool kSanitized = false;
#endif
#else
inline constexpr bool kSanitized = false;
#endif

struct Bounded {
  int status = 0;  ///< the binary's exit status; 124 when it ran out of time
  std::string out;  ///< stdout (stderr goes to `err`)
  std::string err;
};

/// Runs `downstream <args>` with at most `seconds` of wall time and `megabytes` of address space
/// (not under AddressSanitizer, which reserves terabytes of it). `env` is prepended ("A=1 B=2").
inline Bounded RunBounded(const std::string& args, int seconds = 60, int megabytes = 1024,
                          const std::string& env = "") {
  TempDir scratch;
  std::string err_file = scratch.path() + "/stderr";
  std::string limit = kSanitized ? "" : "ulimit -v " + std::to_string(megabytes * 1024) + "; ";
  std::string command = "{ " + limit + env + " timeout " + std::to_string(seconds) + " " +
                        std::string(DOWNSTREAM_BINARY) + " " + args + " 2>" + err_file + "; }";
  Bounded run;
  run.status = RunCommand(command, &run.out);
  run.err = ReadFile(err_file);
  return run;
}

/// Whether a diagnostic of `run` is about `file` and says `text`.
inline bool HasDiagnostic(const engine::CheckRun& run, const std::string& file, const std::string& text) {
  for (const ir::Diagnostic& d : run.report.diagnostics) {
    if (d.span.file == file && d.message.find(text) != std::string::npos) return true;
  }
  return false;
}

/// Every diagnostic, one a line, for CAPTURE.
inline std::string DiagnosticLines(const engine::CheckRun& run) {
  std::string out;
  for (const ir::Diagnostic& d : run.report.diagnostics) {
    out += d.span.file + ":" + std::to_string(d.span.line) + ": " + d.message + "\n";
  }
  return out;
}

/// Runs the check between HEAD~1 and HEAD of `repo_dir`.
inline engine::CheckRun CheckLastCommit(const std::string& repo_dir) {
  engine::CheckOptions options;
  options.repo_dir = repo_dir;
  options.base = "HEAD~1";
  Result<engine::CheckRun> run = engine::RunCheck(options);
  REQUIRE_MESSAGE(run.ok(), (run.ok() ? "" : run.error().message));
  return std::move(*run);
}

}  // namespace ds::test
