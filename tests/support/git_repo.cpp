#include "tests/support/git_repo.h"

#include <doctest/doctest.h>

#include <filesystem>

namespace ds::test {

namespace {
const char* kIdentity =
    "GIT_AUTHOR_NAME=test GIT_AUTHOR_EMAIL=test@example.com "
    "GIT_COMMITTER_NAME=test GIT_COMMITTER_EMAIL=test@example.com "
    "GIT_AUTHOR_DATE='2026-01-01T00:00:00Z' GIT_COMMITTER_DATE='2026-01-01T00:00:00Z' "
    "GIT_CONFIG_NOSYSTEM=1 HOME=/nonexistent ";
}

GitRepo::GitRepo() { Git("init -q -b main"); }

std::string GitRepo::Git(const std::string& args) const {
  std::string output;
  int rc = RunCommand(std::string(kIdentity) + "git -C '" + path() + "' " + args, &output);
  REQUIRE_MESSAGE(rc == 0, "git " << args << " failed: " << output);
  while (!output.empty() && (output.back() == '\n' || output.back() == '\r')) output.pop_back();
  return output;
}

void GitRepo::Write(const std::string& relative, const std::string& contents) const {
  dir_.Write(relative, contents);
}

void GitRepo::Remove(const std::string& relative) const {
  std::filesystem::remove(std::filesystem::path(path()) / relative);
}

std::string GitRepo::Commit(const std::string& message) const {
  Git("add -A");
  Git("commit -q --allow-empty -m '" + message + "'");
  return Git("rev-parse HEAD");
}

void GitRepo::Stage(const std::string& relative) const { Git("add -- '" + relative + "'"); }

}  // namespace ds::test
