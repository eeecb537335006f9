#pragma once
/// Pairs base objects with head objects (internal to the catalog module: Diff and overlays).
#include <utility>
#include <vector>

#include "src/catalog/catalog.h"

namespace ds::catalog {

/// Head's events that base does not have too: what the pull request's own files did.
std::vector<const ChangeEvent*> NewEvents(const Catalog& base, const Catalog& head);

/// Base relations with their head counterpart (nullptr when gone): by identity first (unless
/// the names differ and no new event renamed it: identities are positions, and an edited
/// earlier file moves them), then by name among the head relations still unclaimed (dropped and
/// re-created, or moved identities).
struct RelationMatching {
  std::vector<std::pair<const Table*, const Table*>> tables;
  std::vector<std::pair<const View*, const View*>> views;
};
RelationMatching MatchRelations(const Catalog& base, const Catalog& head,
                                const std::vector<const ChangeEvent*>& new_events);

/// Base columns of `base` with their head counterpart in `head` (nullptr when gone): by
/// identity (same proviso), then by name unless a new event dropped that column, then through
/// new rename events that start from the base name.
std::vector<std::pair<const Column*, const Column*>> MatchColumns(
    const Table& base, const Table& head, const std::vector<const ChangeEvent*>& new_events);

}  // namespace ds::catalog
