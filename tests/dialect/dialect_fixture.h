#pragma once
/// Test helpers for tests/dialect: schema ops whose view queries come from our own frontend,
/// replayed into a catalog, and the lineage of every view as fixture lines (LineageLines).
#include <memory>
#include <string>
#include <vector>

#include "parsers/dialect/parse_query.h"
#include "tests/lineage/lineage_fixture.h"

namespace ds::test {

/// Replays `ops` (CREATE TABLE AS shapes from the lineage engine) and gives the lineage lines
/// of every view, preceded by `setup:` lines for the diagnostics of replay and of `parse`.
inline std::vector<std::string> LineageOfOps(const std::vector<ir::SchemaOp>& ops,
                                             const std::vector<ir::Diagnostic>& parse) {
  catalog::Catalog catalog;
  catalog.SetQueryShape([](const ir::Query& query, const catalog::Catalog& at,
                           const std::vector<std::string>& search_path) {
    lineage::LineageEngine engine(at);
    return engine.QueryShape(query, search_path);
  });
  catalog.BeginFile();
  std::vector<ir::Diagnostic> diagnostics = parse;
  for (const ir::SchemaOp& op : ops) catalog.Apply(op, diagnostics);
  std::vector<std::string> lines;
  for (const ir::Diagnostic& diagnostic : diagnostics) {
    lines.push_back("setup: " + std::to_string(diagnostic.span.line) + ":" +
                    std::to_string(diagnostic.span.column) + " " + diagnostic.message);
  }
  lineage::LineageEngine engine(catalog);
  for (const auto& [view_name, view] : catalog.views()) {
    const lineage::ViewLineage* lineage = engine.ForView(view_name);
    if (lineage == nullptr) continue;
    for (std::string& line : LineageLines(*lineage)) lines.push_back(std::move(line));
  }
  return lines;
}

/// The ops of a file whose tables are PostgreSQL DDL (read by libpg_query) and whose views are
/// in `dialect` (read by our frontend): statements our frontend skips (kOther) go to
/// libpg_query, at their own positions; views and CREATE TABLE AS become ops here.
struct DialectOps {
  std::vector<ir::SchemaOp> ops;
  std::vector<ir::Diagnostic> diagnostics;
};

inline DialectOps DialectFileOps(const std::string& path, const std::string& text,
                                 const dialect::Dialect& dialect) {
  DialectOps out;
  dialect::ParseOptions options;
  options.path = path;
  dialect::ScriptParse script = dialect::ParseDialectScript(text, dialect, options);
  out.diagnostics = script.diagnostics;
  // libpg_query reads the DDL: every other statement blanked (newlines kept, so positions hold).
  std::string ddl = text;
  for (const dialect::DialectStatement& statement : script.statements) {
    if (statement.kind == dialect::DialectStatement::Kind::kOther) continue;
    for (uint32_t i = statement.offset; i < statement.end_offset && i < ddl.size(); ++i) {
      if (ddl[i] != '\n') ddl[i] = ' ';
    }
  }
  // A statement our frontend refused is blanked too (its diagnostic is kept).
  ir::ParsedFile tables = parsers::ParseSqlFile(path, ddl);
  for (ir::Diagnostic& diagnostic : tables.diagnostics) out.diagnostics.push_back(diagnostic);
  auto source = std::make_shared<const ir::SourceText>(path, text);
  size_t next_table = 0;
  for (const dialect::DialectStatement& statement : script.statements) {
    // Tables first, in file order, up to this statement.
    while (next_table < tables.ops.size() &&
           tables.ops[next_table].span.line <= source->SpanAt(statement.offset).line) {
      out.ops.push_back(tables.ops[next_table++]);
    }
    ir::SchemaOp op;
    op.span = source->SpanAt(statement.offset);
    if (statement.kind == dialect::DialectStatement::Kind::kCreateView) {
      ir::CreateView view;
      view.view = statement.name;
      view.column_names = statement.column_names;
      view.query = statement.query;
      view.source = source;
      view.materialized = statement.materialized;
      view.or_replace = statement.or_replace;
      view.if_not_exists = statement.if_not_exists;
      op.op = std::move(view);
      out.ops.push_back(std::move(op));
    } else if (statement.kind == dialect::DialectStatement::Kind::kCreateTableAs) {
      ir::CreateTable table;
      table.table = statement.name;
      table.as_query = statement.query;
      table.source = source;
      table.if_not_exists = statement.if_not_exists;
      op.op = std::move(table);
      out.ops.push_back(std::move(op));
    }
  }
  while (next_table < tables.ops.size()) out.ops.push_back(tables.ops[next_table++]);
  return out;
}

}  // namespace ds::test
