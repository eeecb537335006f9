// The expression half of the renderer: operators with Python semantics where they are known,
// "unknown" spreading through anything it touches, and calls: methods on values, macro values
// (caller, what adapter.dispatch returns), then dbt's context functions and macros by name
// (jinja_dbt_context.cpp). Arguments are always evaluated: a ref() inside an unknown macro's
// arguments is still a dependency.
#include <optional>
#include <set>
#include <utility>

#include "parsers/analytics/jinja_renderer.h"
#include "src/ir/limits.h"

namespace ds::analytics::jinja {
namespace {

Value FromTruth(Truth t, const std::string& what) {
  if (t == Truth::kUnknown) return Value::Unknown(what);
  return Value::Bool(t == Truth::kTrue);
}

const Value* FirstUnknown(const Value& a, const Value& b) {
  if (a.IsUnknown()) return &a;
  if (b.IsUnknown()) return &b;
  return nullptr;
}

bool IsNumber(const Value& v) { return v.kind == Kind::kInt || v.kind == Kind::kFloat || v.kind == Kind::kBool; }
double Number(const Value& v) {
  return v.kind == Kind::kFloat ? v.real : static_cast<double>(v.kind == Kind::kBool ? v.boolean : v.integer);
}
bool IsText(const Value& v) { return v.kind == Kind::kString || v.kind == Kind::kRelation; }

Value Arithmetic(const std::string& op, const Value& a, const Value& b) {
  if (op == "+" && IsText(a) && IsText(b)) return Value::String(a.text + b.text);
  if (op == "+" && a.kind == Kind::kList && b.kind == Kind::kList) {
    if (a.list->size() + b.list->size() > ir::kMaxListItems) return Value::Unknown("a list over the limit");
    List joined = *a.list;
    joined.insert(joined.end(), b.list->begin(), b.list->end());
    return Value::MakeList(std::move(joined));
  }
  if (!IsNumber(a) || !IsNumber(b)) return Value::Unknown(ToText(a) + " " + op + " " + ToText(b));
  bool ints = a.kind != Kind::kFloat && b.kind != Kind::kFloat;
  double x = Number(a), y = Number(b);
  if (ints && op != "/") {
    int64_t i = static_cast<int64_t>(x), j = static_cast<int64_t>(y);
    if (op == "+") return Value::Int(i + j);
    if (op == "-") return Value::Int(i - j);
    if (op == "*") return Value::Int(i * j);
    if (j != 0 && op == "//") return Value::Int(i / j);
    if (j != 0 && op == "%") return Value::Int(i % j);
  }
  if (op == "+") return Value::Float(x + y);
  if (op == "-") return Value::Float(x - y);
  if (op == "*") return Value::Float(x * y);
  if (y != 0 && op == "/") return Value::Float(x / y);
  return Value::Unknown(ToText(a) + " " + op + " " + ToText(b));
}

Truth Contains(const Value& container, const Value& item) {
  if (container.IsUnknown() || item.IsUnknown()) return Truth::kUnknown;
  if (IsText(container)) return IsText(item) && container.text.find(item.text) != std::string::npos ? Truth::kTrue : Truth::kFalse;
  if (container.kind == Kind::kList) {
    Truth result = Truth::kFalse;
    size_t budget = ir::kMaxListItems;
    for (const Value& v : *container.list) {
      Truth t = EqualWithin(v, item, budget);
      if (t == Truth::kTrue) return t;
      if (t == Truth::kUnknown) result = t;
    }
    return result;
  }
  if (container.kind == Kind::kDict) return container.Get(ToText(item)) ? Truth::kTrue : Truth::kFalse;
  return Truth::kFalse;
}

std::string Lower(std::string s) {
  for (char& c : s) if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return s;
}
std::string Upper(std::string s) {
  for (char& c : s) if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  return s;
}
std::string Trim(const std::string& s) {
  size_t b = s.find_first_not_of(" \t\r\n"), e = s.find_last_not_of(" \t\r\n");
  return b == std::string::npos ? "" : s.substr(b, e - b + 1);
}
// In one pass (replacing in place moves the tail each time: quadratic); nullopt when the result
// would be over kMaxStringBytes.
std::optional<std::string> ReplaceAll(const std::string& s, const std::string& from, const std::string& to) {
  if (from.empty()) return s;
  std::string out;
  size_t start = 0;
  for (size_t at = s.find(from); at != std::string::npos; at = s.find(from, start)) {
    out.append(s, start, at - start).append(to);
    start = at + from.size();
    if (out.size() > ir::kMaxStringBytes) return std::nullopt;
  }
  out.append(s, start, std::string::npos);
  if (out.size() > ir::kMaxStringBytes) return std::nullopt;
  return out;
}

Value Replaced(const std::string& s, const Value& from, const Value& to) {
  std::optional<std::string> out = ReplaceAll(s, ToText(from), ToText(to));
  return out ? Value::String(std::move(*out)) : Value::Unknown("a string over the limit");
}

}  // namespace

std::string DottedName(const Expr& e) {
  if (e.kind == Expr::Kind::kName) return e.name;
  if (e.kind == Expr::Kind::kAttr) {
    std::string base = DottedName(e.args[0]);
    return base.empty() ? "" : base + "." + e.name;
  }
  return "";
}

Value Renderer::Eval(const Expr& e) {
  if (exhausted_) return Value::Unknown("a template over its work limit", true);
  if (++steps_ > ir::kMaxJinjaSteps) {
    Exhaust(e.offset, "evaluates more than " + std::to_string(ir::kMaxJinjaSteps) + " expressions");
    return Value::Unknown("a template over its work limit", true);
  }
  Deeper deeper(*this, e.offset);
  if (!deeper.Ok()) return Value::Unknown("a template over its work limit", true);
  Value v = EvalNode(e);
  bool big = (v.kind == Kind::kString && v.text.size() > ir::kMaxStringBytes) ||
             (v.kind == Kind::kList && v.list->size() > ir::kMaxListItems) ||
             (v.IsUnknown() && (v.text == "a string over the limit" || v.text == "a list over the limit"));
  if (!big) return v;
  ReportLimit(e.offset, "a value over the limit of " + ir::LimitText(ir::kMaxStringBytes) + " or " +
                            std::to_string(ir::kMaxListItems) + " items: replaced by a placeholder");
  return Value::Unknown("a value over the limit", true);
}

Value Renderer::EvalNode(const Expr& e) {
  switch (e.kind) {
    case Expr::Kind::kLiteral: return e.value;
    case Expr::Kind::kName: return EvalName(e);
    case Expr::Kind::kAttr: return EvalAttr(e);
    case Expr::Kind::kItem: return EvalItem(e);
    case Expr::Kind::kCall: return EvalCall(e);
    case Expr::Kind::kList: {
      List items;
      for (const Expr& a : e.args) items.push_back(Eval(a));
      return Value::MakeList(std::move(items));
    }
    case Expr::Kind::kDict: {
      Dict items;
      for (size_t i = 0; i + 1 < e.args.size(); i += 2) items.emplace_back(ToText(Eval(e.args[i])), Eval(e.args[i + 1]));
      return Value::MakeDict(std::move(items));
    }
    case Expr::Kind::kUnary: {
      Value v = Eval(e.args[0]);
      if (e.name == "not") {
        Truth t = TruthOf(v);
        return t == Truth::kUnknown ? v : Value::Bool(t == Truth::kFalse);
      }
      if (v.kind == Kind::kInt) return Value::Int(e.name == "-" ? -v.integer : v.integer);
      if (v.kind == Kind::kFloat) return Value::Float(e.name == "-" ? -v.real : v.real);
      return v.IsUnknown() ? v : Value::Unknown(e.name + ToText(v));
    }
    case Expr::Kind::kBinary: return EvalBinary(e);
    case Expr::Kind::kFilter: return EvalFilter(e);
    case Expr::Kind::kTest: return EvalTest(e);
    case Expr::Kind::kCond: {
      Value condition = Eval(e.args[1]);
      Truth t = TruthOf(condition);
      if (t == Truth::kTrue) return Eval(e.args[0]);
      if (t == Truth::kFalse) return e.args.size() > 2 ? Eval(e.args[2]) : Value{};
      Eval(e.args[0]);  // its ref() calls still count
      if (e.args.size() > 2) Eval(e.args[2]);
      return condition;
    }
  }
  return Value{};
}

Value Renderer::EvalName(const Expr& e) {
  if (const Value* v = Lookup(e.name)) return *v;
  if (e.name == "this") {
    return Value::Relation(context_.this_relation.schema, context_.this_relation.name, context_.identifier_quote);
  }
  if (e.name == "execute") return Value::Bool(true);
  if (e.name == "target") {
    Dict target;
    if (!context_.target_name.empty()) target.emplace_back("name", Value::String(context_.target_name));
    if (!context_.target_schema.empty()) target.emplace_back("schema", Value::String(context_.target_schema));
    if (!context_.target_database.empty()) target.emplace_back("database", Value::String(context_.target_database));
    if (context_.macros != nullptr) target.emplace_back("type", Value::String(context_.macros->adapter));
    if (!target.empty()) return Value::MakeDict(std::move(target));
  }
  return Value::Unknown(e.name);
}

Value Renderer::EvalAttr(const Expr& e) {
  Value base = Eval(e.args[0]);
  if (base.IsUnknown()) return Value::Unknown(base.text + "." + e.name, base.from_macro);
  if (const Value* v = base.Get(e.name)) return *v;
  if (base.kind == Kind::kDict && DottedName(e.args[0]) == "target") return Value::Unknown("target." + e.name);
  return Value{};
}

Value Renderer::EvalItem(const Expr& e) {
  Value base = Eval(e.args[0]);
  Value key = Eval(e.args[1]);
  if (const Value* u = FirstUnknown(base, key)) return *u;
  if (base.kind == Kind::kList && key.kind == Kind::kInt) {
    int64_t i = key.integer < 0 ? key.integer + static_cast<int64_t>(base.list->size()) : key.integer;
    if (i >= 0 && i < static_cast<int64_t>(base.list->size())) return (*base.list)[static_cast<size_t>(i)];
    return Value{};
  }
  if (const Value* v = base.Get(ToText(key))) return *v;
  return Value{};
}

Value Renderer::EvalBinary(const Expr& e) {
  const std::string& op = e.name;
  Value a = Eval(e.args[0]);
  if (op == "and" || op == "or") {
    Truth ta = TruthOf(a);
    if (op == "and" && ta == Truth::kFalse) return a;
    if (op == "or" && ta == Truth::kTrue) return a;
    Value b = Eval(e.args[1]);
    if (ta == Truth::kUnknown) {
      Truth tb = TruthOf(b);
      if (op == "and" && tb == Truth::kFalse) return b;
      if (op == "or" && tb == Truth::kTrue) return b;
      return a;
    }
    return b;
  }
  Value b = Eval(e.args[1]);
  if (op == "~") {
    if (const Value* u = FirstUnknown(a, b)) return *u;
    return Value::String(ToText(a) + ToText(b));
  }
  if (const Value* u = FirstUnknown(a, b)) return Value::Unknown(u->text, u->from_macro);
  if (op == "==") return FromTruth(Equal(a, b), "");
  if (op == "!=") {
    Truth t = Equal(a, b);
    return FromTruth(t == Truth::kTrue ? Truth::kFalse : Truth::kTrue, "");
  }
  if (op == "in") return FromTruth(Contains(b, a), "");
  if (op == "not in") return Value::Bool(Contains(b, a) == Truth::kFalse);
  if (op == "<" || op == ">" || op == "<=" || op == ">=") {
    bool less, equal;
    if (IsNumber(a) && IsNumber(b)) {
      less = Number(a) < Number(b);
      equal = Number(a) == Number(b);
    } else if (IsText(a) && IsText(b)) {
      less = a.text < b.text;
      equal = a.text == b.text;
    } else {
      return Value::Unknown(ToText(a) + " " + op + " " + ToText(b));
    }
    if (op == "<") return Value::Bool(less);
    if (op == "<=") return Value::Bool(less || equal);
    if (op == ">") return Value::Bool(!less && !equal);
    return Value::Bool(!less);
  }
  return Arithmetic(op, a, b);
}

Value Renderer::EvalTest(const Expr& e) {
  Value v = Eval(e.args[0]);
  const std::string& test = e.name;
  Truth t = Truth::kUnknown;
  if (v.IsUnknown()) {
    // Context names we do not model (target, run_started_at) are defined; locals never are unknown.
    if (test == "defined") t = Truth::kTrue;
    else if (test == "undefined") t = Truth::kFalse;
  } else if (test == "defined") t = v.kind != Kind::kUndefined ? Truth::kTrue : Truth::kFalse;
  else if (test == "undefined") t = v.kind == Kind::kUndefined ? Truth::kTrue : Truth::kFalse;
  else if (test == "none") t = v.kind == Kind::kNone ? Truth::kTrue : Truth::kFalse;
  else if (test == "string") t = v.kind == Kind::kString ? Truth::kTrue : Truth::kFalse;
  else if (test == "number") t = v.kind == Kind::kInt || v.kind == Kind::kFloat ? Truth::kTrue : Truth::kFalse;
  else if (test == "mapping") t = v.kind == Kind::kDict ? Truth::kTrue : Truth::kFalse;
  else if (test == "iterable" || test == "sequence") {
    t = v.kind == Kind::kList || v.kind == Kind::kString || v.kind == Kind::kDict ? Truth::kTrue : Truth::kFalse;
  } else if (test == "true" || test == "false") {
    t = v.kind == Kind::kBool && v.boolean == (test == "true") ? Truth::kTrue : Truth::kFalse;
  } else if ((test == "eq" || test == "equalto" || test == "sameas") && e.args.size() > 1) {
    t = Equal(v, Eval(e.args[1]));
  }
  if (t == Truth::kUnknown) return Value::Unknown(v.IsUnknown() ? v.text : "is " + test);
  return Value::Bool((t == Truth::kTrue) != e.negated);
}

Value Renderer::EvalFilter(const Expr& e) {
  Value v = Eval(e.args[0]);
  std::vector<Value> args;
  for (size_t i = 1; i < e.args.size(); ++i) args.push_back(Eval(e.args[i]));
  const std::string& f = e.name;
  if (f == "default" || f == "d") {
    if (v.kind == Kind::kUndefined || (v.kind == Kind::kNone && args.size() > 1 && TruthOf(args[1]) == Truth::kTrue)) {
      return args.empty() ? Value::String("") : args[0];
    }
    return v;
  }
  if (v.IsUnknown()) return v;
  if (f == "upper") return Value::String(Upper(ToText(v)));
  if (f == "lower") return Value::String(Lower(ToText(v)));
  if (f == "trim") return Value::String(Trim(ToText(v)));
  if (f == "string" || f == "as_text" || f == "e" || f == "escape" || f == "safe") return Value::String(ToText(v));
  if (f == "as_bool" || f == "as_number" || f == "as_native") return v;
  if (f == "int" && v.kind == Kind::kString) return Value::Int(std::atoll(v.text.c_str()));
  if (f == "int" && IsNumber(v)) return Value::Int(static_cast<int64_t>(Number(v)));
  if (f == "replace" && args.size() >= 2) return Replaced(ToText(v), args[0], args[1]);
  if (f == "length" || f == "count") {
    if (v.kind == Kind::kList) return Value::Int(static_cast<int64_t>(v.list->size()));
    if (v.kind == Kind::kDict) return Value::Int(static_cast<int64_t>(v.dict->size()));
    return Value::Int(static_cast<int64_t>(ToText(v).size()));
  }
  if (f == "join" && v.kind == Kind::kList) {
    std::string sep = args.empty() ? "" : ToText(args[0]);
    std::string out;
    for (size_t i = 0; i < v.list->size(); ++i) {
      if ((*v.list)[i].IsUnknown()) return (*v.list)[i];
      out += (i ? sep : "") + ToText((*v.list)[i]);
      if (out.size() > ir::kMaxStringBytes) return Value::Unknown("a string over the limit");
    }
    return Value::String(out);
  }
  if (f == "list" && v.kind == Kind::kList) return v;
  if ((f == "first" || f == "last") && v.kind == Kind::kList && !v.list->empty()) {
    return f == "first" ? v.list->front() : v.list->back();
  }
  return Value::Unknown(f);
}

Value Renderer::EvalCall(const Expr& e) {
  int caller = std::exchange(call_block_caller_, -1);  // a {% call %} block's, for this call only
  const Expr& callee = e.args[0];
  std::vector<Value> args;
  std::vector<std::pair<std::string, Value>> kwargs;
  for (size_t i = 1; i < e.args.size(); ++i) args.push_back(Eval(e.args[i]));
  for (const auto& [key, value] : e.kwargs) kwargs.emplace_back(key, Eval(value));
  // A method on a value we hold: ['a'].append('b'), 'x'.upper(), d.items().
  if (callee.kind == Expr::Kind::kAttr) {
    std::string root = DottedName(callee.args[0]);
    bool local = root.empty() || Lookup(root.substr(0, root.find('.'))) != nullptr ||
                 callee.args[0].kind != Expr::Kind::kName;
    if (local) {
      Value receiver = Eval(callee.args[0]);
      if (receiver.IsUnknown()) return Value::Unknown(receiver.text + "." + callee.name, receiver.from_macro);
      return EvalMethod(receiver, callee.name, args);
    }
  }
  std::string name = DottedName(callee);
  if (callee.kind == Expr::Kind::kName) {
    if (const Value* local = Lookup(name)) {
      if (local->kind == Kind::kMacro) return Invoke(callables_[static_cast<size_t>(local->integer)], args, kwargs, e.offset, caller);
      return Value::Unknown(name);
    }
  }
  if (name.empty()) {  // adapter.dispatch('m')(x): the callee is itself a call
    Value f = Eval(callee);
    if (f.kind == Kind::kMacro) return Invoke(callables_[static_cast<size_t>(f.integer)], args, kwargs, e.offset, caller);
    return f.IsUnknown() ? Value::Unknown(f.text, f.from_macro) : Value::Unknown("call");
  }
  return CallFunction(name, e, args, kwargs, caller);
}

Value Renderer::EvalMethod(const Value& receiver, const std::string& method, const std::vector<Value>& args) {
  if (receiver.kind == Kind::kList && method == "append" && !args.empty()) {
    if (!MayHold(receiver, args[0], 0)) return Value::None();
    if (receiver.list->size() >= ir::kMaxListItems) return Value::Unknown("a list over the limit");
    receiver.list->push_back(args[0]);
    return Value::None();
  }
  if (receiver.kind == Kind::kList && method == "extend" && !args.empty() && args[0].kind == Kind::kList) {
    if (!MayHold(receiver, args[0], 0)) return Value::None();
    if (receiver.list->size() + args[0].list->size() > ir::kMaxListItems) return Value::Unknown("a list over the limit");
    receiver.list->insert(receiver.list->end(), args[0].list->begin(), args[0].list->end());
    return Value::None();
  }
  if (receiver.kind == Kind::kDict) {
    if (method == "get") {
      const Value* v = args.empty() ? nullptr : receiver.Get(ToText(args[0]));
      return v ? *v : (args.size() > 1 ? args[1] : Value::None());
    }
    List out;
    for (const auto& [key, value] : *receiver.dict) {
      if (method == "keys") out.push_back(Value::String(key));
      else if (method == "values") out.push_back(value);
      else if (method == "items") out.push_back(Value::MakeList({Value::String(key), value}));
    }
    if (method == "keys" || method == "values" || method == "items") return Value::MakeList(std::move(out));
  }
  if (IsText(receiver)) {
    const std::string& s = receiver.text;
    if (method == "upper") return Value::String(Upper(s));
    if (method == "lower") return Value::String(Lower(s));
    if (method == "strip") return Value::String(Trim(s));
    if (method == "replace" && args.size() >= 2) return Replaced(s, args[0], args[1]);
    if (method == "startswith" && !args.empty()) return Value::Bool(s.starts_with(ToText(args[0])));
    if (method == "endswith" && !args.empty()) return Value::Bool(s.ends_with(ToText(args[0])));
    if (method == "split") {
      std::string sep = args.empty() ? " " : ToText(args[0]);
      List parts;
      size_t start = 0;
      for (size_t at = s.find(sep); !sep.empty() && at != std::string::npos; at = s.find(sep, start)) {
        parts.push_back(Value::String(s.substr(start, at - start)));
        start = at + sep.size();
      }
      parts.push_back(Value::String(s.substr(start)));
      return Value::MakeList(std::move(parts));
    }
  }
  return Value::Unknown(method);
}

}  // namespace ds::analytics::jinja
