#include "parsers/analytics/warehouse.h"

#include "parsers/analytics/jinja_value.h"
#include "parsers/sql/parse_sql.h"

namespace ds::analytics {
namespace {

constexpr std::string_view kTable = "{table}";

/// The production table name inside a warehouse table name, per the pattern; "" when it does not fit.
std::string Unwrap(const std::string& name, const std::string& pattern) {
  size_t at = pattern.find(kTable);
  if (at == std::string::npos) return "";
  std::string prefix = pattern.substr(0, at), suffix = pattern.substr(at + kTable.size());
  if (name.size() <= prefix.size() + suffix.size()) return "";
  if (!name.starts_with(prefix) || !name.ends_with(suffix)) return "";
  return name.substr(prefix.size(), name.size() - prefix.size() - suffix.size());
}

std::string Wrap(const std::string& table, const std::string& pattern) {
  size_t at = pattern.find(kTable);
  if (at == std::string::npos) return table;
  return pattern.substr(0, at) + table + pattern.substr(at + kTable.size());
}

std::string Quoted(const ir::QualifiedName& name) {
  return jinja::QuoteIdentifier(name.schema) + "." + jinja::QuoteIdentifier(name.name);
}

}  // namespace

std::optional<ir::QualifiedName> ToProduction(const ir::QualifiedName& warehouse, const std::vector<Mirror>& mirrors) {
  for (const Mirror& m : mirrors) {
    if (m.warehouse_schema != warehouse.schema) continue;
    std::string table = Unwrap(warehouse.name, m.table_pattern.empty() ? "{table}" : m.table_pattern);
    if (!table.empty()) return ir::QualifiedName{m.production_schema, table};
  }
  return std::nullopt;
}

std::vector<ir::QualifiedName> ToWarehouse(const ir::QualifiedName& production, const std::vector<Mirror>& mirrors) {
  std::vector<ir::QualifiedName> out;
  for (const Mirror& m : mirrors) {
    if (m.production_schema != production.schema) continue;
    out.push_back(ir::QualifiedName{m.warehouse_schema, Wrap(production.name, m.table_pattern)});
  }
  return out;
}

std::vector<ir::SchemaOp> MirrorViews(const AnalyticsProject& project, const std::vector<Mirror>& mirrors) {
  std::vector<ir::SchemaOp> out;
  for (const Source& s : project.sources) {
    std::optional<ir::QualifiedName> production = ToProduction(s.relation, mirrors);
    if (!production) continue;
    std::string sql = "CREATE VIEW " + Quoted(s.relation) + " AS SELECT * FROM " + Quoted(*production);
    ir::ParsedFile parsed = parsers::ParseEmbeddedSql(s.file, sql, s.line, 1);
    for (ir::SchemaOp& op : parsed.ops) {
      if (std::holds_alternative<ir::CreateView>(op.op)) out.push_back(std::move(op));
    }
  }
  return out;
}

}  // namespace ds::analytics
