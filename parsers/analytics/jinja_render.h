#pragma once
/// Renders a dbt model's Jinja statically: ref(), source(), config(), var(), is_incremental(),
/// this, set/if/for over what can be known; macros run (the project's, the packages' present,
/// the built-ins of jinja_builtins.h); unknown ones become placeholders and diagnostics.
/// Nothing is executed but the templates themselves.
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "parsers/analytics/jinja_value.h"
#include "src/ir/diagnostic.h"
#include "src/ir/names.h"

namespace ds::analytics::jinja {

class MacroLibrary;

/// One ref() or source() call met while rendering.
struct RelationUse {
  enum class Kind : uint8_t { kRef, kSource };
  Kind kind = Kind::kRef;
  std::string package;  ///< ref('pkg', 'm'): "pkg"
  std::string name;     ///< ref: the model; source: the source's name
  std::string table;    ///< source: the table
  std::string version;  ///< ref('m', v=2): "2"
  ir::QualifiedName relation;  ///< what the resolver made of it
  int line = 0, column = 0;    ///< of the call, in the model file
  /// Only in a branch that is not part of the rendered SQL: the is_incremental() side, or the
  /// other branches of an {% if %} whose condition is not known.
  bool other_branch = false;
};

struct RenderContext {
  std::string file;                    ///< for diagnostics
  std::map<std::string, Value> vars;   ///< dbt_project.yml `vars:`
  /// The relation a ref() or source() names (its `relation` is still empty when called).
  std::function<ir::QualifiedName(const RelationUse&)> resolve;
  ir::QualifiedName this_relation;     ///< `{{ this }}`
  std::string target_name;             ///< `target.name`; empty: not known statically
  std::string target_schema;           ///< `target.schema`; empty: not known statically
  std::string target_database;         ///< `target.database`; empty: not known statically
  /// Names the template sees besides dbt's context (generate_schema_name's `custom_schema_name`
  /// and `node` when the namer calls it).
  std::map<std::string, Value> globals;
  /// Quotes relation names that need it in the rendered SQL: '"', or '`' where double quotes
  /// make strings (BigQuery, Databricks).
  char identifier_quote = '"';
  /// The project's and packages' macros (jinja_macros.h); null: only the built-ins run.
  const MacroLibrary* macros = nullptr;
  /// The columns of a relation, for the macros that list them (dbt_utils.star, union_relations,
  /// adapter.get_columns_in_relation): the catalog's answer once it is known; nullopt or unset:
  /// not known, and the macro's output is opaque.
  std::function<std::optional<std::vector<std::string>>(const ir::QualifiedName&)> relation_columns;
};

struct RenderResult {
  std::string sql;  ///< line i of the SQL is line i of the model (see SqlWriter)
  std::vector<RelationUse> uses;
  std::vector<std::pair<std::string, Value>> config;  ///< config(...) keywords, in call order
  bool incremental = false;                           ///< is_incremental() is used
  std::vector<ir::Diagnostic> diagnostics;            ///< sorted by place, no duplicates
};

/// Renders `text` (the model file's contents) with is_incremental() false.
RenderResult Render(std::string_view text, const RenderContext& context);

/// Evaluates one expression such as "ref('orders')" (an exposure's depends_on entry); calls
/// are recorded in `uses`, problems go to `diagnostics` at `line`.
Value EvaluateExpression(std::string_view text, const RenderContext& context, int line,
                         std::vector<RelationUse>& uses, std::vector<ir::Diagnostic>& diagnostics);

}  // namespace ds::analytics::jinja
