#pragma once
/// Internal to parsers/dialect: the tokenizer. Tokens point into the text; strings and quoted
/// names keep their quotes (Unquote decodes them).
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "parsers/dialect/dialect.h"

namespace ds::dialect::detail {

enum class TokenKind : uint8_t {
  kWord,    ///< identifier or keyword, unquoted
  kQuoted,  ///< "name" (or `name` where backticks quote names)
  kString,  ///< 'text', E'..', $$..$$, r'..', "text" where double quotes make strings
  kNumber,  ///< 12, 1.5e3, 0x1F
  kParam,   ///< $1, ?
  kOp,      ///< punctuation and operators: ( ) , ; . :: = <> ...
  kEnd,
};

struct Token {
  TokenKind kind = TokenKind::kEnd;
  std::string_view text;  ///< as written, quotes included
  uint32_t offset = 0;    ///< byte offset in the tokenized text
};

/// A run of tokens ending with kEnd (a script's tokens, or one statement's among them).
using TokenSpan = std::span<const Token>;

/// Where tokenizing stopped on an unterminated string, name or comment.
struct TokenizeError {
  uint32_t offset = 0;
  std::string message;
};

/// Splits `text` into tokens ending with kEnd; false (and `error`) on an unterminated quote or
/// comment.
bool Tokenize(std::string_view text, const Dialect& dialect, std::vector<Token>& tokens,
              TokenizeError& error);

/// The value of a kString or kQuoted token: quotes removed, doubled quotes and (where the
/// dialect or an E prefix says so) backslash escapes decoded.
std::string Unquote(const Token& token, const Dialect& dialect);

/// True for an unquoted word equal to `keyword` (upper-case ASCII), ignoring case.
bool IsKeyword(const Token& token, std::string_view keyword);

}  // namespace ds::dialect::detail
