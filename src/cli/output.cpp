#include "src/cli/output.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <iostream>

#include "src/report/safe_text.h"

namespace ds::cli {

namespace {

namespace fs = std::filesystem;

// Writes all of `text` to `fd`, resuming after signals; errno is set when it returns false.
bool WriteAll(int fd, std::string_view text) {
  while (!text.empty()) {
    ssize_t n = ::write(fd, text.data(), text.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    text.remove_prefix(static_cast<size_t>(n));
  }
  return true;
}

bool InGitFolder(const fs::path& resolved) {
  for (const fs::path& part : resolved) {
    if (part == ".git") return true;
  }
  return false;
}

Error Failure(const std::string& path, const std::string& why) {
  return Error{"cannot write " + path + ": " + why};
}

}  // namespace

Status WriteFile(const std::string& path, std::string_view text, WriteMode mode) {
  fs::path target(path);
  fs::path name = target.filename();
  if (name.empty() || name == "." || name == "..") return Failure(path, "it names a folder, not a file");
  // The parent is resolved once, and the file opened relative to that very folder: a link
  // swapped in between cannot redirect the write.
  std::error_code error;
  fs::path parent = fs::weakly_canonical(target.has_parent_path() ? target.parent_path() : fs::path("."), error);
  if (error) return Failure(path, error.message());
  if (InGitFolder(parent / name)) {
    return Failure(path, "it lies inside a .git folder, which downstream never writes to");
  }
  int dir = ::open(parent.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir < 0) return Failure(path, errno == ENOENT ? "its folder does not exist" : std::strerror(errno));
  int flags = O_WRONLY | O_CREAT | O_NOFOLLOW | O_CLOEXEC | (mode == WriteMode::kAppend ? O_APPEND : O_TRUNC);
  int fd = ::openat(dir, name.c_str(), flags, 0644);
  int open_errno = errno;
  ::close(dir);
  if (fd < 0) {
    return Failure(path, open_errno == ELOOP ? "it is a symbolic link, which downstream does not follow"
                                             : std::strerror(open_errno));
  }
  bool written = WriteAll(fd, text);
  int write_errno = errno;
  bool closed = ::close(fd) == 0;
  if (!written) return Failure(path, std::strerror(write_errno));
  if (!closed) return Failure(path, std::strerror(errno));
  return Ok();
}

Status WriteStdout(std::string_view text) {
  std::cout.flush();
  if (!WriteAll(STDOUT_FILENO, text)) {
    return Error{std::string("cannot write to standard output: ") + std::strerror(errno)};
  }
  return Ok();
}

void Say(std::string_view sentence) {
  std::string line = "downstream: " + report::SafeLine(sentence) + "\n";
  std::cerr << line << std::flush;
}

}  // namespace ds::cli
