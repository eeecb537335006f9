#include "parsers/treesitter/op_sink.h"

#include "parsers/sql/parse_sql.h"

namespace ds::parsers {

void OpSink::Add(const Value& at, ir::OpKind op) {
  out_.ops.push_back(ir::SchemaOp{ir::SourceSpan{path_, at.line, at.column}, std::move(op)});
}

void OpSink::Warn(const Value& at, std::string message, ir::DiagCode code) {
  out_.diagnostics.push_back(
      ir::Diagnostic{ir::Severity::kWarning, ir::SourceSpan{path_, at.line, at.column}, std::move(message), code});
}

void OpSink::NotUnderstood(const Value& at, const std::string& what) {
  Add(at, ir::Unknown{what});
  Warn(at, "not understood: " + what + " may change the schema");
}

void OpSink::EmbeddedSql(const Value& sql, const Value& call) {
  if (!sql.IsString()) {
    NotUnderstood(call, Describe(call) + " with SQL that is not a string literal (" + Describe(sql) + ")");
    return;
  }
  ir::ParsedFile parsed = ParseEmbeddedSql(path_, sql.text, sql.content_line, sql.content_column);
  for (ir::SchemaOp& op : parsed.ops) out_.ops.push_back(std::move(op));
  for (ir::Diagnostic& d : parsed.diagnostics) out_.diagnostics.push_back(std::move(d));
}

}  // namespace ds::parsers
