#include "src/git/repository.h"

#include <filesystem>
#include <mutex>

#include "src/git/repository_impl.h"
#include "src/ir/limits.h"

namespace ds::git {
namespace internal {

void EnsureLibgit2() {
  static std::once_flag once;
  std::call_once(once, [] {
    git_libgit2_init();
    // We only read. A CI workspace is often owned by another user (GitHub Actions runs jobs in
    // containers as root over a checkout made by the runner user); git would refuse it as
    // "dubious ownership". Trusting the path we were given is what the user asked for.
    git_libgit2_opts(GIT_OPT_SET_OWNER_VALIDATION, 0);
  });
}

std::string LastErrorText() {
  const git_error* error = git_error_last();
  if (error == nullptr || error->message == nullptr) return "unknown error";
  std::string text = error->message;
  while (!text.empty() && (text.back() == '\n' || text.back() == '.')) text.pop_back();
  return text;
}

std::string OidToHex(const git_oid& oid) {
  char hex[GIT_OID_HEXSZ + 1];
  git_oid_tostr(hex, sizeof hex, &oid);
  return hex;
}

}  // namespace internal

using internal::LastErrorText;

Result<Repository> Repository::Open(const std::string& dir) {
  internal::EnsureLibgit2();
  const std::string path = dir.empty() ? "." : dir;
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) return Error{path + " does not exist"};
  git_repository* raw = nullptr;
  // Flags 0: search upwards from `path` across parents, as `git` itself does.
  int rc = git_repository_open_ext(&raw, path.c_str(), 0, nullptr);
  if (rc == GIT_ENOTFOUND) return Error{path + " is not inside a git repository"};
  if (rc < 0) return Error{"could not open the git repository at " + path + ": " + LastErrorText()};
  auto impl = std::make_unique<Impl>();
  impl->repo.reset(raw);
  return Repository(std::move(impl));
}

Repository::Repository(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Repository::Repository(Repository&&) noexcept = default;
Repository& Repository::operator=(Repository&&) noexcept = default;
Repository::~Repository() = default;

Result<std::string> Repository::ReadBlob(const std::string& blob_id) const {
  git_oid oid;
  if (blob_id.size() != GIT_OID_HEXSZ || git_oid_fromstr(&oid, blob_id.c_str()) < 0) {
    return Error{"'" + blob_id + "' is not a blob id (40 hex digits)"};
  }
  // Every blob read passes this one size check, before its contents are loaded.
  if (Result<size_t> size = BlobSize(blob_id); size.ok() && *size > ir::kMaxFileBytes) {
    return Error{"not read: " + std::to_string(*size) + " bytes, over the limit of " +
                 ir::LimitText(ir::kMaxFileBytes) + " for one file"};
  }
  std::lock_guard lock(impl_->mutex);
  git_object* raw = nullptr;
  // Looked up as any type so that a commit or tree id gets a sentence of its own.
  int rc = git_object_lookup(&raw, impl_->repo.get(), &oid, GIT_OBJECT_ANY);
  if (rc == GIT_ENOTFOUND) return Error{"blob " + blob_id + " is missing from the repository"};
  if (rc < 0) return Error{"could not read blob " + blob_id + ": " + LastErrorText()};
  internal::ObjectPtr object(raw);
  if (git_object_type(object.get()) != GIT_OBJECT_BLOB) {
    return Error{blob_id + " is a " + git_object_type2string(git_object_type(object.get())) +
                 ", not a blob"};
  }
  auto* blob = reinterpret_cast<git_blob*>(object.get());
  const char* data = static_cast<const char*>(git_blob_rawcontent(blob));
  return std::string(data, static_cast<size_t>(git_blob_rawsize(blob)));
}

Result<size_t> Repository::BlobSize(const std::string& blob_id) const {
  git_oid oid;
  if (blob_id.size() != GIT_OID_HEXSZ || git_oid_fromstr(&oid, blob_id.c_str()) < 0) {
    return Error{"'" + blob_id + "' is not a blob id (40 hex digits)"};
  }
  std::lock_guard lock(impl_->mutex);
  git_odb* odb = nullptr;
  if (git_repository_odb(&odb, impl_->repo.get()) < 0) return Error{"could not open the object database: " + LastErrorText()};
  size_t size = 0;
  git_object_t type = GIT_OBJECT_INVALID;
  int rc = git_odb_read_header(&size, &type, odb, &oid);
  git_odb_free(odb);
  if (rc < 0) return Error{"could not read blob " + blob_id + ": " + LastErrorText()};
  return size;
}

bool Repository::IsShallow() const {
  std::lock_guard lock(impl_->mutex);
  return git_repository_is_shallow(impl_->repo.get()) == 1;
}

bool Repository::HeadUnborn() const {
  std::lock_guard lock(impl_->mutex);
  return git_repository_head_unborn(impl_->repo.get()) == 1;
}

std::string Repository::Workdir() const {
  std::lock_guard lock(impl_->mutex);
  const char* workdir = git_repository_workdir(impl_->repo.get());
  return workdir == nullptr ? std::string() : std::string(workdir);
}

std::string ShallowHistoryMessage(const std::string& rev) {
  return ShallowMessageFor("'" + rev + "'");
}

std::string ShallowMessageFor(const std::string& what) {
  return "cannot find " + what +
         " because this is a shallow clone; fetch the full history (actions/checkout with "
         "`fetch-depth: 0`, or `git fetch --unshallow`) and run again";
}

}  // namespace ds::git
