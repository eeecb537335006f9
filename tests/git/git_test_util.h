#pragma once
/// Helpers for the git tests: run git anywhere (clones, failing merges) with a fixed identity.
#include <doctest/doctest.h>

#include <string>

#include "tests/support/temp_dir.h"

namespace ds::test {

/// Runs `git -C dir args` with a fixed identity and no user config; returns its exit status
/// and puts stdout+stderr (trailing newlines trimmed) in `output`.
inline int TryGitIn(const std::string& dir, const std::string& args, std::string* output) {
  const std::string identity =
      "GIT_AUTHOR_NAME=test GIT_AUTHOR_EMAIL=test@example.com "
      "GIT_COMMITTER_NAME=test GIT_COMMITTER_EMAIL=test@example.com "
      "GIT_CONFIG_NOSYSTEM=1 HOME=/nonexistent ";
  int rc = RunCommand(identity + "git -C '" + dir + "' " + args, output);
  while (!output->empty() && output->back() == '\n') output->pop_back();
  return rc;
}

/// Like TryGitIn, but fails the test when git fails; returns stdout.
inline std::string GitIn(const std::string& dir, const std::string& args) {
  std::string output;
  int rc = TryGitIn(dir, args, &output);
  REQUIRE_MESSAGE(rc == 0, "git " << args << " failed: " << output);
  return output;
}

/// `git clone <args> <source> <into>/clone`; returns the clone's path.
inline std::string Clone(const std::string& source, const TempDir& into,
                         const std::string& args = "") {
  const std::string target = into.path() + "/clone";
  GitIn(into.path(), "clone -q " + args + " '" + source + "' '" + target + "'");
  return target;
}

}  // namespace ds::test
