// `lineage --format json`: INTERFACE.md's shape; `indirect`, `unresolved` and `diagnostics` are
// additions (a consumer that knows only the documented keys reads it unchanged).
#include <nlohmann/json.hpp>

#include "src/report/json_parts.h"
#include "src/report/lineage_report.h"

namespace ds::report {

namespace {

using Json = nlohmann::ordered_json;

Json Table(const std::string& table) { return table.empty() ? Json(nullptr) : Json(table); }

Json InputJson(const LineageInput& input, const char* kind_key) {
  Json j;
  j["table"] = Table(input.table);
  j["column"] = input.column;
  j[kind_key] = input.kind;
  if (input.unresolved) j["unresolved"] = true;
  return j;
}

Json ViewJson(const LineageView& view) {
  Json j;
  j["name"] = view.name;
  j["file"] = view.span.file;
  j["line"] = view.span.line;
  // Only for a view whose statement could not be parsed: relations and columns found by name.
  if (view.partial) j["confidence"] = "partial";
  j["columns"] = Json::array();
  for (const LineageColumn& column : view.columns) {
    Json c;
    c["name"] = column.name;
    c["sources"] = Json::array();
    for (const LineageInput& input : column.sources) c["sources"].push_back(InputJson(input, "transform"));
    c["indirect"] = Json::array();
    for (const LineageInput& input : column.indirect) c["indirect"].push_back(InputJson(input, "kind"));
    j["columns"].push_back(std::move(c));
  }
  j["references"] = Json::array();
  for (const LineageReference& ref : view.references) {
    Json r;
    r["table"] = Table(ref.table);
    r["column"] = ref.column;
    r["usages"] = ref.usages;
    if (ref.unresolved) r["unresolved"] = true;
    j["references"].push_back(std::move(r));
  }
  return j;
}

}  // namespace

void WriteLineageJson(const LineageReport& report, std::ostream& out) {
  Json root;
  root["version"] = 1;
  root["rev"] = report.rev;
  root["transitive"] = report.transitive;
  root["views"] = Json::array();
  for (const LineageView& view : report.views) root["views"].push_back(ViewJson(view));
  root["diagnostics"] = DiagnosticsJson(report.diagnostics);
  root["coverage"] = CoverageJson(report.coverage);
  // Invalid UTF-8 in a name taken from a file is replaced, never a crash.
  out << root.dump(2, ' ', false, Json::error_handler_t::replace) << "\n";
}

}  // namespace ds::report
