#include "src/config/acknowledgement.h"

#include <array>
#include <cctype>

#include "src/ir/suggest.h"

namespace ds::config {

namespace {

constexpr std::string_view kPrefix = "downstream:";
constexpr size_t kLongestLine = 64 << 10;

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\r'; }

bool StartsWithIgnoringCase(std::string_view text, std::string_view prefix) {
  if (text.size() < prefix.size()) return false;
  for (size_t i = 0; i < prefix.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(text[i])) != prefix[i]) return false;
  }
  return true;
}

/// Where the line's comment starts (its marker), outside string literals; npos when none.
size_t CommentStart(std::string_view line, CommentSyntax syntax) {
  char quote = 0;
  for (size_t i = 0; i < line.size(); ++i) {
    char c = line[i];
    if (quote) {
      if (c == '\\' && syntax == CommentSyntax::kHash) {
        ++i;  // Python and Ruby escape inside strings; SQL doubles the quote instead
      } else if (c == quote) {
        quote = 0;
      }
      continue;
    }
    if (c == '\'' || c == '"') {
      quote = c;
    } else if (syntax == CommentSyntax::kSql ? (c == '-' && i + 1 < line.size() && line[i + 1] == '-') : c == '#') {
      return i;
    }
  }
  return std::string_view::npos;
}

size_t MarkerLength(CommentSyntax syntax) { return syntax == CommentSyntax::kSql ? 2 : 1; }

/// A line holding nothing, or only a comment.
bool IsTrivia(std::string_view line, CommentSyntax syntax) {
  size_t first = 0;
  while (first < line.size() && IsSpace(line[first])) ++first;
  return first == line.size() || CommentStart(line, syntax) == first;
}

std::vector<std::string_view> Lines(std::string_view text) {
  std::vector<std::string_view> lines;
  for (size_t start = 0; start <= text.size();) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    lines.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return lines;
}

bool IsConsumerChar(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.' || c == '*' || c == '?' || c == '$' ||
         c == '-';
}

// The text after `key=`: "quoted" / 'quoted' (a backslash escapes the quote), or bare up to a space.
bool ReadValue(std::string_view text, size_t& i, std::string& value, std::string& error) {
  if (i < text.size() && (text[i] == '"' || text[i] == '\'')) {
    char quote = text[i++];
    for (; i < text.size() && text[i] != quote; ++i) {
      if (text[i] == '\\' && i + 1 < text.size() && text[i + 1] == quote) ++i;
      value += text[i];
    }
    if (i == text.size()) {
      error = std::string("the quote opened with ") + quote + " is not closed";
      return false;
    }
    ++i;
    return true;
  }
  while (i < text.size() && !IsSpace(text[i])) value += text[i++];
  return true;
}

}  // namespace

bool IsIsoDate(std::string_view date) {
  if (date.size() != 10 || date[4] != '-' || date[7] != '-') return false;
  for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (!std::isdigit(static_cast<unsigned char>(date[i]))) return false;
  }
  int year = std::stoi(std::string(date.substr(0, 4)));
  int month = std::stoi(std::string(date.substr(5, 2)));
  int day = std::stoi(std::string(date.substr(8, 2)));
  constexpr std::array<int, 12> kDays = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month < 1 || month > 12 || day < 1 || day > kDays[month - 1]) return false;
  bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return !(month == 2 && day == 29 && !leap);
}

std::string ParseAckDirective(std::string_view text, Acknowledgement& ack) {
  size_t i = 0;
  while (i < text.size() && IsSpace(text[i])) ++i;
  size_t word_end = i;
  while (word_end < text.size() && std::isalpha(static_cast<unsigned char>(text[word_end]))) ++word_end;
  std::string_view word = text.substr(i, word_end - i);
  if (word != "ack") {
    return "\"downstream: " + std::string(word.empty() ? text.substr(i, 20) : word) +
           "\" is not a directive: write \"downstream: ack <consumers> reason=\\\"...\\\" [until=YYYY-MM-DD]\"";
  }
  i = word_end;
  bool have_reason = false, have_until = false;
  while (true) {
    while (i < text.size() && (IsSpace(text[i]) || text[i] == ',')) ++i;
    if (i == text.size()) break;
    size_t end = i;
    while (end < text.size() && !IsSpace(text[end]) && text[end] != ',' && text[end] != '=') ++end;
    std::string_view token = text.substr(i, end - i);
    if (end < text.size() && text[end] == '=') {
      i = end + 1;
      std::string value, error;
      if (!ReadValue(text, i, value, error)) return std::string(token) + "=: " + error;
      if (token == "reason") {
        if (have_reason) return "reason= is given twice";
        have_reason = true;
        ack.reason = value;
      } else if (token == "until") {
        if (have_until) return "until= is given twice";
        have_until = true;
        if (!IsIsoDate(value)) return "until=" + value + " is not a date: write it as YYYY-MM-DD";
        ack.until = value;
      } else {
        std::string near = ir::Closest(token, std::array<std::string_view, 2>{"reason", "until"});
        return "unknown key " + std::string(token) + "=" + (near.empty() ? "" : "; did you mean " + near + "=?") +
               " (keys: reason, until)";
      }
      continue;
    }
    for (char c : token) {
      if (!IsConsumerChar(c)) return "\"" + std::string(token) + "\" is not a view or model name (or glob)";
    }
    ack.consumers.emplace_back(token);
    i = end;
  }
  if (ack.consumers.empty()) {
    return "it names no consumer: list the views or models it releases (analytics.customers, platform.*)";
  }
  bool blank = ack.reason.find_first_not_of(" \t") == std::string::npos;
  if (blank) return "it gives no reason: add reason=\"...\" saying why the data team agreed";
  return "";
}

std::vector<Acknowledgement> ReadAckComments(std::string_view path, std::string_view text, CommentSyntax syntax,
                                             std::vector<ir::Diagnostic>& diagnostics) {
  std::vector<Acknowledgement> acks;
  if (text.find(kPrefix) == std::string_view::npos && text.find("DOWNSTREAM:") == std::string_view::npos &&
      text.find("Downstream:") == std::string_view::npos) {
    return acks;  // most files: one scan
  }
  std::vector<std::string_view> lines = Lines(text);
  for (size_t n = 0; n < lines.size(); ++n) {
    std::string_view line = lines[n];
    if (line.size() > kLongestLine) continue;
    size_t marker = CommentStart(line, syntax);
    if (marker == std::string_view::npos) continue;
    size_t start = marker + MarkerLength(syntax);
    while (start < line.size() && (IsSpace(line[start]) || line[start] == line[marker])) ++start;
    if (!StartsWithIgnoringCase(line.substr(start), kPrefix)) continue;
    Acknowledgement ack;
    ack.in_source = true;
    ack.span = {std::string(path), static_cast<int>(n + 1), static_cast<int>(start + 1)};
    std::string error = ParseAckDirective(line.substr(start + kPrefix.size()), ack);
    if (!error.empty()) {
      diagnostics.push_back({ir::Severity::kError, ack.span, "acknowledgement not read: " + error,
                             ir::DiagCode::kMalformedAcknowledgement});
      continue;
    }
    ack.trailing = !IsTrivia(line.substr(0, marker), syntax);
    if (ack.trailing) {
      ack.statement_line = static_cast<int>(n + 1);
    } else {
      for (size_t next = n + 1; next < lines.size(); ++next) {
        if (!IsTrivia(lines[next], syntax)) {
          ack.statement_line = static_cast<int>(next + 1);
          break;
        }
      }
    }
    acks.push_back(std::move(ack));
  }
  return acks;
}

}  // namespace ds::config
