// The public entry points, token access, names, and the statement layer (CREATE VIEW / CREATE
// TABLE AS / a bare query; scripts split at top-level semicolons).
#include "parsers/dialect/parse_query.h"

#include <algorithm>
#include <string>

#include "parsers/dialect/parser.h"
#include "src/ir/source_text.h"

namespace ds::dialect {
namespace detail {
namespace {

const Token kEndToken{TokenKind::kEnd, {}, 0};

}  // namespace

const Token& Parser::Peek(size_t ahead) const {
  size_t index = pos_ + ahead;
  return index < tokens_.size() ? tokens_[index] : tokens_.empty() ? kEndToken : tokens_.back();
}

const Token& Parser::Advance() {
  const Token& token = Peek();
  if (pos_ < tokens_.size() && token.kind != TokenKind::kEnd) ++pos_;
  return token;
}

bool Parser::AtKeyword(std::string_view keyword, size_t ahead) const {
  return IsKeyword(Peek(ahead), keyword);
}

bool Parser::Accept(std::string_view keyword) {
  if (!AtKeyword(keyword)) return false;
  ++pos_;
  return true;
}

bool Parser::AtOp(std::string_view op, size_t ahead) const {
  const Token& token = Peek(ahead);
  return token.kind == TokenKind::kOp && token.text == op;
}

bool Parser::AcceptOp(std::string_view op) {
  if (!AtOp(op)) return false;
  ++pos_;
  return true;
}

void Parser::Expect(std::string_view keyword) {
  if (!Accept(keyword)) Fail("syntax error at or near \"" + std::string(Peek().text) + "\"");
}

void Parser::ExpectOp(std::string_view op) {
  if (!AcceptOp(op)) Fail("syntax error at or near \"" + std::string(Peek().text) + "\"");
}

void Parser::Rewind(size_t position) {
  if (pos_ > position) backtracked_ += pos_ - position;
  pos_ = position;
  if (backtracked_ > 64 * tokens_.size() + 100000) {
    throw ParseFailure{Peek().offset, ir::DiagCode::kLimitExceeded, "query too complex to parse"};
  }
}

bool Parser::AtEnd() const { return Peek().kind == TokenKind::kEnd || AtOp(";"); }

void Parser::Fail(const std::string& message) const {
  if (Peek().kind == TokenKind::kEnd) FailAt(Peek().offset, "syntax error at end of input");
  FailAt(Peek().offset, message);
}

void Parser::FailAt(uint32_t offset, const std::string& message) const {
  throw ParseFailure{offset, ir::DiagCode::kSyntaxError, message};
}

std::string Parser::Identifier() {
  const Token& token = Peek();
  if (token.kind == TokenKind::kWord) {
    Advance();
    return dialect_.Canonical(token.text, false);
  }
  if (token.kind == TokenKind::kQuoted) {
    Advance();
    return dialect_.Canonical(Unquote(token, dialect_), true);
  }
  Fail("syntax error at or near \"" + std::string(token.text) + "\"");
}

std::vector<std::string> Parser::IdentifierList() {
  std::vector<std::string> names;
  ExpectOp("(");
  do {
    names.push_back(Identifier());
  } while (AcceptOp(","));
  ExpectOp(")");
  return names;
}

void AppendNameParts(const Token& token, std::string part, std::vector<std::string>& parts) {
  if (token.kind == TokenKind::kQuoted && !token.text.empty() && token.text[0] == '`') {
    size_t start = 0;
    for (size_t dot = part.find('.'); dot != std::string::npos; dot = part.find('.', start)) {
      parts.push_back(part.substr(start, dot - start));
      start = dot + 1;
    }
    part = part.substr(start);
  }
  parts.push_back(std::move(part));
}

ir::QualifiedName Parser::RelationName() {
  std::vector<std::string> parts;
  do {
    const Token& token = Peek();
    AppendNameParts(token, Identifier(), parts);
  } while (AtOp(".") && AtIdentifier(1) && AcceptOp("."));
  ir::QualifiedName name;
  name.name = parts.back();
  if (parts.size() >= 2) name.schema = parts[parts.size() - 2];
  return name;
}

namespace {

// Skips CREATE's options up to the AS that starts the query (COPY GRANTS, COMMENT = '...',
// OPTIONS(...), TBLPROPERTIES (...), WITH (...)); false at the end of the statement.
bool SkipToAs(Parser& parser) {
  int depth = 0;
  while (!parser.AtEnd()) {
    if (parser.AtOp("(")) ++depth;
    if (parser.AtOp(")")) --depth;
    if (depth == 0 && parser.AtKeyword("AS")) {
      parser.Advance();
      return true;
    }
    parser.Advance();
  }
  return false;
}

std::vector<std::string> ColumnNameList(Parser& parser) {
  // (a, b) or (a COMMENT 'x', b int): the first word of each item.
  std::vector<std::string> names;
  parser.ExpectOp("(");
  while (true) {
    names.push_back(parser.Identifier());
    int depth = 0;
    while (!parser.AtEnd() && !(depth == 0 && (parser.AtOp(",") || parser.AtOp(")")))) {
      if (parser.AtOp("(")) ++depth;
      if (parser.AtOp(")")) --depth;
      parser.Advance();
    }
    if (!parser.AcceptOp(",")) break;
  }
  parser.ExpectOp(")");
  return names;
}

}  // namespace

bool StatementHeader(Parser& parser, DialectStatement& statement) {
  parser.Expect("CREATE");
  if (parser.Accept("OR")) {
    parser.Expect("REPLACE");
    statement.or_replace = true;
  }
  for (std::string_view modifier : {"TEMP", "TEMPORARY", "TRANSIENT", "SECURE", "VOLATILE", "LOCAL",
                                    "GLOBAL", "RECURSIVE", "MULTISET", "UNLOGGED"}) {
    parser.Accept(modifier);
  }
  statement.materialized = parser.Accept("MATERIALIZED");
  bool view = parser.Accept("VIEW");
  if (!view && !parser.Accept("TABLE")) {
    while (!parser.AtEnd()) parser.Advance();
    return false;
  }
  if (parser.Accept("IF")) {
    parser.Expect("NOT");
    parser.Expect("EXISTS");
    statement.if_not_exists = true;
  }
  statement.name = parser.RelationName();
  size_t before_columns = parser.position();
  if (parser.AtOp("(")) statement.column_names = ColumnNameList(parser);
  if (!SkipToAs(parser)) {
    if (view) parser.Fail("syntax error at or near \"" + std::string(parser.Peek().text) + "\"");
    parser.Rewind(before_columns);
    while (!parser.AtEnd()) parser.Advance();  // CREATE TABLE x (...): not a query
    statement.column_names.clear();
    statement.name = {};
    return false;
  }
  if (!view) statement.column_names.clear();
  statement.kind = view ? DialectStatement::Kind::kCreateView : DialectStatement::Kind::kCreateTableAs;
  return true;
}

namespace {

DialectStatement Statement(Parser& parser) {
  DialectStatement statement;
  statement.offset = parser.Peek().offset;
  if (!parser.AtKeyword("CREATE")) {
    if (!parser.AtKeyword("SELECT") && !parser.AtKeyword("WITH") && !parser.AtKeyword("VALUES") &&
        !parser.AtKeyword("FROM") && !parser.AtOp("(")) {
      while (!parser.AtEnd()) parser.Advance();
      return statement;
    }
    statement.kind = DialectStatement::Kind::kQuery;
    statement.query = std::make_shared<const ir::Query>(parser.Query());
    return statement;
  }
  if (!StatementHeader(parser, statement)) return statement;
  statement.query = std::make_shared<const ir::Query>(parser.Query());
  // WITH [NO] DATA, WITH NO SCHEMA BINDING (Redshift), WITH [CASCADED] CHECK OPTION.
  if (parser.Accept("WITH")) {
    while (!parser.AtEnd()) parser.Advance();
  }
  return statement;
}

ir::Diagnostic Diagnose(std::string_view sql, const ParseOptions& options, const ParseFailure& failure) {
  if (options.source != nullptr) {
    return ir::Diagnostic{ir::Severity::kWarning, options.source->SpanAt(failure.offset), failure.message,
                          failure.code};
  }
  ir::SourceText source(std::string(options.path), sql);
  return ir::Diagnostic{ir::Severity::kWarning, source.SpanAt(failure.offset), failure.message,
                        failure.code};
}

/// The bytes of `sql` that options say to parse.
std::string_view Range(std::string_view sql, const ParseOptions& options) {
  size_t begin = std::min(options.begin, sql.size());
  size_t end = std::max(begin, std::min(options.end, sql.size()));
  return sql.substr(begin, end - begin);
}

/// Tokenizes the range of `sql` that options name; offsets (of tokens and of `failure`) are
/// relative to the whole of `sql`.
bool TokenizeRange(std::string_view sql, const Dialect& dialect, const ParseOptions& options,
                   std::vector<Token>& tokens, ParseFailure& failure) {
  std::string_view range = Range(sql, options);
  auto begin = static_cast<uint32_t>(range.data() - sql.data());
  TokenizeError error;
  bool ok = Tokenize(range, dialect, tokens, error);
  for (Token& token : tokens) token.offset += begin;
  if (!ok) failure = ParseFailure{error.offset + begin, ir::DiagCode::kSyntaxError, error.message};
  return ok;
}

void ExpectEnd(Parser& parser) {
  parser.AcceptOp(";");
  if (parser.Peek().kind != TokenKind::kEnd) {
    parser.Fail("syntax error at or near \"" + std::string(parser.Peek().text) + "\"");
  }
}

}  // namespace
}  // namespace detail

namespace {

// Tokenizes `sql` and runs `parse` over it; on failure fills the result's diagnostic.
template <class Out, class Parse>
Out Run(std::string_view sql, const Dialect& dialect, const ParseOptions& options, Parse parse) {
  using namespace detail;
  Out out;
  std::vector<Token> tokens;
  ParseFailure failure;
  if (TokenizeRange(sql, dialect, options, tokens, failure)) {
    try {
      Parser parser(tokens, dialect, options.max_depth);
      parse(parser, out);
      ExpectEnd(parser);
      return out;
    } catch (const ParseFailure& caught) {
      failure = caught;
    }
  }
  out = Out{};
  out.diagnostic = Diagnose(sql, options, failure);
  out.error_offset = failure.offset;
  return out;
}

}  // namespace

QueryParse ParseDialectQuery(std::string_view sql, const Dialect& dialect, const ParseOptions& options) {
  return Run<QueryParse>(sql, dialect, options, [](detail::Parser& parser, QueryParse& out) {
    out.query = std::make_shared<const ir::Query>(parser.Query());
  });
}

StatementParse ParseDialectStatement(std::string_view sql, const Dialect& dialect,
                                     const ParseOptions& options) {
  std::string_view range = detail::Range(sql, options);
  auto end_offset = static_cast<uint32_t>(range.data() - sql.data() + range.size());
  StatementParse out = Run<StatementParse>(sql, dialect, options, [&](detail::Parser& parser, StatementParse& parsed) {
    parsed.statement = detail::Statement(parser);
    parsed.statement->end_offset = end_offset;
  });
  if (!out.ok()) {
    std::vector<detail::Token> tokens;
    detail::ParseFailure ignored;
    detail::TokenizeRange(sql, dialect, options, tokens, ignored);  // what precedes a bad quote
    out.salvaged = detail::Salvage(tokens, dialect);
    if (out.salvaged) out.salvaged->end_offset = end_offset;
  }
  return out;
}

ScriptParse ParseDialectScript(std::string_view sql, const Dialect& dialect,
                               const ParseOptions& options) {
  using namespace detail;
  ScriptParse out;
  std::vector<Token> tokens;
  // An unterminated quote or comment: the statements that end before it are still read (as on
  // libpg_query's path); the one it cuts off has no end and is the scanner's diagnostic.
  ParseFailure scan_failure;
  bool scanned = TokenizeRange(sql, dialect, options, tokens, scan_failure);
  // Each statement is parsed in place: the `;` that ends it becomes its kEnd (no copy).
  size_t start = 0;
  for (size_t i = 0; i < tokens.size(); ++i) {
    Token& token = tokens[i];
    bool end = token.kind == TokenKind::kEnd || (token.kind == TokenKind::kOp && token.text == ";");
    if (!end) continue;
    size_t begin = start;
    start = i + 1;
    if (i == begin) continue;  // an empty statement
    token = Token{TokenKind::kEnd, {}, token.offset};
    TokenSpan statement(tokens.data() + begin, i - begin + 1);
    try {
      Parser parser(statement, dialect, options.max_depth);
      DialectStatement parsed = Statement(parser);
      ExpectEnd(parser);
      parsed.end_offset = token.offset;
      out.statements.push_back(std::move(parsed));
    } catch (const ParseFailure& failure) {
      out.diagnostics.push_back(Diagnose(sql, options, failure));
      // Nothing drops out: a view it defines is still read, partly.
      if (std::optional<DialectStatement> salvaged = Salvage(statement, dialect)) {
        salvaged->end_offset = token.offset;
        out.statements.push_back(std::move(*salvaged));
      }
    }
  }
  if (!scanned) out.diagnostics.push_back(Diagnose(sql, options, scan_failure));
  return out;
}

}  // namespace ds::dialect
