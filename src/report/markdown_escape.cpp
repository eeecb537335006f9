// Text from SQL and file names goes into a pull request comment: it must not mention anyone, link
// an issue, open HTML or break the table it sits in.
#include <cctype>
#include <string_view>

#include "src/report/markdown_parts.h"

namespace ds::report {

namespace {

bool IsHandleChar(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '-'; }

bool IsTeamChar(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.';
}

}  // namespace

std::string EscapeMarkdown(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 4);
  for (char c : text) {
    switch (c) {
      case '\n': case '\r': case '\t': out += ' '; break;
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      // A zero-width space after @ and # is what keeps GitHub from mentioning or linking: both
      // backslash escapes and entities are decoded before mentions are looked for.
      case '@': out += "@&#8203;"; break;
      case '#': out += "#&#8203;"; break;
      case '\\': case '`': case '*': case '_': case '{': case '}': case '[': case ']': case '(':
      case ')': case '|': case '~': case '$': case '!': case ':':
        out += '\\';
        out += c;
        break;
      default:
        // Other control characters have no business in a comment.
        out += static_cast<unsigned char>(c) < 0x20 ? ' ' : c;
    }
  }
  return out;
}

std::string EscapeHtml(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 4);
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      case '@': out += "@&#8203;"; break;
      case '#': out += "#&#8203;"; break;
      default: out += static_cast<unsigned char>(c) < 0x20 ? ' ' : c;
    }
  }
  return out;
}

std::string OwnerMention(std::string_view owner) {
  // @user or @org/team, as CODEOWNERS writes them; anything else is plain, escaped text.
  bool handle = owner.size() >= 2 && owner[0] == '@' && owner[1] != '-';
  size_t slash = owner.find('/');
  std::string_view user = owner.substr(1, slash == owner.npos ? owner.npos : slash - 1);
  handle = handle && !user.empty() && user.size() <= 39;
  for (char c : user) handle = handle && IsHandleChar(c);
  if (slash != owner.npos) {
    std::string_view team = owner.substr(slash + 1);
    handle = handle && !team.empty();
    for (char c : team) handle = handle && IsTeamChar(c);
  }
  return handle ? std::string(owner) : EscapeMarkdown(owner);
}

std::string BlobUrl(const MarkdownOptions& options, std::string_view sha, std::string_view path,
                    int line) {
  std::string url = options.server_url + "/" + options.repository + "/blob/" + std::string(sha) + "/" +
                    UriPath(path);
  if (line > 0) url += "#L" + std::to_string(line);
  return url;
}

std::string UriPath(std::string_view path) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (char c : path) {
    unsigned char u = static_cast<unsigned char>(c);
    if (std::isalnum(u) || c == '-' || c == '.' || c == '_' || c == '~' || c == '/') {
      out += c;
    } else {
      out += '%';
      out += kHex[u >> 4];
      out += kHex[u & 15];
    }
  }
  return out;
}

std::string JoinWith(const std::vector<std::string>& items, std::string_view separator) {
  std::string out;
  for (const std::string& item : items) out += (out.empty() ? "" : std::string(separator)) + item;
  return out;
}

}  // namespace ds::report
