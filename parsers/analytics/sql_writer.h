#pragma once
/// The rendered SQL of a model, written so that its lines stay the model file's lines: each
/// newline of the template's text moves the output to the same line as the source, adding the
/// newlines that tags swallowed and joining the surplus a loop produced; short replacements are
/// padded so columns line up where that cannot change the SQL.
#include <string>
#include <string_view>

#include "src/ir/names.h"

namespace ds::analytics::jinja {

class SqlWriter {
 public:
  /// `synced`: keep the source's line structure (false for `{% set %}` blocks, which capture).
  explicit SqlWriter(bool synced = true) : synced_(synced) {}

  /// Copies template text that starts at source `line`:`column`.
  void Template(std::string_view text, int line, int column);
  /// Writes a computed value (an expression's output) found at source `line`:`column`.
  void Value(std::string_view text, int line, int column);
  /// The placeholder for an unknown value at `line`:`column`, chosen from what is written so
  /// far and the template character after the tag (see PlaceholderFor).
  void Placeholder(const std::string& what, char next, int line, int column);

  const std::string& text() const { return out_; }
  std::string Take() { return std::move(out_); }

 private:
  void Append(std::string_view text);
  /// Catches the output up to `line`:`column` when that cannot join or split a token.
  void Align(int line, int column, char first);
  /// A source newline: the output goes to `line`, or stays on its line if already past it.
  void NewlineTo(int line);
  bool CommentOpen() const;
  bool InString() const;

  bool synced_;
  std::string out_;
  int line_ = 1;
  int column_ = 1;
  bool line_quotes_odd_ = false;  ///< the current line holds an odd number of '
  char quote_ = 0;                ///< the quote open on the current line (for `--`)
  bool comment_open_ = false;     ///< a `--` comment runs to the end of the current line
};

/// The placeholder relation of `what` (`__macro__.dbt_utils_union_relations`).
std::string PlaceholderRelation(const std::string& what);

/// SQL standing for an unknown value (`what`, such as "dbt_utils.star") given the SQL written
/// before it and the character after it: a bare identifier inside a name (`amount_{{ x }}`,
/// `{{ s }}.users`), the relation `__macro__.<what>` (ir::kPlaceholderSchema) where FROM/JOIN
/// expects one, a comment where FROM continues after a relation, `select * from
/// __macro__.<what>` where a whole query goes (the model's statement, a UNION branch), and the
/// call `__macro__.<what>()` anywhere else.
std::string PlaceholderFor(std::string_view before, char next, const std::string& what);

}  // namespace ds::analytics::jinja
