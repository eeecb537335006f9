#pragma once
/// The values a statically rendered Jinja template computes with: Python-like literals, lists,
/// dicts, relations (what ref()/source()/this give), and "unknown" for whatever cannot be known
/// without a warehouse (target.*, run_query, unknown macros).
#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace ds::analytics::jinja {

struct Value;
using List = std::vector<Value>;
using Dict = std::vector<std::pair<std::string, Value>>;  ///< insertion order kept

enum class Kind : uint8_t {
  kUndefined,  ///< a name nobody set: renders as "", false in a test (Jinja's default)
  kUnknown,    ///< a value only the warehouse or dbt's runtime knows
  kNone,
  kBool,
  kInt,
  kFloat,
  kString,
  kList,
  kDict,
  kRelation,   ///< `text` is the rendered relation, `dict` its schema/name/identifier
  kMacro,      ///< a macro to call (`caller`, what adapter.dispatch returns): `text` its name,
               ///< `integer` its index in the render's table of callables
  kDateTime,   ///< Python's datetime module (dbt's `modules.datetime`, run_started_at): `text` the
               ///< type ("date", "datetime", "timedelta"), `integer` microseconds since the epoch
               ///< (UTC) or of the duration, `boolean` a datetime aware of its zone (UTC)
};

/// Three-valued truth: a condition over an unknown value is itself unknown.
enum class Truth : uint8_t { kFalse, kTrue, kUnknown };

struct Value {
  Kind kind = Kind::kUndefined;
  bool boolean = false;
  int64_t integer = 0;
  double real = 0;
  std::string text;  ///< kString, kRelation; kUnknown: what it stands for ("target.name")
  std::shared_ptr<List> list;
  std::shared_ptr<Dict> dict;
  /// kUnknown: a macro call, already reported where it was called; kString: a macro's output.
  bool from_macro = false;

  static Value Of(Kind k) {
    Value v;
    v.kind = k;
    return v;
  }
  static Value None() { return Of(Kind::kNone); }
  static Value Bool(bool b) { Value v = Of(Kind::kBool); v.boolean = b; return v; }
  static Value Int(int64_t i) { Value v = Of(Kind::kInt); v.integer = i; return v; }
  static Value Float(double d) { Value v = Of(Kind::kFloat); v.real = d; return v; }
  static Value String(std::string s) { Value v = Of(Kind::kString); v.text = std::move(s); return v; }
  static Value Unknown(std::string what, bool from_macro = false) {
    Value v = Of(Kind::kUnknown);
    v.text = std::move(what);
    v.from_macro = from_macro;
    return v;
  }
  static Value MakeList(List items) {
    Value v = Of(Kind::kList);
    v.list = std::make_shared<List>(std::move(items));
    return v;
  }
  static Value MakeDict(Dict items) {
    Value v = Of(Kind::kDict);
    v.dict = std::make_shared<Dict>(std::move(items));
    return v;
  }
  static Value Macro(std::string name, int64_t index) {
    Value v = Of(Kind::kMacro);
    v.text = std::move(name);
    v.integer = index;
    return v;
  }
  /// A relation rendered as `text` with attributes database/schema/name/identifier.
  /// `schema.name` as SQL, names that need it quoted with `quote` (see QuoteIdentifier).
  static Value Relation(const std::string& schema, const std::string& name, char quote = '"');

  bool IsUnknown() const { return kind == Kind::kUnknown; }
  /// A dict entry or relation attribute; nullptr when absent.
  const Value* Get(const std::string& key) const;
};

/// How `{{ value }}` prints it (Python's str(): True, None, ['a', 'b']); past kMaxStringBytes
/// of text or kMaxNestingDepth levels it is cut with "...".
std::string ToText(const Value& v);
/// str() of a date, datetime or timedelta (jinja_datetime.cpp).
std::string DateTimeText(const Value& v);
/// Python's repr() for list items: strings quoted.
std::string Repr(const Value& v);
/// Jinja truthiness, unknown for unknown values.
Truth TruthOf(const Value& v);
/// ==, unknown when either side is (or when comparing would take too long).
Truth Equal(const Value& a, const Value& b);
/// ==, spending at most `budget` comparisons (shared across calls: `x in long_list`).
Truth EqualWithin(const Value& a, const Value& b, size_t& budget);
/// An identifier rendered for SQL: bare when it is a plain lower-case name, else quoted with
/// `quote` (a double quote, or a backtick where double quotes make strings), doubled inside.
std::string QuoteIdentifier(const std::string& name, char quote = '"');

/// `v` in at most about 80 characters, for the description of an unknown ("a list of 10000
/// items"): a loop that described a long list at each turn would build gigabytes of text.
std::string Brief(const Value& v);

}  // namespace ds::analytics::jinja
