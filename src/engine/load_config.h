#pragma once
/// Finds and reads the configuration for a revision.
#include <string>
#include <vector>

#include "src/config/config.h"
#include "src/git/repository.h"

namespace ds::engine {

/// `explicit_file` (a path on disk) when given; else downstream.yml / .downstream.yml at the
/// root of `snapshot`; else the layouts detected in `snapshot`, with what was found in `notes`.
Result<config::Config> LoadConfig(const git::Repository& repo, const git::Snapshot& snapshot,
                                  const std::string& explicit_file, std::vector<std::string>& notes);

}  // namespace ds::engine
