#include "parsers/treesitter/value.h"

#include <charconv>

namespace ds::parsers {

Value::Value() = default;
Value::Value(const Value&) = default;
Value::Value(Value&&) noexcept = default;
Value& Value::operator=(const Value&) = default;
Value& Value::operator=(Value&&) noexcept = default;
Value::~Value() = default;

std::string_view Value::LastName() const {
  std::string_view name = text;
  size_t cut = name.find_last_of(".:");
  return cut == std::string_view::npos ? name : name.substr(cut + 1);
}

const Value* Value::Keyword(std::string_view name) const {
  for (const auto& [key, value] : keywords) {
    if (key == name) return &value;
  }
  return nullptr;
}

size_t Value::Footprint() const {
  size_t bytes = sizeof(Value) + text.size();
  for (const Value& item : items) bytes += item.Footprint();
  for (const auto& [key, value] : keywords) bytes += key.size() + value.Footprint();
  for (const Value& r : receiver) bytes += r.Footprint();
  return bytes;
}

const Value* Value::Arg(size_t index, std::string_view name) const {
  if (index < items.size()) return &items[index];
  return name.empty() ? nullptr : Keyword(name);
}

std::optional<std::string> Value::String() const {
  if (kind != Kind::kString) return std::nullopt;
  return text;
}

std::optional<long long> Value::Integer() const {
  if (kind != Kind::kNumber) return std::nullopt;
  long long out = 0;
  std::string digits;
  for (char c : text) {
    if (c != '_') digits += c;
  }
  auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), out);
  if (error != std::errc() || end != digits.data() + digits.size()) return std::nullopt;
  return out;
}

std::string Describe(const Value& value) {
  switch (value.kind) {
    case Value::Kind::kCall: return value.text + "(...)";
    case Value::Kind::kString: return "'" + value.text + "'";
    case Value::Kind::kName: case Value::Kind::kNumber: return value.text;
    case Value::Kind::kNone: return "None";
    case Value::Kind::kBool: return value.flag ? "True" : "False";
    case Value::Kind::kList: return "a list";
    case Value::Kind::kDict: return "a dict";
    case Value::Kind::kUnknown: return value.text;
  }
  return value.text;
}

}  // namespace ds::parsers
