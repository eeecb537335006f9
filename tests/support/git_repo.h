#pragma once
/// A real git repository built by a test, through the git command line.
#include <string>

#include "tests/support/temp_dir.h"

namespace ds::test {

class GitRepo {
 public:
  GitRepo();  ///< `git init -b main` in a fresh temporary folder

  const std::string& path() const { return dir_.path(); }
  void Write(const std::string& relative, const std::string& contents) const;
  void Remove(const std::string& relative) const;
  /// `git add -A && git commit`; returns the new commit's sha.
  std::string Commit(const std::string& message) const;
  /// `git add <relative>` only (for --staged).
  void Stage(const std::string& relative) const;
  /// Runs `git <args>` in the repository; fails the test on a non-zero exit. Returns stdout.
  std::string Git(const std::string& args) const;

 private:
  TempDir dir_;
};

}  // namespace ds::test
