#pragma once
/// `downstream check`: what a change between two revisions breaks.
#include <memory>
#include <string>
#include <vector>

#include "src/report/check_report.h"
#include "src/ir/result.h"

namespace ds::engine {

struct CheckOptions {
  std::string repo_dir = ".";
  std::string base;  ///< empty: merge-base of HEAD with the default branch
  std::string head;  ///< empty: HEAD
  bool staged = false;  ///< head = the index, base = HEAD
  std::string config_file;
};

struct CheckRun {
  report::CheckReport report;
  report::SourceLookup sources;    ///< head's file contents, for code frames
  std::vector<std::string> notes;  ///< what layout detection found
};

/// Runs the whole pipeline. Setup failures (no repository, unknown revision, bad configuration)
/// are an Error; everything else ends up in the report.
Result<CheckRun> RunCheck(const CheckOptions& options);

}  // namespace ds::engine
