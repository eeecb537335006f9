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
/// changed line (texts read through `texts`).
std::vector<rules::EditedMigration> FindEditedMigrations(const RevisionInputs& base, const RevisionInputs& head,
                                                         BlobTexts& texts);

/// Gives each change no statement at head made (span line 0) the place of the edited migration
/// that names its table (else the first edited one), and records it there as hidden. Changes
/// keep their order by span.
void AttributeToEdits(std::vector<catalog::SchemaChange>& changes, std::vector<rules::EditedMigration>& edited,
                      const RevisionInputs& head, BlobTexts& texts);

}  // namespace ds::engine
