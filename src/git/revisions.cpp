// Revisions: resolving names to commits, merge-bases, and the default base of `check`.
#include <array>
#include <mutex>
#include <optional>

#include "src/git/repository.h"
#include "src/git/repository_impl.h"

namespace ds::git {

using internal::CommitPtr;
using internal::LastErrorText;
using internal::ObjectPtr;
using internal::OidToHex;
using internal::ReferencePtr;

namespace {

bool IsShallowRepo(git_repository* repo) { return git_repository_is_shallow(repo) == 1; }

/// The commit `refname` points at (following symbolic refs), or nothing when it does not exist.
std::optional<git_oid> CommitOfRef(git_repository* repo, const char* refname) {
  git_reference* raw = nullptr;
  if (git_reference_lookup(&raw, repo, refname) < 0) return std::nullopt;
  ReferencePtr ref(raw);
  git_object* peeled = nullptr;
  // Peeling resolves a symbolic ref (origin/HEAD -> origin/trunk) and an annotated tag.
  if (git_reference_peel(&peeled, ref.get(), GIT_OBJECT_COMMIT) < 0) return std::nullopt;
  ObjectPtr object(peeled);
  return *git_object_id(object.get());
}

}  // namespace

Result<CommitPtr> Repository::Impl::LookupCommit(const std::string& rev) const {
  if (rev.empty()) return Error{"an empty revision was given"};
  git_object* raw = nullptr;
  int rc = git_revparse_single(&raw, repo.get(), rev.c_str());
  if (rc < 0) {
    if (rc == GIT_EAMBIGUOUS) {
      return Error{"revision '" + rev + "' is ambiguous; give more digits of the sha"};
    }
    // In a shallow clone a missing sha, parent (HEAD~1) or branch is most likely history that
    // was not fetched, so the useful sentence is how to fetch it.
    if (IsShallowRepo(repo.get())) return Error{ShallowHistoryMessage(rev)};
    if (rev == "HEAD" && git_repository_head_unborn(repo.get()) == 1) {
      return Error{"HEAD does not name a commit: the repository has no commits yet"};
    }
    if (rc == GIT_ENOTFOUND || rc == GIT_EINVALIDSPEC) {
      return Error{"unknown revision '" + rev + "': no commit, branch or tag has that name"};
    }
    return Error{"could not resolve revision '" + rev + "': " + LastErrorText()};
  }
  ObjectPtr object(raw);
  git_object* peeled = nullptr;
  if (git_object_peel(&peeled, object.get(), GIT_OBJECT_COMMIT) < 0) {
    return Error{"revision '" + rev + "' names a " +
                 git_object_type2string(git_object_type(object.get())) + ", not a commit"};
  }
  return CommitPtr(reinterpret_cast<git_commit*>(peeled));
}

Result<std::string> Repository::Impl::MergeBaseOf(const git_oid& a, const git_oid& b) const {
  git_oid base;
  int rc = git_merge_base(&base, repo.get(), &a, &b);
  if (rc == 0) return OidToHex(base);
  const std::string pair = OidToHex(a) + " and " + OidToHex(b);
  // A shallow clone stops the walk at its boundary: the merge-base was not fetched.
  if (IsShallowRepo(repo.get())) return Error{ShallowMessageFor("the merge-base of " + pair)};
  if (rc == GIT_ENOTFOUND) return Error{"commits " + pair + " have no common ancestor"};
  return Error{"could not compute the merge-base of " + pair + ": " + LastErrorText()};
}

Result<std::string> Repository::ResolveCommit(const std::string& rev) const {
  std::lock_guard lock(impl_->mutex);
  auto commit = impl_->LookupCommit(rev);
  if (!commit) return commit.error();
  return OidToHex(*git_commit_id(commit->get()));
}

Result<std::string> Repository::MergeBase(const std::string& a, const std::string& b) const {
  std::lock_guard lock(impl_->mutex);
  auto first = impl_->LookupCommit(a);
  if (!first) return first.error();
  auto second = impl_->LookupCommit(b);
  if (!second) return second.error();
  return impl_->MergeBaseOf(*git_commit_id(first->get()), *git_commit_id(second->get()));
}

Result<std::string> Repository::DefaultBase() const {
  std::lock_guard lock(impl_->mutex);
  auto head = impl_->LookupCommit("HEAD");
  if (!head) return head.error();
  // origin/HEAD names the remote's default branch whatever it is called; a repository without
  // a remote (or a CI checkout that did not record it) falls back to the usual names.
  static constexpr std::array kCandidates = {
      "refs/remotes/origin/HEAD", "refs/heads/main",   "refs/remotes/origin/main",
      "refs/heads/master",        "refs/remotes/origin/master",
  };
  for (const char* refname : kCandidates) {
    if (auto target = CommitOfRef(impl_->repo.get(), refname)) {
      return impl_->MergeBaseOf(*git_commit_id(head->get()), *target);
    }
  }
  const std::string names = "the default branch (origin/HEAD, main or master)";
  if (IsShallowRepo(impl_->repo.get())) return Error{ShallowMessageFor(names)};
  return Error{"no default branch to compare with: none of origin/HEAD, main or master exists; "
               "pass --base <revision>"};
}

}  // namespace ds::git
