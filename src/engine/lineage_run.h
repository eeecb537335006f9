#pragma once
/// `downstream lineage`: the column lineage of the views at one revision.
#include <memory>
#include <string>
#include <vector>

#include "src/ir/result.h"
#include "src/report/lineage_report.h"

namespace ds::engine {

struct LineageOptions {
  std::string repo_dir = ".";
  std::string rev = "HEAD";
  std::string config_file;
  std::string view;         ///< empty: every view; else this view and the views it reads
  bool transitive = false;  ///< inputs resolved through views down to base tables
};

struct LineageRun {
  report::LineageReport report;
  std::vector<std::string> notes;  ///< what layout detection found
  /// What the report was made from (the revision's catalog and IR, the traced lineage): freed
  /// with the run, or handed to the process's end by a caller that is about to exit.
  std::vector<std::shared_ptr<const void>> sources;
};

/// Replays the migrations, adds the view files, traces the views. Setup failures (no repository,
/// unknown revision, bad configuration, no view named `view`) are an Error.
Result<LineageRun> RunLineage(const LineageOptions& options);

}  // namespace ds::engine
