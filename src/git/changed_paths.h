#pragma once
/// Which files differ between two snapshots: the paths a pull request touches.
#include <string>
#include <vector>

#include "src/git/repository.h"

namespace ds::git {

/// Paths added, removed or modified (blob id differs) from `base` to `head`, sorted.
/// Both snapshots must be sorted by path, as Repository returns them.
std::vector<std::string> ChangedPaths(const Snapshot& base, const Snapshot& head);

}  // namespace ds::git
