// Colour for the text report on a terminal, as rustc and ruff paint theirs. It runs on the text
// WriteText already made safe (no escape sequence from the pull request survives there), and
// only adds SGR sequences of its own, at places the report's own layout defines: a mis-painted
// line can only be the wrong colour, never a different text.
#include <string>
#include <string_view>

#include "src/report/check_report.h"

namespace ds::report {

namespace {

constexpr std::string_view kReset = "\x1b[0m";
constexpr std::string_view kBold = "\x1b[1m";
constexpr std::string_view kRed = "\x1b[1;31m";
constexpr std::string_view kYellow = "\x1b[1;33m";
constexpr std::string_view kGreen = "\x1b[1;32m";
constexpr std::string_view kBlue = "\x1b[1;34m";
constexpr std::string_view kCyan = "\x1b[1;36m";
constexpr std::string_view kDim = "\x1b[2m";

std::string Paint(std::string_view style, std::string_view text) {
  return std::string(style) + std::string(text) + std::string(kReset);
}

// The severity word after "file:line:col: " of a finding or diagnostic line, and its colour.
struct Heading {
  size_t at = std::string_view::npos;  // where ": error" starts
  std::string_view word;
  std::string_view style;
};

Heading FindHeading(std::string_view line) {
  for (auto [word, style] : {std::pair{std::string_view("error"), kRed}, std::pair{std::string_view("warning"), kYellow},
                             std::pair{std::string_view("note"), kCyan}}) {
    std::string marker = ": " + std::string(word);
    for (size_t at = line.find(marker); at != std::string_view::npos; at = line.find(marker, at + 1)) {
      std::string_view rest = line.substr(at + marker.size());
      if (rest.starts_with(": ") || rest.starts_with(" (acknowledged): ")) return {at, word, style};
    }
  }
  return {};
}

std::string PaintHeading(std::string_view line, const Heading& h, std::string_view& severity_style) {
  bool acknowledged = line.substr(h.at + 2 + h.word.size()).starts_with(" (acknowledged)");
  severity_style = acknowledged ? kGreen : h.style;
  std::string out = Paint(kBold, line.substr(0, h.at)) + ": " + Paint(severity_style, h.word);
  size_t rest = h.at + 2 + h.word.size();
  if (acknowledged) {
    out += " " + Paint(kGreen, "(acknowledged)");
    rest += std::string_view(" (acknowledged)").size();
  }
  std::string_view tail = line.substr(rest);
  // "...: message [rule-id]": the rule id dimmed.
  size_t open = tail.rfind(" [");
  if (tail.ends_with("]") && open != std::string_view::npos) {
    return out + std::string(tail.substr(0, open)) + " " + Paint(kDim, tail.substr(open + 1));
  }
  return out + std::string(tail);
}

// " 12 | source" and "    | ^~~~": the gutter blue, the caret in the finding's colour.
std::string PaintFrame(std::string_view line, std::string_view severity_style) {
  size_t bar = line.find(" | ");
  if (bar == std::string_view::npos) return Paint(kBlue, line);  // "    |"
  std::string_view body = line.substr(bar + 3);
  std::string out = Paint(kBlue, line.substr(0, bar + 2)) + " ";
  size_t caret = body.find('^');
  bool caret_line = caret != std::string_view::npos && body.find_first_not_of(" \t") == caret &&
                    body.find_first_not_of("~", caret + 1) == std::string_view::npos;
  if (!caret_line) return out + std::string(body);
  return out + std::string(body.substr(0, caret)) + Paint(severity_style, body.substr(caret));
}

bool IsFrame(std::string_view line) {
  size_t digits = line.find_first_not_of(' ');
  if (digits == std::string_view::npos || digits == 0) return false;
  if (line[digits] == '|') return line.size() == digits + 1 || line[digits + 1] == ' ';
  size_t end = line.find_first_not_of("0123456789", digits);
  return end != digits && end != std::string_view::npos && line.substr(end).starts_with(" | ");
}

// "   = help: ...", "   = breaks ...": the marker blue, the label bold.
std::string PaintNote(std::string_view line) {
  std::string_view body = line.substr(5);
  std::string out = "   " + Paint(kBlue, "=") + " ";
  if (body.starts_with("help:")) return out + Paint(kCyan, "help") + std::string(body.substr(4));
  size_t space = body.find(' ');
  if (space == std::string_view::npos) return out + std::string(body);
  return out + Paint(kBold, body.substr(0, space)) + std::string(body.substr(space));
}

// "2 errors, 1 warning (...)": counts above zero in their colour.
std::string PaintSummary(std::string_view line) {
  std::string out(line);
  auto paint_count = [&](std::string_view noun, std::string_view style) {
    size_t at = out.find(std::string(" ") + std::string(noun));
    if (at == std::string::npos) return;
    size_t start = out.rfind(' ', at - 1);
    start = start == std::string::npos ? 0 : start + 1;
    std::string count = out.substr(start, at - start);
    if (count == "0") return;
    size_t end = at + 1 + noun.size();
    if (end < out.size() && out[end] == 's') ++end;
    out.replace(start, end - start, Paint(style, out.substr(start, end - start)));
  };
  paint_count("error", kRed);
  paint_count("warning", kYellow);
  return out;
}

bool IsSummary(std::string_view line) {
  size_t end = line.find_first_not_of("0123456789");
  return end != 0 && end != std::string_view::npos &&
         (line.substr(end).starts_with(" error, ") || line.substr(end).starts_with(" errors, "));
}

}  // namespace

std::string PaintText(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 4);
  std::string_view severity_style = kRed;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    std::string_view line = text.substr(start, end == std::string_view::npos ? text.npos : end - start);
    if (Heading h = FindHeading(line); h.at != std::string_view::npos && !line.starts_with(" ")) {
      out += PaintHeading(line, h, severity_style);
    } else if (IsFrame(line)) {
      out += PaintFrame(line, severity_style);
    } else if (line.starts_with("   = ")) {
      out += PaintNote(line);
    } else if (line.starts_with("coverage: ")) {
      out += Paint(kYellow, "coverage") + std::string(line.substr(8));
    } else if (IsSummary(line)) {
      out += PaintSummary(line);
    } else {
      out += line;
    }
    if (end == std::string_view::npos) break;
    out += '\n';
    start = end + 1;
  }
  return out;
}

}  // namespace ds::report
