#pragma once
/// Where the CLI's bytes go: report files, GitHub's job files, stdout and stderr. Every write is
/// checked; a file is never written through a symbolic link or inside a `.git` folder (a pull
/// request controls the working tree: `report.sarif -> .git/config` must not rewrite git's
/// configuration); everything on stderr is one line made safe for a terminal and a CI log.
#include <functional>
#include <ostream>
#include <string>
#include <string_view>

#include "src/ir/result.h"

namespace ds::cli {

enum class WriteMode {
  kReplace,  ///< created, or truncated when it exists
  kAppend,   ///< created, or appended to
};

/// Writes `text` to the file at `path`, opened with O_NOFOLLOW beside a parent folder resolved
/// first and refused when it lies in a `.git` folder; checks every write and the close.
Status WriteFile(const std::string& path, std::string_view text, WriteMode mode);

/// Writes `text` to standard output and checks it arrived (a full disk, a closed pipe).
Status WriteStdout(std::string_view text);

/// As WriteFile and WriteStdout, for what `write` puts on the stream, sent in 64 KB blocks: a
/// large report (tens of MB of lineage) is never held whole.
Status StreamFile(const std::string& path, WriteMode mode, const std::function<void(std::ostream&)>& write);
Status StreamStdout(const std::function<void(std::ostream&)>& write);

/// "downstream: <sentence>" on stderr, the sentence made one safe line (report::SafeLine).
void Say(std::string_view sentence);
/// The same for what is only informative (what layout detection found): silent under -q.
void SayNote(std::string_view sentence);
/// -q / --quiet: notes are not printed; findings, reports and errors are.
void SetQuiet(bool quiet);

/// --color: `always`, `never`, or `auto` (a terminal, unless NO_COLOR is set or TERM is dumb;
/// FORCE_COLOR set asks for colour anywhere, as in CI logs that render it).
void SetColor(std::string_view choice);
/// Whether a report written to standard output is painted.
bool StdoutInColor();

}  // namespace ds::cli
