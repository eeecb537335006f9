#pragma once
/// A Python or Ruby expression read as a literal, as far as it can be known without running it:
/// strings (concatenated, module constants), numbers, None/nil, booleans, lists, dicts/hashes,
/// dotted names and calls. Anything else is kUnknown with the reason. No tree-sitter types.
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ds::parsers {

struct Value {
  enum class Kind { kUnknown, kNone, kBool, kNumber, kString, kList, kDict, kName, kCall };

  Kind kind = Kind::kUnknown;
  /// kString: the text (escapes decoded; Ruby symbols too); kNumber: as written; kName: the
  /// dotted name (`sa.Integer`, `settings.AUTH_USER_MODEL`); kCall: the callee's dotted name;
  /// kUnknown: what it is ("an f-string", "a call result").
  std::string text;
  bool flag = false;           ///< kBool
  std::vector<Value> items;    ///< kList elements; kCall positional arguments
  std::vector<std::pair<std::string, Value>> keywords;  ///< kDict entries; kCall keyword args
  std::vector<Value> receiver; ///< kCall on a call result (`sa.String(20).with_variant(...)`)
  int line = 0, column = 0;    ///< where the expression starts (1-based, byte column)
  /// kString: where its text starts in the file, for SQL embedded in it.
  int content_line = 0, content_column = 0;

  // Defined in value.cpp, where Value is complete: clang with libstdc++ 12 refuses to define
  // them inline over vector<pair<string, Value>>.
  Value();
  Value(const Value&);
  Value(Value&&) noexcept;
  Value& operator=(const Value&);
  Value& operator=(Value&&) noexcept;
  ~Value();

  bool Is(Kind k) const { return kind == k; }
  bool IsString() const { return kind == Kind::kString; }
  bool IsTrue() const { return kind == Kind::kBool && flag; }
  bool IsFalse() const { return kind == Kind::kBool && !flag; }
  /// The last part of a dotted name or callee: `sa.types.Integer` -> `Integer`.
  std::string_view LastName() const;
  /// A keyword argument (kCall) or entry (kDict) by name, or null.
  const Value* Keyword(std::string_view name) const;
  /// Positional argument `index`, else keyword `name`, else null.
  const Value* Arg(size_t index, std::string_view name) const;
  /// The text when this is a string.
  std::optional<std::string> String() const;
  /// The integer value when this is a whole number.
  std::optional<long long> Integer() const;
  /// About how many bytes a copy of this value takes (its texts and parts, recursively).
  size_t Footprint() const;
};

/// A short description for diagnostics: `op.add_column(...)`, `'users'`, `an f-string`.
std::string Describe(const Value& value);

}  // namespace ds::parsers
