#include "src/ir/type_compat.h"

#include <optional>
#include <string>

namespace ds::ir {

namespace {

/// A type split into its name and its modifiers: `numeric(12,2)` -> numeric, 12, 2;
/// `timestamp(3) with time zone` -> `timestamp with time zone`, 3.
struct Parsed {
  std::string name;
  std::optional<int> first, second;  ///< the modifiers, when given
};

std::optional<int> Number(std::string_view text) {
  if (text.empty() || text.size() > 6) return std::nullopt;
  int value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + (c - '0');
  }
  return value;
}

std::optional<Parsed> Parse(std::string_view type) {
  Parsed parsed;
  size_t open = type.find('(');
  if (open == std::string_view::npos) {
    parsed.name = std::string(type);
    return parsed;
  }
  size_t close = type.find(')', open);
  if (close == std::string_view::npos) return std::nullopt;
  std::string_view inside = type.substr(open + 1, close - open - 1);
  size_t comma = inside.find(',');
  parsed.first = Number(inside.substr(0, comma));
  if (!parsed.first) return std::nullopt;
  if (comma != std::string_view::npos) {
    parsed.second = Number(inside.substr(comma + 1));
    if (!parsed.second) return std::nullopt;
  }
  parsed.name = std::string(type.substr(0, open)) + std::string(type.substr(close + 1));
  return parsed;
}

/// Digits before the decimal point an integer type needs.
std::optional<int> IntegerDigits(const std::string& name) {
  if (name == "smallint") return 5;
  if (name == "integer") return 10;
  if (name == "bigint") return 19;
  return std::nullopt;
}

bool Widens(const Parsed& from, const Parsed& to) {
  const std::string& a = from.name;
  const std::string& b = to.name;
  // Room in characters or bits: no length is the most room.
  auto more_room = [&] { return !to.first || (from.first && *to.first >= *from.first); };
  if (a == "character varying" && b == "text") return true;
  if ((a == "character varying" && b == "character varying") || (a == "bit varying" && b == "bit varying")) {
    return more_room();
  }
  if (a == "character" && b == "character") return from.first && to.first && *to.first >= *from.first;
  std::optional<int> from_digits = IntegerDigits(a), to_digits = IntegerDigits(b);
  if (from_digits && to_digits) return *to_digits >= *from_digits;
  if (b == "numeric") {
    if (!to.first) return from_digits.has_value() || a == "numeric";
    int to_scale = to.second.value_or(0);
    int to_integer_digits = *to.first - to_scale;
    if (from_digits) return to_integer_digits >= *from_digits;
    if (a == "numeric" && from.first) {
      int from_scale = from.second.value_or(0);
      return to_scale >= from_scale && to_integer_digits >= *from.first - from_scale;
    }
    return false;
  }
  if (a == "real" && b == "double precision") return true;
  for (std::string_view time : {"timestamp without time zone", "timestamp with time zone",
                                "time without time zone", "time with time zone"}) {
    // No precision given is 6, the most PostgreSQL keeps.
    if (a == time && b == time) return to.first.value_or(6) >= from.first.value_or(6);
  }
  return false;
}

}  // namespace

TypeChange CompareTypes(std::string_view from, std::string_view to) {
  if (from == to) return TypeChange::kWidening;
  // Arrays widen as their elements do (same number of dimensions).
  while (from.size() > 2 && to.size() > 2 && from.substr(from.size() - 2) == "[]" && to.substr(to.size() - 2) == "[]") {
    from.remove_suffix(2);
    to.remove_suffix(2);
  }
  std::optional<Parsed> a = Parse(from), b = Parse(to);
  if (!a || !b) return TypeChange::kIncompatible;
  return Widens(*a, *b) ? TypeChange::kWidening : TypeChange::kIncompatible;
}

}  // namespace ds::ir
