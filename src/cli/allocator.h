#pragma once
/// The process's memory allocator. downstream allocates millions of small objects (syntax trees,
/// rendered SQL, lineage) and keeps most of them to the end; with glibc's malloc a third of a
/// large run went to the kernel handing out 4 KB pages and another quarter to malloc itself.
/// When built with mimalloc (CMake option DOWNSTREAM_MIMALLOC, on when Debian's libmimalloc-dev
/// is installed and no sanitizer is in use), it replaces malloc for the whole process.

namespace ds::cli {

/// Asks the allocator for transparent huge pages (2 MB) unless the user set
/// MIMALLOC_LARGE_OS_PAGES themselves. Does nothing with the system allocator. Call first in main.
void TuneAllocator();

/// "mimalloc 2.0.9" or "glibc malloc": what `version --verbose` and DOWNSTREAM_TIMINGS print.
const char* AllocatorName();

}  // namespace ds::cli
