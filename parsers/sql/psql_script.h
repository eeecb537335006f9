#pragma once
/// Internal to parsers/sql: text-level chores before and around libpg_query.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace ds::parsers::sql {

/// Blanks out what is psql's rather than SQL's: the data lines after `COPY ... FROM stdin;` up to
/// the `\.` line, meta-command lines (`\connect`, `\restrict`, ...), and the rollback section
/// of dbmate / goose files (from `-- migrate:down` / `-- +goose Down` on). Every blanked byte
/// becomes a space and newlines stay, so byte offsets and line numbers do not move.
/// Returns the psql include commands found (`\i file`, `\ir file`): they run SQL we cannot see.
struct PsqlInclude {
  uint32_t offset = 0;
  std::string command;  ///< the meta-command line as written, trimmed
};
std::vector<PsqlInclude> BlankPsqlNoise(std::string& text);

/// The offset of the first token at or after `offset`: skips whitespace, `--` and `/* */`
/// comments (nested, as PostgreSQL nests them).
uint32_t SkipTrivia(std::string_view text, uint32_t offset);

/// libpg_query reports an error position as a 1-based character count into the text it parsed
/// (which starts at byte `begin` of `text`); returns the byte offset into `text`.
uint32_t CursorToOffset(std::string_view text, uint32_t begin, int cursor);

}  // namespace ds::parsers::sql
