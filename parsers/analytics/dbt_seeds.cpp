// dbt seeds: a CSV file under the seed paths is the table `dbt seed` loads. Its columns are the
// header's; their types are `column_types` when configured, else what dbt's agate type tester
// infers from the values (integer, float8, boolean, date, timestamp, text; empty and `null`
// values say nothing). Names fold as the warehouse folds unquoted names unless `quote_columns`.
#include <algorithm>
#include <cctype>
#include <map>

#include "parsers/analytics/dbt_internal.h"
#include "parsers/analytics/warehouse.h"

namespace ds::analytics {
namespace {

/// One CSV record from `at` (RFC 4180: quoted fields, doubled quotes, newlines inside quotes);
/// false at the end of the text.
bool NextRecord(std::string_view csv, size_t& at, std::vector<std::string>& fields) {
  fields.clear();
  if (at >= csv.size()) return false;
  std::string field;
  bool quoted = false;
  for (; at < csv.size(); ++at) {
    char c = csv[at];
    if (quoted) {
      if (c != '"') field += c;
      else if (at + 1 < csv.size() && csv[at + 1] == '"') field += csv[++at];
      else quoted = false;
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      fields.push_back(std::move(field));
      field.clear();
    } else if (c == '\n') {
      ++at;
      break;
    } else if (c != '\r') {
      field += c;
    }
  }
  fields.push_back(std::move(field));
  return true;
}

enum class Inferred { kNull, kInteger, kFloat, kBoolean, kDate, kTimestamp, kText };

bool Digits(std::string_view s, size_t from, size_t count) {
  if (from + count > s.size()) return false;
  return std::all_of(s.begin() + from, s.begin() + from + count, [](char c) { return c >= '0' && c <= '9'; });
}

Inferred Classify(const std::string& raw) {
  std::string v = raw;
  std::transform(v.begin(), v.end(), v.begin(),
                 [](char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); });
  if (v.empty() || v == "null") return Inferred::kNull;
  if (v == "true" || v == "false") return Inferred::kBoolean;
  // [+-]digits[.digits][e[+-]digits]: an integer without the fraction and the exponent.
  size_t i = v[0] == '-' || v[0] == '+' ? 1 : 0, digits = 0;
  bool fraction = false, exponent = false, number = true;
  for (; i < v.size() && number; ++i) {
    char c = v[i];
    if (c >= '0' && c <= '9') ++digits;
    else if (c == '.' && !fraction && !exponent) fraction = true;
    else if (c == 'e' && digits > 0 && !exponent && i + 1 < v.size()) {
      exponent = true;
      if (v[i + 1] == '-' || v[i + 1] == '+') ++i;
    } else number = false;
  }
  bool ends_well = (v.back() >= '0' && v.back() <= '9') || (v.back() == '.' && !exponent);
  if (number && digits > 0 && ends_well) return fraction || exponent ? Inferred::kFloat : Inferred::kInteger;
  if (v.size() == 10 && Digits(v, 0, 4) && v[4] == '-' && Digits(v, 5, 2) && v[7] == '-' && Digits(v, 8, 2)) {
    return Inferred::kDate;
  }
  if (v.size() >= 16 && Digits(v, 0, 4) && v[4] == '-' && v[7] == '-' && (v[10] == ' ' || v[10] == 't') &&
      Digits(v, 11, 2) && v[13] == ':' && Digits(v, 14, 2)) {
    return Inferred::kTimestamp;
  }
  return Inferred::kText;
}

Inferred Widen(Inferred a, Inferred b) {
  if (a == Inferred::kNull || a == b) return b;
  if (b == Inferred::kNull) return a;
  auto either = [&](Inferred x, Inferred y) { return (a == x && b == y) || (a == y && b == x); };
  if (either(Inferred::kInteger, Inferred::kFloat)) return Inferred::kFloat;
  if (either(Inferred::kDate, Inferred::kTimestamp)) return Inferred::kTimestamp;
  return Inferred::kText;
}

const char* TypeName(Inferred t) {
  switch (t) {
    case Inferred::kNull:
    case Inferred::kInteger: return "integer";  // agate's first type accepts a column of nulls
    case Inferred::kFloat: return "float8";
    case Inferred::kBoolean: return "boolean";
    case Inferred::kDate: return "date";
    case Inferred::kTimestamp: return "timestamp";
    case Inferred::kText: return "text";
  }
  return "text";
}

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

}  // namespace

std::vector<ColumnContract> SeedColumns(const std::string& file, std::string_view csv, const ConfigMap& config,
                                        std::vector<ir::Diagnostic>& diagnostics) {
  // A seed with no header defines no columns; one whose header loses a column is read partly.
  auto warn = [&](std::string message, ir::DiagCode code = ir::DiagCode::kUnsupported) {
    diagnostics.push_back(ir::Diagnostic{ir::Severity::kWarning, ir::SourceSpan{file, 1, 1}, std::move(message), code});
  };
  if (csv.starts_with("\xEF\xBB\xBF")) csv.remove_prefix(3);  // a byte-order mark
  size_t at = 0;
  std::vector<std::string> header, row;
  if (!NextRecord(csv, at, header) || (header.size() == 1 && header[0].empty())) {
    warn("the seed has no header row: its table has no columns", ir::DiagCode::kNotAQuery);
    return {};
  }
  std::vector<Inferred> types(header.size(), Inferred::kNull);
  while (NextRecord(csv, at, row)) {
    for (size_t i = 0; i < row.size() && i < header.size(); ++i) types[i] = Widen(types[i], Classify(row[i]));
  }
  std::map<std::string, std::string> given;  // column_types, by lower-case name
  if (auto it = config.find("column_types"); it != config.end() && it->second.kind == jinja::Kind::kDict) {
    for (const auto& [name, type] : *it->second.dict) given[Lower(name)] = jinja::ToText(type);
  }
  std::vector<ColumnContract> out;
  for (size_t i = 0; i < header.size(); ++i) {
    if (header[i].empty()) {
      warn("column " + std::to_string(i + 1) + " of the seed's header has no name: it is left out");
      continue;
    }
    auto same = [&](const ColumnContract& c) { return Lower(c.name) == Lower(header[i]); };
    if (std::any_of(out.begin(), out.end(), same)) {
      warn("the seed's header names '" + header[i] + "' twice: the second is left out");
      continue;
    }
    auto type = given.find(Lower(header[i]));
    out.push_back(ColumnContract{header[i], type != given.end() ? type->second : TypeName(types[i])});
  }
  return out;
}

std::shared_ptr<const ir::ParsedFile> SeedTable(const Seed& seed, bool quote_columns, const dialect::Dialect& dialect) {
  ir::CreateTable table;
  table.table = RenderedName(seed.relation, dialect);
  for (const ColumnContract& c : seed.columns) {
    ir::TableElement element;
    element.column = ir::ColumnDef{dialect.Canonical(c.name, quote_columns), c.data_type, false};
    table.elements.push_back(std::move(element));
  }
  auto parsed = std::make_shared<ir::ParsedFile>();
  parsed->ops.push_back(ir::SchemaOp{ir::SourceSpan{seed.file, 1, 1}, std::move(table)});
  return parsed;
}

}  // namespace ds::analytics
