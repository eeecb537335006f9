#include "parsers/sql/type_name.h"

#include <string_view>
#include <vector>

namespace ds::parsers::sql {
namespace {

struct Alias {
  std::string_view name;    // as written, or as the grammar spells a built-in type
  std::string_view pretty;  // as format_type() prints it
};

// Internal names (pg_catalog.int4 from `integer`) and the aliases PostgreSQL resolves itself.
constexpr Alias kAliases[] = {
    {"int2", "smallint"},
    {"int4", "integer"},
    {"int", "integer"},
    {"integer", "integer"},
    {"int8", "bigint"},
    {"smallserial", "smallint"},
    {"serial2", "smallint"},
    {"serial", "integer"},
    {"serial4", "integer"},
    {"bigserial", "bigint"},
    {"serial8", "bigint"},
    {"float4", "real"},
    {"float8", "double precision"},
    {"bool", "boolean"},
    {"varchar", "character varying"},
    {"bpchar", "character"},
    {"decimal", "numeric"},
    {"timestamp", "timestamp without time zone"},
    {"timestamptz", "timestamp with time zone"},
    {"time", "time without time zone"},
    {"timetz", "time with time zone"},
    {"varbit", "bit varying"},
};

std::string_view Pretty(std::string_view name) {
  for (const Alias& alias : kAliases) {
    if (alias.name == name) return alias.pretty;
  }
  return name;
}

/// Integer type modifiers ((255), (10,2)); non-constant modifiers are left out.
std::vector<int> Modifiers(const PgQuery__TypeName* type) {
  std::vector<int> out;
  for (size_t i = 0; i < type->n_typmods; ++i) {
    const PgQuery__Node* node = type->typmods[i];
    if (node->node_case == PG_QUERY__NODE__NODE_A_CONST &&
        node->a_const->val_case == PG_QUERY__A__CONST__VAL_IVAL) {
      out.push_back(node->a_const->ival != nullptr ? node->a_const->ival->ival : 0);
    }
  }
  return out;
}

std::string Parenthesized(const std::vector<int>& mods) {
  if (mods.empty()) return "";
  std::string out = "(";
  for (size_t i = 0; i < mods.size(); ++i) {
    if (i > 0) out += ",";
    out += std::to_string(mods[i]);
  }
  return out + ")";
}

/// interval's modifiers are a field mask (YEAR TO MONTH, ...) and an optional precision.
std::string FormatInterval(const std::vector<int>& mods) {
  constexpr int kYear = 1 << 2, kMonth = 1 << 1, kDay = 1 << 3, kHour = 1 << 10,
                kMinute = 1 << 11, kSecond = 1 << 12;
  constexpr struct {
    int mask;
    const char* text;
  } kFields[] = {
      {kYear, " year"}, {kMonth, " month"}, {kDay, " day"}, {kHour, " hour"},
      {kMinute, " minute"}, {kSecond, " second"}, {kYear | kMonth, " year to month"},
      {kDay | kHour, " day to hour"}, {kDay | kHour | kMinute, " day to minute"},
      {kDay | kHour | kMinute | kSecond, " day to second"}, {kHour | kMinute, " hour to minute"},
      {kHour | kMinute | kSecond, " hour to second"}, {kMinute | kSecond, " minute to second"},
  };
  std::string out = "interval";
  if (!mods.empty()) {
    for (const auto& field : kFields) {
      if (field.mask == mods[0]) out += field.text;
    }
  }
  if (mods.size() > 1) out += "(" + std::to_string(mods[1]) + ")";
  return out;
}

/// Built-in types: the name format_type() prints, with its modifiers in the right place.
std::string FormatBuiltin(std::string_view name, const std::vector<int>& mods) {
  std::string_view pretty = Pretty(name);
  std::string_view zone;
  if (pretty == "timestamp without time zone" || pretty == "time without time zone") {
    zone = " without time zone";
  } else if (pretty == "timestamp with time zone" || pretty == "time with time zone") {
    zone = " with time zone";
  }
  if (!zone.empty()) {
    std::string_view head = pretty.substr(0, pretty.size() - zone.size());
    return std::string(head) + Parenthesized(mods) + std::string(zone);
  }
  if (pretty == "numeric" && mods.size() == 1) return "numeric(" + std::to_string(mods[0]) + ",0)";
  if (pretty == "interval") return FormatInterval(mods);
  if (name == "char") return "\"char\"";  // the one-byte internal type, quoted by format_type()
  return std::string(pretty) + Parenthesized(mods);
}

}  // namespace

std::string FormatTypeName(const PgQuery__TypeName* type) {
  if (type == nullptr) return "";
  std::vector<std::string> names = pg::StringsOf(type->names, type->n_names);
  if (names.empty()) return "";
  std::vector<int> mods = Modifiers(type);
  std::string out;
  if (names.size() == 1 || (names.size() == 2 && names[0] == "pg_catalog")) {
    out = FormatBuiltin(names.back(), mods);
  } else {
    // A user type as given, qualified if it was ("public.mood"); three parts drop the database.
    ir::QualifiedName qualified = pg::NameOf(names);
    out = qualified.ToString() + Parenthesized(mods);
  }
  if (type->n_array_bounds > 0) out += "[]";  // format_type prints one [] whatever the dims
  return out;
}

bool IsSerialType(const PgQuery__TypeName* type) {
  if (type == nullptr || type->n_names != 1 || type->n_array_bounds > 0) return false;
  std::string_view name = pg::StringOf(type->names[0]);
  return name == "serial" || name == "bigserial" || name == "smallserial" || name == "serial2" ||
         name == "serial4" || name == "serial8";
}

}  // namespace ds::parsers::sql
