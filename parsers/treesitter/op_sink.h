#pragma once
/// Where a framework frontend puts what it reads of a file: ops and diagnostics with the
/// file:line:col of each call, SQL strings sent through the SQL frontend in place.
#include <string>

#include "parsers/treesitter/value.h"
#include "src/ir/parsed_file.h"

namespace ds::parsers {

class OpSink {
 public:
  OpSink(ir::ParsedFile& out, std::string path) : out_(out), path_(std::move(path)) {}

  const std::string& path() const { return path_; }
  ir::ParsedFile& file() { return out_; }
  /// An op at the place of `at` (a call, usually).
  void Add(const Value& at, ir::OpKind op);
  /// A warning at the place of `at`.
  void Warn(const Value& at, std::string message, ir::DiagCode code = ir::DiagCode::kUnsupported);
  /// An Unknown op plus a warning naming `what` (a call we cannot read statically).
  void NotUnderstood(const Value& at, const std::string& what);
  /// SQL held by a string literal, parsed by the SQL frontend at the string's place in the file;
  /// anything else (an f-string, a variable) is NotUnderstood.
  void EmbeddedSql(const Value& sql, const Value& call);

 private:
  ir::ParsedFile& out_;
  std::string path_;
};

}  // namespace ds::parsers
