#include "src/cli/output.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <streambuf>
#include <vector>

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

namespace {

// Opens the file at `path` for writing, as WriteFile documents: the parent resolved once, the
// file opened relative to that very folder (a link swapped in between cannot redirect the
// write), never through a symbolic link nor inside a `.git` folder.
Result<int> OpenForWriting(const std::string& path, WriteMode mode) {
  fs::path target(path);
  fs::path name = target.filename();
  if (name.empty() || name == "." || name == "..") return Failure(path, "it names a folder, not a file");
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
  return fd;
}

// A stream buffer writing to a file descriptor in 64 KB blocks; the first failure is kept.
class FdBuffer : public std::streambuf {
 public:
  explicit FdBuffer(int fd) : fd_(fd), buffer_(size_t{1} << 16) { setp(buffer_.data(), buffer_.data() + buffer_.size()); }
  /// Writes what is buffered; false (errno in error()) once any write failed.
  bool Drain() {
    if (error_ == 0 && !WriteAll(fd_, std::string_view(pbase(), static_cast<size_t>(pptr() - pbase())))) error_ = errno;
    setp(buffer_.data(), buffer_.data() + buffer_.size());
    return error_ == 0;
  }
  int error() const { return error_; }

 protected:
  int_type overflow(int_type c) override {
    if (!Drain()) return traits_type::eof();
    if (!traits_type::eq_int_type(c, traits_type::eof())) sputc(traits_type::to_char_type(c));
    return traits_type::not_eof(c);
  }
  int sync() override { return Drain() ? 0 : -1; }

 private:
  int fd_;
  std::vector<char> buffer_;
  int error_ = 0;
};

}  // namespace

Status WriteFile(const std::string& path, std::string_view text, WriteMode mode) {
  return StreamFile(path, mode, [&](std::ostream& out) { out.write(text.data(), static_cast<std::streamsize>(text.size())); });
}

Status StreamFile(const std::string& path, WriteMode mode, const std::function<void(std::ostream&)>& write) {
  Result<int> fd = OpenForWriting(path, mode);
  if (!fd.ok()) return fd.error();
  FdBuffer buffer(*fd);
  std::ostream out(&buffer);
  write(out);
  bool written = buffer.Drain();
  bool closed = ::close(*fd) == 0;
  if (!written) return Failure(path, std::strerror(buffer.error()));
  if (!closed) return Failure(path, std::strerror(errno));
  return Ok();
}

Status StreamStdout(const std::function<void(std::ostream&)>& write) {
  std::cout.flush();
  FdBuffer buffer(STDOUT_FILENO);
  std::ostream out(&buffer);
  write(out);
  if (!buffer.Drain()) return Error{std::string("cannot write to standard output: ") + std::strerror(buffer.error())};
  return Ok();
}

Status WriteStdout(std::string_view text) {
  return StreamStdout([&](std::ostream& out) { out.write(text.data(), static_cast<std::streamsize>(text.size())); });
}

namespace {
bool quiet_notes = false;
std::string color_choice = "auto";

bool Set(const char* variable) {
  const char* value = std::getenv(variable);
  return value != nullptr && value[0] != '\0';
}
}  // namespace

void Say(std::string_view sentence) {
  std::string line = "downstream: " + report::SafeLine(sentence) + "\n";
  std::cerr << line << std::flush;
}

void SayNote(std::string_view sentence) {
  if (!quiet_notes) Say(sentence);
}

void SetQuiet(bool quiet) { quiet_notes = quiet; }

void SetColor(std::string_view choice) { color_choice = choice; }

bool StdoutInColor() {
  if (color_choice != "auto") return color_choice == "always";
  if (Set("NO_COLOR")) return false;  // https://no-color.org: set and not empty
  const char* force = std::getenv("FORCE_COLOR");
  if (force != nullptr && force[0] != '\0') return std::string_view(force) != "0";
  const char* term = std::getenv("TERM");
  if (term != nullptr && std::string_view(term) == "dumb") return false;
  return ::isatty(STDOUT_FILENO) == 1;
}

}  // namespace ds::cli
