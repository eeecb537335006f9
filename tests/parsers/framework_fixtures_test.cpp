// Framework parser fixtures, as for SQL: tests/parsers/fixtures/alembic/<case>.py and
// tests/parsers/fixtures/rails/<case>.rb beside <case>.ops (the ops, FormatOp, and the
// diagnostics, `! line:col severity message`, merged in file order); Django cases are folders
// (tests/parsers/fixtures/django/<case>/<app>/migrations/*.py) whose history is ordered and
// resolved as the engine does, beside <case>.ops with each op prefixed by its file.
// DOWNSTREAM_UPDATE_GOLDEN=1 rewrites the .ops files; review the diff.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <string>
#include <tuple>
#include <vector>

#include "parsers/migrations/framework_history.h"
#include "parsers/python/parse_alembic.h"
#include "parsers/python/parse_django.h"
#include "parsers/ruby/parse_rails.h"
#include "src/ir/op_format.h"
#include "tests/support/temp_dir.h"

namespace ds::parsers {
namespace {

namespace fs = std::filesystem;

const fs::path kFixtures = fs::path(DOWNSTREAM_SOURCE_DIR) / "tests/parsers/fixtures";

/// Ops and diagnostics merged by position (an op before a diagnostic at the same place).
std::string Render(const std::vector<ir::SchemaOp>& ops, const std::vector<ir::Diagnostic>& diagnostics,
                   bool with_file) {
  std::vector<std::tuple<std::string, int, int, int, size_t, std::string>> lines;
  for (size_t i = 0; i < ops.size(); ++i) {
    const ir::SourceSpan& span = ops[i].span;
    std::string file = with_file ? span.file + ":" : "";
    lines.emplace_back(with_file ? "" : span.file, span.line, span.column, 0, i, file + ir::FormatOp(ops[i]));
  }
  for (size_t i = 0; i < diagnostics.size(); ++i) {
    const ir::Diagnostic& d = diagnostics[i];
    std::string file = with_file ? d.span.file + ":" : "";
    lines.emplace_back(with_file ? "~" : d.span.file, d.span.line, d.span.column, 1, i,
                       "! " + file + std::to_string(d.span.line) + ":" + std::to_string(d.span.column) +
                           " " + ir::SeverityName(d.severity) + " " + d.message);
  }
  // Per-file cases sort by place; history cases keep replay order, diagnostics last.
  if (!with_file) std::stable_sort(lines.begin(), lines.end());
  else std::stable_sort(lines.begin(), lines.end(), [](const auto& a, const auto& b) {
    return std::get<0>(a) < std::get<0>(b);
  });
  std::string out;
  for (const auto& line : lines) out += std::get<5>(line) + "\n";
  return out;
}

std::vector<fs::path> Entries(const fs::path& folder, const std::string& extension) {
  std::vector<fs::path> out;
  for (const fs::directory_entry& entry : fs::directory_iterator(folder)) {
    if (extension.empty() ? entry.is_directory() : entry.path().extension() == extension) {
      out.push_back(entry.path());
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

void Compare(const fs::path& input, const std::string& actual) {
  fs::path golden = fs::path(input).replace_extension(".ops");
  const char* update = std::getenv("DOWNSTREAM_UPDATE_GOLDEN");
  if (update != nullptr && std::string(update) == "1") std::ofstream(golden, std::ios::binary) << actual;
  REQUIRE_MESSAGE(fs::exists(golden), "missing " << golden.string());
  CHECK(actual == test::ReadFile(golden.string()));
}

void RunFileFixtures(const std::string& folder, const std::string& extension, size_t at_least,
                     const std::function<ir::ParsedFile(std::string_view, std::string_view)>& parse) {
  std::vector<fs::path> fixtures = Entries(kFixtures / folder, extension);
  REQUIRE(fixtures.size() >= at_least);
  for (const fs::path& input : fixtures) {
    SUBCASE(input.stem().string().c_str()) {
      std::string text = test::ReadFile(input.string());
      ir::ParsedFile parsed = parse(input.filename().string(), text);
      Compare(input, Render(parsed.ops, parsed.diagnostics, false));
    }
  }
}

}  // namespace

TEST_CASE("Alembic parser fixtures") {
  RunFileFixtures("alembic", ".py", 6, ParseAlembicFile);
}

TEST_CASE("Rails parser fixtures") {
  RunFileFixtures("rails", ".rb", 7, ParseRailsFile);
}

// A Django case is a folder of apps: every migration parsed, the history ordered and resolved.
TEST_CASE("Django history fixtures") {
  std::vector<fs::path> cases = Entries(kFixtures / "django", "");
  REQUIRE(cases.size() >= 4);
  for (const fs::path& folder : cases) {
    SUBCASE(folder.filename().string().c_str()) {
      std::vector<std::string> paths;
      for (const auto& entry : fs::recursive_directory_iterator(folder)) {
        if (entry.path().extension() == ".py") paths.push_back(fs::relative(entry.path(), folder).generic_string());
      }
      std::sort(paths.begin(), paths.end());
      std::vector<ir::ParsedFile> parsed;
      std::vector<ir::Diagnostic> diagnostics;
      for (const std::string& path : paths) {
        parsed.push_back(ParseDjangoFile(path, test::ReadFile((folder / path).string())));
        diagnostics.insert(diagnostics.end(), parsed.back().diagnostics.begin(), parsed.back().diagnostics.end());
      }
      std::vector<HistoryFile> history;
      for (size_t i = 0; i < paths.size(); ++i) history.push_back({paths[i], &parsed[i]});
      std::vector<ir::SchemaOp> ops;
      for (ReplayStep& step : OrderHistory(Framework::kDjango, history, diagnostics)) {
        for (ir::SchemaOp& op : step.ops) ops.push_back(std::move(op));
      }
      Compare(fs::path(folder.string() + ".py"), Render(ops, diagnostics, true));
    }
  }
}

TEST_CASE("Alembic history order: merges, depends_on, labels, heads, cycles, missing parents") {
  struct Row {
    const char* name;
    std::vector<std::pair<std::string, std::string>> files;  // path, header lines
    std::string order;
    std::string diagnostics;
  };
  const std::vector<Row> rows = {
      {"a line", {{"c.py", "revision = 'c'\ndown_revision = 'b'"}, {"a.py", "revision = 'a'\ndown_revision = None"},
                  {"b.py", "revision = 'b'\ndown_revision = 'a'"}}, "a b c", ""},
      {"a merge", {{"a.py", "revision = 'a'"}, {"b1.py", "revision = 'b1'\ndown_revision = 'a'"},
                   {"b2.py", "revision = 'b2'\ndown_revision = 'a'"},
                   {"m.py", "revision = 'm'\ndown_revision = ('b1', 'b2')"}}, "a b1 b2 m", ""},
      {"depends_on a label", {{"x.py", "revision = 'x'\ndepends_on = 'lib'"},
                              {"y.py", "revision = 'y'\nbranch_labels = ('lib',)"}}, "y x",
       "error x.py:1 the Alembic history has 2 heads (x, y): `alembic upgrade head` refuses to run; merge them with `alembic merge heads` (every branch is replayed here)\n"},
      {"a missing parent", {{"b.py", "revision = 'b'\ndown_revision = 'gone'"}}, "b",
       "error b.py:1 Alembic revision b names gone as its down_revision, which is not in the history\n"},
      {"a cycle", {{"a.py", "revision = 'a'\ndown_revision = 'b'"}, {"b.py", "revision = 'b'\ndown_revision = 'a'"}}, "",
       "error a.py:1 the Alembic revisions a, b depend on each other in a cycle: they are left out\n"},
      {"not a revision", {{"helpers.py", "X = 1"}, {"a.py", "revision = 'a'"}}, "a",
       "warning helpers.py:1 not an Alembic revision (no `revision = ...`): left out of the history\n"},
      {"a duplicate", {{"a.py", "revision = 'a'"}, {"a2.py", "revision = 'a'\ndown_revision = 'a'"}}, "a",
       "error a2.py:1 Alembic revision a is also defined in a.py: this file is left out\n"},
  };
  for (const Row& row : rows) {
    SUBCASE(row.name) {
      std::vector<ir::ParsedFile> parsed;
      std::vector<HistoryFile> files;
      for (const auto& [path, header] : row.files) {
        parsed.push_back(ParseAlembicFile(path, header + "\n"));
      }
      for (size_t i = 0; i < row.files.size(); ++i) files.push_back({row.files[i].first, &parsed[i]});
      std::vector<ir::Diagnostic> diagnostics;
      std::string order, said;
      for (const ReplayStep& step : OrderHistory(Framework::kAlembic, files, diagnostics)) {
        order += (order.empty() ? "" : " ") + parsed[step.file].meta.id;
      }
      for (const ir::Diagnostic& d : diagnostics) {
        said += std::string(ir::SeverityName(d.severity)) + " " + d.span.file + ":" + std::to_string(d.span.line) + " " + d.message + "\n";
      }
      CHECK(order == row.order);
      CHECK(said == row.diagnostics);
    }
  }
}

TEST_CASE("Rails history order: schema.rb first, versions as numbers, post_migrate merged") {
  std::vector<std::string> paths = {"db/post_migrate/20240102000000_post.rb", "db/migrate/9_short.rb",
                                    "db/migrate/20240103000000_c.rb", "db/schema.rb",
                                    "db/migrate/20240101000000_a.rb", "db/migrate/README.rb"};
  std::vector<ir::ParsedFile> parsed;
  for (const std::string& path : paths) {
    std::string text = path == "db/schema.rb" ? "ActiveRecord::Schema.define(version: 1) do\nend\n"
                                              : "class X < ActiveRecord::Migration[6.1]\n  def change\n  end\nend\n";
    parsed.push_back(ParseRailsFile(path, text));
  }
  std::vector<HistoryFile> files;
  for (size_t i = 0; i < paths.size(); ++i) files.push_back({paths[i], &parsed[i]});
  std::vector<ir::Diagnostic> diagnostics;
  std::string order;
  for (const ReplayStep& step : OrderHistory(Framework::kRails, files, diagnostics)) order += paths[step.file] + "\n";
  CHECK(order == "db/schema.rb\ndb/migrate/9_short.rb\ndb/migrate/20240101000000_a.rb\n"
                 "db/post_migrate/20240102000000_post.rb\ndb/migrate/20240103000000_c.rb\n");
  REQUIRE(parsed[5].diagnostics.size() == 1);
  CHECK(parsed[5].diagnostics[0].message == "not a Rails migration (its name does not start with a version): left out");
}

}  // namespace ds::parsers
