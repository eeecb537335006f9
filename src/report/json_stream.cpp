#include "src/report/json_stream.h"

#include <algorithm>
#include <string>

namespace ds::report {

namespace {

using Json = nlohmann::ordered_json;

constexpr size_t kIndent = 2;

bool NeedsEscaping(std::string_view text) {
  for (char c : text) {
    auto byte = static_cast<unsigned char>(c);
    if (byte < 0x20 || byte >= 0x7f || c == '"' || c == '\\') return true;
  }
  return false;
}

}  // namespace

void JsonStream::Write(std::string_view text) {
  buffer_.append(text);
  if (buffer_.size() >= (size_t{1} << 16)) Flush();
}

void JsonStream::Flush() {
  out_.write(buffer_.data(), static_cast<std::streamsize>(buffer_.size()));
  buffer_.clear();
}

void JsonStream::Indent(size_t depth) { buffer_.append(depth * kIndent, ' '); }

void JsonStream::Place() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (levels_.empty()) return;
  Write((levels_.back().items++ > 0 ? ",\n" : "\n"));
  Indent(levels_.size());
}

JsonStream& JsonStream::Open(char bracket) {
  Place();
  Write(bracket);
  levels_.push_back({});
  return *this;
}

JsonStream& JsonStream::Close(char bracket) {
  size_t items = levels_.back().items;
  levels_.pop_back();
  if (items > 0) {
    Write('\n');
    Indent(levels_.size());
  }
  Write(bracket);
  return *this;
}

JsonStream& JsonStream::Key(std::string_view key) {
  Place();
  Quoted(key);
  Write(": ");
  after_key_ = true;
  return *this;
}

JsonStream& JsonStream::String(std::string_view text) {
  Place();
  Quoted(text);
  return *this;
}

void JsonStream::Quoted(std::string_view text) {
  if (!NeedsEscaping(text)) {
    Write('"');
    Write(text);
    Write('"');
  } else {  // escapes and invalid UTF-8 (replaced, never a crash) exactly as nlohmann writes them
    Write(Json(std::string(text)).dump(-1, ' ', false, Json::error_handler_t::replace));
  }
}

JsonStream& JsonStream::Int(int64_t number) {
  Place();
  Write(std::to_string(number));
  return *this;
}

JsonStream& JsonStream::Bool(bool value) {
  Place();
  Write((value ? "true" : "false"));
  return *this;
}

JsonStream& JsonStream::Null() {
  Place();
  Write("null");
  return *this;
}

JsonStream& JsonStream::Value(const Json& value) {
  Place();
  std::string text = value.dump(kIndent, ' ', false, Json::error_handler_t::replace);
  // Strings hold no raw newline (escaped), so every newline starts a line to indent further.
  size_t start = 0;
  for (size_t newline = text.find('\n'); newline != std::string::npos; newline = text.find('\n', start)) {
    Write(std::string_view(text).substr(start, newline + 1 - start));
    Indent(levels_.size());
    start = newline + 1;
  }
  Write(std::string_view(text).substr(start));
  return *this;
}

}  // namespace ds::report
