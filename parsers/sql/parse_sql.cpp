#include "parsers/sql/parse_sql.h"

#include <algorithm>
#include <memory>
#include <string>
#include <tuple>
#include <vector>

#include "parsers/sql/pg_tree.h"
#include "parsers/sql/psql_script.h"
#include "parsers/sql/transform.h"

namespace ds::parsers {
namespace {

/// Converts every statement of a tree parsed from the text starting at byte `begin`.
void TransformTree(const std::string& text, uint32_t begin, const pg::ParseTree& tree,
                   ir::ParsedFile& out) {
  for (size_t i = 0; i < tree.tree().n_stmts; ++i) {
    const PgQuery__RawStmt* raw = tree.tree().stmts[i];
    if (raw == nullptr || raw->stmt == nullptr) continue;
    uint32_t start = sql::SkipTrivia(text, begin + static_cast<uint32_t>(raw->stmt_location));
    sql::StatementContext context{out, out.source->SpanAt(start), begin, start};
    sql::TransformStatement(raw->stmt, context);
  }
}

void ReportSyntaxError(const std::string& text, uint32_t begin, const pg::ParseTree& tree,
                       ir::ParsedFile& out) {
  uint32_t offset = sql::CursorToOffset(text, begin, tree.error_cursor());
  // Diagnostics are one line; PostgreSQL quotes the rest of the text after an unterminated token.
  std::string message = tree.error_message();
  if (size_t newline = message.find('\n'); newline != std::string::npos) {
    message = message.substr(0, newline) + "...";
  }
  out.diagnostics.push_back(ir::Diagnostic{ir::Severity::kWarning, out.source->SpanAt(offset),
                                           "could not parse: " + message,
                                           tree.limit() ? ir::DiagCode::kLimitExceeded : ir::DiagCode::kSyntaxError});
}

/// Parses each statement on its own; a syntax error (not a limit) is offered to the fallback
/// first. Returns whether any statement failed alone (whether or not the fallback read it).
bool TransformPieces(const std::string& text, const std::vector<pg::StatementRange>& ranges,
                     const SqlParseOptions& options, ir::ParsedFile& out) {
  bool failed = false;
  for (const pg::StatementRange& range : ranges) {
    pg::ParseTree tree(text.substr(range.begin, range.length));
    if (tree.ok()) {
      TransformTree(text, range.begin, tree, out);
      continue;
    }
    failed = true;
    bool read_otherwise = !tree.limit() && options.fallback &&
                          options.fallback(text, range.begin, range.begin + range.length, out);
    if (!read_otherwise) ReportSyntaxError(text, range.begin, tree, out);
  }
  return failed;
}

/// The scanner itself failed (an unterminated string or comment runs to the end of the text):
/// the statements that end before the bad token are still read.
void TransformBeforeScanError(const std::string& text, const pg::ParseTree& whole,
                              const SqlParseOptions& options, ir::ParsedFile& out) {
  uint32_t error_at = sql::CursorToOffset(text, 0, whole.error_cursor());
  std::vector<pg::StatementRange> ranges;
  if (pg::SplitStatements(text.substr(0, error_at), ranges) && !ranges.empty()) {
    const pg::StatementRange& last = ranges.back();
    uint32_t end = last.begin + last.length;
    if (text.find(';', end) >= error_at) ranges.pop_back();  // cut off by the bad token
    TransformPieces(text, ranges, options, out);
  }
  ReportSyntaxError(text, 0, whole, out);
}

/// `\i other.sql` runs statements we do not read: each one is an Unknown op, in file order.
void AddIncludes(const std::vector<sql::PsqlInclude>& includes, ir::ParsedFile& out) {
  for (const sql::PsqlInclude& include : includes) {
    sql::StatementContext context{out, out.source->SpanAt(include.offset), 0, include.offset};
    context.NotUnderstood("psql " + include.command);
  }
  auto by_span = [](const auto& a, const auto& b) {
    return std::tie(a.span.line, a.span.column) < std::tie(b.span.line, b.span.column);
  };
  std::stable_sort(out.ops.begin(), out.ops.end(), by_span);
  std::stable_sort(out.diagnostics.begin(), out.diagnostics.end(), by_span);
}

// A large file (a schema dump) is parsed a chunk of whole statements at a time: libpg_query's
// tree takes about 70 bytes per byte of SQL, so memory stays bounded by the chunk.
constexpr size_t kChunkBytes = 256 << 10;

/// Splits with the scanner and parses chunk by chunk; false when the scanner fails (the caller
/// then parses the whole text, which reports the error).
bool TransformChunks(const std::string& text, const SqlParseOptions& options, ir::ParsedFile& out) {
  std::vector<pg::StatementRange> ranges;
  if (!pg::SplitStatements(text, ranges)) return false;
  for (size_t first = 0; first < ranges.size();) {
    size_t last = first + 1;
    while (last < ranges.size() && ranges[last].begin + ranges[last].length - ranges[first].begin <= kChunkBytes) {
      ++last;
    }
    uint32_t begin = ranges[first].begin;
    uint32_t end = ranges[last - 1].begin + ranges[last - 1].length;
    pg::ParseTree chunk(text.substr(begin, end - begin));
    if (chunk.ok()) {
      TransformTree(text, begin, chunk, out);
    } else if (!TransformPieces(text, {ranges.begin() + first, ranges.begin() + last}, options, out)) {
      ReportSyntaxError(text, begin, chunk, out);  // no statement fails alone: the chunk's error
    }
    first = last;
  }
  return true;
}

ir::ParsedFile Parse(std::string_view path, std::string_view original, int first_line,
                     int first_column, const SqlParseOptions& options) {
  ir::ParsedFile out;
  out.source = std::make_shared<const ir::SourceText>(std::string(path), original, first_line,
                                                      first_column);
  std::string text(original);
  std::vector<sql::PsqlInclude> includes = sql::BlankPsqlNoise(text);
  if (text.size() > kChunkBytes && TransformChunks(text, options, out)) {
    if (!includes.empty()) AddIncludes(includes, out);
    return out;
  }
  pg::ParseTree whole(text);
  if (whole.ok()) {
    TransformTree(text, 0, whole, out);
  } else {
    // A syntax error: read every statement on its own so one bad statement hides nothing else.
    std::vector<pg::StatementRange> ranges;
    if (!pg::SplitStatements(text, ranges)) {
      TransformBeforeScanError(text, whole, options, out);
    } else if (!TransformPieces(text, ranges, options, out)) {
      ReportSyntaxError(text, 0, whole, out);  // no statement fails alone: the file's error
    }
  }
  if (!includes.empty()) AddIncludes(includes, out);
  return out;
}

}  // namespace

ir::ParsedFile ParseSqlFile(std::string_view path, std::string_view text, const SqlParseOptions& options) {
  return Parse(path, text, 1, 1, options);
}

ir::ParsedFile ParseEmbeddedSql(std::string_view path, std::string_view text, int first_line,
                                int first_column, const SqlParseOptions& options) {
  return Parse(path, text, first_line, first_column, options);
}

}  // namespace ds::parsers
