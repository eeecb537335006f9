#pragma once
/// Module-level reading shared by the Python frontends (Alembic, Django).
#include <string_view>
#include <utility>
#include <vector>

#include "parsers/treesitter/read_values.h"

namespace ds::parsers::python {

/// One `name = value` (or `name: type = value`) statement of a block.
struct Assignment {
  std::string_view name;
  TSNode value;
  TSNode statement;
};

/// The simple assignments of a block (module or class body), in order.
std::vector<Assignment> Assignments(const ts::SyntaxTree& tree, TSNode block);

/// Names bound to literals at the top of a block: strings, numbers, None, booleans, lists, dicts
/// of those. A later assignment replaces an earlier one, as it would at import time.
ts::Constants LiteralConstants(const ts::SyntaxTree& tree, TSNode block,
                               const ts::Constants& outer = {});

/// `def name(...)` at the top of a block (decorated too), or a null node.
TSNode FindFunction(const ts::SyntaxTree& tree, TSNode block, std::string_view name);
/// `class name(...)` at the top of a block, or a null node.
TSNode FindClass(const ts::SyntaxTree& tree, TSNode block, std::string_view name);

/// Whether a value holds nothing computed at run time.
bool IsLiteral(const Value& value);

}  // namespace ds::parsers::python
