// dbt's context functions: ref(), source(), var(), config(), is_incremental(), env_var(), and
// the few harmless builtins (log, range, namespace); then macros (jinja_macro_call.cpp). A call
// to anything else is an unknown macro: it is reported where it is called and its result is
// unknown.
#include <set>

#include "parsers/analytics/jinja_renderer.h"
#include "src/ir/limits.h"

namespace ds::analytics::jinja {
namespace {

/// Functions that print nothing and whose effects do not matter to lineage.
const std::set<std::string> kSilent = {"log", "print", "exceptions.raise_compiler_error",
                                       "exceptions.warn"};


}  // namespace

Value Renderer::CallFunction(const std::string& name, const Expr& e, const std::vector<Value>& args,
                             const std::vector<std::pair<std::string, Value>>& kwargs, int caller) {
  // A project that overrides ref() reaches dbt's own through `builtins`.
  if (name.starts_with("builtins.")) return CallFunction(name.substr(9), e, args, kwargs, caller);
  if (name == "ref") return Ref(e, args, kwargs);
  if (name == "source") return Source(e, args);
  if (name == "var") return Var(e, args);
  if (name == "is_incremental") {
    incremental_seen_ = true;
    result_.incremental = true;
    return Value::Bool(false);
  }
  if (name == "config") {
    if (shadow_depth_ == 0) {
      for (const Value& a : args) {
        if (a.kind == Kind::kDict) result_.config.insert(result_.config.end(), a.dict->begin(), a.dict->end());
      }
      result_.config.insert(result_.config.end(), kwargs.begin(), kwargs.end());
    }
    return Value::String("");
  }
  if (name == "env_var") {
    if (args.size() > 1) return args[1];
    return Value::Unknown("env_var('" + (args.empty() ? "" : ToText(args[0])) + "')");
  }
  if (name == "namespace" || name == "dict") return Value::MakeDict(Dict(kwargs.begin(), kwargs.end()));
  if (name == "range" && !args.empty() && args[0].kind == Kind::kInt) {
    int64_t from = args.size() > 1 ? args[0].integer : 0;
    int64_t to = args.size() > 1 && args[1].kind == Kind::kInt ? args[1].integer : args[0].integer;
    List items;
    for (int64_t i = from; i < to && items.size() < ir::kMaxLoopIterations; ++i) items.push_back(Value::Int(i));
    steps_ += items.size();  // built anew at each call: a range in a loop is that loop's work times its size
    return Value::MakeList(std::move(items));
  }
  if (name == "adapter.quote" && !args.empty()) return args[0];
  if (name == "return") return Return(args);
  if (name == "adapter.dispatch") return DispatchCall(e, args, kwargs);
  if (kSilent.count(name)) return Value::String("");
  if (std::optional<Callable> macro = ResolveMacro(name)) return Invoke(*macro, args, kwargs, e.offset, caller);
  Report(e.offset, "macro '" + name + "' is not run: its output is treated as opaque");
  return Value::Unknown(name, true);
}

Value Renderer::Use(RelationUse use, uint32_t offset) {
  auto [line, column] = Position(offset);
  use.line = line;
  use.column = column;
  use.other_branch = shadow_depth_ > 0;
  if (context_.resolve) use.relation = context_.resolve(use);
  Value v = Value::Relation(use.relation.schema, use.relation.name, context_.identifier_quote);
  result_.uses.push_back(std::move(use));
  return v;
}

Value Renderer::Ref(const Expr& e, const std::vector<Value>& args,
                    const std::vector<std::pair<std::string, Value>>& kwargs) {
  RelationUse use;
  use.kind = RelationUse::Kind::kRef;
  for (const Value& a : args) {
    if (a.kind != Kind::kString) {
      Report(e.offset, "ref() with an argument that is not known statically");
      return Value::Unknown("ref", true);
    }
  }
  if (args.size() == 1) {
    use.name = args[0].text;
  } else if (args.size() == 2) {
    use.package = args[0].text;
    use.name = args[1].text;
  } else {
    Report(e.offset, "ref() takes one or two names");
    return Value::Unknown("ref", true);
  }
  for (const auto& [key, value] : kwargs) {
    if (key == "v" || key == "version") use.version = ToText(value);
  }
  return Use(std::move(use), e.offset);
}

Value Renderer::Source(const Expr& e, const std::vector<Value>& args) {
  if (args.size() != 2 || args[0].kind != Kind::kString || args[1].kind != Kind::kString) {
    Report(e.offset, "source() needs two names known statically");
    return Value::Unknown("source", true);
  }
  RelationUse use;
  use.kind = RelationUse::Kind::kSource;
  use.name = args[0].text;
  use.table = args[1].text;
  return Use(std::move(use), e.offset);
}

Value Renderer::Var(const Expr& e, const std::vector<Value>& args) {
  if (args.empty()) return Value::Unknown("var");
  std::string name = ToText(args[0]);
  auto it = context_.vars.find(name);
  if (it != context_.vars.end()) return it->second;
  if (args.size() > 1) return args[1];
  Report(e.offset, "var '" + name + "' is not set in dbt_project.yml and has no default");
  return Value::Unknown("var('" + name + "')", true);
}

}  // namespace ds::analytics::jinja
