#pragma once
/// Maps byte offsets of a parsed text back to file:line:col. SQL embedded in another file (a
/// Python string, a Ruby heredoc) starts at `first_line`/`first_column` of that file.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "src/ir/source_span.h"

namespace ds::ir {

class SourceText {
 public:
  SourceText(std::string file, std::string_view text, int first_line = 1, int first_column = 1);

  const std::string& file() const { return file_; }
  /// The span of a byte offset into the text (columns count bytes, 1-based).
  SourceSpan SpanAt(uint32_t offset) const;

 private:
  std::string file_;
  std::vector<uint32_t> line_starts_;
  int first_line_;
  int first_column_;
};

}  // namespace ds::ir
