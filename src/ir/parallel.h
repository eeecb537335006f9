#pragma once
/// One way to spread independent work over cores, for every stage (parsing the inputs, reading
/// the dbt projects, rendering and parsing each project's models).
#include <algorithm>
#include <atomic>
#include <cstddef>
#include <thread>
#include <vector>

namespace ds::ir {

/// Calls `each(i)` once for every i in [0, count), on up to `threads` threads (the caller's
/// thread is one of them), and returns when all are done. `each` writes only what index i owns,
/// so results do not depend on the thread count. An exception escaping `each` ends the process
/// (std::terminate; the command line turns that into exit 2): callers catch what they expect.
template <class Each>
void ParallelFor(size_t count, size_t threads, Each&& each) {
  std::atomic<size_t> next{0};
  auto worker = [&] {
    for (size_t i = next++; i < count; i = next++) each(i);
  };
  threads = std::min(threads, count);
  std::vector<std::thread> pool;
  for (size_t t = 1; t < threads; ++t) pool.emplace_back(worker);
  worker();
  for (std::thread& t : pool) t.join();
}

}  // namespace ds::ir
