#pragma once
/// Internal to the Alembic frontend: the context of one upgrade() and the op.* handlers.
#include <string>
#include <vector>

#include "parsers/treesitter/op_sink.h"
#include "parsers/treesitter/read_values.h"

namespace ds::parsers::alembic {

/// `with op.batch_alter_table("t", schema="s") as batch_op:`: calls on `alias` act on the table.
struct Batch {
  std::string alias;
  ir::QualifiedName table;
};

struct Context {
  const ts::SyntaxTree& tree;
  OpSink& sink;
  ts::Constants constants;  ///< module-level literals, then upgrade()'s own
  int depth = 0;            ///< blocks (with, try) open around the statement being read
  std::vector<std::string> calling;  ///< module functions being read in place (no recursion)
  int expansions = 0;                ///< function bodies read in place so far (bounded)
  std::vector<std::string> expanded;  ///< the functions read in place so far, once each
  ts::Constants module;              ///< module-level names, what a function body sees
};

/// One `op.<method>(...)` call (`batch` set for `batch_op.<method>(...)`).
void ReadOpCall(const Value& call, std::string_view method, const Batch* batch, Context& context);

/// Whether an op.* method may change a table's columns (not an index, constraint, bind, ...).
bool MayChangeColumns(std::string_view method);

/// Whether a call makes an alembic_utils entity (`PGView(...)`, `PGFunction(...)`): kept under
/// its name for op.create_entity / replace_entity / drop_entity.
bool IsEntity(const Value& value);

/// A table or column name: a string, `op.f("...")`, `sa.quoted_name("...", ...)`.
std::optional<std::string> NameOf(const Value* value);

}  // namespace ds::parsers::alembic
