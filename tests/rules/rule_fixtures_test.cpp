// Rule fixtures: tests/fixtures/rules/<rule-id>/<case>/ holds before/ and after/ (the repository
// at base and at head) and expected.txt (the findings, each a line and its message indented below;
// empty for a near miss).
// Each case becomes a real two-commit git repository; `check` runs on it end to end.
// DOWNSTREAM_UPDATE_GOLDEN=1 rewrites expected.txt (review the diff).
#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "src/engine/check.h"
#include "tests/support/git_repo.h"

namespace ds {
namespace {

namespace fs = std::filesystem;

void CopyTree(const fs::path& from, const test::GitRepo& repo) {
  if (!fs::exists(from)) return;
  for (const auto& entry : fs::recursive_directory_iterator(from)) {
    if (!entry.is_regular_file()) continue;
    repo.Write(fs::relative(entry.path(), from).string(), test::ReadFile(entry.path().string()));
  }
}

void ClearWorkTree(const test::GitRepo& repo) {
  for (const auto& entry : fs::directory_iterator(repo.path())) {
    if (entry.path().filename() != ".git") fs::remove_all(entry.path());
  }
}

std::string FindingLine(const ir::Finding& f) {
  std::ostringstream line;
  line << f.span.file << ":" << f.span.line << ":" << f.span.column << " " << ir::SeverityName(f.severity)
       << " " << f.rule << " " << f.change.kind << " " << f.change.table.ToString();
  if (!f.change.column.empty()) line << "." << f.change.column;
  line << " ->";
  for (const ir::Impact& impact : f.impacts) {
    line << " " << impact.view.ToString();
    if (!impact.columns.empty()) {
      line << "(";
      for (size_t i = 0; i < impact.columns.size(); ++i) line << (i ? "," : "") << impact.columns[i];
      line << ")";
    }
    if (!impact.via.name.empty()) line << "<-" << impact.via.ToString();  // downstream of it
    if (impact.acknowledged) line << "+ack";
  }
  if (f.acknowledged) line << " [acknowledged]";
  for (const ir::AckRef& ack : f.acknowledgements) {
    line << " {ack " << ack.span.file << ":" << ack.span.line << (ack.expired ? " expired" : "") << "}";
  }
  line << "\n  " << f.message;
  return line.str();
}

std::string RunCase(const fs::path& dir) {
  test::GitRepo repo;
  CopyTree(dir / "before", repo);
  repo.Commit("base");
  ClearWorkTree(repo);
  CopyTree(dir / "after", repo);
  repo.Commit("head");
  engine::CheckOptions options;
  options.repo_dir = repo.path();
  options.base = "HEAD~1";
  Result<engine::CheckRun> run = engine::RunCheck(options);
  REQUIRE_MESSAGE(run.ok(), (run.ok() ? std::string() : run.error().message));
  std::string out;
  for (const ir::Finding& f : run->report.findings) out += FindingLine(f) + "\n";
  for (const ir::Diagnostic& d : run->report.diagnostics) {
    out += "! " + d.span.file + ":" + std::to_string(d.span.line) + " " + d.message + "\n";
  }
  return out;
}

}  // namespace

TEST_CASE("rule fixtures") {
  fs::path root = fs::path(DOWNSTREAM_SOURCE_DIR) / "tests/fixtures/rules";
  bool update = std::getenv("DOWNSTREAM_UPDATE_GOLDEN") != nullptr;
  std::vector<fs::path> cases;
  for (const auto& rule : fs::directory_iterator(root)) {
    for (const auto& c : fs::directory_iterator(rule.path())) cases.push_back(c.path());
  }
  std::sort(cases.begin(), cases.end());
  REQUIRE(cases.size() >= 10);
  for (const fs::path& dir : cases) {
    std::string name = dir.parent_path().filename().string() + "/" + dir.filename().string();
    SUBCASE(name.c_str()) {
      std::string actual = RunCase(dir);
      fs::path expected_file = dir / "expected.txt";
      if (update) std::ofstream(expected_file) << actual;
      REQUIRE_MESSAGE(fs::exists(expected_file), "missing " << expected_file.string());
      CHECK(actual == test::ReadFile(expected_file.string()));
    }
  }
}

// Every rule in the registry has a doc page and fixtures that fire and that must not.
TEST_CASE("every rule has a doc page and both kinds of fixtures") {
  fs::path source(DOWNSTREAM_SOURCE_DIR);
  for (const auto& rule : fs::directory_iterator(source / "tests/fixtures/rules")) {
    std::string id = rule.path().filename().string();
    std::string file_stem = id;
    std::replace(file_stem.begin(), file_stem.end(), '-', '_');
    CAPTURE(id);
    CHECK(fs::exists(source / "rules" / (file_stem + ".md")));
    CHECK(fs::exists(source / "rules" / (file_stem + ".cpp")));
    int fires = 0, silent = 0;
    for (const auto& c : fs::directory_iterator(rule.path())) {
      std::string expected = test::ReadFile((c.path() / "expected.txt").string());
      (expected.find(" " + id + " ") != std::string::npos ? fires : silent)++;
    }
    CHECK(fires > 0);
    CHECK(silent > 0);
  }
}

}  // namespace ds

#include "rules/rule.h"

namespace ds {

TEST_CASE("the registry is alphabetized and every rule has fixtures") {
  std::string previous;
  for (const rules::RuleInfo& rule : rules::AllRules()) {
    CHECK(std::string(rule.id) > previous);
    previous = std::string(rule.id);
    CHECK(std::filesystem::is_directory(std::filesystem::path(DOWNSTREAM_SOURCE_DIR) /
                                        "tests/fixtures/rules" / std::string(rule.id)));
  }
  CHECK(rules::FindRule("drop-column-in-use") != nullptr);
  CHECK(rules::FindRule("no-such-rule") == nullptr);
}

}  // namespace ds
