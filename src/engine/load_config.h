#pragma once
/// Finds and reads the configuration for a revision.
#include <string>
#include <vector>

#include "src/config/config.h"
#include "src/git/repository.h"

namespace ds::engine {

/// `explicit_file` (a path on disk) when given; else downstream.yml / .downstream.yml at the
/// root of `snapshot`. Migrations or views the configuration does not name (all of them, with no
/// file) are detected in `snapshot`, and what was found is said in `notes`.
Result<config::Config> LoadConfig(const git::Repository& repo, const git::Snapshot& snapshot,
                                  const std::string& explicit_file, std::vector<std::string>& notes);

}  // namespace ds::engine
