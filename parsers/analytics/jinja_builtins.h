#pragma once
/// dbt's and dbt_utils' macros that write SQL, in our own code: dbt_packages/ is rarely committed,
/// so `dbt.date_trunc('day', 'ordered_at')` or `dbt_utils.generate_surrogate_key(['a', 'b'])` must
/// render without them. Each writes PostgreSQL-flavoured SQL in which every column passed as a
/// string appears as a column reference, so lineage sees what the model reads. The list is in
/// the README ("Built-in macros").
#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "parsers/analytics/jinja_render.h"

namespace ds::analytics::jinja {

/// One call of a built-in: its arguments and what it may ask of the render.
struct BuiltinCall {
  std::string name;  ///< "dbt_utils.star"
  const std::vector<Value>& args;
  const std::vector<std::pair<std::string, Value>>& kwargs;
  const RenderContext& context;
  /// Says why the output is opaque (a template-error diagnostic at the call).
  std::function<void(const std::string&)> report;

  /// The argument at `position` or named `keyword`; nullptr when not given.
  const Value* Arg(size_t position, const std::string& keyword) const;
  /// The same, as text, `fallback` when not given.
  std::string Text(size_t position, const std::string& keyword, const std::string& fallback = "") const;
  /// An opaque result: reported (`why`), then unknown.
  Value Opaque(const std::string& why) const;
};

using BuiltinFn = Value (*)(const BuiltinCall&);

/// The built-in `qualified` ("dbt.date_trunc", "dbt_utils.star"); nullptr when there is none.
/// dbt_utils' older cross-database names (`dbt_utils.type_string`) are dbt's.
BuiltinFn FindBuiltin(const std::string& qualified);
/// Whether the built-in `qualified` is called with arguments nobody knows and answers for them
/// itself (union_relations over relations only the warehouse lists): the others' output is
/// opaque as soon as one argument is unknown.
bool TakesUnknownArguments(const std::string& qualified);
/// Every built-in's qualified name, sorted (README, tests).
std::vector<std::string> BuiltinNames();

/// The columns of `relation` (a ref()/source() value) through RenderContext::relation_columns;
/// nullopt when not known.
std::optional<std::vector<std::string>> RelationColumns(const BuiltinCall& call, const Value& relation);

// jinja_builtins_utils.cpp: dbt_utils and dbt_date.
const std::vector<std::pair<const char*, BuiltinFn>>& UtilsBuiltins();
// jinja_builtins_naming.cpp: generate_schema_name and its kin, as dbt writes them.
const std::vector<std::pair<const char*, BuiltinFn>>& NamingBuiltins();

/// dbt's default relation names (dbt-core's default__generate_*_name), for the built-ins and for
/// the namer of a project that overrides nothing. A custom name is trimmed.
namespace naming {
/// `<target_schema>_<custom>`; the target schema when no custom schema is given.
std::string DefaultSchema(const std::string& target_schema, const std::optional<std::string>& custom);
/// The custom alias when not empty, else the name, `<name>_v<version>` (dots as underscores).
std::string DefaultAlias(const std::string& custom, const std::string& name, const std::string& version);
/// The custom database when given, else the target's.
std::string DefaultDatabase(const std::string& target_database, const std::optional<std::string>& custom);
}  // namespace naming

/// Shared by the built-ins' files (jinja_builtins.cpp, jinja_builtins_utils.cpp).
namespace builtin_sql {
/// SQL text as a value.
Value Sql(std::string text);
/// A parameter that is a column list or one column: its items as SQL text.
std::vector<std::string> Items(const Value* v);
std::string Join(const std::vector<std::string>& items, const std::string& separator);
/// ASCII lower case.
std::string Lower(std::string s);
}  // namespace builtin_sql

}  // namespace ds::analytics::jinja
