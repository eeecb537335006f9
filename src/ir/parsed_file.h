#pragma once
/// What a frontend makes of one file: the schema ops in file order and what it could not read.
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "src/ir/diagnostic.h"
#include "src/ir/schema_ops.h"
#include "src/ir/source_text.h"

namespace ds::ir {

/// Where a framework migration stands in its history (Alembic revisions, Django dependencies).
/// SQL migration folders are ordered by file name instead and leave this empty.
struct MigrationMeta {
  std::string id;                    ///< revision id / "app.0002_name"
  std::vector<std::string> parents;  ///< down_revision(s) / dependencies
  std::vector<std::string> replaces; ///< squashed migrations this one stands for
};

/// What a framework frontend keeps of a file for work that needs the whole history (Django's
/// operations need the model state left by earlier migrations). Opaque outside parsers/.
struct FrameworkRecord {
  virtual ~FrameworkRecord() = default;
};

struct ParsedFile {
  std::vector<SchemaOp> ops;
  std::vector<Diagnostic> diagnostics;
  MigrationMeta meta;
  /// Offsets in CreateView / CreateTable AS queries are relative to this text.
  std::shared_ptr<const SourceText> source;
  /// Set by the framework frontends (Alembic, Django, Rails); null for SQL.
  std::shared_ptr<const FrameworkRecord> framework;
  /// SQL: temporary tables the file creates (unqualified names as written, folded). They live
  /// only as long as the migration's session, so they are no ops; a later DROP of one is none.
  std::set<std::string> temporary_tables;
};

}  // namespace ds::ir
