#pragma once
/// One revision's schema: the migrations replayed into a catalog, then the analytics views.
#include <vector>

#include "src/catalog/catalog.h"
#include "src/engine/inputs.h"

namespace ds::engine {

/// Replays the migrations of `inputs` in order into a fresh catalog.
catalog::Catalog ReplayMigrations(const RevisionInputs& inputs, const ParsedFiles& parsed,
                                  std::vector<ir::Diagnostic>& diagnostics);

/// Adds what the view files create (views, materialized views) to `catalog`, unqualified names
/// resolving through `search_path`.
void AddViewFiles(catalog::Catalog& catalog, const RevisionInputs& inputs,
                  const ParsedFiles& parsed, const std::vector<std::string>& search_path,
                  std::vector<ir::Diagnostic>& diagnostics);

/// Every file's parse diagnostics, migrations and views.
void CollectParseDiagnostics(const RevisionInputs& inputs, const ParsedFiles& parsed,
                             std::vector<ir::Diagnostic>& diagnostics);

}  // namespace ds::engine
