// Snapshots: the regular files of a commit's tree or of the index, with their blob ids.
#include <algorithm>
#include <mutex>

#include "src/git/repository.h"
#include "src/git/repository_impl.h"

namespace ds::git {

using internal::IndexPtr;
using internal::LastErrorText;
using internal::OidToHex;
using internal::TreePtr;

namespace {

/// Only file contents matter: submodules (commits) and symlinks (whose blob is a target path,
/// not a file) are left out.
bool IsRegularFile(uint32_t mode) {
  return mode == GIT_FILEMODE_BLOB || mode == GIT_FILEMODE_BLOB_EXECUTABLE;
}

int CollectFile(const char* root, const git_tree_entry* entry, void* payload) {
  if (!IsRegularFile(git_tree_entry_filemode(entry))) return 0;
  auto* files = static_cast<std::vector<FileEntry>*>(payload);
  files->push_back({std::string(root) + git_tree_entry_name(entry),
                    OidToHex(*git_tree_entry_id(entry))});
  return 0;
}

void SortByPath(std::vector<FileEntry>& files) {
  // Git orders a tree's entries as if folder names ended in '/'; we want plain path order.
  std::sort(files.begin(), files.end(),
            [](const FileEntry& a, const FileEntry& b) { return a.path < b.path; });
}

}  // namespace

const FileEntry* Snapshot::Find(const std::string& path) const {
  auto it = std::lower_bound(files.begin(), files.end(), path,
                             [](const FileEntry& e, const std::string& p) { return e.path < p; });
  return it != files.end() && it->path == path ? &*it : nullptr;
}

Result<Snapshot> Repository::SnapshotOf(const std::string& commit_sha) const {
  std::lock_guard lock(impl_->mutex);
  auto commit = impl_->LookupCommit(commit_sha);
  if (!commit) return commit.error();
  Snapshot snapshot;
  snapshot.label = OidToHex(*git_commit_id(commit->get()));
  snapshot.committed_at = static_cast<long long>(git_commit_committer(commit->get())->when.time);
  git_tree* raw = nullptr;
  if (git_commit_tree(&raw, commit->get()) < 0) {
    return Error{"could not read the tree of commit " + snapshot.label + ": " + LastErrorText()};
  }
  TreePtr tree(raw);
  if (git_tree_walk(tree.get(), GIT_TREEWALK_PRE, CollectFile, &snapshot.files) < 0) {
    return Error{"could not list the files of commit " + snapshot.label + ": " + LastErrorText()};
  }
  SortByPath(snapshot.files);
  return snapshot;
}

Result<Snapshot> Repository::StagedSnapshot() const {
  std::lock_guard lock(impl_->mutex);
  git_index* raw = nullptr;
  if (git_repository_index(&raw, impl_->repo.get()) < 0) {
    return Error{"could not read the git index: " + LastErrorText()};
  }
  IndexPtr index(raw);
  // The index object is cached by the repository; pick up `git add` run since it was loaded.
  if (git_index_read(index.get(), /*force=*/0) < 0) {
    return Error{"could not read the git index: " + LastErrorText()};
  }
  Snapshot snapshot;
  snapshot.label = "staged";
  const size_t count = git_index_entrycount(index.get());
  for (size_t i = 0; i < count; ++i) {
    const git_index_entry* entry = git_index_get_byindex(index.get(), i);
    if (GIT_INDEX_ENTRY_STAGE(entry) != 0) {
      // A conflicted path has no single staged version; guessing one would hide the conflict.
      return Error{std::string("the index has an unresolved merge conflict in ") + entry->path +
                   "; resolve it before checking staged changes"};
    }
    if (!IsRegularFile(entry->mode)) continue;
    snapshot.files.push_back({entry->path, OidToHex(entry->id)});
  }
  SortByPath(snapshot.files);
  return snapshot;
}

}  // namespace ds::git
