// The trust boundary: what a pull request's own downstream.yml may not decide. Paths outside the
// repository are read from disk, and whatever a file there holds can reach every output through
// diagnostics (`column "secret_value" does not exist`); owners are @mentioned in the pull request
// comment. Both come from the trusted configuration (the base revision's, or --config): the head's
// may drop what it allows, never add to it. CODEOWNERS is read from the base branch for the same
// reason.
#include <algorithm>
#include <filesystem>
#include <string>

#include "src/config/config.h"

namespace ds::config {

namespace {

const char* KindOf(const ViewSource& source) {
  return !source.path.empty() ? "path" : !source.dbt.empty() ? "dbt" : !source.lea.empty() ? "lea" : "lineage";
}

// A path as written, with `.` segments, doubled and trailing slashes and `x/..` pairs taken out.
std::string Normal(const std::string& path) {
  std::string normal = std::filesystem::path(path).lexically_normal().generic_string();
  while (normal.size() > 1 && normal.ends_with('/')) normal.pop_back();
  return normal;
}

// The trusted configuration names the same outside source: the same kind and the same path.
bool Allows(const Config& trusted, const ViewSource& wanted) {
  return std::any_of(trusted.views.begin(), trusted.views.end(), [&](const ViewSource& allowed) {
    return allowed.outside && std::string_view(KindOf(allowed)) == KindOf(wanted) &&
           Normal(allowed.Where()) == Normal(wanted.Where());
  });
}

ir::Diagnostic Untrusted(const Config& head, int line, std::string message) {
  return ir::Diagnostic{ir::Severity::kWarning, ir::SourceSpan{head.file, line, 0}, std::move(message),
                        ir::DiagCode::kUntrusted};
}

std::string KeyOf(const ViewSource& source) {
  return source.key.empty() ? std::string("views") : source.key;
}

}  // namespace

Config NarrowToTrusted(const Config* trusted, Config head, std::vector<ir::Diagnostic>& diagnostics) {
  // A head without a configuration file of its own is spanned at the base's.
  if (head.file.empty() && trusted != nullptr) head.file = trusted->file;
  std::erase_if(head.views, [&](const ViewSource& source) {
    if (!source.outside || (trusted != nullptr && Allows(*trusted, source))) return false;
    std::string what = "key '" + KeyOf(source) + "' names '" + source.Where() + "', outside the repository: not read, ";
    diagnostics.push_back(Untrusted(
        head, source.line,
        trusted == nullptr
            ? what + "since there is no trusted configuration to allow it (commit the entry on the base branch, "
                     "or pass --config)"
            : what + "since the base revision's configuration does not name it (a pull request may narrow what "
                     "is read outside the repository, not widen it)"));
    return true;
  });
  std::vector<std::pair<std::string, std::string>> owners;
  if (trusted != nullptr) owners = trusted->owners;
  if (head.owners != owners) {
    diagnostics.push_back(Untrusted(
        head, head.owners_line,
        trusted == nullptr
            ? "key 'owners' is not used: owners are read from the base revision's configuration, which has none"
            : "key 'owners' differs from the base revision's: the base's owners are notified (a pull request may "
              "not change who is notified)"));
  }
  head.owners = std::move(owners);
  // An acknowledgement the base already had was reviewed before: only the pull request's own are
  // reported when they release nothing.
  for (Acknowledgement& ack : head.acknowledgements) {
    ack.added = trusted == nullptr || std::none_of(trusted->acknowledgements.begin(), trusted->acknowledgements.end(),
                                                   [&](const Acknowledgement& old) { return old.SameAs(ack); });
  }
  return head;
}

}  // namespace ds::config
