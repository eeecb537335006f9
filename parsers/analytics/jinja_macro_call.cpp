// Macros run. A call binds the macro's parameters (positional, then keyword, then defaults
// evaluated in the macro's own scope; the rest in `varargs` and `kwargs`), renders its body in a
// frame of its own (fresh scopes, its file's text, its package for unqualified names) and gives
// what it wrote, or what return() was given. caller() renders a {% call %} block's body where it
// was written, with the scopes it saw. A diagnostic raised inside another file's macro is said at
// the model's call, naming the macro. Depth, work and output stay within the render's bounds.
#include <algorithm>

#include "parsers/analytics/jinja_renderer.h"
#include "src/ir/limits.h"

namespace ds::analytics::jinja {

void Renderer::DefineLocalMacros(const std::vector<Node>& body) {
  for (const Node& n : body) {
    if (n.kind != Node::Kind::kMacro || n.what.empty() || n.branches.empty()) continue;
    local_macros_.emplace(n.what, MacroDef{n.what, "", context_.file, model_text_, &n, Position(n.begin).first});
  }
}

std::string Renderer::InMacro(const std::string& message) const {
  return "in macro " + frame_name_ + ": " + message;
}

Value Renderer::MacroValue(Callable c) {
  std::string key = c.kind == Callable::Kind::kCaller ? "" : std::to_string(static_cast<int>(c.kind)) + c.name;
  if (!key.empty()) {
    auto it = callable_index_.find(key);
    if (it != callable_index_.end()) return Value::Macro(c.name, static_cast<int64_t>(it->second));
    callable_index_.emplace(key, callables_.size());
  }
  std::string name = c.name;
  callables_.push_back(std::move(c));
  return Value::Macro(std::move(name), static_cast<int64_t>(callables_.size() - 1));
}

std::optional<Renderer::Callable> Renderer::Dispatch(const std::string& name, const std::string& space) {
  std::string qualified = (space.empty() ? "dbt" : space) + "." + name;
  BuiltinFn builtin = FindBuiltin(qualified);
  if (const MacroLibrary* lib = context_.macros) {
    std::vector<std::string> order = lib->SearchOrder(space);
    if (space.empty() && !package_.empty() && package_ != lib->root) order.insert(order.begin(), package_);
    for (const std::string& package : order) {
      // A package's own version of a macro we have built in needs the warehouse (star reads the
      // columns with a query): ours answers instead. The project's overrides still win.
      if (builtin != nullptr && package == space) continue;
      for (const std::string& prefix : lib->AdapterPrefixes()) {
        if (const MacroDef* def = lib->Find(package, prefix + "__" + name)) {
          return Callable{Callable::Kind::kMacro, def->name, def, nullptr, 0};
        }
      }
    }
  }
  if (builtin != nullptr) return Callable{Callable::Kind::kBuiltin, qualified, nullptr, builtin, 0};
  return std::nullopt;
}

std::optional<Renderer::Callable> Renderer::ResolveMacro(const std::string& name) {
  const MacroLibrary* lib = context_.macros;
  auto of = [&](const MacroDef* def) -> std::optional<Callable> {
    if (def == nullptr) return std::nullopt;
    return Callable{Callable::Kind::kMacro, name, def, nullptr, 0};
  };
  size_t dot = name.find('.');
  if (dot == std::string::npos) {
    if (!foreign_) {
      auto it = local_macros_.find(name);
      if (it != local_macros_.end()) return of(&it->second);
    }
    if (lib != nullptr) {
      if (!package_.empty()) {
        if (auto c = of(lib->Find(package_, name))) return c;
      }
      if (auto c = of(lib->Find(lib->root, name))) return c;
    }
    // dbt's own macros are global: date_trunc(...) is dbt.date_trunc(...).
    if (FindBuiltin("dbt." + name)) return Dispatch(name, "dbt");
    return std::nullopt;
  }
  std::string space = name.substr(0, dot), macro = name.substr(dot + 1);
  if (macro.find('.') != std::string::npos) return std::nullopt;
  if (FindBuiltin(space + "." + macro)) return Dispatch(macro, space);
  if (lib != nullptr) return of(lib->Find(space, macro));
  return std::nullopt;
}

Value Renderer::DispatchCall(const Expr& e, const Args& args, const Kwargs& kwargs) {
  auto arg = [&](size_t position, const char* keyword) -> const Value* {
    if (position < args.size()) return &args[position];
    for (const auto& [key, value] : kwargs) {
      if (key == keyword) return &value;
    }
    return nullptr;
  };
  const Value* name = arg(0, "macro_name");
  const Value* space = arg(1, "macro_namespace");
  if (name == nullptr || name->kind != Kind::kString || (space != nullptr && space->kind != Kind::kString && space->kind != Kind::kNone)) {
    Report(e.offset, "adapter.dispatch() with a macro name or namespace that is not known statically");
    return Value::Unknown("adapter.dispatch", true);
  }
  std::string ns = space != nullptr && space->kind == Kind::kString ? space->text : "";
  if (std::optional<Callable> c = Dispatch(name->text, ns)) return MacroValue(std::move(*c));
  std::string prefix = context_.macros ? context_.macros->AdapterPrefixes().front() : "default";
  Report(e.offset, "adapter.dispatch('" + name->text + "'" + (ns.empty() ? "" : ", '" + ns + "'") + "): no macro '" +
                       prefix + "__" + name->text + "' or 'default__" + name->text + "': its output is treated as opaque");
  return Value::Unknown(name->text, true);
}

Value Renderer::Invoke(const Callable& c, const Args& args, const Kwargs& kwargs, uint32_t offset, int caller) {
  if (exhausted_) return Value::Unknown("a template over its work limit", true);
  if (macro_depth_ >= ir::kMaxMacroDepth) {
    ReportLimit(offset, "macros call each other more than " + std::to_string(ir::kMaxMacroDepth) + " deep ('" + c.name +
                            "'): its output is replaced by a placeholder");
    return Value::Unknown(c.name, true);
  }
  if (c.kind == Callable::Kind::kBuiltin) return InvokeBuiltin(c, args, kwargs, offset);
  return InvokeTemplate(c, args, kwargs, offset, caller);
}

Value Renderer::InvokeBuiltin(const Callable& c, const Args& args, const Kwargs& kwargs, uint32_t offset) {
  // SQL written around a value nobody knows would be wrong SQL: the output is opaque instead.
  auto unknown = [](const Value& v) -> const Value* {
    if (v.IsUnknown()) return &v;
    if (v.kind == Kind::kList) {
      for (const Value& item : *v.list) {
        if (item.IsUnknown()) return &item;
      }
    }
    return nullptr;
  };
  const Value* u = nullptr;
  for (const Value& a : args) u = u ? u : unknown(a);
  for (const auto& [key, a] : kwargs) u = u ? u : unknown(a);
  if (u != nullptr && !TakesUnknownArguments(c.name)) {
    if (!u->from_macro) {
      Report(offset, "macro '" + c.name + "': its argument '" + u->text + "' is not known statically: its output is treated as opaque");
    }
    return Value::Unknown(c.name, true);
  }
  BuiltinCall call{c.name, args, kwargs, context_, [this, offset](const std::string& why) { Report(offset, why); }};
  Value v = c.builtin(call);
  if (v.kind == Kind::kString) v.from_macro = true;
  return v;
}

Value Renderer::InvokeTemplate(const Callable& c, const Args& args, const Kwargs& kwargs, uint32_t offset, int caller) {
  const Node* node = nullptr;
  std::string_view text;
  bool foreign = false;
  std::string package, frame_name = frame_name_;
  std::vector<Scope> scopes;
  if (c.kind == Callable::Kind::kMacro) {
    node = c.def->node;
    text = c.def->text;
    foreign = text.data() != model_text_.data();
    package = c.def->package;
    // A macro sees the context and, when the model defines it, the model's top-level names.
    scopes.push_back(foreign ? Scope{} : scopes_.front());
    frame_name = "'" + c.def->name + "'" + (foreign ? " (" + c.def->file + ":" + std::to_string(c.def->line) + ")" : "");
  } else {
    const CallerBlock& block = callers_[c.caller];
    node = block.node;
    text = block.text;
    foreign = block.foreign;
    package = block.package;
    scopes = block.scopes;
  }
  std::string_view saved_text = text_;
  bool saved_foreign = foreign_, saved_returning = returning_;
  uint32_t saved_site = site_offset_;
  std::string saved_name = std::move(frame_name_), saved_package = std::move(package_);
  std::vector<Scope> saved_scopes = std::move(scopes_);
  Value saved_return = std::move(return_value_);

  if (foreign && !foreign_) site_offset_ = offset;  // the model's call that leads into other files
  text_ = text;
  foreign_ = foreign;
  package_ = std::move(package);
  frame_name_ = std::move(frame_name);
  scopes_ = std::move(scopes);
  scopes_.emplace_back();
  returning_ = false;
  return_value_ = Value{};
  Bind(node->params, args, kwargs);
  if (caller >= 0) scopes_.back()["caller"] = Value::Macro("caller", caller);
  ++macro_depth_;
  std::string out = Capture(node->branches[0].body);
  --macro_depth_;
  Value result = returning_ ? std::move(return_value_) : Value::String(std::move(out));
  if (!returning_) result.from_macro = true;

  text_ = saved_text;
  foreign_ = saved_foreign;
  returning_ = saved_returning;
  site_offset_ = saved_site;
  frame_name_ = std::move(saved_name);
  package_ = std::move(saved_package);
  scopes_ = std::move(saved_scopes);
  return_value_ = std::move(saved_return);
  return result;
}

void Renderer::Bind(const std::vector<Param>& params, const Args& args, const Kwargs& kwargs) {
  std::vector<bool> used(kwargs.size(), false);
  for (size_t i = 0; i < params.size(); ++i) {
    const Param& p = params[i];
    Value v;
    bool given = i < args.size();
    if (given) v = args[i];
    for (size_t k = 0; !given && k < kwargs.size(); ++k) {
      if (kwargs[k].first == p.name) {
        v = kwargs[k].second;
        used[k] = given = true;
      }
    }
    if (!given && p.has_default) v = Eval(p.default_value);  // may call macros: no reference into scopes_ is held
    scopes_.back()[p.name] = std::move(v);
  }
  List varargs;
  for (size_t i = params.size(); i < args.size(); ++i) varargs.push_back(args[i]);
  Dict extra;
  for (size_t k = 0; k < kwargs.size(); ++k) {
    bool named = std::any_of(params.begin(), params.end(), [&](const Param& p) { return p.name == kwargs[k].first; });
    if (!used[k] && !named) extra.push_back(kwargs[k]);
  }
  scopes_.back()["varargs"] = Value::MakeList(std::move(varargs));
  scopes_.back()["kwargs"] = Value::MakeDict(std::move(extra));
}

Value Renderer::Return(const Args& args) {
  if (macro_depth_ == 0) return Value::String("");
  return_value_ = args.empty() ? Value::None() : args[0];
  returning_ = true;
  return Value::String("");
}

void Renderer::RenderCallBlock(const Node& n) {
  callers_.push_back(CallerBlock{&n, text_, scopes_, foreign_, package_});
  Value caller = MacroValue(Callable{Callable::Kind::kCaller, "caller", nullptr, nullptr, callers_.size() - 1});
  call_block_caller_ = static_cast<int>(caller.integer);
  Value v = Eval(n.expr);
  call_block_caller_ = -1;
  WriteValue(v, n);
}

}  // namespace ds::analytics::jinja
