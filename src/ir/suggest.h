#pragma once
/// "Did you mean ...?": the closest known name to a mistyped one, for every place that names
/// what it did not find (commands, rule ids, relations, views).
#include <string>
#include <string_view>
#include <vector>

namespace ds::ir {

/// Levenshtein distance (insertions, deletions, substitutions).
size_t EditDistance(std::string_view a, std::string_view b);

/// The candidate closest to `wanted`, when within a third of its length (at least 2 edits);
/// empty when none is that close. Ties go to the first candidate.
std::string Closest(std::string_view wanted, const std::vector<std::string>& candidates);

}  // namespace ds::ir
