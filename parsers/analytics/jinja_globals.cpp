// The names a dbt template sees besides its own: dbt's context (what is known of it: invocation_id,
// run_started_at, project_name, modules.datetime) and Jinja's global functions (dict(), zip()).
// Which names dbt's context defines decides what an unset name is: one of dbt's we do not hold is
// unknown, any other is Jinja's Undefined (jinja_eval.cpp, EvalName).
#include <set>

#include "parsers/analytics/jinja_renderer.h"
#include "src/ir/limits.h"

namespace ds::analytics::jinja {
namespace {

/// dbt's model context (dbt-core's providers.py, base.py) and Jinja's globals: names a template
/// may use without setting them. Macros, packages and the project's name are added at lookup.
const std::set<std::string> kContextNames = {
    "adapter", "api", "builtins", "column", "config", "context", "cycler", "database", "dbt_metadata_envs",
    "dbt_version", "debug", "defer_relation", "diff_of_two_dicts", "dispatch", "doc", "env_var", "exceptions",
    "execute", "flags", "fromjson", "fromyaml", "graph", "invocation_args_dict", "invocation_id", "is_incremental",
    "joiner", "lipsum", "load_agate_table", "load_relation", "load_result", "local_md5", "log", "metric", "model",
    "modules", "namespace", "node", "post_hooks", "pre_hooks", "print", "project_name", "range", "ref", "render",
    "return", "run_query", "run_started_at", "schema", "schemas", "selected_resources", "set", "set_strict",
    "source", "sql", "sql_header", "statement", "store_raw_result", "store_result", "submit_python_job", "target",
    "this", "thread_id", "tojson", "toyaml", "try_or_compiler_error", "var", "write", "zip", "zip_strict",
    "database_schemas", "results", "Relation", "dict", "compiled_code",
};

/// The fixed id of "this run" (dbt: a UUID per invocation): a string that only lands in literals.
constexpr const char* kInvocationId = "00000000-0000-0000-0000-000000000000";

Value Dictionary(const std::vector<Value>& args, const std::vector<std::pair<std::string, Value>>& kwargs) {
  Dict out;
  auto put = [&](std::string key, const Value& value) {
    for (auto& entry : out) {
      if (entry.first == key) {
        entry.second = value;
        return;
      }
    }
    out.emplace_back(std::move(key), value);
  };
  if (!args.empty()) {
    const Value& from = args[0];
    if (from.kind == Kind::kDict) {
      for (const auto& [key, value] : *from.dict) put(key, value);
    } else if (from.kind == Kind::kList) {  // dict([('a', 1), ('b', 2)])
      for (const Value& pair : *from.list) {
        if (pair.kind != Kind::kList || pair.list->size() != 2) return Value::Unknown("dict");
        put(ToText((*pair.list)[0]), (*pair.list)[1]);
      }
    } else {
      return from.IsUnknown() ? from : Value::Unknown("dict");
    }
  }
  for (const auto& [key, value] : kwargs) put(key, value);
  return Value::MakeDict(std::move(out));
}

Value Zip(const std::vector<Value>& args) {
  size_t n = args.empty() ? 0 : ir::kMaxListItems;
  for (const Value& a : args) {
    if (a.kind != Kind::kList) return a.IsUnknown() ? a : Value::Unknown("zip");
    n = std::min(n, a.list->size());
  }
  List out;
  for (size_t i = 0; i < n; ++i) {
    List row;
    for (const Value& a : args) row.push_back((*a.list)[i]);
    out.push_back(Value::MakeList(std::move(row)));
  }
  return Value::MakeList(std::move(out));
}

}  // namespace

std::optional<Value> Renderer::GlobalValue(const std::string& name) const {
  if (name == "invocation_id") return Value::String(kInvocationId);
  if (name == "run_started_at") return datetime::RunStartedAt();
  // `dbt run` as CI or a scheduler runs it: not --full-refresh (is_incremental() false is the
  // first build). Other flags are not known (EvalAttr).
  if (name == "flags") return Value::MakeDict(Dict{{"FULL_REFRESH", Value::Bool(false)}});
  if (name == "project_name" && context_.macros != nullptr && !context_.macros->root.empty()) {
    return Value::String(context_.macros->root);
  }
  return std::nullopt;
}

bool Renderer::IsContextName(const std::string& name) const {
  if (kContextNames.count(name)) return true;
  if (const MacroLibrary* lib = context_.macros; lib != nullptr && (lib->HasPackage(name) || lib->root == name)) return true;
  // A package's namespace (dbt_utils, dbt_date) we have built-ins for, present or not.
  static const std::set<std::string> kNamespaces = [] {
    std::set<std::string> out;
    for (const std::string& builtin : BuiltinNames()) out.insert(builtin.substr(0, builtin.find('.')));
    return out;
  }();
  return kNamespaces.count(name) > 0;
}

std::optional<Value> Renderer::CallGlobal(const std::string& name, const Args& args, const Kwargs& kwargs, uint32_t) {
  if (name.starts_with("modules.datetime.")) return datetime::Call(name.substr(17), args, kwargs);
  if (name == "dict") return Dictionary(args, kwargs);
  if (name == "zip" || name == "zip_strict") return Zip(args);
  return std::nullopt;
}

}  // namespace ds::analytics::jinja
