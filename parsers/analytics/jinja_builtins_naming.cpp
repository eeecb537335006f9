// dbt's relation-naming macros, as dbt-core writes them (macros/get_custom_name/*.sql), for a
// project's generate_schema_name / generate_alias_name / generate_database_name overrides that
// call the defaults: `{{ default__generate_schema_name(custom_schema_name, node) }}`,
// `{{ generate_schema_name_for_env(custom_schema_name, node) }}`. The namer (dbt_naming.cpp)
// applies the same rules when the project overrides nothing.
#include "parsers/analytics/jinja_builtins.h"

namespace ds::analytics::jinja {
namespace {

std::string Trim(std::string s) {
  size_t begin = s.find_first_not_of(" \t\r\n");
  if (begin == std::string::npos) return "";
  return s.substr(begin, s.find_last_not_of(" \t\r\n") - begin + 1);
}

/// The custom name given (none, or undefined: absent).
const Value* Custom(const BuiltinCall& c, const char* keyword) {
  const Value* v = c.Arg(0, keyword);
  return v == nullptr || v->kind == Kind::kNone || v->kind == Kind::kUndefined ? nullptr : v;
}

Value TargetSchema(const BuiltinCall& c) {
  if (c.context.target_schema.empty()) return c.Opaque("target.schema is not known");
  return Value::String(c.context.target_schema);
}

Value DefaultSchemaName(const BuiltinCall& c) {
  const Value* custom = Custom(c, "custom_schema_name");
  if (custom == nullptr) return TargetSchema(c);
  if (c.context.target_schema.empty()) return c.Opaque("target.schema is not known");
  return Value::String(c.context.target_schema + "_" + Trim(ToText(*custom)));
}

Value SchemaNameForEnv(const BuiltinCall& c) {
  const Value* custom = Custom(c, "custom_schema_name");
  if (custom == nullptr) return TargetSchema(c);
  if (c.context.target_name.empty()) {
    // The production names are the ones consumers read: the prod branch, said once.
    c.report("macro '" + c.name + "': target.name is not known (downstream.yml `target:`): read as 'prod'");
  } else if (c.context.target_name != "prod") {
    return TargetSchema(c);
  }
  return Value::String(Trim(ToText(*custom)));
}

Value DefaultAliasName(const BuiltinCall& c) {
  if (const Value* custom = Custom(c, "custom_alias_name"); custom != nullptr && TruthOf(*custom) == Truth::kTrue) {
    return Value::String(Trim(ToText(*custom)));
  }
  const Value* node = c.Arg(1, "node");
  const Value* name = node ? node->Get("name") : nullptr;
  if (name == nullptr) return c.Opaque("no node given");
  const Value* version = node->Get("version");
  if (version != nullptr && TruthOf(*version) == Truth::kTrue) {
    std::string v = ToText(*version);
    for (char& ch : v) ch = ch == '.' ? '_' : ch;
    return Value::String(ToText(*name) + "_v" + v);
  }
  return Value::String(ToText(*name));
}

Value DefaultDatabaseName(const BuiltinCall& c) {
  if (const Value* custom = Custom(c, "custom_database_name")) return Value::String(Trim(ToText(*custom)));
  if (c.context.target_database.empty()) return c.Opaque("target.database is not known");
  return Value::String(c.context.target_database);
}

}  // namespace

const std::vector<std::pair<const char*, BuiltinFn>>& NamingBuiltins() {
  static const std::vector<std::pair<const char*, BuiltinFn>> kNaming = {
      {"dbt.default__generate_alias_name", DefaultAliasName},
      {"dbt.default__generate_database_name", DefaultDatabaseName},
      {"dbt.default__generate_schema_name", DefaultSchemaName},
      {"dbt.generate_alias_name", DefaultAliasName},
      {"dbt.generate_database_name", DefaultDatabaseName},
      {"dbt.generate_schema_name", DefaultSchemaName},
      {"dbt.generate_schema_name_for_env", SchemaNameForEnv},
  };
  return kNaming;
}

}  // namespace ds::analytics::jinja
