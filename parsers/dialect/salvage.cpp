// A statement no parser could read still counts (the "nothing drops out"): when it creates
// a view or a table AS a query, it is kept as a salvaged query that names the relations following
// FROM and JOIN and every identifier it contains. The lineage engine matches those identifiers
// against the named relations' columns, so a change to a column the statement names is still a
// finding, marked as read partly. A token scan, not a parse: it cannot fail.
#include <algorithm>
#include <set>
#include <unordered_set>

#include "parsers/dialect/parser.h"

namespace ds::dialect {
namespace detail {
namespace {

// Bound on the identifiers kept from one statement (each is matched against every named
// relation's columns).
constexpr size_t kMaxSalvagedNames = 4096;

bool IsName(const Token& token) { return token.kind == TokenKind::kWord || token.kind == TokenKind::kQuoted; }

bool IsOp(const Token& token, std::string_view op) { return token.kind == TokenKind::kOp && token.text == op; }

/// The parts of one name token, spelled as the parser spells identifiers (Parser::Identifier).
void AppendParts(const Token& token, const Dialect& dialect, std::vector<std::string>& parts) {
  bool quoted = token.kind == TokenKind::kQuoted;
  AppendNameParts(token, dialect.Canonical(quoted ? Unquote(token, dialect) : std::string(token.text), quoted), parts);
}

/// Reads a dotted name at `i` (a.b.c), advancing past it; empty when no name starts there.
std::vector<std::string> DottedName(TokenSpan tokens, size_t& i, const Dialect& dialect) {
  std::vector<std::string> parts;
  while (i < tokens.size() && IsName(tokens[i])) {
    AppendParts(tokens[i], dialect, parts);
    ++i;
    if (i + 1 < tokens.size() && IsOp(tokens[i], ".") && IsName(tokens[i + 1])) {
      ++i;
      continue;
    }
    break;
  }
  return parts;
}

/// Words after which a name is not a relation although FROM precedes it (`FROM LATERAL f(x)`).
bool IsFromModifier(const Token& token) {
  return IsKeyword(token, "LATERAL") || IsKeyword(token, "ONLY") || IsKeyword(token, "TABLE");
}

class Scan {
 public:
  Scan(TokenSpan tokens, size_t begin, const Dialect& dialect)
      : tokens_(tokens), begin_(begin), dialect_(dialect) {}

  ir::Query Run() {
    CollectCteNames();
    for (size_t i = begin_; i < tokens_.size(); ++i) {
      const Token& token = tokens_[i];
      if (IsName(token)) AddName(token);
      if (IsKeyword(token, "FROM") || IsKeyword(token, "JOIN")) RelationsAfter(i + 1);
    }
    return SalvagedQuery(relations_, names_, begin_ < tokens_.size() ? tokens_[begin_].offset : 0);
  }

 private:
  // `name AS (` and `name (a, b) AS (` define CTEs: names the statement reads, not relations.
  void CollectCteNames() {
    for (size_t i = begin_; i + 2 < tokens_.size(); ++i) {
      if (!IsName(tokens_[i])) continue;
      size_t next = i + 1;
      if (IsOp(tokens_[next], "(")) {  // a column list: names and commas, so a short scan
        size_t limit = std::min(tokens_.size(), next + 256);
        while (next < limit && !IsOp(tokens_[next], ")")) ++next;
        ++next;
      }
      if (next + 1 < tokens_.size() && IsKeyword(tokens_[next], "AS") && IsOp(tokens_[next + 1], "(")) {
        std::vector<std::string> parts;
        AppendParts(tokens_[i], dialect_, parts);
        if (parts.size() == 1) ctes_.insert(parts[0]);
      }
    }
  }

  // FROM a, b c, schema.d AS e / JOIN f: each name, with the comma-separated ones that follow.
  void RelationsAfter(size_t i) {
    while (i < tokens_.size()) {
      while (i < tokens_.size() && IsFromModifier(tokens_[i])) ++i;
      if (i >= tokens_.size() || !IsName(tokens_[i])) return;
      uint32_t offset = tokens_[i].offset;
      std::vector<std::string> parts = DottedName(tokens_, i, dialect_);
      if (i < tokens_.size() && IsOp(tokens_[i], "(")) return;  // a table function, not a relation
      AddRelation(parts, offset);
      if (i < tokens_.size() && IsKeyword(tokens_[i], "AS")) ++i;
      // An alias is a name that is not a clause keyword; a comma continues the FROM list.
      if (i < tokens_.size() && tokens_[i].kind == TokenKind::kWord && !IsClauseWord(tokens_[i])) ++i;
      if (i >= tokens_.size() || !IsOp(tokens_[i], ",")) return;
      ++i;
    }
  }

  static bool IsClauseWord(const Token& token) {
    for (std::string_view word : {"WHERE", "GROUP", "ORDER", "HAVING", "QUALIFY", "LIMIT", "JOIN", "LEFT",
                                  "RIGHT", "FULL", "INNER", "CROSS", "OUTER", "ON", "USING", "UNION",
                                  "EXCEPT", "INTERSECT", "WINDOW", "NATURAL", "LATERAL", "SAMPLE"}) {
      if (IsKeyword(token, word)) return true;
    }
    return false;
  }

  void AddRelation(const std::vector<std::string>& parts, uint32_t offset) {
    if (parts.empty()) return;
    ir::QualifiedName name;
    name.name = parts.back();
    if (parts.size() >= 2) name.schema = parts[parts.size() - 2];
    if (name.schema.empty() && ctes_.count(name.name) != 0) return;
    relations_.emplace_back(std::move(name), offset);  // SalvagedQuery drops repeats
  }

  void AddName(const Token& token) {
    if (names_.size() >= kMaxSalvagedNames) return;
    std::vector<std::string> parts;
    AppendParts(token, dialect_, parts);
    for (std::string& part : parts) {
      if (part.empty() || !seen_names_.insert(part).second) continue;
      names_.emplace_back(std::move(part), token.offset);
    }
  }

  TokenSpan tokens_;
  size_t begin_;
  const Dialect& dialect_;
  std::set<std::string> ctes_;
  std::vector<std::pair<ir::QualifiedName, uint32_t>> relations_;
  std::unordered_set<std::string> seen_names_;
  std::vector<std::pair<std::string, uint32_t>> names_;
};

}  // namespace

std::optional<DialectStatement> Salvage(TokenSpan tokens, const Dialect& dialect) {
  if (tokens.empty() || !IsKeyword(tokens.front(), "CREATE")) return std::nullopt;
  DialectStatement statement;
  statement.offset = tokens.front().offset;
  size_t body = 0;
  try {
    Parser parser(tokens, dialect, ir::kMaxNestingDepth);
    if (!StatementHeader(parser, statement)) return std::nullopt;
    body = parser.position();
  } catch (const ParseFailure&) {
    return std::nullopt;  // not even its head: nothing says what it creates
  }
  statement.query = std::make_shared<const ir::Query>(Scan(tokens, body, dialect).Run());
  return statement;
}

}  // namespace detail

ir::Query SalvagedQuery(const std::vector<std::pair<ir::QualifiedName, uint32_t>>& relations,
                        const std::vector<std::pair<std::string, uint32_t>>& names, uint32_t offset) {
  ir::Query query;
  query.salvaged = true;
  query.offset = offset;
  std::set<ir::QualifiedName> seen;
  for (const auto& [relation, at] : relations) {
    if (!seen.insert(relation).second) continue;
    ir::FromItem item;
    item.kind = ir::FromItem::Kind::kRelation;
    item.relation = relation;
    item.offset = at;
    query.from.push_back(std::move(item));
  }
  for (const auto& [name, at] : names) query.salvaged_names.push_back(detail::MakeExpr(ir::ExprKind::kColumnRef, at, {name}));
  return query;
}

}  // namespace ds::dialect
