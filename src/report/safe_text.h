#pragma once
/// Text from the pull request (file names, identifiers, messages, server answers) on its way to
/// a terminal, a CI log or a file: always valid UTF-8, never a control character or an escape
/// sequence, never a line a CI runner would take as a command.
#include <string>
#include <string_view>

namespace ds::report {

/// `text` with every invalid UTF-8 sequence replaced by U+FFFD.
std::string ValidUtf8(std::string_view text);

/// One line for a terminal: valid UTF-8; control characters (C0 but tab, DEL, C1) and
/// bidirectional overrides written as visible escapes (`\n`, `\x1b`, `\u202e`), so nothing can
/// start an escape sequence, a new line or a reordering.
std::string SafeLine(std::string_view text);

/// Many lines for a terminal or a CI log: each line as SafeLine, and a line that a runner would
/// read as a workflow command (`::` after leading blanks, `##[` anywhere) defused.
std::string SafeLines(std::string_view text);

}  // namespace ds::report
