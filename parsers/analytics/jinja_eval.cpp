// The expression half of the renderer: operators with Python semantics where they are known,
// "unknown" spreading through anything it touches, and calls: methods on values, macro values
// (caller, what adapter.dispatch returns), then dbt's context functions and macros by name
// (jinja_dbt_context.cpp). Arguments are always evaluated: a ref() inside an unknown macro's
// arguments is still a dependency.
#include <algorithm>
#include <cmath>
#include <cstdint>
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

using py::IsNumber;
using py::IsText;
using py::Number;

/// An int or bool as int64 (not through a double: 2**63 - 1 stays exact).
int64_t IntegerOf(const Value& v) { return v.kind == Kind::kBool ? int64_t{v.boolean} : v.integer; }

Value Power(const Value& a, const Value& b) {
  bool ints = a.kind != Kind::kFloat && b.kind != Kind::kFloat;
  double x = Number(a), y = Number(b);
  if (ints && y >= 0) {
    int64_t base = IntegerOf(a), exponent = IntegerOf(b), result = 1;
    // 0, 1 and -1 never overflow: said at once, not after `exponent` rounds.
    if (base == 0 || base == 1) return Value::Int(exponent == 0 ? 1 : base);
    if (base == -1) return Value::Int(exponent % 2 == 0 ? 1 : -1);
    for (int64_t i = 0; i < exponent; ++i) {  // any other base overflows within 64 rounds
      if (__builtin_mul_overflow(result, base, &result)) return Value::Unknown(Brief(a) + " ** " + Brief(b));
    }
    return Value::Int(result);
  }
  double r = std::pow(x, y);
  return std::isfinite(r) ? Value::Float(r) : Value::Unknown(Brief(a) + " ** " + Brief(b));
}

/// 'ab' * 3, [x] * 3, within the size bounds.
Value Repeat(const Value& a, int64_t times) {
  size_t size = IsText(a) ? a.text.size() : a.list->size();
  if (times <= 0 || size == 0) return IsText(a) ? Value::String("") : Value::MakeList({});
  size_t limit = IsText(a) ? ir::kMaxStringBytes : ir::kMaxListItems;
  if (size != 0 && static_cast<uint64_t>(times) > limit / size) {
    return Value::Unknown(IsText(a) ? "a string over the limit" : "a list over the limit");
  }
  if (IsText(a)) {
    std::string out;
    for (int64_t i = 0; i < times; ++i) out += a.text;
    return Value::String(std::move(out));
  }
  List out;
  for (int64_t i = 0; i < times; ++i) out.insert(out.end(), a.list->begin(), a.list->end());
  return Value::MakeList(std::move(out));
}

Value Arithmetic(const std::string& op, const Value& a, const Value& b) {
  if (op == "+" && IsText(a) && IsText(b)) return Value::String(a.text + b.text);
  if (op == "+" && a.kind == Kind::kList && b.kind == Kind::kList) {
    if (a.list->size() + b.list->size() > ir::kMaxListItems) return Value::Unknown("a list over the limit");
    List joined = *a.list;
    joined.insert(joined.end(), b.list->begin(), b.list->end());
    return Value::MakeList(std::move(joined));
  }
  if (a.kind == Kind::kDateTime || b.kind == Kind::kDateTime) return datetime::Arithmetic(op, a, b);
  if (op == "*" && (IsText(a) || a.kind == Kind::kList) && b.kind == Kind::kInt) return Repeat(a, b.integer);
  if (!IsNumber(a) || !IsNumber(b)) return Value::Unknown(Brief(a) + " " + op + " " + Brief(b));
  if (op == "**") return Power(a, b);
  bool ints = a.kind != Kind::kFloat && b.kind != Kind::kFloat;
  double x = Number(a), y = Number(b);
  if (ints && op != "/") {
    int64_t i = IntegerOf(a), j = IntegerOf(b), r = 0;
    bool overflow = false;
    if (op == "+") overflow = __builtin_add_overflow(i, j, &r);
    else if (op == "-") overflow = __builtin_sub_overflow(i, j, &r);
    else if (op == "*") overflow = __builtin_mul_overflow(i, j, &r);
    else if (j == -1 && (op == "//" || op == "%")) overflow = op == "//" ? __builtin_sub_overflow(int64_t{0}, i, &r) : false;
    else if (j != 0 && op == "//") r = i / j - ((i % j != 0) && ((i < 0) != (j < 0)) ? 1 : 0);  // floor, as Python
    else if (j != 0 && op == "%") r = i % j != 0 && ((i % j < 0) != (j < 0)) ? i % j + j : i % j;
    else return Value::Unknown(Brief(a) + " " + op + " " + Brief(b));
    if (!overflow) return Value::Int(r);
  }
  if (op == "+") return Value::Float(x + y);
  if (op == "-") return Value::Float(x - y);
  if (op == "*") return Value::Float(x * y);
  if (y != 0 && op == "/") return Value::Float(x / y);
  if (y != 0 && op == "//") return Value::Float(std::floor(x / y));
  return Value::Unknown(Brief(a) + " " + op + " " + Brief(b));
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

}  // namespace

namespace py {

bool IsNumber(const Value& v) { return v.kind == Kind::kInt || v.kind == Kind::kFloat || v.kind == Kind::kBool; }
double Number(const Value& v) {
  return v.kind == Kind::kFloat ? v.real : static_cast<double>(v.kind == Kind::kBool ? v.boolean : v.integer);
}
bool IsText(const Value& v) { return v.kind == Kind::kString || v.kind == Kind::kRelation; }

std::string Lower(std::string s) {
  for (char& c : s) if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return s;
}
std::string Upper(std::string s) {
  for (char& c : s) if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  return s;
}
std::string Strip(const std::string& s, const std::string& chars, bool left, bool right) {
  size_t b = left ? s.find_first_not_of(chars) : 0;
  if (b == std::string::npos) return "";
  size_t e = right ? s.find_last_not_of(chars) : s.size() - 1;
  return s.substr(b, e - b + 1);
}

Value Replaced(const std::string& s, const Value& from_value, const Value& to_value, int64_t count) {
  // In one pass (replacing in place moves the tail each time: quadratic).
  std::string from = ToText(from_value), to = ToText(to_value);
  if (from.empty() && !to.empty()) {  // Python puts `to` between every character
    std::string out = to;
    for (char c : s) {
      out.append(1, c).append(count-- != 0 ? to : "");
      if (out.size() > ir::kMaxStringBytes) return Value::Unknown("a string over the limit");
    }
    return Value::String(std::move(out));
  }
  if (from.empty()) return Value::String(s);
  std::string out;
  size_t start = 0;
  for (size_t at = s.find(from); at != std::string::npos && count != 0; at = s.find(from, start), --count) {
    out.append(s, start, at - start).append(to);
    start = at + from.size();
    if (out.size() > ir::kMaxStringBytes) return Value::Unknown("a string over the limit");
  }
  out.append(s, start, std::string::npos);
  if (out.size() > ir::kMaxStringBytes) return Value::Unknown("a string over the limit");
  return Value::String(std::move(out));
}

namespace {

std::optional<bool> LessAt(const Value& a, const Value& b, bool fold, int depth) {
  if (depth > ir::kMaxNestingDepth) return std::nullopt;  // lists nested past the bound do not compare
  if (IsNumber(a) && IsNumber(b)) return Number(a) < Number(b);
  if (IsText(a) && IsText(b)) return fold ? Lower(a.text) < Lower(b.text) : a.text < b.text;
  if (a.kind == Kind::kDateTime && b.kind == Kind::kDateTime && a.text == b.text) return a.integer < b.integer;
  if (a.kind == Kind::kList && b.kind == Kind::kList) {  // lexicographic, as Python's tuples
    for (size_t i = 0; i < a.list->size() && i < b.list->size() && i < ir::kMaxListItems; ++i) {
      std::optional<bool> less = LessAt((*a.list)[i], (*b.list)[i], fold, depth + 1);
      if (!less) return std::nullopt;
      if (*less) return true;
      std::optional<bool> greater = LessAt((*b.list)[i], (*a.list)[i], fold, depth + 1);
      if (!greater) return std::nullopt;
      if (*greater) return false;
    }
    return a.list->size() < b.list->size();
  }
  return std::nullopt;
}

}  // namespace

std::optional<bool> Less(const Value& a, const Value& b, bool fold) { return LessAt(a, b, fold, 0); }

std::optional<std::vector<size_t>> SliceIndices(size_t size, const Value& start, const Value& stop, const Value& step) {
  auto given = [](const Value& v) { return v.kind != Kind::kUndefined && v.kind != Kind::kNone; };
  int64_t n = static_cast<int64_t>(size);
  int64_t by = given(step) ? step.integer : 1;
  if (by == 0 || (given(step) && step.kind != Kind::kInt)) return std::nullopt;
  if ((given(start) && start.kind != Kind::kInt) || (given(stop) && stop.kind != Kind::kInt)) return std::nullopt;
  auto clamp = [&](const Value& v, int64_t fallback) {
    if (!given(v)) return fallback;
    int64_t i = v.integer < 0 ? v.integer + n : v.integer;
    return by > 0 ? std::clamp<int64_t>(i, 0, n) : std::clamp<int64_t>(i, -1, n - 1);
  };
  int64_t from = clamp(start, by > 0 ? 0 : n - 1), to = clamp(stop, by > 0 ? n : -1);
  std::vector<size_t> out;
  for (int64_t i = from; by > 0 ? i < to : i > to;) {
    out.push_back(static_cast<size_t>(i));
    if (by > 0 ? by >= to - i : by <= to - i) break;  // the next step is past the end (or past int64)
    i += by;
  }
  return out;
}

}  // namespace py

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
  steps_ += v.text.size() >> 10;  // strings are copied by value: a megabyte made at each turn is work
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
    case Expr::Kind::kSlice: return EvalSlice(e);
    case Expr::Kind::kCall: return EvalCall(e);
    case Expr::Kind::kList: {
      List items;
      for (const Expr& a : e.args) items.push_back(Eval(a));
      return Value::MakeList(std::move(items));
    }
    case Expr::Kind::kDict: {
      Dict items;
      for (size_t i = 0; i + 1 < e.args.size(); i += 2) {
        std::string key = ToText(Eval(e.args[i]));
        Value value = Eval(e.args[i + 1]);
        auto same = std::find_if(items.begin(), items.end(), [&](const auto& entry) { return entry.first == key; });
        if (same != items.end()) same->second = std::move(value);  // {'a': 1, 'a': 2} is {'a': 2}
        else items.emplace_back(std::move(key), std::move(value));
      }
      return Value::MakeDict(std::move(items));
    }
    case Expr::Kind::kUnary: {
      Value v = Eval(e.args[0]);
      if (e.name == "not") {
        Truth t = TruthOf(v);
        return t == Truth::kUnknown ? v : Value::Bool(t == Truth::kFalse);
      }
      if (v.kind == Kind::kInt && v.integer == INT64_MIN && e.name == "-") return Value::Float(-static_cast<double>(v.integer));
      if (v.kind == Kind::kInt) return Value::Int(e.name == "-" ? -v.integer : v.integer);
      if (v.kind == Kind::kFloat) return Value::Float(e.name == "-" ? -v.real : v.real);
      if (v.kind == Kind::kBool) return Value::Int(e.name == "-" ? -int64_t{v.boolean} : int64_t{v.boolean});
      return v.IsUnknown() ? v : Value::Unknown(e.name + Brief(v));
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
  if (std::optional<Value> v = GlobalValue(e.name)) return *v;
  if (IsContextName(e.name)) return Value::Unknown(e.name);
  // A macro named as a value (`{% set f = my_macro %}`) is callable later.
  if (std::optional<Callable> macro = ResolveMacro(e.name)) return MacroValue(std::move(*macro));
  // Any other name nobody set is Jinja's Undefined, as dbt renders it (`blockchain = null` as a
  // default): it prints nothing, is false, is not none and not defined.
  return Value{};
}

Value Renderer::EvalBase(const Expr& base) {
  Value v = Eval(base);
  if (v.kind == Kind::kUndefined && base.kind == Expr::Kind::kName && Lookup(base.name) == nullptr) {
    return Value::Unknown(base.name);
  }
  return v;
}

Value Renderer::EvalAttr(const Expr& e) {
  Value base = EvalBase(e.args[0]);
  if (base.IsUnknown()) return Value::Unknown(base.text + "." + e.name, base.from_macro);
  if (base.kind == Kind::kDateTime) return datetime::Attribute(base, e.name);
  if (const Value* v = base.Get(e.name)) return *v;
  // dbt's target and flags hold more than we know of them.
  std::string dotted = DottedName(e.args[0]);
  if (base.kind == Kind::kDict && (dotted == "target" || dotted == "flags") && Lookup(dotted) == nullptr) {
    return Value::Unknown(dotted + "." + e.name);
  }
  return Value{};
}

Value Renderer::EvalItem(const Expr& e) {
  Value base = EvalBase(e.args[0]);
  Value key = Eval(e.args[1]);
  if (const Value* u = FirstUnknown(base, key)) return *u;
  if ((base.kind == Kind::kList || base.kind == Kind::kString) && (key.kind == Kind::kInt || key.kind == Kind::kBool)) {
    int64_t size = static_cast<int64_t>(base.kind == Kind::kList ? base.list->size() : base.text.size());
    int64_t k = key.kind == Kind::kBool ? key.boolean : key.integer;
    int64_t i = k < 0 ? k + size : k;
    if (i < 0 || i >= size) return Value{};
    if (base.kind == Kind::kString) return Value::String(base.text.substr(static_cast<size_t>(i), 1));
    return (*base.list)[static_cast<size_t>(i)];
  }
  if (const Value* v = base.Get(ToText(key))) return *v;
  return Value{};
}

Value Renderer::EvalSlice(const Expr& e) {
  Value base = EvalBase(e.args[0]);
  Value start = Eval(e.args[1]), stop = Eval(e.args[2]), step = Eval(e.args[3]);
  for (const Value* v : {&base, &start, &stop, &step}) {
    if (v->IsUnknown()) return *v;
  }
  if (base.kind != Kind::kList && !py::IsText(base)) return Value::Unknown("a slice of " + Brief(base));
  size_t size = base.kind == Kind::kList ? base.list->size() : base.text.size();
  std::optional<std::vector<size_t>> indices = py::SliceIndices(size, start, stop, step);
  if (!indices) return Value::Unknown("a slice with bounds that are not integers");
  if (base.kind == Kind::kList) {
    List out;
    for (size_t i : *indices) out.push_back((*base.list)[i]);
    return Value::MakeList(std::move(out));
  }
  std::string out;
  for (size_t i : *indices) out += base.text[i];
  return Value::String(std::move(out));
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
  const char* too_large = "a comparison of values too large or deep to compare";
  if (op == "==") return FromTruth(Equal(a, b), too_large);
  if (op == "!=") {
    Truth t = Equal(a, b);
    return FromTruth(t == Truth::kUnknown ? t : t == Truth::kTrue ? Truth::kFalse : Truth::kTrue, too_large);
  }
  if (op == "in") return FromTruth(Contains(b, a), too_large);
  if (op == "not in") return Value::Bool(Contains(b, a) == Truth::kFalse);
  if (op == "<" || op == ">" || op == "<=" || op == ">=") {
    std::optional<bool> less = py::Less(a, b), greater = py::Less(b, a);
    if (!less || !greater) return Value::Unknown(Brief(a) + " " + op + " " + Brief(b));
    if (op == "<") return Value::Bool(*less);
    if (op == "<=") return Value::Bool(!*greater);
    if (op == ">") return Value::Bool(*greater);
    return Value::Bool(!*less);
  }
  return Arithmetic(op, a, b);
}

Value Renderer::EvalCall(const Expr& e) {
  int caller = std::exchange(call_block_caller_, -1);  // a {% call %} block's, for this call only
  const Expr& callee = e.args[0];
  std::vector<Value> args;
  std::vector<std::pair<std::string, Value>> kwargs;
  for (size_t i = 1; i < e.args.size(); ++i) args.push_back(Eval(e.args[i]));
  for (const auto& [key, value] : e.kwargs) kwargs.emplace_back(key, Eval(value));
  std::string name = DottedName(callee);
  // Jinja's globals and dbt's modules by name (dict(), modules.datetime.date.today()), unless a
  // local of that name hides them.
  if (!name.empty() && Lookup(name.substr(0, name.find('.'))) == nullptr) {
    if (std::optional<Value> v = CallGlobal(name, args, kwargs, e.offset)) return *v;
  }
  // A method on a value we hold: ['a'].append('b'), 'x'.upper(), d.items(), run_started_at.strftime().
  if (callee.kind == Expr::Kind::kAttr) {
    std::string root = DottedName(callee.args[0]);
    std::string first = root.substr(0, root.find('.'));
    bool local = root.empty() || Lookup(first) != nullptr || callee.args[0].kind != Expr::Kind::kName ||
                 GlobalValue(first).has_value();
    if (local) {
      Value receiver = Eval(callee.args[0]);
      if (receiver.IsUnknown()) return Value::Unknown(receiver.text + "." + callee.name, receiver.from_macro);
      return EvalMethod(receiver, callee.name, args, kwargs, e.offset);
    }
  }
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

}  // namespace ds::analytics::jinja
