#pragma once
/// The Alembic frontend: a revision file read statically (no Python runs) into schema ops.
#include <string>
#include <string_view>
#include <vector>

#include "src/ir/parsed_file.h"

namespace ds::parsers {

/// What the Alembic history needs beyond MigrationMeta.
struct AlembicRecord : ir::FrameworkRecord {
  std::vector<std::string> branch_labels;
  std::vector<std::string> depends_on;  ///< revisions or branch labels
};

/// Reads `revision`, `down_revision` (string, tuple for merges, None), `branch_labels` and
/// `depends_on` into `meta` (and an AlembicRecord) and the `op.*` calls of `upgrade()` into ops
/// with the file:line:col of each call. A file without `revision = ...` is not a revision: its
/// meta.id stays empty. Safe to call from several threads at once.
ir::ParsedFile ParseAlembicFile(std::string_view path, std::string_view text);

}  // namespace ds::parsers
