#pragma once
/// The bounds on hostile input, in one place: how much of a file is read, how deep a parser or
/// tree walker descends, how much work a template may do. Past a bound the reader stops, emits
/// one diagnostic (ir::DiagCode::kLimitExceeded) naming the file, and the analysis goes on.
#include <cstddef>
#include <string>

namespace ds::ir {

/// Bytes of one file (a git blob or a file on disk) that are read at all.
inline constexpr size_t kMaxFileBytes = size_t{16} << 20;
/// Nesting of one expression or statement block (parentheses, lists, `{% if %}`, operator
/// chains counted link by link) that a recursive-descent parser or tree walker follows.
inline constexpr int kMaxNestingDepth = 256;
/// One string computed while reading (Jinja `~`/replace, Python constants `A + A`).
inline constexpr size_t kMaxStringBytes = size_t{1} << 20;
/// The SQL one Jinja render may write.
inline constexpr size_t kMaxJinjaOutputBytes = size_t{16} << 20;
/// Items of one list computed while reading (Jinja `a + a`, range()).
inline constexpr size_t kMaxListItems = 100000;
/// Loop iterations of one Jinja render, all loops together (nested loops multiply).
inline constexpr size_t kMaxLoopIterations = 10000;
/// Text one Jinja render may produce in all, macro outputs and captures included (a macro that
/// doubles its output, called in a loop, copies far more than it finally writes).
inline constexpr size_t kMaxJinjaRenderedBytes = size_t{64} << 20;
/// Macro calls open at once in one Jinja render (a macro that calls itself).
inline constexpr int kMaxMacroDepth = 64;
/// Statements and expressions open at once in one Jinja render, across macro calls (each
/// template alone is within kMaxNestingDepth; macros calling macros stack them).
inline constexpr int kMaxRenderDepth = 2 * kMaxNestingDepth;  // ~1 MB of stack unsanitized
/// Expressions one Jinja render may evaluate.
inline constexpr size_t kMaxJinjaSteps = 200000;
/// YAML nodes converted from one file, alias expansions counted each time they are visited.
inline constexpr size_t kMaxYamlNodes = 200000;
/// Files listed under one folder read from disk (a second checkout).
inline constexpr size_t kMaxDirectoryEntries = 100000;

/// "16 MB", "1 MB": a byte limit for messages.
inline std::string LimitText(size_t bytes) {
  if (bytes % (size_t{1} << 20) == 0) return std::to_string(bytes >> 20) + " MB";
  return std::to_string(bytes) + " bytes";
}

}  // namespace ds::ir
