#pragma once
/// Internal to src/git: the state behind Repository, shared by its .cpp files.
#include <mutex>
#include <string>

#include "src/git/git_handles.h"
#include "src/git/repository.h"

namespace ds::git {

struct Repository::Impl {
  internal::RepositoryPtr repo;
  /// libgit2 does not promise that one git_repository is safe to share between threads, so
  /// every call that touches `repo` takes this lock. Reads are fast next to parsing.
  mutable std::mutex mutex;

  /// Resolves `rev` to a commit; the caller holds `mutex`.
  Result<internal::CommitPtr> LookupCommit(const std::string& rev) const;
  /// The merge-base of two resolved commits; the caller holds `mutex`.
  Result<std::string> MergeBaseOf(const git_oid& a, const git_oid& b) const;
};

/// The shallow-clone sentence about `what` (already quoted or described by the caller).
std::string ShallowMessageFor(const std::string& what);

}  // namespace ds::git
