#pragma once
/// The only door to git: a small RAII wrapper over libgit2. Nothing else includes git2.h.
/// Contents are read straight from the object database; nothing is checked out.
#include <memory>
#include <string>
#include <vector>

#include "src/ir/result.h"

namespace ds::git {

/// A file of a snapshot: its repository-relative path and the id of its blob.
struct FileEntry {
  std::string path;     ///< '/'-separated, relative to the repository root
  std::string blob_id;  ///< 40 hex digits; equal ids mean equal contents
  bool operator==(const FileEntry&) const = default;
};

/// The files of one revision (a commit's tree, or the index for --staged), sorted by path.
struct Snapshot {
  std::string label;  ///< the commit's full sha, or "staged"
  std::vector<FileEntry> files;
  /// The commit's committer time in seconds since the epoch (UTC); 0 for the index.
  long long committed_at = 0;
  /// The entry at `path`, or nullptr.
  const FileEntry* Find(const std::string& path) const;
};

class Repository {
 public:
  /// Opens the repository containing `dir` (searching upwards, as git does). Handles
  /// safe.directory (a workspace owned by another user) by trusting the path given.
  static Result<Repository> Open(const std::string& dir);

  Repository(Repository&&) noexcept;
  Repository& operator=(Repository&&) noexcept;
  ~Repository();

  /// The full sha of the commit `rev` names (a sha, a branch, a tag, HEAD~2, origin/main...).
  /// An unknown revision in a shallow clone says to fetch history (fetch-depth: 0).
  Result<std::string> ResolveCommit(const std::string& rev) const;
  /// The merge-base of two commits (shas); a shallow clone without it says to fetch history.
  Result<std::string> MergeBase(const std::string& a, const std::string& b) const;
  /// The default base: the merge-base of HEAD with origin/HEAD, else main, else master.
  Result<std::string> DefaultBase() const;

  /// The files of a commit's tree.
  Result<Snapshot> SnapshotOf(const std::string& commit_sha) const;
  /// The files of the index (what `git commit` would record).
  Result<Snapshot> StagedSnapshot() const;

  /// A blob's contents; an error for a blob over ir::kMaxFileBytes (checked before loading it).
  /// Safe to call from several threads at once.
  Result<std::string> ReadBlob(const std::string& blob_id) const;
  /// A blob's size in bytes, without reading its contents. Safe to call from several threads.
  Result<size_t> BlobSize(const std::string& blob_id) const;

  bool IsShallow() const;
  /// Whether HEAD names a branch with no commit yet (a fresh `git init`).
  bool HeadUnborn() const;
  /// The working tree's root (with a trailing '/'), empty for a bare repository.
  std::string Workdir() const;

 private:
  struct Impl;
  explicit Repository(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

/// A sentence for a missing commit in a shallow clone, shared by every caller that can hit it.
std::string ShallowHistoryMessage(const std::string& rev);

}  // namespace ds::git
