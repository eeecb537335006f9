#include "src/report/safe_text.h"

#include <cstdio>

namespace ds::report {

namespace {

constexpr char32_t kInvalid = 0xFFFFFFFF;

// The code point at text[i], advancing i past it; kInvalid (advancing one byte) when the bytes
// there are not UTF-8: a stray continuation, a truncated, overlong or surrogate sequence.
char32_t Decode(std::string_view text, size_t& i) {
  auto byte = [&](size_t k) { return static_cast<unsigned char>(text[k]); };
  unsigned char lead = byte(i);
  if (lead < 0x80) return text[i++];
  int length = lead >= 0xF0 && lead <= 0xF4 ? 4 : lead >= 0xE0 ? (lead < 0xF0 ? 3 : 0) : lead >= 0xC2 ? 2 : 0;
  if (length == 0 || i + length > text.size()) {
    ++i;
    return kInvalid;
  }
  char32_t cp = lead & (0x7F >> length);
  for (int k = 1; k < length; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) {
      ++i;
      return kInvalid;
    }
    cp = (cp << 6) | (byte(i + k) & 0x3F);
  }
  bool overlong = (length == 3 && cp < 0x800) || (length == 4 && cp < 0x10000);
  if (overlong || (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) {
    ++i;
    return kInvalid;
  }
  i += length;
  return cp;
}

void Encode(char32_t cp, std::string& out) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

// C0 controls but tab, DEL, C1 controls, and the bidirectional embeddings, overrides and
// isolates that reorder what a reader sees ("trojan source").
bool MustEscape(char32_t cp) {
  return (cp < 0x20 && cp != '\t') || (cp >= 0x7F && cp <= 0x9F) || (cp >= 0x202A && cp <= 0x202E) ||
         (cp >= 0x2066 && cp <= 0x2069);
}

void Escape(char32_t cp, std::string& out) {
  char buffer[12];
  if (cp == '\n') out += "\\n";
  else if (cp == '\r') out += "\\r";
  else if (cp < 0x80) std::snprintf(buffer, sizeof buffer, "\\x%02x", static_cast<unsigned>(cp)), out += buffer;
  else std::snprintf(buffer, sizeof buffer, "\\u%04x", static_cast<unsigned>(cp)), out += buffer;
}

// A runner reads a line as a workflow command when it starts with `::` after blanks (its trim
// also drops Unicode blanks, so any non-ASCII prefix counts as blank here), and `##[` anywhere.
std::string Defuse(std::string line) {
  size_t start = 0;
  while (start < line.size() && (line[start] == ' ' || line[start] == '\t' || line[start] == '\v' ||
                                 line[start] == '\f' || static_cast<unsigned char>(line[start]) >= 0x80)) {
    ++start;
  }
  if (line.compare(start, 2, "::") == 0) line.replace(start, 1, "\\x3a");
  for (size_t at = line.find("##["); at != std::string::npos; at = line.find("##[", at)) {
    line.replace(at + 1, 1, "\\x23");
  }
  return line;
}

// Valid UTF-8 always; with `escape`, MustEscape's characters written as escapes.
std::string Clean(std::string_view text, bool escape) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size();) {
    size_t start = i;
    char32_t cp = Decode(text, i);
    if (cp == kInvalid) Encode(0xFFFD, out);
    else if (escape && MustEscape(cp)) Escape(cp, out);
    else out.append(text.substr(start, i - start));
  }
  return out;
}

}  // namespace

std::string ValidUtf8(std::string_view text) { return Clean(text, false); }

std::string SafeLine(std::string_view text) { return Clean(text, true); }

std::string SafeLines(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    bool newline = end != std::string_view::npos;
    out += Defuse(SafeLine(text.substr(start, newline ? end - start : std::string_view::npos)));
    if (!newline) break;
    out += '\n';
    start = end + 1;
  }
  return out;
}

}  // namespace ds::report
