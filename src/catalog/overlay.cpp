// OverlayRemoved: head plus what base had and head lost, marked gone.
#include "src/catalog/diff.h"
#include "src/catalog/matching.h"

namespace ds::catalog {
namespace {

bool HasRelation(const Catalog& catalog, const ir::QualifiedName& name) {
  return catalog.FindTable(name) != nullptr || catalog.FindView(name) != nullptr;
}

}  // namespace

Catalog OverlayRemoved(const Catalog& head, const Catalog& base) {
  Catalog overlay = head;
  std::vector<const ChangeEvent*> events = NewEvents(base, head);
  RelationMatching matching = MatchRelations(base, head, events);
  for (const auto& [before, after] : matching.tables) {
    if (after == nullptr || after->name != before->name) {
      // Dropped, or renamed away: the old name stays reachable, with base's columns.
      if (HasRelation(overlay, before->name)) continue;
      Table gone = *before;
      gone.gone = true;
      for (Column& column : gone.columns) column.gone = true;
      overlay.PutTable(std::move(gone));
    }
    if (after == nullptr) continue;
    Table extended = *overlay.FindTable(after->name);
    bool changed = false;
    for (const auto& [old_column, new_column] : MatchColumns(*before, *after, events)) {
      if (new_column != nullptr && new_column->name == old_column->name) continue;
      if (extended.FindColumn(old_column->name) != nullptr) continue;
      Column gone = *old_column;
      gone.gone = true;
      extended.columns.push_back(std::move(gone));
      changed = true;
    }
    if (changed) overlay.PutTable(std::move(extended));
  }
  for (const auto& [before, after] : matching.views) {
    if (after != nullptr && after->name == before->name) continue;
    if (HasRelation(overlay, before->name)) continue;
    View gone = *before;
    gone.gone = true;
    overlay.PutView(std::move(gone));
  }
  return overlay;
}

}  // namespace ds::catalog
