// The floor of `downstream check`: libpg_query parsing every .sql file of a folder once,
// in-process, on one thread, and nothing else (no git, no conversion, no catalog, no lineage).
// Run: parse_floor <folder>   (prints "files bytes seconds" on one line)
#include <pg_query.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace {

std::vector<std::filesystem::path> SqlFiles(const std::filesystem::path& root) {
  std::vector<std::filesystem::path> out;
  auto options = std::filesystem::directory_options::skip_permission_denied;
  for (auto it = std::filesystem::recursive_directory_iterator(root, options);
       it != std::filesystem::recursive_directory_iterator(); ++it) {
    if (it->is_directory() && it->path().filename() == ".git") {
      it.disable_recursion_pending();
    } else if (it->is_regular_file() && it->path().extension() == ".sql") {
      out.push_back(it->path());
    }
  }
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: parse_floor <folder>\n");
    return 2;
  }
  auto start = std::chrono::steady_clock::now();
  size_t files = 0, bytes = 0, errors = 0;
  for (const std::filesystem::path& path : SqlFiles(argv[1])) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    std::string sql = text.str();
    PgQueryProtobufParseResult result = pg_query_parse_protobuf(sql.c_str());
    if (result.error != nullptr) ++errors;
    pg_query_free_protobuf_parse_result(result);
    ++files;
    bytes += sql.size();
  }
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf("%zu %zu %.6f %zu\n", files, bytes, seconds, errors);
  return 0;
}
