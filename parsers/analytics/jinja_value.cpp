#include "parsers/analytics/jinja_value.h"

#include <cmath>
#include <cstdio>

namespace ds::analytics::jinja {

std::string QuoteIdentifier(const std::string& name) {
  bool plain = !name.empty() && !(name[0] >= '0' && name[0] <= '9');
  for (char c : name) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) plain = false;
  }
  if (plain) return name;
  std::string out = "\"";
  for (char c : name) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

Value Value::Relation(const std::string& schema, const std::string& name) {
  Value v = Of(Kind::kRelation);
  v.text = schema.empty() ? QuoteIdentifier(name) : QuoteIdentifier(schema) + "." + QuoteIdentifier(name);
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
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.17g", d);
  return buffer;
}

}  // namespace

std::string Repr(const Value& v) {
  if (v.kind != Kind::kString) return ToText(v);
  std::string out = "'";
  for (char c : v.text) {
    if (c == '\'' || c == '\\') out += '\\';
    out += c;
  }
  return out + "'";
}

std::string ToText(const Value& v) {
  switch (v.kind) {
    case Kind::kUndefined: return "";
    case Kind::kUnknown: return "";
    case Kind::kNone: return "None";
    case Kind::kBool: return v.boolean ? "True" : "False";
    case Kind::kInt: return std::to_string(v.integer);
    case Kind::kFloat: return FloatText(v.real);
    case Kind::kString:
    case Kind::kRelation: return v.text;
    case Kind::kList: {
      std::string out = "[";
      for (size_t i = 0; i < v.list->size(); ++i) out += (i ? ", " : "") + Repr((*v.list)[i]);
      return out + "]";
    }
    case Kind::kDict: {
      std::string out = "{";
      for (size_t i = 0; i < v.dict->size(); ++i) {
        const auto& [key, item] = (*v.dict)[i];
        out += (i ? ", '" : "'") + key + "': " + Repr(item);
      }
      return out + "}";
    }
  }
  return "";
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
    case Kind::kRelation: return Truth::kTrue;
  }
  return Truth::kUnknown;
}

Truth Equal(const Value& a, const Value& b) {
  auto of = [](bool x) { return x ? Truth::kTrue : Truth::kFalse; };
  if (a.IsUnknown() || b.IsUnknown()) return Truth::kUnknown;
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
  if (a.kind == Kind::kList) {
    if (a.list->size() != b.list->size()) return Truth::kFalse;
    for (size_t i = 0; i < a.list->size(); ++i) {
      Truth t = Equal((*a.list)[i], (*b.list)[i]);
      if (t != Truth::kTrue) return t;
    }
    return Truth::kTrue;
  }
  return of(ToText(a) == ToText(b));
}

}  // namespace ds::analytics::jinja
