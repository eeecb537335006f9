#include "parsers/dialect/tokenizer.h"

#include <cctype>
#include <cstring>

namespace ds::dialect::detail {
namespace {

bool IsIdentStart(char c) {
  return std::isalpha(static_cast<unsigned char>(c)) || c == '_' || (c & 0x80) != 0;
}
bool IsIdentChar(char c) {
  return IsIdentStart(c) || std::isdigit(static_cast<unsigned char>(c)) || c == '$';
}
bool IsDigit(char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; }
bool IsOpChar(char c) { return c != 0 && std::strchr("+-*/<>=~!@#%^&|?", c) != nullptr; }

class Lexer {
 public:
  Lexer(std::string_view text, const Dialect& dialect) : text_(text), dialect_(dialect) {}

  bool Run(std::vector<Token>& tokens, TokenizeError& error) {
    tokens.reserve(tokens.size() + text_.size() / 5 + 1);  // ~1 token per 5 bytes of real SQL
    while (true) {
      if (!SkipSpaceAndComments(error)) return false;
      if (pos_ >= text_.size()) break;
      size_t start = pos_;
      TokenKind kind = TokenKind::kOp;
      if (!Next(kind, error)) return false;
      tokens.push_back(Token{kind, text_.substr(start, pos_ - start), static_cast<uint32_t>(start)});
    }
    tokens.push_back(Token{TokenKind::kEnd, {}, static_cast<uint32_t>(text_.size())});
    return true;
  }

 private:
  char At(size_t i) const { return i < text_.size() ? text_[i] : '\0'; }

  bool Fail(TokenizeError& error, size_t offset, std::string message) {
    error = TokenizeError{static_cast<uint32_t>(offset), std::move(message)};
    return false;
  }

  bool SkipSpaceAndComments(TokenizeError& error) {
    while (pos_ < text_.size()) {
      char c = text_[pos_];
      if (std::isspace(static_cast<unsigned char>(c))) {
        ++pos_;
      } else if ((c == '-' && At(pos_ + 1) == '-') || (c == '#' && dialect_.hash_comments)) {
        while (pos_ < text_.size() && text_[pos_] != '\n') ++pos_;
      } else if (c == '/' && At(pos_ + 1) == '*') {
        size_t start = pos_;
        int depth = 0;  // block comments nest (PostgreSQL, Snowflake)
        while (true) {
          if (pos_ >= text_.size()) return Fail(error, start, "unterminated /* comment");
          if (text_[pos_] == '/' && At(pos_ + 1) == '*') {
            ++depth;
            pos_ += 2;
          } else if (text_[pos_] == '*' && At(pos_ + 1) == '/') {
            pos_ += 2;
            if (--depth == 0) break;
          } else {
            ++pos_;
          }
        }
      } else {
        break;
      }
    }
    return true;
  }

  // A quoted run from pos_ (at the opening quote) to after the closing one; doubled quotes and,
  // when `backslash`, backslash escapes stay inside.
  bool Quoted(char quote, bool backslash, TokenizeError& error, const char* what) {
    size_t start = pos_;
    bool triple = quote != '`' && At(pos_ + 1) == quote && At(pos_ + 2) == quote &&
                  dialect_.kind == DialectKind::kBigQuery;
    pos_ += triple ? 3 : 1;
    while (pos_ < text_.size()) {
      char c = text_[pos_];
      if (backslash && c == '\\') {
        pos_ += 2;
        continue;
      }
      if (c == quote) {
        if (triple) {
          if (At(pos_ + 1) == quote && At(pos_ + 2) == quote) {
            pos_ += 3;
            return true;
          }
          ++pos_;
          continue;
        }
        if (At(pos_ + 1) == quote) {
          pos_ += 2;
          continue;
        }
        ++pos_;
        return true;
      }
      ++pos_;
    }
    return Fail(error, start, std::string("unterminated ") + what);
  }

  // $$...$$ or $tag$...$tag$; false (without consuming) when `$` does not open one.
  bool DollarString(bool& matched, TokenizeError& error) {
    size_t end = pos_ + 1;
    while (end < text_.size() && (IsIdentChar(text_[end]) && text_[end] != '$')) ++end;
    if (At(end) != '$' || (end > pos_ + 1 && IsDigit(text_[pos_ + 1]))) return true;
    std::string_view tag = text_.substr(pos_, end + 1 - pos_);
    size_t close = text_.find(tag, end + 1);
    if (close == std::string_view::npos) return Fail(error, pos_, "unterminated dollar-quoted string");
    matched = true;
    pos_ = close + tag.size();
    return true;
  }

  void Number() {
    // Trino writes the empty varbinary as a bare `0x`.
    bool empty_binary = dialect_.kind == DialectKind::kTrino && !IsIdentChar(At(pos_ + 2));
    if (text_[pos_] == '0' && (At(pos_ + 1) == 'x' || At(pos_ + 1) == 'X') &&
        (std::isxdigit(static_cast<unsigned char>(At(pos_ + 2))) || empty_binary)) {
      pos_ += 2;
      while (std::isxdigit(static_cast<unsigned char>(At(pos_))) || At(pos_) == '_') ++pos_;
      return;
    }
    while (IsDigit(At(pos_)) || (At(pos_) == '_' && IsDigit(At(pos_ + 1)))) ++pos_;
    if (At(pos_) == '.' && At(pos_ + 1) != '.') {
      ++pos_;
      while (IsDigit(At(pos_))) ++pos_;
    }
    if ((At(pos_) == 'e' || At(pos_) == 'E') &&
        (IsDigit(At(pos_ + 1)) || ((At(pos_ + 1) == '+' || At(pos_ + 1) == '-') && IsDigit(At(pos_ + 2))))) {
      pos_ += 2;
      while (IsDigit(At(pos_))) ++pos_;
    }
  }

  // PostgreSQL's operator rule: the longest run of operator characters, stopping before a
  // comment; a trailing + or - is split off unless the run holds one of ~ ! @ # % ^ & | ` ?.
  void Operator() {
    size_t start = pos_;
    while (IsOpChar(At(pos_))) {
      if (pos_ > start && ((At(pos_) == '-' && At(pos_ + 1) == '-') ||
                           (At(pos_) == '/' && At(pos_ + 1) == '*'))) {
        break;
      }
      if (At(pos_) == '#' && dialect_.hash_comments) break;
      ++pos_;
    }
    std::string_view op = text_.substr(start, pos_ - start);
    if (op.size() > 1 && op.find_first_of("~!@#%^&|`?") == std::string_view::npos) {
      while (op.size() > 1 && (op.back() == '+' || op.back() == '-')) {
        op.remove_suffix(1);
        --pos_;
      }
    }
  }

  bool Next(TokenKind& kind, TokenizeError& error) {
    char c = text_[pos_];
    char next = At(pos_ + 1);
    // Prefixed strings: E'..', N'..', X'..', B'..', r'..', b'..', rb'..'.
    if (IsIdentStart(c)) {
      char upper = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      bool prefix = (upper == 'E' || upper == 'N' || upper == 'X' || upper == 'B' || upper == 'R') &&
                    (next == '\'' || (next == '"' && dialect_.double_quoted_strings && upper != 'N'));
      size_t skip = 1;
      if (!prefix && (upper == 'R' || upper == 'B') && At(pos_ + 2) == '\'' &&
          (next == 'b' || next == 'B' || next == 'r' || next == 'R')) {
        prefix = dialect_.kind == DialectKind::kBigQuery;
        skip = 2;
      }
      if (prefix) {
        bool raw = upper == 'R' || ((next == 'r' || next == 'R') && skip == 2);
        char quote = At(pos_ + skip);
        pos_ += skip;
        kind = TokenKind::kString;
        return Quoted(quote, !raw && (upper == 'E' || dialect_.backslash_escapes), error, "string");
      }
      while (IsIdentChar(At(pos_))) ++pos_;
      kind = TokenKind::kWord;
      return true;
    }
    if (IsDigit(c) || (c == '.' && IsDigit(next))) {
      Number();
      kind = TokenKind::kNumber;
      return true;
    }
    switch (c) {
      case '\'':
        kind = TokenKind::kString;
        return Quoted('\'', dialect_.backslash_escapes, error, "string");
      case '"':
        kind = dialect_.double_quoted_strings ? TokenKind::kString : TokenKind::kQuoted;
        return Quoted('"', dialect_.double_quoted_strings && dialect_.backslash_escapes, error,
                      dialect_.double_quoted_strings ? "string" : "quoted identifier");
      case '`':
        if (!dialect_.backtick_identifiers) break;
        kind = TokenKind::kQuoted;
        return Quoted('`', false, error, "quoted identifier");
      case '$': {
        if (IsDigit(next)) {
          ++pos_;
          while (IsDigit(At(pos_))) ++pos_;
          kind = TokenKind::kParam;
          return true;
        }
        bool matched = false;
        if (dialect_.dollar_strings && !DollarString(matched, error)) return false;
        if (matched) {
          kind = TokenKind::kString;
          return true;
        }
        ++pos_;
        return true;
      }
      case ':':
        pos_ += (next == ':' || next == '=') ? 2 : 1;
        return true;
      case '?':  // a parameter, except in PostgreSQL where ? is a jsonb operator
        if (dialect_.kind != DialectKind::kPostgres && !IsOpChar(next)) {
          ++pos_;
          kind = TokenKind::kParam;
          return true;
        }
        break;
      case '(': case ')': case '[': case ']': case '{': case '}': case ',': case ';': case '.':
        ++pos_;
        return true;
      default:
        break;
    }
    if (IsOpChar(c)) {
      Operator();
      return true;
    }
    ++pos_;  // any other byte is a one-character token the parser will refuse
    return true;
  }

  std::string_view text_;
  const Dialect& dialect_;
  size_t pos_ = 0;
};

}  // namespace

bool Tokenize(std::string_view text, const Dialect& dialect, std::vector<Token>& tokens,
              TokenizeError& error) {
  tokens.clear();
  return Lexer(text, dialect).Run(tokens, error);
}

std::string Unquote(const Token& token, const Dialect& dialect) {
  std::string_view text = token.text;
  if (token.kind == TokenKind::kString && !text.empty() && text[0] == '$') {
    size_t tag = text.find('$', 1);
    return std::string(text.substr(tag + 1, text.size() - 2 * (tag + 1)));
  }
  bool backslash = dialect.backslash_escapes;
  bool raw = false;
  // Prefixes: E (escapes), N, X, B, r (raw), rb/br.
  while (!text.empty() && text[0] != '\'' && text[0] != '"' && text[0] != '`') {
    char c = static_cast<char>(std::toupper(static_cast<unsigned char>(text[0])));
    if (c == 'E') backslash = true;
    if (c == 'R') raw = true;
    text.remove_prefix(1);
  }
  if (text.size() < 2) return std::string(text);
  char quote = text[0];
  size_t width = text.size() >= 6 && text[1] == quote && text[2] == quote ? 3 : 1;
  if (width == 3 && token.kind == TokenKind::kQuoted) width = 1;
  std::string_view body = text.substr(width, text.size() - 2 * width);
  if (token.kind == TokenKind::kQuoted) backslash = false;
  std::string out;
  out.reserve(body.size());
  for (size_t i = 0; i < body.size(); ++i) {
    char c = body[i];
    if (c == '\\' && backslash && !raw && i + 1 < body.size()) {
      char e = body[++i];
      out += e == 'n' ? '\n' : e == 't' ? '\t' : e == 'r' ? '\r' : e == '0' ? '\0' : e;
      continue;
    }
    if (c == quote && i + 1 < body.size() && body[i + 1] == quote && width == 1) ++i;
    out += c;
  }
  return out;
}

bool IsKeyword(const Token& token, std::string_view keyword) {
  if (token.kind != TokenKind::kWord || token.text.size() != keyword.size()) return false;
  for (size_t i = 0; i < keyword.size(); ++i) {
    if (std::toupper(static_cast<unsigned char>(token.text[i])) != keyword[i]) return false;
  }
  return true;
}

}  // namespace ds::dialect::detail
