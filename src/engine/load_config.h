#pragma once
/// Finds and reads the configuration for a revision, and for `check`, draws the trust boundary.
#include <string>
#include <vector>

#include "src/config/config.h"
#include "src/git/repository.h"

namespace ds::engine {

/// `explicit_file` (a path on disk) when given; else downstream.yml (or .downstream.yml,
/// downstream.yaml, .downstream.yaml) at the root of `snapshot`. A configured path matching
/// nothing at `snapshot` is an Error. Migrations or views the configuration does not name (all of
/// them, with no file) are detected in `snapshot`, and what was found is said in `notes`, as is a
/// configuration file left uncommitted in the working tree. `revision` names `snapshot` in
/// messages ("HEAD", "the index").
Result<config::Config> LoadConfig(const git::Repository& repo, const git::Snapshot& snapshot,
                                  const std::string& explicit_file, std::vector<std::string>& notes,
                                  const std::string& revision = "HEAD");

/// For `check`: `explicit_file` when given, trusted whole. Else the head's configuration narrowed
/// to the base revision's (config::NarrowToTrusted): paths outside the repository and owners come
/// from the base; what the head adds is refused with a kUntrusted diagnostic in `diagnostics`.
Result<config::Config> LoadCheckConfig(const git::Repository& repo, const git::Snapshot& base,
                                       const git::Snapshot& head, const std::string& explicit_file,
                                       const std::string& head_name, std::vector<std::string>& notes,
                                       std::vector<ir::Diagnostic>& diagnostics);

}  // namespace ds::engine
