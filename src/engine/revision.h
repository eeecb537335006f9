#pragma once
/// One revision on its own, for `schema` and `lineage`: migrations replayed, views added.
#include <string>
#include <vector>

#include "src/catalog/catalog.h"
#include "src/engine/analytics_side.h"
#include "src/engine/imported_lineage.h"
#include "src/engine/inputs.h"
#include "src/ir/result.h"

namespace ds::engine {

struct RevisionRun {
  std::string sha;
  catalog::Catalog catalog;  ///< the migrations replayed; views from view files when asked
  std::vector<ir::Diagnostic> diagnostics;
  std::vector<std::string> notes;
  AnalyticsRevision analytics;  ///< dbt / lea projects (with view files only)
  config::Config config;        ///< as read (or detected)
  ImportedViews imported;       ///< views of lineage.json files: AddImportedViews once an engine exists
  RevisionInputs inputs;        ///< the files read (views and models too, when asked)
};

Result<RevisionRun> LoadRevision(const std::string& repo_dir, const std::string& rev,
                                 const std::string& config_file, bool with_view_files);

}  // namespace ds::engine
