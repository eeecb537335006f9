#include "parsers/treesitter/sql_type.h"

#include <unordered_map>
#include <variant>

#include "parsers/sql/parse_sql.h"

namespace ds::parsers {

std::string QuoteIdentifier(std::string_view name) {
  std::string out = "\"";
  for (char c : name) {
    out += c;
    if (c == '"') out += '"';
  }
  return out + "\"";
}

std::string FormatSqlType(std::string_view sql_type) {
  thread_local std::unordered_map<std::string, std::string> cache;
  std::string key(sql_type);
  if (auto found = cache.find(key); found != cache.end()) return found->second;
  std::string formatted;
  ir::ParsedFile parsed = ParseSqlFile("", "ALTER TABLE t ADD COLUMN c " + key + ";");
  if (parsed.diagnostics.empty() && parsed.ops.size() == 1) {
    if (const auto* add = std::get_if<ir::AddColumn>(&parsed.ops[0].op)) formatted = add->column.type;
  }
  if (formatted.empty()) {
    for (char c : key) formatted += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  cache.emplace(key, formatted);
  return formatted;
}

}  // namespace ds::parsers
