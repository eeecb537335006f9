#include "parsers/analytics/jinja_value.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "src/ir/limits.h"

namespace ds::analytics::jinja {

std::string QuoteIdentifier(const std::string& name, char quote) {
  bool plain = !name.empty() && !(name[0] >= '0' && name[0] <= '9');
  for (char c : name) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) plain = false;
  }
  if (plain) return name;
  std::string out(1, quote);
  for (char c : name) {
    if (c == quote) out += quote;
    out += c;
  }
  return out + quote;
}

Value Value::Relation(const std::string& schema, const std::string& name, char quote) {
  Value v = Of(Kind::kRelation);
  v.text = schema.empty() ? QuoteIdentifier(name, quote)
                          : QuoteIdentifier(schema, quote) + "." + QuoteIdentifier(name, quote);
  v.dict = std::make_shared<Dict>(Dict{{"database", Value::None()},
                                       {"schema", Value::String(schema)},
                                       {"name", Value::String(name)},
                                       {"identifier", Value::String(name)},
                                       {"table", Value::String(name)}});
  return v;
}

const Value* Value::Get(const std::string& key) const {
  if (!dict) return nullptr;
  for (const auto& [k, v] : *dict) {
    if (k == key) return &v;
  }
  return nullptr;
}

namespace {

std::string FloatText(double d) {
  if (std::isfinite(d) && d == std::floor(d) && std::fabs(d) < 1e15) {
    return std::to_string(static_cast<int64_t>(d)) + ".0";
  }
  // Python's repr: the shortest text that reads back as the same double (2.57, not 2.5699999...).
  char buffer[32];
  for (int precision = 1; precision <= 17; ++precision) {
    std::snprintf(buffer, sizeof buffer, "%.*g", precision, d);
    if (std::strtod(buffer, nullptr) == d) break;
  }
  return buffer;
}

}  // namespace

namespace {

// Values can share lists (a DAG: `{% set a = [a, a] %}` in a loop) and nest as deep as a loop
// runs: printing stops at kMaxNestingDepth levels and kMaxStringBytes of text ("...").
void AppendText(const Value& v, bool repr, int depth, std::string& out) {
  if (out.size() > ir::kMaxStringBytes || depth > ir::kMaxNestingDepth) {
    out += "...";
    return;
  }
  switch (v.kind) {
    case Kind::kUndefined:
    case Kind::kUnknown: return;
    case Kind::kNone: out += "None"; return;
    case Kind::kBool: out += v.boolean ? "True" : "False"; return;
    case Kind::kInt: out += std::to_string(v.integer); return;
    case Kind::kFloat: out += FloatText(v.real); return;
    case Kind::kString:
      if (!repr) {
        out += v.text;
        return;
      }
      out += '\'';
      for (char c : v.text) {
        if (c == '\'' || c == '\\') out += '\\';
        out += c;
      }
      out += '\'';
      return;
    case Kind::kRelation: out += v.text; return;
    case Kind::kMacro: out += "<Macro '" + v.text + "'>"; return;
    case Kind::kDateTime: out += DateTimeText(v); return;
    case Kind::kList:
      out += '[';
      for (size_t i = 0; i < v.list->size() && out.size() <= ir::kMaxStringBytes; ++i) {
        if (i) out += ", ";
        AppendText((*v.list)[i], true, depth + 1, out);
      }
      out += ']';
      return;
    case Kind::kDict:
      out += '{';
      for (size_t i = 0; i < v.dict->size() && out.size() <= ir::kMaxStringBytes; ++i) {
        const auto& [key, item] = (*v.dict)[i];
        out += (i ? ", '" : "'") + key + "': ";
        AppendText(item, true, depth + 1, out);
      }
      out += '}';
      return;
  }
}

Truth EqualAt(const Value& a, const Value& b, int depth, size_t& budget) {
  auto of = [](bool x) { return x ? Truth::kTrue : Truth::kFalse; };
  if (a.IsUnknown() || b.IsUnknown()) return Truth::kUnknown;
  if (budget == 0 || depth > ir::kMaxNestingDepth) return Truth::kUnknown;  // too big to compare
  --budget;
  bool a_num = a.kind == Kind::kInt || a.kind == Kind::kFloat || a.kind == Kind::kBool;
  bool b_num = b.kind == Kind::kInt || b.kind == Kind::kFloat || b.kind == Kind::kBool;
  if (a_num && b_num) {
    auto number = [](const Value& v) {
      return v.kind == Kind::kFloat ? v.real : static_cast<double>(v.kind == Kind::kBool ? v.boolean : v.integer);
    };
    return of(number(a) == number(b));
  }
  if ((a.kind == Kind::kString || a.kind == Kind::kRelation) &&
      (b.kind == Kind::kString || b.kind == Kind::kRelation)) {
    return of(a.text == b.text);
  }
  if (a.kind != b.kind) return Truth::kFalse;
  if (a.kind == Kind::kNone || a.kind == Kind::kUndefined) return Truth::kTrue;
  if (a.kind == Kind::kMacro) return of(a.integer == b.integer);
  if (a.kind == Kind::kDateTime) return of(a.text == b.text && a.integer == b.integer);
  if (a.kind == Kind::kList) {
    if (a.list == b.list) return Truth::kTrue;
    if (a.list->size() != b.list->size()) return Truth::kFalse;
    for (size_t i = 0; i < a.list->size(); ++i) {
      Truth t = EqualAt((*a.list)[i], (*b.list)[i], depth + 1, budget);
      if (t != Truth::kTrue) return t;
    }
    return Truth::kTrue;
  }
  if (a.dict == b.dict) return Truth::kTrue;
  std::string x = ToText(a), y = ToText(b);
  if (x.size() > ir::kMaxStringBytes || y.size() > ir::kMaxStringBytes) return Truth::kUnknown;
  return of(x == y);
}

}  // namespace

std::string Repr(const Value& v) {
  std::string out;
  AppendText(v, true, 0, out);
  return out;
}

std::string ToText(const Value& v) {
  if (v.kind == Kind::kString || v.kind == Kind::kRelation) return v.text;
  std::string out;
  AppendText(v, false, 0, out);
  return out;
}

Truth TruthOf(const Value& v) {
  auto of = [](bool b) { return b ? Truth::kTrue : Truth::kFalse; };
  switch (v.kind) {
    case Kind::kUndefined:
    case Kind::kNone: return Truth::kFalse;
    case Kind::kUnknown: return Truth::kUnknown;
    case Kind::kBool: return of(v.boolean);
    case Kind::kInt: return of(v.integer != 0);
    case Kind::kFloat: return of(v.real != 0);
    case Kind::kString: return of(!v.text.empty());
    case Kind::kList: return of(!v.list->empty());
    case Kind::kDict: return of(!v.dict->empty());
    case Kind::kRelation:
    case Kind::kMacro: return Truth::kTrue;
    case Kind::kDateTime: return of(v.text != "timedelta" || v.integer != 0);
  }
  return Truth::kUnknown;
}

Truth EqualWithin(const Value& a, const Value& b, size_t& budget) { return EqualAt(a, b, 0, budget); }

Truth Equal(const Value& a, const Value& b) {
  size_t budget = ir::kMaxListItems;
  return EqualAt(a, b, 0, budget);
}

// A value as an unknown's description names it. A loop that describes a 10,000-item list
// at each turn would otherwise build gigabytes of text (fuzz/jinja_fuzz).
std::string Brief(const Value& v) {
  constexpr size_t kItems = 8, kChars = 80;
  if (v.kind == Kind::kList && v.list && v.list->size() > kItems) return "a list of " + std::to_string(v.list->size()) + " items";
  if (v.kind == Kind::kDict && v.dict && v.dict->size() > kItems) return "a dict of " + std::to_string(v.dict->size()) + " items";
  if ((v.kind == Kind::kString || v.kind == Kind::kUnknown) && v.text.size() > kChars) return v.text.substr(0, kChars) + "...";
  std::string text = ToText(v);
  if (text.size() > kChars) text = text.substr(0, kChars) + "...";
  return text;
}

}  // namespace ds::analytics::jinja
