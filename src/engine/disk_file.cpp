#include "src/engine/disk_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

#include "src/ir/limits.h"

namespace ds::engine {

namespace {

DiskFile Refused(std::string problem, ir::DiagCode code = ir::DiagCode::kUnreadableFile) {
  DiskFile file;
  file.problem = std::move(problem);
  file.code = code;
  return file;
}

std::string TooLarge(size_t bytes) {
  return "not read: " + std::to_string(bytes) + " bytes, over the limit of " + ir::LimitText(ir::kMaxFileBytes) +
         " for one file";
}

// Closes the descriptor on every way out.
struct Descriptor {
  int fd;
  ~Descriptor() {
    if (fd >= 0) ::close(fd);
  }
};

}  // namespace

DiskFile ReadDiskFile(const std::string& path, bool follow_link) {
  Descriptor file{::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC | (follow_link ? 0 : O_NOFOLLOW))};
  if (file.fd < 0) {
    if (errno == ELOOP) return Refused("not read: a symbolic link");
    if (errno == ENOENT) return Refused("no such file");
    return Refused(std::string("could not open: ") + std::strerror(errno));
  }
  struct stat info {};
  if (::fstat(file.fd, &info) != 0) return Refused(std::string("could not read: ") + std::strerror(errno));
  if (!S_ISREG(info.st_mode)) {
    return Refused(S_ISDIR(info.st_mode) ? "not read: a folder, not a file" : "not read: not a regular file");
  }
  if (static_cast<size_t>(info.st_size) > ir::kMaxFileBytes) {
    return Refused(TooLarge(static_cast<size_t>(info.st_size)), ir::DiagCode::kLimitExceeded);
  }
  std::string text;
  char buffer[64 << 10];
  while (true) {
    ssize_t got = ::read(file.fd, buffer, sizeof buffer);
    if (got < 0 && errno == EINTR) continue;
    if (got < 0) return Refused(std::string("could not read: ") + std::strerror(errno));
    if (got == 0) break;
    text.append(buffer, static_cast<size_t>(got));
    if (text.size() > ir::kMaxFileBytes) return Refused(TooLarge(text.size()), ir::DiagCode::kLimitExceeded);
  }
  DiskFile out;
  out.text = std::move(text);
  return out;
}

DiskFile ReadDiskFileUnder(const std::string& root, const std::string& relative) {
  namespace fs = std::filesystem;
  fs::path at(root);
  for (const fs::path& part : fs::path(relative).relative_path()) {
    if (part == "..") break;  // outside the folder: a path the configuration chose
    at /= part;
    std::error_code error;
    if (fs::symlink_status(at, error).type() == fs::file_type::symlink) {
      return Refused("not read: " + part.string() + " is a symbolic link");
    }
  }
  return ReadDiskFile((fs::path(root) / relative).string());
}

}  // namespace ds::engine
