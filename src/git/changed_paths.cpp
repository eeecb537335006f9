#include "src/git/changed_paths.h"

namespace ds::git {

std::vector<std::string> ChangedPaths(const Snapshot& base, const Snapshot& head) {
  std::vector<std::string> changed;
  auto b = base.files.begin();
  auto h = head.files.begin();
  // One merge pass over two sorted lists: the output comes out sorted too.
  while (b != base.files.end() || h != head.files.end()) {
    if (h == head.files.end() || (b != base.files.end() && b->path < h->path)) {
      changed.push_back((b++)->path);  // removed
    } else if (b == base.files.end() || h->path < b->path) {
      changed.push_back((h++)->path);  // added
    } else {
      if (b->blob_id != h->blob_id) changed.push_back(b->path);  // modified
      ++b;
      ++h;
    }
  }
  return changed;
}

}  // namespace ds::git
