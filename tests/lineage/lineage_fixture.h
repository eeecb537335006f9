#pragma once
/// Test helpers for tests/lineage: a catalog built from one SQL file (CREATE TABLE / VIEW
/// statements parsed by ParseSqlFile and replayed), and the lineage of its views as text lines.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <string>
#include <vector>

#include "parsers/sql/parse_sql.h"
#include "src/catalog/catalog.h"
#include "src/lineage/lineage.h"

namespace ds::test {

/// A catalog replayed from SQL text, with the diagnostics of parsing and replay.
struct FixtureCatalog {
  catalog::Catalog catalog;
  std::vector<ir::Diagnostic> diagnostics;
};

/// Parses `text` as the file `path` and replays its ops (CREATE TABLE AS shapes come from the
/// lineage engine, as in the real pipeline).
inline std::unique_ptr<FixtureCatalog> LoadCatalog(const std::string& path, const std::string& text) {
  auto fixture = std::make_unique<FixtureCatalog>();
  fixture->catalog.SetQueryShape([](const ir::Query& query, const catalog::Catalog& catalog,
                                    const std::vector<std::string>& search_path) {
    lineage::LineageEngine engine(catalog);
    return engine.QueryShape(query, search_path);
  });
  fixture->catalog.BeginFile();
  ir::ParsedFile parsed = parsers::ParseSqlFile(path, text);
  fixture->diagnostics = parsed.diagnostics;
  for (const ir::SchemaOp& op : parsed.ops) fixture->catalog.Apply(op, fixture->diagnostics);
  return fixture;
}

inline std::string Join(const std::vector<std::string>& items, const std::string& separator) {
  std::string out;
  for (size_t i = 0; i < items.size(); ++i) out += (i > 0 ? separator : "") + items[i];
  return out;
}

/// `relation.column`, `?.column` when the relation is unknown.
inline std::string LeafText(const ir::QualifiedName& relation, const std::string& column) {
  return (relation.name.empty() ? std::string("?") : relation.ToString()) + "." + column;
}

/// The lineage of one view as fixture lines (without the leading "-- "):
///   columns: <view> a, b            (output names in order)
///   expect: <view>.<col> <- <relation>.<column> <transform | unresolved>
///   indirect: <view>.<col> <- <relation>.<column> <conditional | filter | sort | window>
///   ref: <view>: <relation>.<column> select,filter [unresolved]
///   reads: <view> <relation> <relation>
///   diag: <line>:<col> <message>
inline std::vector<std::string> LineageLines(const lineage::ViewLineage& view) {
  std::vector<std::string> lines;
  std::string name = view.view.ToString();
  std::vector<std::string> column_names;
  for (const lineage::OutputColumn& column : view.columns) column_names.push_back(column.name);
  lines.push_back("columns: " + name + " " + Join(column_names, ", "));
  for (const lineage::OutputColumn& column : view.columns) {
    for (const lineage::ColumnSource& source : column.sources) {
      lines.push_back("expect: " + name + "." + column.name + " <- " +
                      LeafText(source.relation, source.column) + " " +
                      (source.unresolved ? "unresolved" : lineage::TransformName(source.transform)));
    }
    for (const lineage::ColumnSource& source : column.indirect) {
      lines.push_back("indirect: " + name + "." + column.name + " <- " +
                      LeafText(source.relation, source.column) + " " +
                      lineage::IndirectName(source.indirect) +
                      (source.unresolved ? " unresolved" : ""));
    }
  }
  for (const lineage::Reference& ref : view.references) {
    lines.push_back("ref: " + name + ": " + LeafText(ref.relation, ref.column) + " " +
                    Join(lineage::UsageNames(ref.usages), ",") + (ref.unresolved ? " unresolved" : ""));
  }
  std::vector<std::string> relations;
  for (const ir::QualifiedName& relation : view.relations) relations.push_back(relation.ToString());
  lines.push_back("reads: " + name + (relations.empty() ? "" : " " + Join(relations, " ")));
  for (const ir::Diagnostic& diagnostic : view.diagnostics) {
    lines.push_back("diag: " + std::to_string(diagnostic.span.line) + ":" +
                    std::to_string(diagnostic.span.column) + " " + diagnostic.message);
  }
  return lines;
}

/// The kinds of expectation line a fixture holds (`-- expect: ...`).
inline constexpr const char* kExpectationKinds[] = {"-- columns:", "-- expect:", "-- indirect:",
                                                   "-- ref:", "-- reads:", "-- diag:", "-- setup:"};

inline bool IsExpectation(const std::string& line) {
  for (const char* kind : kExpectationKinds) {
    if (line.rfind(kind, 0) == 0) return true;
  }
  return false;
}

inline std::vector<std::string> TextLines(const std::string& text) {
  std::vector<std::string> lines;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    lines.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return lines;
}

/// A fixture's expectation lines, without their leading "-- ".
inline std::vector<std::string> ExpectedLines(const std::string& text) {
  std::vector<std::string> expected;
  for (const std::string& line : TextLines(text)) {
    if (IsExpectation(line)) expected.push_back(line.substr(3));
  }
  return expected;
}

/// Rewrites a fixture with `actual` as its expectation lines (DOWNSTREAM_UPDATE_GOLDEN=1).
inline void RewriteFixture(const std::filesystem::path& path, const std::string& text,
                           const std::vector<std::string>& actual) {
  std::vector<std::string> kept;
  for (const std::string& line : TextLines(text)) {
    if (!IsExpectation(line)) kept.push_back(line);
  }
  while (!kept.empty() && kept.back().empty()) kept.pop_back();
  std::ofstream out(path);
  for (const std::string& line : kept) out << line << "\n";
  out << "\n";
  for (const std::string& line : actual) out << "-- " << line << "\n";
}

/// Checks that `expected` and `actual` hold the same lines, in any order, listing the others.
inline void CheckSameLines(std::vector<std::string> expected, std::vector<std::string> actual) {
  std::sort(expected.begin(), expected.end());
  std::sort(actual.begin(), actual.end());
  std::vector<std::string> missing, unexpected;
  std::set_difference(expected.begin(), expected.end(), actual.begin(), actual.end(),
                      std::back_inserter(missing));
  std::set_difference(actual.begin(), actual.end(), expected.begin(), expected.end(),
                      std::back_inserter(unexpected));
  CHECK_MESSAGE(missing.empty(), "expected but not produced:\n  " << Join(missing, "\n  "));
  CHECK_MESSAGE(unexpected.empty(), "produced but not expected:\n  " << Join(unexpected, "\n  "));
}

}  // namespace ds::test
