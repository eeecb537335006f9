#include "parsers/analytics/warehouse.h"

#include <algorithm>
#include <cctype>

#include "parsers/analytics/dbt_internal.h"
#include "parsers/analytics/jinja_value.h"
#include "parsers/sql/parse_sql.h"

namespace ds::analytics {
namespace {

constexpr std::string_view kTable = "{table}";

std::string Lower(const std::string& text) { return ir::FoldIdentifier(text); }

bool AllUpper(const std::string& name) {
  return std::none_of(name.begin(), name.end(), [](char c) { return std::islower(static_cast<unsigned char>(c)); });
}

std::string UnwrapExact(const std::string& name, const std::string& pattern) {
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

std::string UnwrapTable(const std::string& name, const std::string& pattern) {
  std::string table = UnwrapExact(name, pattern);
  if (table.empty() && AllUpper(name)) table = UnwrapExact(Lower(name), Lower(pattern));
  return AllUpper(name) ? Lower(table) : table;
}

std::optional<ir::QualifiedName> ToProduction(const ir::QualifiedName& warehouse, const std::vector<Mirror>& mirrors) {
  for (const Mirror& m : mirrors) {
    if (Lower(m.warehouse_schema) != Lower(warehouse.schema)) continue;
    std::string table = UnwrapTable(warehouse.name, m.table_pattern.empty() ? "{table}" : m.table_pattern);
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

ir::QualifiedName RenderedName(const ir::QualifiedName& name, const dialect::Dialect& dialect) {
  char quote = IdentifierQuote(dialect);
  auto part = [&](const std::string& raw) { return dialect.Canonical(raw, jinja::QuoteIdentifier(raw, quote) != raw); };
  return ir::QualifiedName{part(name.schema), part(name.name)};
}

ir::QualifiedName ConfiguredName(const Source& source, const dialect::Dialect& dialect) {
  if (source.schema.empty()) return RenderedName(source.relation, dialect);
  return RenderedName(ir::QualifiedName{source.schema, source.relation.name}, dialect);
}

std::vector<ir::SchemaOp> MirrorViews(const AnalyticsProject& project, const std::vector<Mirror>& mirrors) {
  std::vector<ir::SchemaOp> out;
  for (const Source& s : project.sources) {
    std::optional<ir::QualifiedName> production = ToProduction(ConfiguredName(s, *project.dialect), mirrors);
    if (!production) continue;
    std::string sql = "CREATE VIEW " + Quoted(RenderedName(s.relation, *project.dialect)) + " AS SELECT * FROM " +
                      Quoted(*production);
    ir::ParsedFile parsed = parsers::ParseEmbeddedSql(s.file, sql, s.line, 1);
    for (ir::SchemaOp& op : parsed.ops) {
      auto* view = std::get_if<ir::CreateView>(&op.op);
      if (view == nullptr) continue;
      view->kind = ir::RelationKind::kSource;  // a copy: in the paths, never a consumer
      out.push_back(std::move(op));
    }
  }
  return out;
}

}  // namespace ds::analytics
