#pragma once
/// The Rails (ActiveRecord) frontend: a migration under db/migrate, or db/schema.rb, read
/// statically (no Ruby runs) into schema ops.
#include <string_view>

#include "src/ir/parsed_file.h"

namespace ds::parsers {

/// Whether a Rails file is a schema snapshot (schema.rb) rather than a migration.
struct RailsRecord : ir::FrameworkRecord {
  bool snapshot = false;
};

/// A migration class: its `change` or `up` method (never `down`; `reversible` blocks on their
/// up side) read into ops with the file:line:col of each call; meta.id = the version prefix of
/// the file name. A schema.rb (`ActiveRecord::Schema.define`) is read as a snapshot, meta.id
/// empty. Safe to call from several threads at once.
ir::ParsedFile ParseRailsFile(std::string_view path, std::string_view text);

}  // namespace ds::parsers
