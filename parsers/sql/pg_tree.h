#pragma once
/// Internal to parsers/sql: libpg_query's protobuf tree, owned, and small accessors over it.
/// Nothing outside parsers/sql includes this header.
#include <pg_query.h>
#include <pg_query/pg_query.pb-c.h>

#include <string>
#include <string_view>
#include <vector>

#include "src/ir/names.h"

namespace ds::parsers::pg {

/// The parse of one text: either a tree (owned, freed on destruction) or an error.
class ParseTree {
 public:
  explicit ParseTree(const std::string& nul_terminated_text);
  ~ParseTree();
  ParseTree(const ParseTree&) = delete;
  ParseTree& operator=(const ParseTree&) = delete;

  bool ok() const { return tree_ != nullptr; }
  const PgQuery__ParseResult& tree() const { return *tree_; }
  const std::string& error_message() const { return error_message_; }
  /// 1-based character position of the error, 0 when unknown.
  int error_cursor() const { return error_cursor_; }
  /// The text was refused for a bound on hostile input (size, nesting), not a syntax error.
  bool limit() const { return limit_; }

 private:
  PgQueryProtobufParseResult raw_{};
  PgQuery__ParseResult* tree_ = nullptr;
  std::string error_message_;
  int error_cursor_ = 0;
  bool limit_ = false;
};

/// A statement found by the scanner: byte range in the text that was split.
struct StatementRange {
  uint32_t begin = 0;
  uint32_t length = 0;
};

/// Splits text into statements with libpg_query's scanner (works on text that does not parse).
/// Returns false when even the scanner fails (an unterminated string or comment).
bool SplitStatements(const std::string& nul_terminated_text, std::vector<StatementRange>& out);

/// The text of a String node, "" for anything else (or null).
std::string_view StringOf(const PgQuery__Node* node);
/// The String items of a List-like array (names, column lists); other items are skipped.
std::vector<std::string> StringsOf(PgQuery__Node* const* items, size_t n);
/// The items of a List node (empty for null or other nodes).
std::vector<PgQuery__Node*> ListItems(const PgQuery__Node* node);
/// A RangeVar as a name (schema empty when unqualified; the catalog part is dropped).
ir::QualifiedName NameOf(const PgQuery__RangeVar* range_var);
/// Dotted name parts ([schema,] name) as a QualifiedName; three parts drop the database.
ir::QualifiedName NameOf(const std::vector<std::string>& parts);
/// The message type of a node, as libpg_query names it: "CreateStmt", "DoStmt", ...
std::string NodeTypeName(const PgQuery__Node* node);
/// Every Node directly below `node` (one level, in field order), for node types we do not
/// convert one by one: nothing underneath is lost.
std::vector<const PgQuery__Node*> ChildNodes(const PgQuery__Node* node);
/// The name libpg_query gives an enum value ("AT_AddColumn", "SVFOP_CURRENT_DATE"), "" if none.
std::string EnumValueName(const ProtobufCEnumDescriptor& descriptor, int value);

}  // namespace ds::parsers::pg
