// `lineage --format json`: INTERFACE.md's shape; `indirect`, `unresolved` and `diagnostics` are
// additions (a consumer that knows only the documented keys reads it unchanged).
#include <nlohmann/json.hpp>

#include "src/report/json_parts.h"
#include "src/report/json_stream.h"
#include "src/report/lineage_report.h"

namespace ds::report {

namespace {

void Table(JsonStream& json, const std::string& table) {
  json.Key("table");
  if (table.empty()) json.Null();
  else json.String(table);
}

void InputJson(JsonStream& json, const LineageInput& input, const char* kind_key) {
  json.BeginObject();
  Table(json, input.table);
  json.Member("column", input.column).Member(kind_key, input.kind);
  if (input.unresolved) json.Member("unresolved", true);
  json.EndObject();
}

void ViewJson(JsonStream& json, const LineageView& view) {
  json.BeginObject();
  json.Member("name", view.name).Member("file", view.span.file).Member("line", view.span.line);
  // Only for a view whose statement could not be parsed: relations and columns found by name.
  if (view.partial) json.Member("confidence", "partial");
  json.Key("columns").BeginArray();
  for (const LineageColumn& column : view.columns) {
    json.BeginObject().Member("name", column.name);
    json.Key("sources").BeginArray();
    for (const LineageInput& input : column.sources) InputJson(json, input, "transform");
    json.EndArray().Key("indirect").BeginArray();
    for (const LineageInput& input : column.indirect) InputJson(json, input, "kind");
    json.EndArray().EndObject();
  }
  json.EndArray().Key("references").BeginArray();
  for (const LineageReference& ref : view.references) {
    json.BeginObject();
    Table(json, ref.table);
    json.Member("column", ref.column).Key("usages").BeginArray();
    for (const std::string& usage : ref.usages) json.String(usage);
    json.EndArray();
    if (ref.unresolved) json.Member("unresolved", true);
    json.EndObject();
  }
  json.EndArray().EndObject();
}

}  // namespace

// Streamed (json_stream.h): a project of thousands of views writes tens of MB.
void WriteLineageJson(const LineageReport& report, std::ostream& out) {
  JsonStream json(out);
  json.BeginObject().Member("version", 1).Member("rev", report.rev).Member("transitive", report.transitive);
  json.Key("views").BeginArray();
  for (const LineageView& view : report.views) ViewJson(json, view);
  json.EndArray();
  WriteDiagnostics(json.Key("diagnostics"), report.diagnostics);
  json.Key("coverage").Value(CoverageJson(report.coverage));
  json.EndObject();
  json.Flush();
  out << "\n";
}

}  // namespace ds::report
