#pragma once
/// What a pull request changes in the schema, each change attributed to its statement.
#include <string>
#include <vector>

#include "src/catalog/catalog.h"

namespace ds::catalog {

struct SchemaChange {
  ir::ChangeRef change;  ///< kind: see ir::ChangeRef (add_column: a column a table of base gains)
  ir::SourceSpan span;   ///< the statement at head that made it
  /// drop_table of a view that a DROP ... CASCADE of another object took with it: that object
  /// ("public.orders", "public.orders.amount"); empty otherwise.
  std::string dropped_by;
  /// When it happened in head's replay (ChangeEvent::generation of its statement); 0 when no
  /// statement at head made it.
  uint64_t generation = 0;
};

/// Compares base and head by object identity (see Column::id), falling back to names for a
/// table dropped and re-created. A column lost with its table is one drop_table, not one
/// drop_column per column. A column dropped (or renamed away) and added back under its name
/// is compared with the original: a retype_column when the type differs. A type that could not
/// be resolved ("unknown", or none) never makes a retype: its diagnostic says so where it was
/// read. Sorted by span, then kind.
std::vector<SchemaChange> Diff(const Catalog& base, const Catalog& head);

/// Head plus what base had and head lost (tables, views and columns, marked `gone`), so that
/// views still reading an old name resolve, and the reference shows what breaks.
Catalog OverlayRemoved(const Catalog& head, const Catalog& base);

}  // namespace ds::catalog
