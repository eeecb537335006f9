#pragma once
/// Internal to src/git: RAII owners for libgit2 objects and small helpers. Not for other modules.
#include <git2.h>

#include <memory>
#include <string>

namespace ds::git::internal {

/// A unique_ptr whose deleter is the libgit2 free function `Free`.
template <class T, void (*Free)(T*)>
struct Deleter {
  void operator()(T* p) const { Free(p); }
};
template <class T, void (*Free)(T*)>
using Handle = std::unique_ptr<T, Deleter<T, Free>>;

using RepositoryPtr = Handle<git_repository, git_repository_free>;
using ObjectPtr = Handle<git_object, git_object_free>;
using CommitPtr = Handle<git_commit, git_commit_free>;
using TreePtr = Handle<git_tree, git_tree_free>;
using IndexPtr = Handle<git_index, git_index_free>;
using ReferencePtr = Handle<git_reference, git_reference_free>;

/// Calls git_libgit2_init once per process and sets the global options we rely on.
void EnsureLibgit2();

/// libgit2's last error message for this thread, or "unknown error".
std::string LastErrorText();

/// 40 lower-case hex digits of `oid`.
std::string OidToHex(const git_oid& oid);

}  // namespace ds::git::internal
