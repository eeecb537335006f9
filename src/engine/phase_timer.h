#pragma once
/// DOWNSTREAM_TIMINGS=1: each pipeline phase's wall time on stderr (`timing: <phase> <ms> ms`),
/// to see where a large project's run goes (bench/ measures; this explains).
#include <chrono>
#include <cstdio>
#include <cstdlib>

namespace ds::engine {

class PhaseTimer {
 public:
  PhaseTimer() : enabled_(std::getenv("DOWNSTREAM_TIMINGS") != nullptr), start_(Clock::now()) {}
  /// The time since the last mark (or the start), under `phase`.
  void Mark(const char* phase) {
    if (!enabled_) return;
    Clock::time_point now = Clock::now();
    std::fprintf(stderr, "timing: %s %lld ms\n", phase,
                 static_cast<long long>(std::chrono::duration_cast<std::chrono::milliseconds>(now - start_).count()));
    start_ = now;
  }

 private:
  using Clock = std::chrono::steady_clock;
  bool enabled_;
  Clock::time_point start_;
};

}  // namespace ds::engine
