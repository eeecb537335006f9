#pragma once
/// DOWNSTREAM_TIMINGS=1: each pipeline phase's wall time on stderr (`timing: <phase> <ms> ms,
/// <MB> MB resident`), to see where a large project's run goes, in time and memory (bench/
/// measures; this explains).
#include <chrono>
#include <cstdio>
#include <cstdlib>

#include <unistd.h>

namespace ds::engine {

class PhaseTimer {
 public:
  PhaseTimer() : enabled_(std::getenv("DOWNSTREAM_TIMINGS") != nullptr), start_(Clock::now()) {}
  /// The time since the last mark (or the start), under `phase`.
  void Mark(const char* phase) {
    if (!enabled_) return;
    Clock::time_point now = Clock::now();
    std::fprintf(stderr, "timing: %s %lld ms, %ld MB resident\n", phase,
                 static_cast<long long>(std::chrono::duration_cast<std::chrono::milliseconds>(now - start_).count()),
                 ResidentMegabytes());
    start_ = now;
  }

 private:
  /// The process's resident set now (Linux /proc/self/statm), 0 where unknown.
  static long ResidentMegabytes() {
    long pages_total = 0, pages_resident = 0;
    std::FILE* statm = std::fopen("/proc/self/statm", "r");
    if (statm == nullptr) return 0;
    int read = std::fscanf(statm, "%ld %ld", &pages_total, &pages_resident);
    std::fclose(statm);
    return read == 2 ? pages_resident * sysconf(_SC_PAGESIZE) / (1024 * 1024) : 0;
  }
  using Clock = std::chrono::steady_clock;
  bool enabled_;
  Clock::time_point start_;
};

}  // namespace ds::engine
