#pragma once
/// Schema-qualified relation names and PostgreSQL's identifier folding.
#include <compare>
#include <string>
#include <string_view>

namespace ds::ir {

/// The schema of the relations that stand for what a template could not render where SQL
/// expects a relation or a whole query (a macro that is not run: `__macro__.<macro>`). Reading
/// one is opaque and silent: the template's own diagnostic already says why.
inline constexpr std::string_view kPlaceholderSchema = "__macro__";

/// A relation (table, view) or type name. `schema` is empty while the name is still unqualified;
/// the catalog qualifies it through the search_path in force.
struct QualifiedName {
  std::string schema;
  std::string name;

  bool Qualified() const { return !schema.empty(); }
  /// "schema.name", or "name" when unqualified.
  std::string ToString() const { return schema.empty() ? name : schema + "." + name; }
  auto operator<=>(const QualifiedName&) const = default;
};

/// The one place identifiers are folded as PostgreSQL folds them: `"Quoted"` keeps its case (and
/// loses the quotes, `""` unescaped), anything else is lower-cased (ASCII only, as Postgres does).
/// Names that came out of libpg_query are already folded and must not go through here again.
std::string FoldIdentifier(std::string_view raw);

/// Parses a dotted name such as `Analytics."Customers"` with FoldIdentifier on each part.
/// One part gives an unqualified name; three parts drop the database.
QualifiedName ParseQualifiedName(std::string_view dotted);

}  // namespace ds::ir
