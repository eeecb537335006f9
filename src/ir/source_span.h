#pragma once
/// Where something stands in a repository file: 1-based line and column, 0 when unknown.
#include <compare>
#include <string>

namespace ds::ir {

struct SourceSpan {
  std::string file;  ///< repository-relative path, '/'-separated
  int line = 0;
  int column = 0;

  auto operator<=>(const SourceSpan&) const = default;
};

}  // namespace ds::ir
