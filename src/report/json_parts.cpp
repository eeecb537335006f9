#include "src/report/json_parts.h"

namespace ds::report {

using Json = nlohmann::ordered_json;

namespace {

// A diagnostic's members, in order, for the tree and the stream alike.
template <class Put>
void DiagnosticMembers(const ir::Diagnostic& d, Put put) {
  put("severity", ir::SeverityName(d.severity));
  put("file", d.span.file);
  put("line", d.span.line);
  put("column", d.span.column);
  put("message", d.message);
  put("code", ir::DiagCodeName(d.code));
}

}  // namespace

Json DiagnosticJson(const ir::Diagnostic& d) {
  Json j = Json::object();
  DiagnosticMembers(d, [&](const char* key, const auto& value) { j[key] = value; });
  return j;
}

Json DiagnosticsJson(const std::vector<ir::Diagnostic>& diagnostics) {
  Json out = Json::array();
  for (const ir::Diagnostic& d : diagnostics) out.push_back(DiagnosticJson(d));
  return out;
}

void WriteDiagnostics(JsonStream& json, const std::vector<ir::Diagnostic>& diagnostics) {
  json.BeginArray();
  for (const ir::Diagnostic& d : diagnostics) {
    json.BeginObject();
    DiagnosticMembers(d, [&](const char* key, const auto& value) { json.Member(key, value); });
    json.EndObject();
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
