#pragma once
/// Views of another repository, known only by the lineage its CI wrote with `downstream lineage
/// --format json` (`views: - lineage: path/to/lineage.json`): no SQL, but their columns, the
/// columns those derive from, and every column they read. They join impact analysis as views
/// whose lineage is given.
#include <string>
#include <vector>

#include "src/catalog/catalog.h"
#include "src/config/config.h"
#include "src/engine/analytics_side.h"
#include "src/lineage/lineage.h"

namespace ds::engine {

struct ImportedViews {
  std::vector<lineage::ViewLineage> views;  ///< sorted by name
  std::vector<ir::Diagnostic> diagnostics;  ///< files that could not be read or understood
};

/// Parses one lineage.json text (`file` names it in diagnostics).
ImportedViews ParseLineageJson(const std::string& file, const std::string& text);

/// Reads every `lineage:` source of `config` (from the revision when committed there, else from
/// disk: a CI artifact or a second checkout).
ImportedViews ReadImportedViews(const git::Repository& repo, const git::Snapshot& snapshot,
                                const config::Config& config, BlobTexts& texts);

/// Mirror views for the warehouse relations the imported views read (`raw_app.users` -> its
/// production table through warehouse.mirrors), added to `inputs.views` / `parsed` like the
/// dbt sources' bridges.
void AddImportedBridges(const ImportedViews& imported, const config::Config& config, const std::string& tag,
                        RevisionInputs& inputs, ParsedFiles& parsed);

/// Puts a query-less View per imported view into `catalog` (which holds everything else already)
/// and gives `engine` their lineage, `*` reads expanded from the catalog.
void AddImportedViews(const ImportedViews& imported, const config::Config& config, catalog::Catalog& catalog,
                      lineage::LineageEngine& engine);

}  // namespace ds::engine
