#pragma once
/// The Rails (ActiveRecord) frontend: a migration under db/migrate, or db/schema.rb, read
/// statically (no Ruby runs) into schema ops.
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "src/ir/parsed_file.h"

namespace ds::parsers {

/// What a Rails file holds for work over the whole history: whether it is a snapshot, what
/// reverting each of its migration classes does, and its `revert SomeMigration` calls.
struct RailsRecord : ir::FrameworkRecord {
  bool snapshot = false;
  struct Class {
    std::string name;                   ///< as written after `class` (`CreateUsers`)
    std::vector<ir::SchemaOp> reverted;  ///< its `down`, else its `change` inverted
    std::string irreversible;           ///< why it cannot be reverted statically ("" when it can)
  };
  std::vector<Class> classes;
  /// `revert CreateUsers`: an ir::Unknown op at `at` stands for it until ResolveRailsHistory.
  struct Revert {
    std::string migration;
    ir::SourceSpan at;
  };
  std::vector<Revert> reverts;
  /// Scenic (`create_view :name, version: 2`): an ir::Unknown op at `at` stands for the view
  /// until ResolveRailsHistory reads `file` (db/views/<name>_v<NN>.sql) of the same revision.
  struct ScenicView {
    std::string call;  ///< create_view | update_view | replace_view
    ir::QualifiedName view;
    std::string file;
    bool materialized = false;
    ir::SourceSpan at;
  };
  std::vector<ScenicView> views;
  /// A Scenic view file (db/views/<name>_v<NN>.sql, a bare SELECT): its text.
  std::shared_ptr<const std::string> view_sql;
};

/// A Scenic view file (`.sql` under db/views/) is kept whole for the migrations that name it.
/// A migration class: its `change` or `up` method (never `down`; `reversible` blocks on their
/// up side) read into ops with the file:line:col of each call; meta.id = the version prefix of
/// the file name. A schema.rb (`ActiveRecord::Schema.define`) is read as a snapshot, meta.id
/// empty. Safe to call from several threads at once.
ir::ParsedFile ParseRailsFile(std::string_view path, std::string_view text);

/// Calls that need another file of the same revision: each placeholder in `ops[i]` (the ops
/// file `files[i]` contributes to the replay; null when none) is replaced, located at its call.
/// `revert SomeMigration` becomes the ops of reverting that class (its `down`, else its
/// `change` inverted); Scenic's create_view / update_view (drop, then create) / replace_view
/// (CREATE OR REPLACE) the view its db/views/<name>_v<NN>.sql file defines (a Rails source's
/// view files are parsed by ParseRailsFile too: give them among `files`). A class not in the
/// history or not revertible statically, a view file missing, stays not understood: a warning
/// naming the call and why.
void ResolveRailsHistory(const std::vector<const ir::ParsedFile*>& files,
                         const std::vector<std::vector<ir::SchemaOp>*>& ops,
                         std::vector<ir::Diagnostic>& diagnostics);

}  // namespace ds::parsers
