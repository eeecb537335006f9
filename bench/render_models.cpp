// render_models: writes each model of a dbt project, rendered by our static Jinja, to
// <out>/<unique_id>.sql, so that parsers can be compared on exactly the SQL we analyze
// (dialect_bench with DOWNSTREAM_BENCH_SQL_DIR, scripts/sqlglot-models.py).
// Run: build/bench/render_models <repository folder> <dbt_project.yml, repository-relative>
//                                <dialect> <output folder>
// The whole repository is listed, as `downstream` lists a commit, because a project's
// macro-paths may leave its folder (spellbook's `../../dbt_macros`).
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <optional>
#include <string>
#include <vector>

#include "parsers/analytics/analytics.h"
#include "parsers/dialect/dialect.h"

namespace fs = std::filesystem;

namespace {

// Every regular file under `root`, repository-relative, sorted; the folders downstream skips
// on disk (version control, dbt's build output and installed packages) are skipped here too.
std::vector<std::string> ListFiles(const fs::path& root) {
  std::vector<std::string> paths;
  std::error_code error;
  fs::recursive_directory_iterator it(root, fs::directory_options::skip_permission_denied, error), end;
  for (; !error && it != end; it.increment(error)) {
    std::string name = it->path().filename().string();
    fs::file_type type = it->symlink_status().type();
    if (type == fs::file_type::directory &&
        (name == ".git" || name == "target" || name == "dbt_packages" || name == "node_modules" || name == "logs")) {
      it.disable_recursion_pending();
      continue;
    }
    if (type == fs::file_type::regular) paths.push_back(it->path().lexically_relative(root).generic_string());
  }
  std::sort(paths.begin(), paths.end());
  return paths;
}

std::optional<std::string> ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 5) {
    std::fprintf(stderr, "usage: %s <repository folder> <dbt_project.yml path in it> <dialect> <output folder>\n",
                 argv[0]);
    return 2;
  }
  const fs::path root = argv[1];
  const std::string project_file = argv[2];
  const ds::dialect::Dialect* dialect = ds::dialect::DialectByName(argv[3]);
  const fs::path out = argv[4];
  if (dialect == nullptr) {
    std::fprintf(stderr, "render_models: unknown dialect %s\n", argv[3]);
    return 2;
  }
  std::error_code error;
  fs::create_directories(out, error);
  if (error) {
    std::fprintf(stderr, "render_models: cannot create %s: %s\n", out.c_str(), error.message().c_str());
    return 2;
  }

  ds::analytics::DbtOptions options;
  options.dialect = dialect;
  ds::analytics::FileReader read = [&root](const std::string& path) { return ReadFile(root / path); };
  ds::analytics::AnalyticsProject project =
      ds::analytics::ReadDbtProject(project_file, ListFiles(root), read, options);

  // A model whose Jinja rendered to nothing has no SQL to compare: counted, not written.
  size_t written = 0, empty = 0;
  for (const ds::analytics::Model& model : project.models) {
    if (model.sql.find_first_not_of(" \t\r\n") == std::string::npos) {
      ++empty;
      continue;
    }
    std::ofstream file(out / (model.unique_id + ".sql"), std::ios::binary);
    file << model.sql;
    if (!file) {
      std::fprintf(stderr, "render_models: cannot write %s.sql\n", model.unique_id.c_str());
      return 1;
    }
    ++written;
  }
  std::printf("%s: %zu models, %zu written, %zu rendered empty, %zu project diagnostics\n", project_file.c_str(),
              project.models.size(), written, empty, project.diagnostics.size());
  return 0;
}
