#pragma once
/// A structure-aware libFuzzer mutation shared by the targets: besides libFuzzer's own byte
/// mutations, repeat a slice of the input many times (chains: `a + a + ...`, `not not ...`) or
/// nest it inside itself (`((x))`, `{% if %}{% if %}...{% endif %}{% endif %}`, `[[...]]`):
/// the shapes that overflow a recursive parser or make work grow exponentially.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <random>
#include <string>

extern "C" size_t LLVMFuzzerMutate(uint8_t* data, size_t size, size_t max_size);

namespace ds::fuzz {

/// One mutation of `data` in place; returns the new size (at most `max_size`).
inline size_t MutateNesting(uint8_t* data, size_t size, size_t max_size, unsigned int seed) {
  std::minstd_rand random(seed);
  if (size < 2 || random() % 4 != 0) return LLVMFuzzerMutate(data, size, max_size);
  std::string text(reinterpret_cast<const char*>(data), size);
  size_t begin = random() % size;
  size_t length = 1 + random() % std::min<size_t>(size - begin, 64);
  std::string slice = text.substr(begin, length);
  size_t times = 2 + random() % 2000;
  std::string out;
  if (random() % 2 == 0) {  // repeat: the slice `times` times in place
    for (size_t i = 0; i < times && out.size() < max_size; ++i) out += slice;
    out = text.substr(0, begin) + out + text.substr(begin + length);
  } else {  // nest: what comes before the slice's middle repeated, then what comes after
    size_t cut = length / 2;
    std::string open = slice.substr(0, cut + 1), close = slice.substr(cut + 1);
    std::string opens, closes;
    for (size_t i = 0; i < times && opens.size() + closes.size() < max_size; ++i) {
      opens += open;
      closes += close;
    }
    out = text.substr(0, begin) + opens + closes + text.substr(begin + length);
  }
  size_t n = std::min(out.size(), max_size);
  std::memcpy(data, out.data(), n);
  return n;
}

}  // namespace ds::fuzz

/// Every target that includes this header uses the mutation (libFuzzer finds it by name).
extern "C" size_t LLVMFuzzerCustomMutator(uint8_t* data, size_t size, size_t max_size, unsigned int seed) {
  return ds::fuzz::MutateNesting(data, size, max_size, seed);
}
