#pragma once
/// Helpers shared by the libFuzzer targets: the input as text, and split into several files.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace ds::fuzz {

/// The fuzzer's bytes as text (any bytes: NUL, invalid UTF-8).
inline std::string_view AsText(const uint8_t* data, size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

/// Whether the engine would hand these bytes to a frontend at all: a file holding a NUL byte is
/// refused as binary before parsing (src/engine/parse_all.cpp). tree-sitter's error recovery on
/// NUL-laden garbage costs seconds and hundreds of MB under ASan, on a path users cannot reach.
inline bool IsSourceText(std::string_view text) { return text.find('\0') == std::string_view::npos; }

/// Several files in one input, separated by form feeds ('\f'); at most `limit` of them.
inline std::vector<std::string> SplitFiles(std::string_view text, size_t limit = 8) {
  std::vector<std::string> files;
  size_t start = 0;
  while (files.size() + 1 < limit) {
    size_t end = text.find('\f', start);
    if (end == std::string_view::npos) break;
    files.emplace_back(text.substr(start, end - start));
    start = end + 1;
  }
  files.emplace_back(text.substr(start));
  return files;
}

}  // namespace ds::fuzz
