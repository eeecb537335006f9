#pragma once
/// Internal to the Rails frontend: the context of one migration and the call handlers.
#include <map>
#include <string>

#include "src/ir/limits.h"

#include "parsers/ruby/parse_rails.h"
#include "parsers/treesitter/op_sink.h"
#include "parsers/treesitter/read_values.h"

namespace ds::parsers::rails {

struct Context {
  const ts::SyntaxTree& tree;
  const ts::RubyReader& reader;
  OpSink& sink;
  ts::Constants constants;
  double version = 0;  ///< ActiveRecord::Migration[x]; 0 when not written (schema.rb: latest)
  int depth = 0;       ///< bodies (blocks, begin, modules) open around the statement being read
  /// Loop iterations unrolled so far in the file (`%w[a b].each do |t| ... end`), shared by the
  /// contexts a file's reading makes; bounded by ir::kMaxLoopIterations.
  size_t* loop_iterations = nullptr;
  RailsRecord* record = nullptr;  ///< the file's record (its `revert SomeMigration` calls)
  /// While reading a `change` that may be reverted: the first call ActiveRecord cannot invert
  /// (`execute`, `reversible`), else empty.
  std::string* irreversible = nullptr;
  /// `return if column_exists?(:t, :c)` / `table_exists?(:t)` (good_job's migrations): from the
  /// op index `from` on, adding that column or creating that table is IF NOT EXISTS.
  struct EarlyReturn {
    size_t from = 0;
    ir::QualifiedName table;
    std::optional<std::string> column;
  };
  std::vector<EarlyReturn>* early_returns = nullptr;
  /// The migration class's other methods by name (`def update_invoices`): a call to one is read
  /// as its body, its parameters standing for the literal arguments.
  const std::map<std::string, TSNode, std::less<>>* helpers = nullptr;
  /// What undoes a drop_table with its block or a remove_column with its type (ActiveRecord can
  /// invert those), by RestoreKey of the drop: for `revert` (InvertOps).
  std::map<std::string, ir::OpKind>* restores = nullptr;
};

/// The key of a drop in Context::restores: its place and what it drops.
std::string RestoreKey(const ir::SourceSpan& at, const std::string& what);

/// A value a name may stand for while reading: a string, a number, or a list of strings
/// (`TABLES = %i[a b]`, the list a loop runs over).
bool IsLiteral(const Value& value);

/// The ops that undo `ops` (reverse order: create_table -> drop_table, add_column ->
/// remove_column, renames swapped, change_column_null flipped, create_enum -> drop_enum), as
/// `revert` runs a `change`; drop_table with a block and remove_column with a type from
/// `restores`; false and `problem` naming the first op that has no inverse.
bool InvertOps(const std::vector<ir::SchemaOp>& ops, std::vector<ir::SchemaOp>& out, std::string& problem,
               const std::map<std::string, ir::OpKind>* restores = nullptr);

/// `CREATE [MATERIALIZED] VIEW "name" AS ` (`CREATE OR REPLACE VIEW` for replace_view): what
/// Scenic puts before a view's SELECT.
std::string CreateViewPrefix(std::string_view call, const ir::QualifiedName& view, bool materialized);

/// The ops of a Scenic call from its SELECT (`sql`, starting at line:column of call.file): the
/// view as the SQL defines it (the SQL's own places for its query), at the call; update_view
/// drops it first. False (diagnostics of the SQL kept) unless the SQL is one SELECT.
bool ScenicOps(const RailsRecord::ScenicView& call, const std::string& sql, int line, int column,
               std::vector<ir::SchemaOp>& out, std::vector<ir::Diagnostic>& diagnostics);

/// Enters one more nested body; false (and the tree's NoteLimit at `at`) past ir::kMaxNestingDepth.
bool Enter(TSNode at, Context& context);

/// Reads the statements of a method or block body.
void ReadBody(TSNode body, Context& context);

/// One migration call (`create_table ...`, `add_column ...`) of a method or block.
void ReadCall(TSNode call, Context& context);

/// The body of a call's block (`do |t| ... end` / `{ |t| ... }`) and its first parameter.
TSNode BlockBody(TSNode call);
std::string BlockParameter(const ts::SyntaxTree& tree, TSNode call);

/// A column type as PostgreSQL prints it: `:string, limit: 40` -> `character varying(40)`.
/// `options` is the call holding limit:, precision:, scale:, array:.
std::string ColumnType(std::string_view type, const Value& options, double version);

/// The type of a `references` column: `type:` or bigint (integer before Rails 5.1).
std::string ReferenceType(const Value& options, double version);

/// "schema.table" / :table -> a qualified name (Rails splits on the dot).
ir::QualifiedName TableName(const std::string& name);

}  // namespace ds::parsers::rails
