// Jinja's filters (`x | f(args)`) and tests (`x is t(args)`), as Jinja 3 defines them, over the
// values we hold: an unknown input, or an unknown item a filter must look at, makes the result
// unknown. Filters that walk a list stay within its bound (ir::kMaxListItems), and string results
// within kMaxStringBytes (Renderer::Eval checks every value).
#include <algorithm>
#include <cmath>
#include <cstdlib>

#include "parsers/analytics/jinja_renderer.h"
#include "src/ir/limits.h"

namespace ds::analytics::jinja {
namespace {

using py::IsNumber;
using py::IsText;
using py::Number;

const Value* Keyword(const std::vector<std::pair<std::string, Value>>& kwargs, const char* key) {
  for (const auto& [k, v] : kwargs) {
    if (k == key) return &v;
  }
  return nullptr;
}

/// The argument at `position` or named `key`; nullptr when not given.
const Value* Given(const std::vector<Value>& args, const std::vector<std::pair<std::string, Value>>& kwargs,
                   size_t position, const char* key) {
  if (position < args.size()) return &args[position];
  return Keyword(kwargs, key);
}

bool Flag(const Value* v) { return v != nullptr && TruthOf(*v) == Truth::kTrue; }

/// Jinja's attribute getter for `attribute=`: "a.b", and "0" as an index.
Value AttributeOf(const Value& v, const std::string& path) {
  Value cur = v;
  size_t start = 0;
  while (start <= path.size()) {
    size_t dot = path.find('.', start);
    std::string part = path.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
    if (cur.IsUnknown()) return cur;
    bool index = !part.empty() && part.find_first_not_of("0123456789") == std::string::npos;
    if (index && cur.kind == Kind::kList) {
      size_t i = std::strtoull(part.c_str(), nullptr, 10);
      cur = i < cur.list->size() ? (*cur.list)[i] : Value{};
    } else if (const Value* found = cur.Get(part)) {
      cur = *found;
    } else {
      return Value{};
    }
    if (dot == std::string::npos) break;
    start = dot + 1;
  }
  return cur;
}

/// The items a filter iterates: a list's, a dict's keys, a string's characters; nullopt otherwise.
std::optional<List> Items(const Value& v) {
  if (v.kind == Kind::kList) return *v.list;
  if (v.kind == Kind::kUndefined) return List{};
  List out;
  if (v.kind == Kind::kDict) {
    for (const auto& entry : *v.dict) out.push_back(Value::String(entry.first));
  } else if (v.kind == Kind::kString) {
    for (char c : v.text) out.push_back(Value::String(std::string(1, c)));
  } else {
    return std::nullopt;
  }
  return out;
}

const Value* FirstUnknownIn(const List& items) {
  for (const Value& v : items) {
    if (v.IsUnknown()) return &v;
  }
  return nullptr;
}

/// The key a sort or max compares: the item, or its `attribute`.
Value SortKey(const Value& v, const Value* attribute) { return attribute ? AttributeOf(v, ToText(*attribute)) : v; }

/// Sorts `items` by key (stable, as Python's); false when two keys do not compare.
bool SortItems(List& items, const Value* attribute, bool fold) {
  bool ok = true;
  std::stable_sort(items.begin(), items.end(), [&](const Value& a, const Value& b) {
    std::optional<bool> less = py::Less(SortKey(a, attribute), SortKey(b, attribute), fold);
    ok &= less.has_value();
    return less.value_or(false);
  });
  return ok;
}

std::string JsonText(const Value& v, int depth) {
  if (depth > ir::kMaxNestingDepth) return "null";
  switch (v.kind) {
    case Kind::kNone:
    case Kind::kUndefined: return "null";
    case Kind::kBool: return v.boolean ? "true" : "false";
    case Kind::kInt:
    case Kind::kFloat: return ToText(v);
    case Kind::kList: {
      std::string out = "[";
      for (size_t i = 0; i < v.list->size() && out.size() <= ir::kMaxStringBytes; ++i) {
        out += (i ? ", " : "") + JsonText((*v.list)[i], depth + 1);
      }
      return out + "]";
    }
    case Kind::kDict: {
      std::string out = "{";
      for (size_t i = 0; i < v.dict->size() && out.size() <= ir::kMaxStringBytes; ++i) {
        out += (i ? ", " : "") + JsonText(Value::String((*v.dict)[i].first), depth + 1) + ": " +
               JsonText((*v.dict)[i].second, depth + 1);
      }
      return out + "}";
    }
    default: {
      std::string out = "\"";
      for (char c : ToText(v)) {
        if (c == '"' || c == '\\') out += '\\';
        if (c == '\n') out += "\\n";
        else if (c == '<') out += "\\u003c";  // Jinja's tojson escapes HTML characters
        else if (c == '>') out += "\\u003e";
        else if (c == '&') out += "\\u0026";
        else if (c == '\'') out += "\\u0027";
        else out += c;
      }
      return out + "\"";
    }
  }
}

}  // namespace

Value Renderer::EvalFilter(const Expr& e) {
  Value v = Eval(e.args[0]);
  Args args;
  Kwargs kwargs;
  for (size_t i = 1; i < e.args.size(); ++i) args.push_back(Eval(e.args[i]));
  for (const auto& [key, value] : e.kwargs) kwargs.emplace_back(key, Eval(value));
  if (std::optional<Value> out = ApplyFilter(e.name, v, args, kwargs)) return std::move(*out);
  // A filter dbt or Jinja has and we do not (or a project's own): its result is not known.
  return v.IsUnknown() ? v : Value::Unknown(e.name);
}

std::optional<Value> Renderer::ApplyFilter(const std::string& f, const Value& v, const Args& args, const Kwargs& kwargs) {
  if (f == "default" || f == "d") {
    if (v.kind == Kind::kUndefined || (Flag(Given(args, kwargs, 1, "boolean")) && TruthOf(v) == Truth::kFalse)) {
      return args.empty() ? Value::String("") : args[0];
    }
    return v;
  }
  if (v.IsUnknown()) return v;
  for (const Value& a : args) {
    if (a.IsUnknown()) return a;
  }
  if (f == "upper") return Value::String(py::Upper(ToText(v)));
  if (f == "lower") return Value::String(py::Lower(ToText(v)));
  if (f == "capitalize") {
    std::string s = py::Lower(ToText(v));
    if (!s.empty()) s[0] = py::Upper(s.substr(0, 1))[0];
    return Value::String(s);
  }
  if (f == "title") {
    std::string s = ToText(v);
    bool start = true;
    for (char& c : s) {
      bool alpha = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
      if (alpha) c = start ? py::Upper(std::string(1, c))[0] : py::Lower(std::string(1, c))[0];
      start = !alpha && !(c >= '0' && c <= '9');
    }
    return Value::String(s);
  }
  if (f == "trim") {
    const Value* chars = Given(args, kwargs, 0, "chars");
    return Value::String(chars && IsText(*chars) ? py::Strip(ToText(v), chars->text) : py::Strip(ToText(v)));
  }
  if (f == "string" || f == "as_text" || f == "e" || f == "escape" || f == "safe" || f == "forceescape") {
    return Value::String(ToText(v));
  }
  if (f == "as_bool" || f == "as_number" || f == "as_native") return v;
  if (f == "int" || f == "float") {
    const Value* fallback = Given(args, kwargs, 0, "default");
    Value otherwise = fallback ? *fallback : f == "int" ? Value::Int(0) : Value::Float(0);
    double x = 0;
    if (IsNumber(v)) {
      x = Number(v);
    } else if (v.kind == Kind::kString) {
      std::string s = py::Strip(v.text);
      char* end = nullptr;
      x = std::strtod(s.c_str(), &end);
      if (s.empty() || end != s.c_str() + s.size() || !std::isfinite(x)) return otherwise;
    } else {
      return otherwise;
    }
    if (f == "float") return Value::Float(x);
    if (std::fabs(x) >= 9.2e18) return Value::Unknown("an integer over the limit");
    return Value::Int(static_cast<int64_t>(x));
  }
  if (f == "abs" && IsNumber(v)) {
    return v.kind == Kind::kFloat ? Value::Float(std::fabs(v.real)) : Value::Int(std::llabs(static_cast<int64_t>(Number(v))));
  }
  if (f == "round" && IsNumber(v)) {
    const Value* precision = Given(args, kwargs, 0, "precision");
    const Value* method = Given(args, kwargs, 1, "method");
    double scale = std::pow(10.0, precision && precision->kind == Kind::kInt ? static_cast<double>(precision->integer) : 0.0);
    std::string how = method ? ToText(*method) : "common";
    double x = Number(v) * scale;
    x = how == "ceil" ? std::ceil(x) : how == "floor" ? std::floor(x) : std::round(x);
    return Value::Float(x / scale);
  }
  if (f == "replace" && args.size() >= 2) {
    int64_t count = args.size() > 2 && args[2].kind == Kind::kInt ? args[2].integer : -1;
    return py::Replaced(ToText(v), args[0], args[1], count);
  }
  if (f == "length" || f == "count") {
    if (v.kind == Kind::kList) return Value::Int(static_cast<int64_t>(v.list->size()));
    if (v.kind == Kind::kDict) return Value::Int(static_cast<int64_t>(v.dict->size()));
    return Value::Int(static_cast<int64_t>(ToText(v).size()));
  }
  if (f == "tojson") return Value::String(JsonText(v, 0));
  if (f == "attr") return args.empty() ? Value{} : AttributeOf(v, ToText(args[0]));
  if (f == "items" && (v.kind == Kind::kDict || v.kind == Kind::kUndefined)) {
    List out;
    if (v.dict) for (const auto& [key, value] : *v.dict) out.push_back(Value::MakeList({Value::String(key), value}));
    return Value::MakeList(std::move(out));
  }
  if (f == "dictsort" && v.kind == Kind::kDict) {
    List out;
    for (const auto& [key, value] : *v.dict) out.push_back(Value::MakeList({Value::String(key), value}));
    const Value* by = Given(args, kwargs, 1, "by");
    Value attribute = Value::String(by && ToText(*by) == "value" ? "1" : "0");
    if (!SortItems(out, &attribute, !Flag(Given(args, kwargs, 0, "case_sensitive")))) return Value::Unknown("dictsort");
    if (Flag(Given(args, kwargs, 2, "reverse"))) std::reverse(out.begin(), out.end());
    return Value::MakeList(std::move(out));
  }
  if (f == "truncate" && IsText(v)) {
    const Value* length = Given(args, kwargs, 0, "length");
    const Value* end_value = Given(args, kwargs, 2, "end");
    const Value* leeway = Given(args, kwargs, 3, "leeway");
    size_t n = length && length->kind == Kind::kInt && length->integer >= 0 ? static_cast<size_t>(length->integer) : 255;
    std::string end = end_value ? ToText(*end_value) : "...";
    size_t slack = leeway && leeway->kind == Kind::kInt && leeway->integer >= 0 ? static_cast<size_t>(leeway->integer) : 5;
    if (v.text.size() <= n + slack) return Value::String(v.text);
    size_t keep = n >= end.size() ? n - end.size() : 0;
    std::string head = v.text.substr(0, keep);
    if (!Flag(Given(args, kwargs, 1, "killwords"))) {
      size_t space = head.rfind(' ');
      if (space != std::string::npos) head = head.substr(0, space);
    }
    return Value::String(head + end);
  }

  // Filters over the items of a list (a dict's keys, a string's characters).
  std::optional<List> items = Items(v);
  if (!items) return std::nullopt;
  const Value* attribute = Keyword(kwargs, "attribute");
  auto key_unknown = [&]() -> const Value* {
    if (const Value* u = FirstUnknownIn(*items)) return u;
    return nullptr;
  };
  if (f == "list") return Value::MakeList(std::move(*items));
  if (f == "join") {
    std::string sep = args.empty() ? "" : ToText(args[0]);
    const Value* by = Given(args, kwargs, 1, "attribute");
    std::string out;
    for (size_t i = 0; i < items->size(); ++i) {
      Value item = by ? AttributeOf((*items)[i], ToText(*by)) : (*items)[i];
      if (item.IsUnknown()) return item;
      out += (i ? sep : "") + ToText(item);
      if (out.size() > ir::kMaxStringBytes) return Value::Unknown("a string over the limit");
    }
    return Value::String(std::move(out));
  }
  if (f == "first" || f == "last") {
    if (items->empty()) return Value{};
    return f == "first" ? items->front() : items->back();
  }
  if (f == "reverse") {
    if (v.kind == Kind::kString) return Value::String(std::string(v.text.rbegin(), v.text.rend()));
    std::reverse(items->begin(), items->end());
    return Value::MakeList(std::move(*items));
  }
  if (f == "max" || f == "min") {
    if (const Value* u = key_unknown()) return *u;
    if (items->empty()) return Value{};
    bool fold = !Flag(Keyword(kwargs, "case_sensitive"));
    const Value* best = &items->front();
    for (const Value& item : *items) {
      std::optional<bool> less = f == "max" ? py::Less(SortKey(*best, attribute), SortKey(item, attribute), fold)
                                            : py::Less(SortKey(item, attribute), SortKey(*best, attribute), fold);
      if (!less) return Value::Unknown(f);
      if (*less) best = &item;
    }
    return *best;
  }
  if (f == "sum") {
    const Value* start = Given(args, kwargs, 1, "start");
    Value total = start ? *start : Value::Int(0);
    const Value* by = Given(args, kwargs, 0, "attribute");
    for (const Value& item : *items) {
      Value x = by ? AttributeOf(item, ToText(*by)) : item;
      if (x.IsUnknown()) return x;
      if (!IsNumber(x) || !IsNumber(total)) return Value::Unknown("sum");
      bool ints = x.kind != Kind::kFloat && total.kind != Kind::kFloat;
      int64_t r = 0;
      if (ints && !__builtin_add_overflow(static_cast<int64_t>(Number(total)), static_cast<int64_t>(Number(x)), &r)) {
        total = Value::Int(r);
      } else {
        total = Value::Float(Number(total) + Number(x));
      }
    }
    return total;
  }
  if (f == "sort") {
    if (const Value* u = key_unknown()) return *u;
    if (!SortItems(*items, attribute, !Flag(Given(args, kwargs, 1, "case_sensitive")))) return Value::Unknown("sort");
    if (Flag(Given(args, kwargs, 0, "reverse"))) std::reverse(items->begin(), items->end());
    return Value::MakeList(std::move(*items));
  }
  if (f == "unique") {
    if (const Value* u = key_unknown()) return *u;
    bool fold = !Flag(Given(args, kwargs, 0, "case_sensitive"));
    List out;
    List seen;
    size_t budget = ir::kMaxListItems;
    for (const Value& item : *items) {
      Value key = SortKey(item, attribute);
      if (fold && IsText(key)) key = Value::String(py::Lower(key.text));
      bool again = false;
      for (const Value& s : seen) {
        Truth t = EqualWithin(s, key, budget);
        if (t == Truth::kUnknown) return Value::Unknown("unique");
        again |= t == Truth::kTrue;
      }
      if (!again) {
        seen.push_back(key);
        out.push_back(item);
      }
    }
    return Value::MakeList(std::move(out));
  }
  if (f == "map") {
    List out;
    if (attribute != nullptr) {
      const Value* fallback = Keyword(kwargs, "default");
      for (const Value& item : *items) {
        Value x = AttributeOf(item, ToText(*attribute));
        out.push_back(x.kind == Kind::kUndefined && fallback ? *fallback : x);
      }
      return Value::MakeList(std::move(out));
    }
    if (args.empty() || args[0].kind != Kind::kString) return std::nullopt;
    Args rest(args.begin() + 1, args.end());
    for (const Value& item : *items) {
      std::optional<Value> x = ApplyFilter(args[0].text, item, rest, {});
      if (!x) return Value::Unknown(args[0].text);
      out.push_back(std::move(*x));
    }
    return Value::MakeList(std::move(out));
  }
  if (f == "select" || f == "reject" || f == "selectattr" || f == "rejectattr") {
    bool by_attribute = f.ends_with("attr");
    bool keep_when = f.starts_with("select");
    size_t test_at = by_attribute ? 1 : 0;
    if (by_attribute && args.empty()) return std::nullopt;
    Args test_args(args.begin() + static_cast<std::ptrdiff_t>(std::min(args.size(), test_at + 1)), args.end());
    List out;
    for (const Value& item : *items) {
      Value x = by_attribute ? AttributeOf(item, ToText(args[0])) : item;
      Truth t = args.size() > test_at ? ApplyTest(ToText(args[test_at]), x, test_args) : TruthOf(x);
      if (t == Truth::kUnknown) return x.IsUnknown() ? x : Value::Unknown(f);
      if ((t == Truth::kTrue) == keep_when) out.push_back(item);
    }
    return Value::MakeList(std::move(out));
  }
  if (f == "groupby" && !args.empty()) {
    if (const Value* u = key_unknown()) return *u;
    Value by = args[0];
    if (!SortItems(*items, &by, true)) return Value::Unknown("groupby");
    List groups;
    for (const Value& item : *items) {
      Value key = AttributeOf(item, ToText(by));
      if (groups.empty() || Equal((*groups.back().list)[0], key) != Truth::kTrue) {
        groups.push_back(Value::MakeList({key, Value::MakeList({})}));
      }
      (*groups.back().list)[1].list->push_back(item);
    }
    return Value::MakeList(std::move(groups));
  }
  if (f == "batch" && !args.empty() && args[0].kind == Kind::kInt && args[0].integer > 0 &&
      static_cast<uint64_t>(args[0].integer) <= ir::kMaxListItems) {
    List out;
    size_t size = static_cast<size_t>(args[0].integer);
    for (size_t i = 0; i < items->size(); i += size) {
      List row(items->begin() + static_cast<std::ptrdiff_t>(i),
               items->begin() + static_cast<std::ptrdiff_t>(std::min(items->size(), i + size)));
      while (args.size() > 1 && row.size() < size) row.push_back(args[1]);
      out.push_back(Value::MakeList(std::move(row)));
    }
    return Value::MakeList(std::move(out));
  }
  return std::nullopt;
}

Value Renderer::EvalTest(const Expr& e) {
  Value v = Eval(e.args[0]);
  Args args;
  for (size_t i = 1; i < e.args.size(); ++i) args.push_back(Eval(e.args[i]));
  Truth t = ApplyTest(e.name, v, args);
  if (t == Truth::kUnknown) return Value::Unknown(v.IsUnknown() ? v.text : "is " + e.name);
  return Value::Bool((t == Truth::kTrue) != e.negated);
}

Truth Renderer::ApplyTest(const std::string& test, const Value& v, const Args& args) {
  auto of = [](bool b) { return b ? Truth::kTrue : Truth::kFalse; };
  if (v.IsUnknown()) {
    // Context names we do not model (target, run_started_at) are defined; locals never are unknown.
    if (test == "defined") return Truth::kTrue;
    if (test == "undefined") return Truth::kFalse;
    return Truth::kUnknown;
  }
  const Value* other = args.empty() ? nullptr : &args[0];
  if (other && other->IsUnknown()) return Truth::kUnknown;
  if (test == "defined") return of(v.kind != Kind::kUndefined);
  if (test == "undefined") return of(v.kind == Kind::kUndefined);
  if (test == "none") return of(v.kind == Kind::kNone);
  if (test == "string") return of(v.kind == Kind::kString);
  if (test == "number") return of(v.kind == Kind::kInt || v.kind == Kind::kFloat);
  if (test == "integer") return of(v.kind == Kind::kInt);
  if (test == "float") return of(v.kind == Kind::kFloat);
  if (test == "boolean") return of(v.kind == Kind::kBool);
  if (test == "mapping") return of(v.kind == Kind::kDict);
  if (test == "callable") return of(v.kind == Kind::kMacro);
  if (test == "iterable" || test == "sequence") {
    return of(v.kind == Kind::kList || v.kind == Kind::kString || v.kind == Kind::kDict);
  }
  if (test == "true" || test == "false") return of(v.kind == Kind::kBool && v.boolean == (test == "true"));
  if (test == "lower" || test == "upper") {
    if (!IsText(v)) return Truth::kFalse;
    bool cased = std::any_of(v.text.begin(), v.text.end(), [](char c) { return (c | 0x20) >= 'a' && (c | 0x20) <= 'z'; });
    return of(cased && v.text == (test == "lower" ? py::Lower(v.text) : py::Upper(v.text)));
  }
  if ((test == "odd" || test == "even") && v.kind == Kind::kInt) return of((v.integer % 2 != 0) == (test == "odd"));
  if (test == "divisibleby" && other && v.kind == Kind::kInt && other->kind == Kind::kInt && other->integer != 0) {
    return of(v.integer % other->integer == 0);
  }
  if (!other) return Truth::kUnknown;
  if (test == "eq" || test == "equalto" || test == "==") return Equal(v, *other);
  if (test == "ne" || test == "!=") {
    Truth t = Equal(v, *other);
    return t == Truth::kUnknown ? t : of(t == Truth::kFalse);
  }
  if (test == "sameas") {
    bool scalar = v.kind != Kind::kList && v.kind != Kind::kDict;
    if (scalar) return Equal(v, *other);
    return of(v.kind == other->kind && (v.kind == Kind::kList ? v.list == other->list : v.dict == other->dict));
  }
  if (test == "in") {
    if (other->kind == Kind::kList) {
      size_t budget = ir::kMaxListItems;
      Truth result = Truth::kFalse;
      for (const Value& item : *other->list) {
        Truth t = EqualWithin(item, v, budget);
        if (t == Truth::kTrue) return t;
        if (t == Truth::kUnknown) result = t;
      }
      return result;
    }
    if (other->kind == Kind::kDict) return of(other->Get(ToText(v)) != nullptr);
    if (IsText(*other) && IsText(v)) return of(other->text.find(v.text) != std::string::npos);
    return Truth::kUnknown;
  }
  static const char* const kCompare[][2] = {{"lt", "<"}, {"le", "<="}, {"gt", ">"}, {"ge", ">="},
                                            {"lessthan", "<"}, {"greaterthan", ">"}};
  for (const auto& pair : kCompare) {
    std::string name = pair[0], op = pair[1];
    if (test != name && test != op) continue;
    std::optional<bool> less = py::Less(v, *other), greater = py::Less(*other, v);
    if (!less || !greater) return Truth::kUnknown;
    if (op == "<") return of(*less);
    if (op == "<=") return of(!*greater);
    if (op == ">") return of(*greater);
    return of(!*less);
  }
  return Truth::kUnknown;
}

}  // namespace ds::analytics::jinja
