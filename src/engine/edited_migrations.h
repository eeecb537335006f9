#pragma once
/// Migrations a pull request edits although the base revision had them (issue #14: every finding
/// has a location): found by blob, located at their first changed line, and given the schema
/// changes no statement at head makes (a column removed from an old CREATE TABLE).
#include <vector>

#include "rules/rule.h"
#include "src/catalog/diff.h"
#include "src/engine/analytics_side.h"
#include "src/engine/inputs.h"

namespace ds::engine {

/// The migration files of `base` that `head` changes or deletes, sorted by path, each at its first
/// changed line (texts read through `texts`). Each of `changes` that no statement at head made
/// (span line 0) takes the place of the edited migration that names its table (else the first
/// edited one) and is recorded there as hidden; `changes` stay ordered by span.
std::vector<rules::EditedMigration> EditedMigrations(const RevisionInputs& base, const RevisionInputs& head,
                                                     BlobTexts& texts, std::vector<catalog::SchemaChange>& changes);

}  // namespace ds::engine
