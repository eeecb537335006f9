#include "src/report/schema_report.h"

#include <nlohmann/json.hpp>

#include <sstream>

#include "src/report/json_parts.h"
#include "src/report/safe_text.h"

namespace ds::report {

namespace {

using Json = nlohmann::ordered_json;

std::string Where(const ir::SourceSpan& span) {
  return span.file.empty() ? "" : "  (" + span.file + ":" + std::to_string(span.line) + ")";
}


void WriteRawSchemaText(const catalog::Catalog& catalog, const std::vector<ir::Diagnostic>& diagnostics,
                        std::ostream& out) {
  for (const auto& [name, table] : catalog.tables()) {
    out << "table " << name.ToString() << Where(table.span) << "\n";
    for (const catalog::Column& c : table.columns) {
      out << "  " << c.name << " " << c.type << (c.not_null ? " not null" : "") << "\n";
    }
  }
  for (const auto& [name, view] : catalog.views()) {
    out << (view.materialized ? "materialized view " : "view ") << name.ToString() << Where(view.span)
        << "\n";
  }
  for (const auto& [name, e] : catalog.enums()) {
    out << "enum " << name.ToString() << " (";
    for (size_t i = 0; i < e.values.size(); ++i) out << (i ? ", " : "") << "'" << e.values[i] << "'";
    out << ")\n";
  }
  for (const ir::Diagnostic& d : diagnostics) {
    out << d.span.file << ":" << d.span.line << ":" << d.span.column << ": "
        << ir::SeverityName(d.severity) << ": " << d.message << "\n";
  }
}

}  // namespace

void WriteSchemaText(const catalog::Catalog& catalog, const std::vector<ir::Diagnostic>& diagnostics,
                     std::ostream& out) {
  std::ostringstream raw;
  WriteRawSchemaText(catalog, diagnostics, raw);
  out << SafeLines(raw.str());
}

void WriteSchemaJson(const std::string& rev, const catalog::Catalog& catalog,
                     const std::vector<ir::Diagnostic>& diagnostics, std::ostream& out) {
  Json root;
  root["version"] = 1;
  root["rev"] = rev;
  root["tables"] = Json::array();
  for (const auto& [name, table] : catalog.tables()) {
    Json columns = Json::array();
    for (const catalog::Column& c : table.columns) {
      columns.push_back({{"name", c.name}, {"type", c.type}, {"not_null", c.not_null}});
    }
    root["tables"].push_back({{"name", name.ToString()}, {"file", table.span.file},
                              {"line", table.span.line}, {"columns", columns}});
  }
  root["views"] = Json::array();
  for (const auto& [name, view] : catalog.views()) {
    root["views"].push_back({{"name", name.ToString()}, {"file", view.span.file},
                             {"line", view.span.line}, {"materialized", view.materialized}});
  }
  root["enums"] = Json::array();
  for (const auto& [name, e] : catalog.enums()) {
    root["enums"].push_back({{"name", name.ToString()}, {"values", e.values}});
  }
  root["diagnostics"] = DiagnosticsJson(diagnostics);
  out << root.dump(2, ' ', false, Json::error_handler_t::replace) << "\n";
}

}  // namespace ds::report
