#pragma once
/// The one way files are read from disk (a second checkout, a lineage file, a manifest, the
/// configuration file named on the command line): never through a symbolic link, never a
/// device, FIFO or folder, never more than ir::kMaxFileBytes, and no exception escapes.
#include <optional>
#include <string>

#include "src/ir/diagnostic.h"

namespace ds::engine {

/// A file read from disk, or why it was not.
struct DiskFile {
  std::optional<std::string> text;
  std::string problem;  ///< when not read: "a symbolic link", "over the limit of 16 MB", ...
  ir::DiagCode code = ir::DiagCode::kUnreadableFile;  ///< kLimitExceeded when refused for its size
};

/// Reads `path` with O_NOFOLLOW | O_NONBLOCK, a regular file only (fstat), at most
/// ir::kMaxFileBytes (read up to the limit: a file whose size lies, as in /proc, is cut too).
/// `follow_link`: a path the user typed (--config) may be a symbolic link.
DiskFile ReadDiskFile(const std::string& path, bool follow_link = false);

/// Like ReadDiskFile for `relative` under the folder `root`, refusing a symbolic link at any
/// component of `relative` (a committed symlink may point anywhere).
DiskFile ReadDiskFileUnder(const std::string& root, const std::string& relative);

}  // namespace ds::engine
