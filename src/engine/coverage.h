#pragma once
/// What a run understood of the head revision: each migration file and each relation of the
/// analytics side, read fully, partly or not at all (src/report/coverage.h), from the typed codes
/// of the diagnostics that remain after the run (never from their text).
#include <vector>

#include "src/catalog/catalog.h"
#include "src/engine/analytics_side.h"
#include "src/engine/inputs.h"
#include "src/lineage/lineage.h"
#include "src/report/coverage.h"

namespace ds::engine {

struct CoverageSubject {
  const RevisionInputs& inputs;         ///< the head revision's migration and view files
  const AnalyticsRevision& analytics;   ///< its dbt / lea projects
  const catalog::Catalog& catalog;      ///< migrations replayed, analytics views added
  lineage::LineageEngine& engine;       ///< traces the catalog's views
  const std::vector<ir::Diagnostic>& diagnostics;  ///< what the run reports, filtered and final
};

/// Every migration file is a unit, and every relation the analytics side defines (a view of a
/// view file, a model); a file or model that defines nothing readable is one unit not read. A
/// diagnostic lowers the unit it concerns by its code's CoverageEffect; a diagnostic that
/// concerns no unit still becomes a gap, named by its file: nothing is passed over.
report::Coverage MeasureCoverage(const CoverageSubject& subject);

}  // namespace ds::engine
