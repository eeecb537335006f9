#pragma once
/// A temporary folder removed (with its contents) when the object dies.
#include <string>

namespace ds::test {

class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::string& path() const { return path_; }
  /// Writes `contents` to `relative` (parents created), returns the absolute path.
  std::string Write(const std::string& relative, const std::string& contents) const;

 private:
  std::string path_;
};

/// Runs a shell command; returns its exit status and fills `output` with stdout+stderr.
int RunCommand(const std::string& command, std::string* output = nullptr);

/// Reads a whole file; fails the test when it cannot.
std::string ReadFile(const std::string& path);

}  // namespace ds::test
