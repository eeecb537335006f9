#pragma once
/// Pairs base objects with head objects (internal to the catalog module: Diff and overlays).
#include <utility>
#include <vector>

#include "src/catalog/catalog.h"

namespace ds::catalog {

/// Base relations with their head counterpart (nullptr when gone): by identity first, then by
/// name among the head relations no base relation claimed (dropped and re-created, or an
/// identity that moved because an earlier file was edited).
struct RelationMatching {
  std::vector<std::pair<const Table*, const Table*>> tables;
  std::vector<std::pair<const View*, const View*>> views;
};
RelationMatching MatchRelations(const Catalog& base, const Catalog& head);

/// Base columns of `base` with their head counterpart in `head` (nullptr when gone): by
/// identity, then by name unless head's events drop that column by identity.
std::vector<std::pair<const Column*, const Column*>> MatchColumns(
    const Table& base, const Table& head, const std::vector<const ChangeEvent*>& head_events);

/// Head's events that base does not have too: what the pull request's own files did.
std::vector<const ChangeEvent*> NewEvents(const Catalog& base, const Catalog& head);

}  // namespace ds::catalog
