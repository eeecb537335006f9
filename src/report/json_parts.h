#pragma once
/// JSON pieces every JSON output shares: a diagnostic, the coverage object.
#include <vector>

#include <nlohmann/json.hpp>

#include "src/ir/diagnostic.h"
#include "src/report/coverage.h"
#include "src/report/json_stream.h"

namespace ds::report {

/// {"severity", "file", "line", "column", "message", "code"}.
nlohmann::ordered_json DiagnosticJson(const ir::Diagnostic& d);
nlohmann::ordered_json DiagnosticsJson(const std::vector<ir::Diagnostic>& diagnostics);
/// The same array, streamed (a large project has tens of thousands).
void WriteDiagnostics(JsonStream& json, const std::vector<ir::Diagnostic>& diagnostics);

/// {"complete", "relations": {full, partial, unread}, "migrations": {...}, "gaps": [...]}
/// (docs/schemas/coverage.schema.json).
nlohmann::ordered_json CoverageJson(const Coverage& coverage);

}  // namespace ds::report
