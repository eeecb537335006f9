#pragma once
/// Shared by the framework referees: a history replayed through our frontends and the schema a
/// real PostgreSQL holds after the framework's own tool ran, both as comparable lines (the
/// same comparison as tests/catalog/replay_pgtest.cpp). Header-only: only *_test.cpp /
/// *_pgtest.cpp files of a test folder are built.
#include <algorithm>
#include <filesystem>
#include <set>
#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "parsers/migrations/framework_history.h"
#include "parsers/python/parse_alembic.h"
#include "parsers/python/parse_django.h"
#include "parsers/ruby/parse_rails.h"
#include "src/catalog/catalog.h"
#include "tests/support/postgres.h"
#include "tests/support/temp_dir.h"

namespace ds::test {

namespace fs = std::filesystem;

inline const fs::path kCorpus = fs::path(DOWNSTREAM_SOURCE_DIR) / "tests/frameworks/corpus";

/// Debian's interpreter, which has python3-alembic and python3-django (a pyenv or virtualenv
/// python3 earlier on PATH may not).
inline std::string Python() { return fs::exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3"; }

/// Every file under `folder` with `extension`, sorted, as paths relative to `root`.
inline std::vector<std::string> FilesUnder(const fs::path& root, const fs::path& folder,
                                           const std::string& extension) {
  std::vector<std::string> out;
  for (const auto& entry : fs::recursive_directory_iterator(folder)) {
    if (entry.is_regular_file() && entry.path().extension() == extension &&
        entry.path().filename() != "__init__.py") {
      out.push_back(fs::relative(entry.path(), root).generic_string());
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

/// Parses `files` (relative to `root`) with the framework's frontend, orders them as the
/// framework would and replays them. Diagnostics (parse and replay) go to `diagnostics`.
inline catalog::Catalog ReplayHistory(parsers::Framework framework, const fs::path& root,
                                      const std::vector<std::string>& files,
                                      std::vector<ir::Diagnostic>& diagnostics) {
  std::vector<ir::ParsedFile> parsed;
  for (const std::string& path : files) {
    std::string text = ReadFile((root / path).string());
    parsed.push_back(framework == parsers::Framework::kAlembic  ? parsers::ParseAlembicFile(path, text)
                     : framework == parsers::Framework::kDjango ? parsers::ParseDjangoFile(path, text)
                                                                : parsers::ParseRailsFile(path, text));
    diagnostics.insert(diagnostics.end(), parsed.back().diagnostics.begin(), parsed.back().diagnostics.end());
  }
  std::vector<parsers::HistoryFile> history;
  for (size_t i = 0; i < files.size(); ++i) history.push_back({files[i], &parsed[i]});
  catalog::Catalog catalog;
  for (const parsers::ReplayStep& step : parsers::OrderHistory(framework, history, diagnostics)) {
    catalog.BeginFile();
    for (const ir::SchemaOp& op : step.ops) catalog.Apply(op, diagnostics);
  }
  return catalog;
}

/// "table s.t: col type [not null], ..." and "view s.v" lines of our catalog.
inline std::set<std::string> DescribeCatalog(const catalog::Catalog& catalog) {
  std::set<std::string> lines;
  for (const auto& [name, table] : catalog.tables()) {
    std::string line = "table " + name.ToString() + ":";
    for (const catalog::Column& c : table.columns) {
      line += " " + c.name + " " + c.type + (c.not_null ? " not null" : "") + ",";
    }
    lines.insert(line);
  }
  for (const auto& [name, view] : catalog.views()) lines.insert("view " + name.ToString());
  return lines;
}

/// The same lines from the server's catalogs, leaving out the framework's bookkeeping tables.
inline std::set<std::string> DescribeDatabase(Postgres& pg, const std::string& db,
                                              const std::set<std::string>& ignored) {
  std::set<std::string> lines;
  auto columns = pg.Query(db,
      "SELECT n.nspname || '.' || c.relname, a.attname, format_type(a.atttypid, a.atttypmod), "
      "a.attnotnull FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
      "LEFT JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped "
      "WHERE c.relkind IN ('r', 'p') AND n.nspname NOT IN ('pg_catalog', 'information_schema') "
      "AND n.nspname NOT LIKE 'pg_toast%' ORDER BY 1, a.attnum");
  std::map<std::string, std::string> tables;
  for (const auto& row : columns) {
    if (ignored.count(row.at(0))) continue;
    std::string& line = tables[row.at(0)];
    if (line.empty()) line = "table " + row.at(0) + ":";
    if (!row.at(1).empty()) line += " " + row.at(1) + " " + row.at(2) + (row.at(3) == "t" ? " not null" : "") + ",";
  }
  for (const auto& [name, line] : tables) lines.insert(line);
  auto views = pg.Query(db,
      "SELECT n.nspname || '.' || c.relname FROM pg_class c "
      "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind IN ('v', 'm') "
      "AND n.nspname NOT IN ('pg_catalog', 'information_schema')");
  for (const auto& view : views) lines.insert("view " + view.at(0));
  return lines;
}

/// "- " lines only PostgreSQL has, "+ " lines only we have.
inline std::string LineDiff(const std::set<std::string>& expected, const std::set<std::string>& actual) {
  std::string out;
  for (const std::string& line : expected) {
    if (!actual.count(line)) out += "- " + line + "\n";
  }
  for (const std::string& line : actual) {
    if (!expected.count(line)) out += "+ " + line + "\n";
  }
  return out;
}

/// "file:line:col: message" lines.
inline std::string Dump(const std::vector<ir::Diagnostic>& diagnostics) {
  std::string out;
  for (const ir::Diagnostic& d : diagnostics) {
    out += d.span.file + ":" + std::to_string(d.span.line) + ":" + std::to_string(d.span.column) +
           ": " + d.message + "\n";
  }
  return out;
}

}  // namespace ds::test
