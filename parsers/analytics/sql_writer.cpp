#include "parsers/analytics/sql_writer.h"

#include <set>

namespace ds::analytics::jinja {
namespace {

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
bool IsWordChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '$';
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

std::string Sanitize(const std::string& what) {
  std::string out;
  for (char c : Lower(what)) {
    bool word = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    if (word) out += c;
    else if (!out.empty() && out.back() != '_') out += '_';
  }
  while (!out.empty() && out.back() == '_') out.pop_back();
  if (out.empty() || (out[0] >= '0' && out[0] <= '9')) out = "unknown_" + out;
  return out;
}

/// The word (lower-cased) or punctuation character before `end`, skipping white space.
std::string PreviousToken(std::string_view text, size_t end) {
  while (end > 0 && IsSpace(text[end - 1])) --end;
  if (end == 0) return "";
  if (!IsWordChar(text[end - 1])) return std::string(1, text[end - 1]);
  size_t begin = end;
  while (begin > 0 && IsWordChar(text[begin - 1])) --begin;
  return Lower(text.substr(begin, end - begin));
}

/// The clause keyword governing the end of `text` at its own parenthesis depth.
std::string ClauseKeyword(std::string_view text) {
  static const std::set<std::string> kClauses = {"select", "from", "join", "where", "group", "order",
                                                 "having", "on", "limit", "union", "with", "using",
                                                 "window", "values", "returning", "qualify"};
  int depth = 0;
  size_t end = text.size();
  while (end > 0) {
    char c = text[end - 1];
    if (c == ')') { ++depth; --end; continue; }
    if (c == '(') {
      if (depth == 0) return "(";
      --depth;
      --end;
      continue;
    }
    if (!IsWordChar(c)) { --end; continue; }
    size_t begin = end;
    while (begin > 0 && IsWordChar(text[begin - 1])) --begin;
    std::string word = Lower(text.substr(begin, end - begin));
    if (depth == 0 && kClauses.count(word)) return word;
    end = begin;
  }
  return "";
}

}  // namespace

std::string PlaceholderRelation(const std::string& what) {
  return std::string(ir::kPlaceholderSchema) + "." + Sanitize(what);
}

std::string PlaceholderFor(std::string_view before, char next, const std::string& what) {
  // Only the recent SQL is looked at: a loop writes placeholders into megabytes of output.
  constexpr size_t kLookBack = 4 << 10;
  if (before.size() > kLookBack) before.remove_prefix(before.size() - kLookBack);
  std::string name = Sanitize(what);
  char prev = before.empty() ? ' ' : before.back();
  if (IsWordChar(prev) || prev == '.' || prev == '"' || IsWordChar(next) || next == '.') return name;
  std::string clause = ClauseKeyword(before);
  std::string token = PreviousToken(before, before.size());
  std::string relation = PlaceholderRelation(what);
  if (clause == "from" || clause == "join") {
    if (token == "from" || token == "join" || token == ",") return relation;
    return "/* " + name + " */";
  }
  // Where a whole query goes (the model's statement, a UNION's branch): a query of unknown columns.
  bool statement = (clause.empty() && token.empty()) ||
                   (clause == "union" && (token == "union" || token == "all" || token == "distinct"));
  if (statement) return "select * from " + relation;
  return relation + "()";
}

// The state of the current output line is kept as it is written (scanning the line again at each
// write is quadratic when a loop keeps the output on one line).
void SqlWriter::Append(std::string_view text) {
  for (char c : text) {
    if (c == '\n') {
      ++line_;
      column_ = 1;
      line_quotes_odd_ = comment_open_ = false;
      quote_ = 0;
    } else {
      ++column_;
      line_quotes_odd_ ^= c == '\'';
      if (quote_ != 0) {
        if (c == quote_) quote_ = 0;
      } else if (c == '\'' || c == '"') {
        quote_ = c;
      } else if (c == '-' && !out_.empty() && out_.back() == '-' && column_ > 2) {
        comment_open_ = true;
      }
    }
    out_ += c;
  }
}

bool SqlWriter::InString() const {
  return line_quotes_odd_;  // padding inside a string literal would change its value
}

bool SqlWriter::CommentOpen() const { return comment_open_; }

void SqlWriter::Align(int line, int column, char first) {
  if (!synced_) return;
  bool boundary = out_.empty() || IsSpace(out_.back()) || IsSpace(first);
  if (!boundary || InString()) return;
  if (line_ < line) Append(std::string(static_cast<size_t>(line - line_), '\n'));
  if (line_ == line && column_ < column) Append(std::string(static_cast<size_t>(column - column_), ' '));
}

void SqlWriter::NewlineTo(int line) {
  if (!synced_ || line_ < line) {
    Append(std::string(synced_ ? static_cast<size_t>(line - line_) : 1, '\n'));
  } else if (CommentOpen()) {
    Append("\n");  // a `--` comment must end here, even if the lines no longer match
  } else {
    Append(" ");
  }
}

void SqlWriter::Template(std::string_view text, int line, int column) {
  size_t i = 0;
  while (i <= text.size()) {
    size_t newline = text.find('\n', i);
    std::string_view chunk = text.substr(i, newline == std::string_view::npos ? std::string_view::npos : newline - i);
    if (!chunk.empty()) {
      Align(line, column, chunk.front());
      Append(chunk);
    }
    if (newline == std::string_view::npos) break;
    ++line;
    column = 1;
    NewlineTo(line);
    i = newline + 1;
  }
}

void SqlWriter::Value(std::string_view text, int line, int column) {
  if (text.empty()) return;
  Align(line, column, text.front());
  Append(text);
}

void SqlWriter::Placeholder(const std::string& what, char next, int line, int column) {
  std::string text = PlaceholderFor(out_, next, what);
  Align(line, column, text.front());
  Append(text);
}

}  // namespace ds::analytics::jinja
