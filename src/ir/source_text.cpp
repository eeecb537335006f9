#include "src/ir/source_text.h"

#include <algorithm>

namespace ds::ir {

SourceText::SourceText(std::string file, std::string_view text, int first_line, int first_column)
    : file_(std::move(file)), first_line_(first_line), first_column_(first_column) {
  line_starts_.push_back(0);
  for (uint32_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\n') line_starts_.push_back(i + 1);
  }
}

SourceSpan SourceText::SpanAt(uint32_t offset) const {
  auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
  size_t line_index = static_cast<size_t>(it - line_starts_.begin()) - 1;
  int column = static_cast<int>(offset - line_starts_[line_index]) + 1;
  if (line_index == 0) column += first_column_ - 1;
  return SourceSpan{file_, first_line_ + static_cast<int>(line_index), column};
}

}  // namespace ds::ir
