#include <nlohmann/json.hpp>

#include "src/report/check_report.h"
#include "src/report/json_parts.h"

namespace ds::report {

namespace {

using Json = nlohmann::ordered_json;

Json ChangeJson(const ir::ChangeRef& change) {
  Json j;
  j["kind"] = change.kind;
  j["table"] = change.table.ToString();
  if (!change.column.empty()) j["column"] = change.column;
  if (!change.new_name.empty()) j["new_name"] = change.new_name;
  if (change.kind == "retype_column") {
    j["old_type"] = change.old_type;
    j["new_type"] = change.new_type;
  }
  // Value changes: the enum type, the label or value, and what it becomes.
  if (change.kind == "rename_enum_value" || change.kind == "drop_enum_value") j["type"] = change.old_type;
  if (!change.value.empty()) j["value"] = change.value;
  if (!change.new_value.empty()) j["new_value"] = change.new_value;
  return j;
}

Json ImpactJson(const ir::Impact& impact) {
  Json j;
  j["view"] = impact.view.ToString();
  j["kind"] = ir::RelationKindName(impact.kind);
  j["file"] = impact.span.file;
  j["line"] = impact.span.line;
  j["columns"] = impact.columns;
  j["usages"] = impact.usages;
  j["path"] = impact.path;
  j["owners"] = impact.owners;  // from downstream.yml `owners:`; an addition to INTERFACE.md
  // Only for a consumer that breaks because one it reads breaks (its `usages` are empty).
  if (!impact.via.name.empty()) j["via"] = impact.via.ToString();
  // Only when the consumer (or one it breaks through) could not be parsed and was read by name.
  if (impact.partial) j["confidence"] = "partial";
  // Only when an acknowledgement in force names it: it no longer counts toward --fail-on.
  if (impact.acknowledged) j["acknowledged"] = true;
  return j;
}

Json AckJson(const ir::AckRef& ack) {
  Json j;
  j["file"] = ack.span.file;
  j["line"] = ack.span.line;
  j["consumers"] = ack.consumers;
  j["reason"] = ack.reason;
  if (!ack.until.empty()) j["until"] = ack.until;
  j["expired"] = ack.expired;
  j["in_source"] = ack.in_source;
  return j;
}

// A dbt exposure reading what the finding breaks; an addition to INTERFACE.md.
Json ExposureJson(const ir::Exposure& exposure) {
  Json j;
  j["name"] = exposure.name;
  j["label"] = exposure.label;
  j["type"] = exposure.type;
  j["url"] = exposure.url;
  j["owner"] = {{"name", exposure.owner_name}, {"email", exposure.owner_email}};
  j["via"] = exposure.via.ToString();
  j["file"] = exposure.span.file;
  j["line"] = exposure.span.line;
  return j;
}

}  // namespace

void WriteJson(const CheckReport& report, std::ostream& out) {
  Json root;
  root["version"] = 1;
  root["base"] = report.base;
  root["head"] = report.head;
  root["findings"] = Json::array();
  for (const ir::Finding& f : report.findings) {
    Json j;
    j["rule"] = f.rule;
    j["severity"] = ir::SeverityName(f.severity);
    j["file"] = f.span.file;
    j["line"] = f.span.line;
    j["column"] = f.span.column;
    j["message"] = f.message;
    j["help"] = f.help;
    j["change"] = ChangeJson(f.change);
    j["impacts"] = Json::array();
    for (const ir::Impact& impact : f.impacts) j["impacts"].push_back(ImpactJson(impact));
    j["exposures"] = Json::array();
    for (const ir::Exposure& exposure : f.exposures) j["exposures"].push_back(ExposureJson(exposure));
    j["acknowledged"] = f.acknowledged;
    if (!f.acknowledgements.empty()) {
      j["acknowledgements"] = Json::array();
      for (const ir::AckRef& ack : f.acknowledgements) j["acknowledgements"].push_back(AckJson(ack));
    }
    root["findings"].push_back(std::move(j));
  }
  root["diagnostics"] = DiagnosticsJson(report.diagnostics);
  root["coverage"] = CoverageJson(report.coverage);
  // Invalid UTF-8 in a name taken from a file is replaced, never a crash.
  out << root.dump(2, ' ', false, Json::error_handler_t::replace) << "\n";
}

}  // namespace ds::report
