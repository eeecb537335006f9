#include "src/report/json_parts.h"

namespace ds::report {

using Json = nlohmann::ordered_json;

Json DiagnosticJson(const ir::Diagnostic& d) {
  return {{"severity", ir::SeverityName(d.severity)}, {"file", d.span.file},  {"line", d.span.line},
          {"column", d.span.column},                  {"message", d.message}, {"code", ir::DiagCodeName(d.code)}};
}

Json DiagnosticsJson(const std::vector<ir::Diagnostic>& diagnostics) {
  Json out = Json::array();
  for (const ir::Diagnostic& d : diagnostics) out.push_back(DiagnosticJson(d));
  return out;
}

void WriteDiagnostics(JsonStream& json, const std::vector<ir::Diagnostic>& diagnostics) {
  json.BeginArray();
  for (const ir::Diagnostic& d : diagnostics) {
    json.BeginObject()
        .Member("severity", ir::SeverityName(d.severity))
        .Member("file", d.span.file)
        .Member("line", d.span.line)
        .Member("column", d.span.column)
        .Member("message", d.message)
        .Member("code", ir::DiagCodeName(d.code))
        .EndObject();
  }
  json.EndArray();
}

namespace {

Json CountJson(const CoverageCount& count) {
  return {{"total", count.Total()}, {"full", count.full}, {"partial", count.partial}, {"unread", count.unread}};
}

}  // namespace

Json CoverageJson(const Coverage& coverage) {
  Json gaps = Json::array();
  for (const CoverageGap& gap : coverage.gaps) {
    gaps.push_back({{"side", GapSideName(gap.side)},
                    {"name", gap.name},
                    {"read", ReadLevelName(gap.level)},
                    {"file", gap.reason.span.file},
                    {"line", gap.reason.span.line},
                    {"column", gap.reason.span.column},
                    {"code", ir::DiagCodeName(gap.reason.code)},
                    {"reason", gap.reason.message},
                    {"diagnostics", gap.reasons}});
  }
  return {{"complete", coverage.Complete()},
          {"relations", CountJson(coverage.relations)},
          {"migrations", CountJson(coverage.migrations)},
          {"gaps", std::move(gaps)}};
}

}  // namespace ds::report
