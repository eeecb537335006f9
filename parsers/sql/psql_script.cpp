#include "parsers/sql/psql_script.h"

#include <cctype>

namespace ds::parsers::sql {
namespace {

void BlankRange(std::string& text, size_t begin, size_t end) {
  for (size_t i = begin; i < end; ++i) {
    if (text[i] != '\n') text[i] = ' ';
  }
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

/// pg_dump writes `COPY name (cols) FROM stdin;` on one line, and the data follows it.
bool StartsCopyFromStdin(std::string_view line) {
  std::string lower = Lower(line);
  while (!lower.empty() && std::isspace(static_cast<unsigned char>(lower.back()))) lower.pop_back();
  if (lower.rfind("copy ", 0) != 0 || lower.empty() || lower.back() != ';') return false;
  return lower.find(" from stdin") != std::string::npos;
}

/// dbmate (`-- migrate:down`) and goose (`-- +goose Down`) keep the rollback in the same file.
bool StartsDownSection(std::string_view line) {
  std::string lower = Lower(line);
  return lower.rfind("-- migrate:down", 0) == 0 || lower.rfind("-- +goose down", 0) == 0;
}

bool IsInclude(std::string_view line) {
  for (std::string_view command : {"\\i", "\\ir", "\\include", "\\include_relative"}) {
    if (line.rfind(command, 0) == 0 &&
        (line.size() == command.size() || std::isspace(static_cast<unsigned char>(line[command.size()])))) {
      return true;
    }
  }
  return false;
}

bool IsEndOfCopyData(std::string_view line) {
  while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.remove_suffix(1);
  return line == "\\.";
}

}  // namespace

std::vector<PsqlInclude> BlankPsqlNoise(std::string& text) {
  std::vector<PsqlInclude> includes;
  bool in_copy_data = false;
  size_t line_begin = 0;
  while (line_begin < text.size()) {
    size_t line_end = text.find('\n', line_begin);
    if (line_end == std::string::npos) line_end = text.size();
    std::string_view line(text.data() + line_begin, line_end - line_begin);
    if (in_copy_data) {
      in_copy_data = !IsEndOfCopyData(line);
      BlankRange(text, line_begin, line_end);
    } else if (!line.empty() && line[0] == '\\') {
      if (IsInclude(line)) {
        std::string command(line);
        while (!command.empty() && std::isspace(static_cast<unsigned char>(command.back()))) {
          command.pop_back();
        }
        includes.push_back({static_cast<uint32_t>(line_begin), std::move(command)});
      }
      BlankRange(text, line_begin, line_end);
    } else if (StartsCopyFromStdin(line)) {
      in_copy_data = true;
    } else if (StartsDownSection(line)) {
      BlankRange(text, line_begin, text.size());  // the rest of the file undoes the migration
      return includes;
    }
    line_begin = line_end + 1;
  }
  return includes;
}

uint32_t SkipTrivia(std::string_view text, uint32_t offset) {
  size_t i = offset;
  while (i < text.size()) {
    if (std::isspace(static_cast<unsigned char>(text[i]))) {
      ++i;
    } else if (text.compare(i, 2, "--") == 0) {
      size_t end = text.find('\n', i);
      i = end == std::string_view::npos ? text.size() : end + 1;
    } else if (text.compare(i, 2, "/*") == 0) {
      int depth = 0;
      do {
        if (text.compare(i, 2, "/*") == 0) {
          ++depth;
          i += 2;
        } else if (text.compare(i, 2, "*/") == 0) {
          --depth;
          i += 2;
        } else {
          ++i;
        }
      } while (depth > 0 && i < text.size());
    } else {
      break;
    }
  }
  return static_cast<uint32_t>(i < text.size() ? i : offset);
}

uint32_t CursorToOffset(std::string_view text, uint32_t begin, int cursor) {
  size_t i = begin;
  // Step over cursor-1 UTF-8 characters: continuation bytes (10xxxxxx) belong to the one before.
  for (int k = 1; k < cursor && i < text.size(); ++k) {
    ++i;
    while (i < text.size() && (static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) ++i;
  }
  return static_cast<uint32_t>(i < text.size() ? i : (text.empty() ? 0 : text.size() - 1));
}

}  // namespace ds::parsers::sql
