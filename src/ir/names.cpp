#include "src/ir/names.h"

#include <vector>

namespace ds::ir {

std::string FoldIdentifier(std::string_view raw) {
  if (raw.size() >= 2 && raw.front() == '"' && raw.back() == '"') {
    std::string out;
    for (size_t i = 1; i + 1 < raw.size(); ++i) {
      out += raw[i];
      if (raw[i] == '"' && i + 2 < raw.size() && raw[i + 1] == '"') ++i;  // "" -> "
    }
    return out;
  }
  std::string out(raw);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

QualifiedName ParseQualifiedName(std::string_view dotted) {
  std::vector<std::string> parts;
  std::string current;
  bool quoted = false;
  for (char c : dotted) {
    if (c == '"') quoted = !quoted;
    if (c == '.' && !quoted) {
      parts.push_back(FoldIdentifier(current));
      current.clear();
      continue;
    }
    current += c;
  }
  parts.push_back(FoldIdentifier(current));
  if (parts.size() == 1) return QualifiedName{"", parts[0]};
  return QualifiedName{parts[parts.size() - 2], parts.back()};
}

}  // namespace ds::ir
