// Python's methods on the values a template holds, as Jinja calls them: str (join, split, strip,
// replace, format-free ones), list (append, extend, pop, insert, remove, index, copy), dict (get,
// items, keys, values, copy, update, pop, setdefault), and date/datetime/timedelta
// (jinja_datetime.cpp). Lists and dicts are shared as Python's are: a method that changes one
// changes it for every name holding it, and never puts a container inside itself.
#include <algorithm>

#include "parsers/analytics/jinja_renderer.h"
#include "src/ir/limits.h"

namespace ds::analytics::jinja {
namespace {

using py::IsText;

/// Python's str.split(sep, maxsplit); `sep` empty: runs of white space, ends trimmed.
List Split(const std::string& s, const std::string& sep, int64_t maxsplit) {
  List parts;
  if (sep.empty()) {
    const char* space = " \t\n\r\f\v";
    size_t at = s.find_first_not_of(space);
    while (at != std::string::npos) {
      size_t end = maxsplit == 0 ? std::string::npos : s.find_first_of(space, at);
      if (end == std::string::npos) {
        parts.push_back(Value::String(py::Strip(s.substr(at), space, false, true)));
        break;
      }
      parts.push_back(Value::String(s.substr(at, end - at)));
      --maxsplit;
      at = s.find_first_not_of(space, end);
    }
    return parts;
  }
  size_t start = 0;
  for (size_t at = s.find(sep); at != std::string::npos && maxsplit != 0; at = s.find(sep, start), --maxsplit) {
    parts.push_back(Value::String(s.substr(start, at - start)));
    start = at + sep.size();
  }
  parts.push_back(Value::String(s.substr(start)));
  return parts;
}

/// startswith / endswith with a string or a tuple of them.
Value Affix(const std::string& s, const Value& arg, bool prefix) {
  auto one = [&](const Value& v) { return prefix ? s.starts_with(ToText(v)) : s.ends_with(ToText(v)); };
  if (arg.kind == Kind::kList) return Value::Bool(std::any_of(arg.list->begin(), arg.list->end(), one));
  return Value::Bool(one(arg));
}

Value StringMethod(const std::string& s, const std::string& method, const std::vector<Value>& args) {
  auto arg_text = [&](size_t i, const std::string& fallback) {
    return i < args.size() && args[i].kind != Kind::kNone ? ToText(args[i]) : fallback;
  };
  auto all = [&](auto predicate) { return !s.empty() && std::all_of(s.begin(), s.end(), predicate); };
  if (method == "upper") return Value::String(py::Upper(s));
  if (method == "lower" || method == "casefold") return Value::String(py::Lower(s));
  if (method == "strip" || method == "lstrip" || method == "rstrip") {
    std::string chars = arg_text(0, " \t\n\r\f\v");
    return Value::String(py::Strip(s, chars, method != "rstrip", method != "lstrip"));
  }
  if (method == "replace" && args.size() >= 2) {
    return py::Replaced(s, args[0], args[1], args.size() > 2 && args[2].kind == Kind::kInt ? args[2].integer : -1);
  }
  if (method == "startswith" && !args.empty()) return Affix(s, args[0], true);
  if (method == "endswith" && !args.empty()) return Affix(s, args[0], false);
  if (method == "split" || method == "rsplit") {
    int64_t maxsplit = args.size() > 1 && args[1].kind == Kind::kInt ? args[1].integer : -1;
    if (method == "rsplit" && maxsplit >= 0) return Value::Unknown("rsplit");  // from the right: not modelled
    return Value::MakeList(Split(s, arg_text(0, ""), maxsplit));
  }
  if (method == "join" && !args.empty()) {
    const Value& items = args[0];
    if (items.kind != Kind::kList) return items.IsUnknown() ? items : Value::Unknown("join");
    std::string out;
    for (size_t i = 0; i < items.list->size(); ++i) {
      const Value& item = (*items.list)[i];
      if (item.IsUnknown()) return item;
      if (!IsText(item)) return Value::Unknown("join");  // Python's join takes strings only
      out += (i ? s : "") + item.text;
      if (out.size() > ir::kMaxStringBytes) return Value::Unknown("a string over the limit");
    }
    return Value::String(std::move(out));
  }
  if ((method == "find" || method == "rfind" || method == "index" || method == "count") && !args.empty()) {
    std::string needle = ToText(args[0]);
    if (method == "count") {
      if (needle.empty()) return Value::Int(static_cast<int64_t>(s.size() + 1));
      int64_t n = 0;
      for (size_t at = s.find(needle); at != std::string::npos; at = s.find(needle, at + needle.size())) ++n;
      return Value::Int(n);
    }
    size_t at = method == "rfind" ? s.rfind(needle) : s.find(needle);
    if (at == std::string::npos) return method == "index" ? Value::Unknown("index") : Value::Int(-1);
    return Value::Int(static_cast<int64_t>(at));
  }
  if (method == "title" || method == "capitalize") {
    std::string out = py::Lower(s);
    bool start = true;
    for (char& c : out) {
      bool alpha = c >= 'a' && c <= 'z';
      if (alpha && start) c = static_cast<char>(c - 'a' + 'A');
      if (method == "capitalize") start = false;
      else start = !alpha && !(c >= '0' && c <= '9') && !(c >= 'A' && c <= 'Z');
    }
    return Value::String(out);
  }
  if (method == "isdigit" || method == "isnumeric" || method == "isdecimal") {
    return Value::Bool(all([](char c) { return c >= '0' && c <= '9'; }));
  }
  if (method == "isalpha") return Value::Bool(all([](char c) { return (c | 0x20) >= 'a' && (c | 0x20) <= 'z'; }));
  if (method == "isalnum") {
    return Value::Bool(all([](char c) { return ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') || (c >= '0' && c <= '9'); }));
  }
  if (method == "isupper" || method == "islower") {
    bool cased = std::any_of(s.begin(), s.end(), [](char c) { return (c | 0x20) >= 'a' && (c | 0x20) <= 'z'; });
    return Value::Bool(cased && s == (method == "isupper" ? py::Upper(s) : py::Lower(s)));
  }
  if (method == "zfill" && !args.empty() && args[0].kind == Kind::kInt) {
    size_t width = static_cast<size_t>(std::clamp<int64_t>(args[0].integer, 0, static_cast<int64_t>(ir::kMaxStringBytes)));
    if (s.size() >= width) return Value::String(s);
    bool sign = !s.empty() && (s[0] == '-' || s[0] == '+');
    return Value::String((sign ? s.substr(0, 1) : "") + std::string(width - s.size(), '0') + s.substr(sign ? 1 : 0));
  }
  return Value::Unknown(method);
}

}  // namespace

Value Renderer::EvalMethod(const Value& receiver, const std::string& method, const Args& args, const Kwargs& kwargs,
                           uint32_t offset) {
  if (receiver.kind == Kind::kDateTime) {
    if (std::optional<Value> v = datetime::Method(receiver, method, args)) return std::move(*v);
    return Value::Unknown(method);
  }
  // What is looked up or matched must be known; what is stored (append's item, get's default) need not.
  if (!args.empty() && args[0].IsUnknown() && method != "append") return args[0];
  if (receiver.kind == Kind::kList) {
    List& list = *receiver.list;
    if (method == "append" && !args.empty()) {
      if (!MayHold(receiver, args[0], offset)) return Value::None();
      if (list.size() >= ir::kMaxListItems) return Value::Unknown("a list over the limit");
      list.push_back(args[0]);
      return Value::None();
    }
    if (method == "extend" && !args.empty() && args[0].kind == Kind::kList) {
      if (!MayHold(receiver, args[0], offset)) return Value::None();
      if (list.size() + args[0].list->size() > ir::kMaxListItems) return Value::Unknown("a list over the limit");
      List items = *args[0].list;  // l.extend(l) reads what it grows
      list.insert(list.end(), items.begin(), items.end());
      return Value::None();
    }
    if (method == "insert" && args.size() == 2 && args[0].kind == Kind::kInt) {
      if (!MayHold(receiver, args[1], offset)) return Value::None();
      if (list.size() >= ir::kMaxListItems) return Value::Unknown("a list over the limit");
      int64_t n = static_cast<int64_t>(list.size()), i = args[0].integer < 0 ? args[0].integer + n : args[0].integer;
      list.insert(list.begin() + std::clamp<int64_t>(i, 0, n), args[1]);
      return Value::None();
    }
    if (method == "pop") {
      int64_t n = static_cast<int64_t>(list.size());
      int64_t i = args.empty() ? n - 1 : args[0].kind == Kind::kInt ? args[0].integer : n;
      if (i < 0) i += n;
      if (i < 0 || i >= n) return Value::Unknown("pop");  // Python raises
      Value out = list[static_cast<size_t>(i)];
      list.erase(list.begin() + i);
      return out;
    }
    if ((method == "remove" || method == "index" || method == "count") && !args.empty()) {
      size_t budget = ir::kMaxListItems;
      int64_t n = 0;
      for (size_t i = 0; i < list.size(); ++i) {
        Truth t = EqualWithin(list[i], args[0], budget);
        if (t == Truth::kUnknown) return Value::Unknown(method);
        if (t != Truth::kTrue) continue;
        if (method == "count") {
          ++n;
          continue;
        }
        if (method == "index") return Value::Int(static_cast<int64_t>(i));
        list.erase(list.begin() + static_cast<std::ptrdiff_t>(i));
        return Value::None();
      }
      return method == "count" ? Value::Int(n) : Value::Unknown(method);  // Python raises
    }
    if (method == "copy") return Value::MakeList(list);
    if (method == "reverse") {
      std::reverse(list.begin(), list.end());
      return Value::None();
    }
    return Value::Unknown(method);
  }
  if (receiver.kind == Kind::kDict) {
    Dict& dict = *receiver.dict;
    auto find = [&](const std::string& key) {
      return std::find_if(dict.begin(), dict.end(), [&](const auto& entry) { return entry.first == key; });
    };
    if (method == "get") {
      const Value* v = args.empty() ? nullptr : receiver.Get(ToText(args[0]));
      return v ? *v : (args.size() > 1 ? args[1] : Value::None());
    }
    if (method == "keys" || method == "values" || method == "items") {
      List out;
      for (const auto& [key, value] : dict) {
        if (method == "keys") out.push_back(Value::String(key));
        else if (method == "values") out.push_back(value);
        else out.push_back(Value::MakeList({Value::String(key), value}));
      }
      return Value::MakeList(std::move(out));
    }
    if (method == "copy") return Value::MakeDict(dict);
    if (method == "update") {
      Dict incoming;
      if (!args.empty()) {
        if (args[0].kind != Kind::kDict) return Value::Unknown("update");
        incoming = *args[0].dict;
      }
      incoming.insert(incoming.end(), kwargs.begin(), kwargs.end());
      for (auto& [key, value] : incoming) {
        if (!MayHold(receiver, value, offset)) return Value::None();
        auto it = find(key);
        if (it != dict.end()) it->second = std::move(value);
        else if (dict.size() < ir::kMaxListItems) dict.emplace_back(key, std::move(value));
        else return Value::Unknown("a list over the limit");
      }
      return Value::None();
    }
    if (method == "pop" && !args.empty()) {
      auto it = find(ToText(args[0]));
      if (it == dict.end()) return args.size() > 1 ? args[1] : Value::Unknown("pop");  // Python raises
      Value out = std::move(it->second);
      dict.erase(it);
      return out;
    }
    if (method == "setdefault" && !args.empty()) {
      auto it = find(ToText(args[0]));
      if (it != dict.end()) return it->second;
      Value v = args.size() > 1 ? args[1] : Value::None();
      if (!MayHold(receiver, v, offset) || dict.size() >= ir::kMaxListItems) return v;
      dict.emplace_back(ToText(args[0]), v);
      return v;
    }
    return Value::Unknown(method);
  }
  if (IsText(receiver)) {
    for (const Value& a : args) {
      if (a.IsUnknown()) return a;
    }
    return StringMethod(receiver.text, method, args);
  }
  return Value::Unknown(method);
}

}  // namespace ds::analytics::jinja
