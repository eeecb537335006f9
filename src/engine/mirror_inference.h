#pragma once
/// Warehouse mirrors found without configuration: a warehouse schema whose tables match a
/// production schema's tables (as an ELT tool copies them: same names, a prefix or suffix, upper
/// case) is taken as its copy when the match is unambiguous. `warehouse.mirrors` always wins.
#include <map>
#include <set>
#include <string>
#include <vector>

#include "parsers/analytics/warehouse.h"
#include "src/catalog/catalog.h"
#include "src/ir/result.h"

namespace ds::engine {

/// The tables the analytics side reads from one warehouse schema that nothing there defines.
struct WarehouseSchema {
  std::set<std::string> tables;  ///< as written
  ir::SourceSpan span;           ///< where it is first read or declared (a dbt source, a view file)
};

/// One warehouse schema found to copy a production schema.
struct InferredMirror {
  analytics::Mirror mirror;
  size_t matched = 0;  ///< tables of the warehouse schema that have a production table
  size_t total = 0;    ///< tables the analytics side reads from it
};

struct MirrorInference {
  std::vector<InferredMirror> inferred;     ///< by warehouse schema
  std::vector<ir::Diagnostic> diagnostics;  ///< schemas not inferred though they match (kUnmappedSource)
};

/// Infers a mirror for each warehouse schema no `configured` mirror covers: the production schema
/// (of `production`, the migrations replayed) and table pattern explaining all its tables, or at
/// least 80% and 2 of them, with no other production schema doing as well.
MirrorInference InferMirrors(const std::map<std::string, WarehouseSchema>& warehouse,
                             const catalog::Catalog& production, const std::vector<analytics::Mirror>& configured);

/// "inferred warehouse mirror raw_app -> public (12 of 12 tables); pin it in downstream.yml:
/// warehouse: mirrors: raw_app: public", for stderr.
std::string InferredMirrorNote(const InferredMirror& inferred);

/// The mirrors inferred at `rev` (what `check` would infer there), for `downstream init` to write
/// into downstream.yml. Setup failures (no repository, unknown revision) are an Error.
Result<std::vector<InferredMirror>> InferredMirrorsAt(const std::string& repo_dir, const std::string& rev,
                                                      const std::string& config_file = "");

}  // namespace ds::engine
