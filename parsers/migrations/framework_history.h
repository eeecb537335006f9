#pragma once
/// The replay order of a framework's migrations, which needs every file parsed first: Alembic's
/// revision graph, Django's dependency graph (and squashes), Rails' version timestamps.
#include <string>
#include <vector>

#include "src/ir/parsed_file.h"

namespace ds::parsers {

enum class Framework { kAlembic, kDjango, kRails };

/// One file of a history, as its frontend parsed it.
struct HistoryFile {
  std::string path;
  const ir::ParsedFile* parsed = nullptr;
};

/// A file's turn in the replay and the ops it contributes then.
struct ReplayStep {
  size_t file = 0;  ///< index into the files given
  std::vector<ir::SchemaOp> ops;
};

/// Orders one framework's files as the framework would run them on an empty database and gives
/// each file's ops: Alembic topologically over down_revision/depends_on (several heads, a cycle,
/// or a missing parent are error diagnostics naming the revisions; every branch is still
/// replayed); Django topologically over dependencies across apps (`__first__`, `__latest__`),
/// a squash replacing the migrations it lists, and each operation resolved against the model
/// state left by the migrations before it (table and column names, foreign keys' `_id`,
/// many-to-many join tables); Rails by version, schema.rb first. Ties break on the path, so the
/// order is deterministic. Files left out (not a revision, replaced by a squash) are said in
/// `diagnostics` when a user would want to know.
std::vector<ReplayStep> OrderHistory(Framework framework, const std::vector<HistoryFile>& files,
                                     std::vector<ir::Diagnostic>& diagnostics);

}  // namespace ds::parsers
