#include <algorithm>
#include <cstdlib>
#include <mutex>
#include <thread>

#include "parsers/python/parse_alembic.h"
#include "parsers/python/parse_django.h"
#include "parsers/ruby/parse_rails.h"
#include "parsers/sql/parse_sql.h"
#include "parsers/views/analytics_sql.h"
#include "src/engine/analytics_side.h"
#include "src/engine/inputs.h"
#include "src/ir/limits.h"
#include "src/ir/parallel.h"

namespace ds::engine {

namespace {

// Above ir::kMaxFileBytes a file is not read: parsing keeps about 15 bytes of memory per byte of SQL.
constexpr size_t kMaxSourceBytes = ir::kMaxFileBytes;

std::shared_ptr<const ir::ParsedFile> ParseOne(const git::Repository& repo, const InputFile& file) {
  auto failed = [&](std::string message, ir::DiagCode code = ir::DiagCode::kUnreadableFile) {
    auto parsed = std::make_shared<ir::ParsedFile>();
    parsed->diagnostics.push_back({ir::Severity::kWarning, {file.path, 0, 0}, std::move(message), code});
    return parsed;
  };
  Result<std::string> text = Error{""};
  if (file.blob_id.starts_with("disk:")) {  // a second checkout, outside the repository
    DiskFile read = ReadFromDisk(repo, file.blob_id.substr(5));
    if (!read.text) return failed(read.problem, read.code);
    text = std::move(*read.text);
  } else {
    // Giants (hostile or generated) are refused before reading: memory stays bounded.
    Result<size_t> size = repo.BlobSize(file.blob_id);
    if (size.ok() && *size > kMaxSourceBytes) {
      return failed("not read: " + std::to_string(*size) + " bytes, over the limit of " +
                    ir::LimitText(kMaxSourceBytes) + " for one source file",
                    ir::DiagCode::kLimitExceeded);
    }
    text = repo.ReadBlob(file.blob_id);
  }
  if (!text.ok()) return failed("could not read: " + text.error().message);
  if (text->find('\0') != std::string::npos) {
    return failed("could not parse: a binary file (it holds a NUL byte), not source text");
  }
  switch (file.kind) {
    case FileKind::kAlembic:
      return std::make_shared<ir::ParsedFile>(parsers::ParseAlembicFile(file.path, *text));
    case FileKind::kDjango:
      return std::make_shared<ir::ParsedFile>(parsers::ParseDjangoFile(file.path, *text));
    case FileKind::kRails:
      return std::make_shared<ir::ParsedFile>(parsers::ParseRailsFile(file.path, *text));
    case FileKind::kSqlViews:
      return std::make_shared<ir::ParsedFile>(views::ParseAnalyticsSql(file.path, *text, *file.dialect));
    case FileKind::kSqlMigration:
      break;
  }
  return std::make_shared<ir::ParsedFile>(views::ParseSqlMigration(file.path, *text));
}

}  // namespace

// DOWNSTREAM_THREADS=<n> sets the threads (tests prove the output does not depend on it).
size_t ThreadCount() {
  const char* env = std::getenv("DOWNSTREAM_THREADS");
  if (env != nullptr && std::atoi(env) > 0) return std::min(std::atoi(env), 256);
  return std::max(1u, std::thread::hardware_concurrency());
}

ParsedFiles ParseAll(const git::Repository& repo, const std::vector<InputFile>& files) {
  // Distinct inputs only: a file unchanged between base and head is parsed once.
  std::vector<const InputFile*> todo;
  ParsedFiles parsed;
  for (const InputFile& f : files) {
    if (parsed.emplace(InputKey(f), nullptr).second) todo.push_back(&f);
  }
  std::vector<std::shared_ptr<const ir::ParsedFile>> results(todo.size());
  ir::ParallelFor(todo.size(), ThreadCount(), [&](size_t i) { results[i] = ParseOne(repo, *todo[i]); });
  for (size_t i = 0; i < todo.size(); ++i) parsed[InputKey(*todo[i])] = results[i];
  return parsed;
}

}  // namespace ds::engine
