#include "src/cli/allocator.h"

#include <cstdlib>

#ifdef DOWNSTREAM_WITH_MIMALLOC
#include <mimalloc.h>

#include <string>
#endif

namespace ds::cli {

#ifdef DOWNSTREAM_WITH_MIMALLOC

void TuneAllocator() {
  // Huge pages are only advised (madvise), so a kernel without them, or with them off, simply
  // hands out 4 KB pages as before.
  if (std::getenv("MIMALLOC_LARGE_OS_PAGES") == nullptr) mi_option_enable(mi_option_large_os_pages);
}

const char* AllocatorName() {
  static const std::string name = [] {
    int v = mi_version();  // e.g. 209 for 2.0.9
    return "mimalloc " + std::to_string(v / 100) + "." + std::to_string(v / 10 % 10) + "." +
           std::to_string(v % 10);
  }();
  return name.c_str();
}

#else

void TuneAllocator() {}

const char* AllocatorName() { return "glibc malloc"; }

#endif

}  // namespace ds::cli
