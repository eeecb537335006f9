#pragma once
/// "Did you mean ...?": the closest known name to a mistyped one, for every place that names
/// what it did not find (commands, rule ids, configured paths, relations, views).
#include <cstddef>
#include <string>
#include <string_view>

namespace ds::ir {

/// Levenshtein distance (insertions, deletions, substitutions).
size_t EditDistance(std::string_view a, std::string_view b);

/// The candidate closest to `wanted`, when at most a third of its length plus one edit away;
/// empty when none is that close. Ties go to the first candidate in `names`' order.
template <class Names>
std::string Closest(std::string_view wanted, const Names& names) {
  std::string best;
  size_t best_distance = wanted.size() / 3 + 2;  // the first distance not accepted
  for (const auto& name : names) {
    std::string_view candidate = name;
    // The lengths' difference is a lower bound of the distance: no need to compute it.
    size_t gap = candidate.size() > wanted.size() ? candidate.size() - wanted.size() : wanted.size() - candidate.size();
    if (gap >= best_distance) continue;
    size_t distance = EditDistance(wanted, candidate);
    if (distance < best_distance) {
      best = std::string(candidate);
      best_distance = distance;
    }
  }
  return best;
}

}  // namespace ds::ir
