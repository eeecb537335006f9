#pragma once
/// Deterministic one-line text of schema ops (parser fixtures, debugging) and a compact
/// S-expression of queries (converter tests, lineage debugging).
#include <string>

#include "src/ir/query.h"
#include "src/ir/schema_ops.h"

namespace ds::ir {

/// `3:1 create_table public.users (id integer not null, email text)`,
/// `5:1 drop_column users.email cascade`, `7:1 create_view analytics.v (a, b)`: the span's
/// line:column, the op's kind, its names, then its flags. Queries are not printed.
std::string FormatOp(const SchemaOp& op);

/// `(select (targets (as n (fn:count *))) (from (rel public.users as u)) (where (op:= u.id $1)))`:
/// every clause that is present, in a fixed order.
std::string FormatQuery(const Query& query);

/// One expression in the same notation: `t.col`, `*`, `'1'`, `(fn:sum x)`, `(op:= a b)`, ...
std::string FormatExpr(const Expr& expr);

}  // namespace ds::ir
