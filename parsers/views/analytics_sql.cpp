#include "parsers/views/analytics_sql.h"

#include <memory>
#include <optional>
#include <string>

#include "parsers/dialect/parse_query.h"
#include "parsers/sql/parse_sql.h"

namespace ds::views {
namespace {

using Kind = dialect::DialectStatement::Kind;

/// The op a statement of our own parser defines, as libpg_query's path builds it; nullopt for a
/// statement that defines no relation.
std::optional<ir::OpKind> OpOf(const dialect::DialectStatement& statement,
                               const std::shared_ptr<const ir::SourceText>& source, const dialect::Dialect& dialect) {
  if (statement.kind == Kind::kCreateView) {
    ir::CreateView view;
    view.view = statement.name;
    view.rebinds_star = !statement.materialized && dialect.ViewsRebindStar();
    view.binds_types = &dialect == &dialect::Postgres();
    view.column_names = statement.column_names;
    view.query = statement.query;
    view.source = source;
    view.materialized = statement.materialized;
    view.or_replace = statement.or_replace;
    view.if_not_exists = statement.if_not_exists;
    return view;
  }
  if (statement.kind == Kind::kCreateTableAs) {
    ir::CreateTable table;
    table.table = statement.name;
    table.as_query = statement.query;
    table.as_column_names = statement.column_names;
    table.source = source;
    table.if_not_exists = statement.if_not_exists;
    return table;
  }
  return std::nullopt;
}

void Emit(const dialect::DialectStatement& statement, const dialect::Dialect& dialect, ir::ParsedFile& out) {
  if (std::optional<ir::OpKind> op = OpOf(statement, out.source, dialect)) {
    out.ops.push_back(ir::SchemaOp{out.source->SpanAt(statement.offset), std::move(*op)});
  }
}

/// libpg_query reads what it can; what it refuses is offered to our own parser.
parsers::SqlParseOptions WithOurParser() {
  parsers::SqlParseOptions options;
  options.fallback = [](std::string_view whole, uint32_t begin, uint32_t end, ir::ParsedFile& out) {
    dialect::ParseOptions range;
    range.begin = begin;
    range.end = end;
    range.source = out.source.get();
    dialect::StatementParse parsed = dialect::ParseDialectStatement(whole, dialect::Postgres(), range);
    if (!parsed.ok()) {
      // Neither parser reads it: a view it creates is still read, partly, and libpg_query's
      // syntax error (exact) says why.
      if (parsed.salvaged) Emit(*parsed.salvaged, dialect::Postgres(), out);
      return false;
    }
    // Our parser passes over statements it does not model (kOther): those keep libpg_query's
    // syntax error, which is exact.
    if (parsed.statement->kind == Kind::kOther) return false;
    Emit(*parsed.statement, dialect::Postgres(), out);
    return true;
  };
  return options;
}

ir::ParsedFile ParsePostgres(std::string_view path, std::string_view text, int first_line, int first_column) {
  return parsers::ParseEmbeddedSql(path, text, first_line, first_column, WithOurParser());
}

/// A warehouse dialect: our own parser, statement by statement.
ir::ParsedFile ParseWarehouse(std::string_view path, std::string_view text, const dialect::Dialect& dialect,
                              int first_line, int first_column) {
  ir::ParsedFile out;
  out.source = std::make_shared<const ir::SourceText>(std::string(path), text, first_line, first_column);
  dialect::ParseOptions options;
  options.path = path;
  options.source = out.source.get();
  dialect::ScriptParse script = dialect::ParseDialectScript(text, dialect, options);
  for (const dialect::DialectStatement& statement : script.statements) Emit(statement, dialect, out);
  for (ir::Diagnostic& diagnostic : script.diagnostics) {
    diagnostic.message = "could not parse: " + diagnostic.message;  // as libpg_query's are worded
    out.diagnostics.push_back(std::move(diagnostic));
  }
  return out;
}

}  // namespace

ir::ParsedFile ParseAnalyticsSql(std::string_view path, std::string_view text, const dialect::Dialect& dialect,
                                 int first_line, int first_column) {
  if (dialect.kind == dialect::DialectKind::kPostgres) return ParsePostgres(path, text, first_line, first_column);
  return ParseWarehouse(path, text, dialect, first_line, first_column);
}

ir::ParsedFile ParseSqlMigration(std::string_view path, std::string_view text) {
  return parsers::ParseSqlFile(path, text, WithOurParser());
}

}  // namespace ds::views
