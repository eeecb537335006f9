#include <string_view>

#include "src/config/config.h"

namespace ds::config {

namespace {

// Glob match over '/'-separated paths: `*` and `?` stay within a segment, `**` crosses them.
bool Glob(std::string_view p, std::string_view s) {
  if (p.empty()) return s.empty();
  if (p.starts_with("**")) {
    std::string_view rest = p.substr(2);
    if (rest.starts_with("/")) rest.remove_prefix(1);
    for (size_t i = 0; i <= s.size(); ++i) {
      if ((i == 0 || s[i - 1] == '/') && Glob(rest, s.substr(i))) return true;
    }
    return false;
  }
  if (p[0] == '*') {
    for (size_t i = 0; i <= s.size(); ++i) {
      if (Glob(p.substr(1), s.substr(i))) return true;
      if (i < s.size() && s[i] == '/') break;
    }
    return false;
  }
  if (s.empty()) return false;
  if (p[0] == '?') return s[0] != '/' && Glob(p.substr(1), s.substr(1));
  return p[0] == s[0] && Glob(p.substr(1), s.substr(1));
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
