#pragma once
/// Internal to src/lineage: the scope model (sqlglot's optimizer/scope.py, DuckDB's BindContext).
/// A scope is one query block: the sources its FROM makes visible, the CTEs its WITH defines,
/// and the enclosing block (for correlated references and outer CTEs).
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "src/lineage/lineage.h"

namespace ds::lineage::detail {

/// The catalog columns a value is made of, each with how it is transformed on the way.
using Leaves = std::set<ColumnSource>;

/// Identity < transformation < aggregation: the stronger transform wins when composed.
inline Transform Compose(Transform outer, Transform inner) {
  return static_cast<uint8_t>(outer) > static_cast<uint8_t>(inner) ? outer : inner;
}
/// Every direct leaf composed with `outer`; indirect leaves unchanged.
Leaves Under(Transform outer, const Leaves& leaves);
/// Every leaf as an indirect input of `kind` (a CASE condition, a window's partition, ...).
Leaves AsIndirect(Indirect kind, const Leaves& leaves);
/// One unresolved leaf: a name that resolves nowhere, kept as a value.
Leaves UnresolvedLeaf(ir::QualifiedName relation, std::string column);

/// An output column of a query block or a column of a source: its name and its leaves.
struct SourceColumn {
  std::string name;
  Leaves leaves;
};

/// One namespace item (PostgreSQL's ParseNamespaceItem): a FROM item, or a join's own columns.
struct Source {
  std::string alias;  ///< what qualifies its columns: alias, else relation/CTE/function name
  std::optional<ir::QualifiedName> relation;  ///< a catalog relation (for schema.table.col)
  bool aliased = false;       ///< an explicit alias hides the relation's own name
  std::vector<SourceColumn> columns;
  bool rel_visible = true;    ///< `alias.col`, `alias.*` and whole-row `alias` resolve to it
  bool cols_visible = true;   ///< unqualified `col` and bare `*` search it
  /// Columns unknown (missing relation, cycle), or some unknown beyond `columns` (a `*` over
  /// such a relation): lookups of other names stay silent.
  bool opaque = false;
  /// A CTE or derived table passing on the unknown columns of one relation (`select * from
  /// raw.users`): what unresolved reads of it name. Empty otherwise.
  ir::QualifiedName unknown_from;

  /// The columns named `name` (several in a join with duplicate names).
  std::vector<const SourceColumn*> Find(const std::string& name) const;
  /// True when `alias` (one part) or `schema.name` (two parts) designates this source.
  bool Matches(const std::vector<std::string>& qualifier) const;
  /// What an unresolved leaf of this source names: its relation, else its alias.
  ir::QualifiedName LeafName() const;
};

/// A CTE's output once traced.
struct CteShape {
  std::string name;
  std::vector<SourceColumn> columns;
  bool open = false;  ///< it may output more columns than `columns` (Tracer::last_open)
  ir::QualifiedName open_from;  ///< whose unknown columns (Tracer::last_open_from)
};

struct Scope {
  const Scope* parent = nullptr;                 ///< enclosing block, or null at the top
  std::vector<Source> sources;                   ///< FROM order
  std::map<std::string, const CteShape*> ctes;   ///< WITH of this block
  const std::vector<SourceColumn>* outputs = nullptr;  ///< select list, for ORDER BY alias
  const std::vector<ir::WindowSpec>* windows = nullptr;  ///< WINDOW clause, for OVER w
  /// Lateral column aliases (ir::Query::lateral_aliases): the select items named so far, which a
  /// bare name that is no input column of this block designates. Null when the block has none.
  const std::vector<SourceColumn>* aliases = nullptr;
  /// GROUP BY / ORDER BY may name a non-integer constant (ir::Query::constant_keys).
  bool constant_keys = false;

  /// The CTE called `name` in this block or an enclosing one.
  const CteShape* FindCte(const std::string& name) const;
};

/// The name PostgreSQL gives an output column with no alias (FigureColname): the column name,
/// else the function name, else "?column?".
std::string FigureName(const ir::Expr& expr);

}  // namespace ds::lineage::detail
