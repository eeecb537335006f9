// dbt's relation-naming macros, as dbt-core writes them (macros/get_custom_name/*.sql), for a
// project's generate_schema_name / generate_alias_name / generate_database_name overrides that
// call the defaults: `{{ default__generate_schema_name(custom_schema_name, node) }}`,
// `{{ generate_schema_name_for_env(custom_schema_name, node) }}`; and the defaults themselves
// (naming::), which the namer (dbt_naming.cpp) applies when the project overrides nothing.
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

std::optional<std::string> CustomText(const BuiltinCall& c, const char* keyword) {
  const Value* v = Custom(c, keyword);
  return v ? std::optional<std::string>(ToText(*v)) : std::nullopt;
}

Value TargetSchema(const BuiltinCall& c) {
  if (c.context.target_schema.empty()) return c.Opaque("target.schema is not known");
  return Value::String(c.context.target_schema);
}

Value DefaultSchemaName(const BuiltinCall& c) {
  if (c.context.target_schema.empty()) return c.Opaque("target.schema is not known");
  return Value::String(naming::DefaultSchema(c.context.target_schema, CustomText(c, "custom_schema_name")));
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
  const Value* custom = Custom(c, "custom_alias_name");
  const Value* node = c.Arg(1, "node");
  const Value* name = node ? node->Get("name") : nullptr;
  const Value* version = node ? node->Get("version") : nullptr;
  std::string alias = custom && TruthOf(*custom) == Truth::kTrue ? ToText(*custom) : "";
  if (alias.empty() && name == nullptr) return c.Opaque("no node given");
  return Value::String(naming::DefaultAlias(alias, name ? ToText(*name) : "",
                                            version && TruthOf(*version) == Truth::kTrue ? ToText(*version) : ""));
}

Value DefaultDatabaseName(const BuiltinCall& c) {
  std::optional<std::string> custom = CustomText(c, "custom_database_name");
  if (!custom && c.context.target_database.empty()) return c.Opaque("target.database is not known");
  return Value::String(naming::DefaultDatabase(c.context.target_database, custom));
}

}  // namespace

namespace naming {

std::string DefaultSchema(const std::string& target_schema, const std::optional<std::string>& custom) {
  return custom ? target_schema + "_" + Trim(*custom) : target_schema;
}

std::string DefaultAlias(const std::string& custom, const std::string& name, const std::string& version) {
  if (!custom.empty()) return Trim(custom);
  if (version.empty()) return name;
  std::string v = version;
  for (char& c : v) c = c == '.' ? '_' : c;
  return name + "_v" + v;
}

std::string DefaultDatabase(const std::string& target_database, const std::optional<std::string>& custom) {
  return custom ? Trim(*custom) : target_database;
}

}  // namespace naming

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
