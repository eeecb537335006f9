#pragma once
/// A JSON writer that streams: the large outputs (lineage of thousands of views, tens of MB) are
/// written as they are produced, never held as a document tree. The text is byte for byte what
/// nlohmann's dump(2, ' ', false, replace) writes, so small parts built as trees mix in (Value).
#include <cstdint>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace ds::report {

class JsonStream {
 public:
  explicit JsonStream(std::ostream& out) : out_(out) {}
  ~JsonStream() { Flush(); }
  JsonStream(const JsonStream&) = delete;
  JsonStream& operator=(const JsonStream&) = delete;
  /// Writes what is buffered to the stream (also done on destruction).
  void Flush();

  JsonStream& BeginObject() { return Open('{'); }
  JsonStream& EndObject() { return Close('}'); }
  JsonStream& BeginArray() { return Open('['); }
  JsonStream& EndArray() { return Close(']'); }
  /// The next member's key; its value follows.
  JsonStream& Key(std::string_view key);

  JsonStream& String(std::string_view text);
  JsonStream& Int(int64_t number);
  JsonStream& Bool(bool value);
  JsonStream& Null();
  /// A part built as a tree (a diagnostic, the coverage object), indented to where it stands.
  JsonStream& Value(const nlohmann::ordered_json& value);

  /// `key: value` shorthands.
  JsonStream& Member(std::string_view key, std::string_view text) { return Key(key).String(text); }
  JsonStream& Member(std::string_view key, const char* text) { return Key(key).String(text); }
  JsonStream& Member(std::string_view key, int64_t number) { return Key(key).Int(number); }
  JsonStream& Member(std::string_view key, int number) { return Key(key).Int(number); }
  JsonStream& Member(std::string_view key, bool value) { return Key(key).Bool(value); }

 private:
  struct Level {
    size_t items = 0;
  };
  JsonStream& Open(char bracket);
  JsonStream& Close(char bracket);
  /// Before a value: its separator and indentation, unless it follows its key.
  void Place();
  void Indent(size_t depth);
  void Quoted(std::string_view text);

  /// Appends to the buffer, flushed in large blocks: an ostream insertion per token is slow.
  void Write(std::string_view text);
  void Write(char c) { buffer_.push_back(c); }

  std::ostream& out_;
  std::string buffer_;
  std::vector<Level> levels_;
  bool after_key_ = false;
};

}  // namespace ds::report
