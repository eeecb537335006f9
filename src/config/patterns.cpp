#include <string_view>
#include <vector>

#include "src/config/config.h"

namespace ds::config {

namespace {

// Glob match over '/'-separated paths: `*` and `?` stay within a segment, `**` crosses them.
// Dynamic programming over (pattern suffix, text suffix), so a hostile pattern such as
// `*a*a*a*a*a*a*a*a*b` costs |pattern| x |text| steps, not exponential backtracking.
// match[i][j]: pattern from i matches text from j; rows kept: the four nearest (`**/` spans 3).
bool Glob(std::string_view p, std::string_view s) {
  const size_t n = s.size();
  std::vector<std::vector<char>> rows(4, std::vector<char>(n + 2, 0));
  auto row = [&](size_t i) -> std::vector<char>& { return rows[i % 4]; };
  for (size_t j = 0; j <= n; ++j) row(p.size())[j] = j == n;
  for (size_t i = p.size(); i-- > 0;) {
    std::vector<char>& here = row(i);
    if (p.substr(i).starts_with("**")) {
      size_t rest = i + 2 + (i + 2 < p.size() && p[i + 2] == '/' ? 1 : 0);
      if (rest == p.size()) {  // a trailing `**` ("db/**"): everything below
        for (size_t j = 0; j <= n; ++j) here[j] = 1;
        continue;
      }
      const std::vector<char>& after = row(rest);
      // Any k >= j where k == j or s[k-1] == '/', then the rest matches s from k.
      bool later = false;  // some k > j after a '/' works
      for (size_t j = n + 1; j-- > 0;) {
        if (j < n && s[j] == '/' && after[j + 1]) later = true;
        here[j] = after[j] || later;
      }
    } else if (p[i] == '*') {
      const std::vector<char>& next = row(i + 1);
      here[n] = next[n];
      for (size_t j = n; j-- > 0;) here[j] = next[j] || (s[j] != '/' && here[j + 1]);
    } else {
      const std::vector<char>& next = row(i + 1);
      here[n] = 0;
      for (size_t j = 0; j < n; ++j) {
        here[j] = (p[i] == '?' ? s[j] != '/' : p[i] == s[j]) && next[j + 1];
      }
    }
  }
  return row(0)[0] != 0;
}

std::string_view TrimSlashes(std::string_view p) {
  while (p.starts_with("./")) p.remove_prefix(2);
  while (!p.empty() && p.back() == '/') p.remove_suffix(1);
  return p;
}

}  // namespace

bool PathMatches(std::string_view pattern, std::string_view path) {
  pattern = TrimSlashes(pattern);
  if (pattern.empty() || pattern == ".") return true;
  if (pattern.find_first_of("*?") != std::string_view::npos) {
    // A glob naming folders ("db/*/migrations") also covers the files below them.
    if (Glob(pattern, path)) return true;
    for (size_t i = path.find('/'); i != std::string_view::npos; i = path.find('/', i + 1)) {
      if (Glob(pattern, path.substr(0, i))) return true;
    }
    return false;
  }
  if (path == pattern) return true;
  return path.size() > pattern.size() && path.starts_with(pattern) && path[pattern.size()] == '/';
}

bool NameMatches(std::string_view pattern, std::string_view name) {
  // Names have no '/', so a plain glob where `*` spans anything but '/' suits them.
  return Glob(pattern, name);
}

}  // namespace ds::config
