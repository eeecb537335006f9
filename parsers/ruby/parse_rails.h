#pragma once
/// The Rails (ActiveRecord) frontend: a migration under db/migrate, or db/schema.rb, read
/// statically (no Ruby runs) into schema ops.
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
  /// `revert CreateUsers`: an ir::Unknown op at `at` stands for it until ResolveRailsReverts.
  struct Revert {
    std::string migration;
    ir::SourceSpan at;
  };
  std::vector<Revert> reverts;
};

/// A migration class: its `change` or `up` method (never `down`; `reversible` blocks on their
/// up side) read into ops with the file:line:col of each call; meta.id = the version prefix of
/// the file name. A schema.rb (`ActiveRecord::Schema.define`) is read as a snapshot, meta.id
/// empty. Safe to call from several threads at once.
ir::ParsedFile ParseRailsFile(std::string_view path, std::string_view text);

/// `revert SomeMigration` needs the class SomeMigration, which lives in another file: each
/// placeholder in `ops[i]` (the ops file `files[i]` contributes to the replay) becomes the ops of
/// reverting that class (its `down`, else its `change` inverted), located at the revert call.
/// A class not in the history, or not revertible statically, stays not understood: a warning
/// naming the call and why.
void ResolveRailsReverts(const std::vector<const ir::ParsedFile*>& files,
                         const std::vector<std::vector<ir::SchemaOp>*>& ops,
                         std::vector<ir::Diagnostic>& diagnostics);

}  // namespace ds::parsers
