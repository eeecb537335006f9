// Column resolution, as PostgreSQL's parse_relation.c does it: the innermost scope first, then
// the enclosing ones (correlated subqueries); a one-part name is a column before it is a
// whole-row reference; ambiguity and misses become diagnostics with PostgreSQL's wording. A
// block with lateral column aliases (ir::Query::lateral_aliases) tries its select items' aliases
// after its own input columns.
#include <algorithm>

#include "src/ir/suggest.h"
#include "src/lineage/tracer.h"

namespace ds::lineage::detail {

namespace {

std::string Joined(const std::vector<std::string>& parts, size_t count) {
  std::string out;
  for (size_t i = 0; i < count && i < parts.size(); ++i) {
    if (i > 0) out += '.';
    out += parts[i];
  }
  return out;
}

}  // namespace

Leaves Tracer::AllColumns(const Source& source) {
  Leaves all;
  for (const SourceColumn& column : source.columns) all.insert(column.leaves.begin(), column.leaves.end());
  return all;
}

void Tracer::Record(const Leaves& leaves, uint8_t usage) {
  for (const ColumnSource& leaf : leaves) refs_[{leaf.relation, leaf.column, leaf.unresolved}] |= usage;
}

void Tracer::Diagnose(uint32_t offset, std::string message, ir::DiagCode code) {
  ir::Diagnostic diagnostic;
  diagnostic.severity = ir::Severity::kWarning;
  diagnostic.span = source_ != nullptr ? source_->SpanAt(offset) : fallback_;
  diagnostic.message = std::move(message);
  diagnostic.code = code;
  diagnostics_.push_back(std::move(diagnostic));
}

const Source* Tracer::FindSource(const std::vector<std::string>& qualifier,
                                 const Scope& scope) const {
  for (const Scope* level = &scope; level != nullptr; level = level->parent) {
    for (const Source& source : level->sources) {
      if (source.rel_visible && source.Matches(qualifier)) return &source;
    }
  }
  return nullptr;
}

std::string Tracer::Suggestion(const std::string& name, const Scope& scope) const {
  std::string best;
  size_t best_distance = name.size() / 2 + 1;
  for (const Scope* level = &scope; level != nullptr; level = level->parent) {
    for (const Source& source : level->sources) {
      if (!source.rel_visible && !source.cols_visible) continue;
      for (const SourceColumn& column : source.columns) {
        size_t distance = ir::EditDistance(name, column.name);
        bool tie_but_earlier = distance == best_distance && !best.empty() && column.name < best;
        if (distance < best_distance || tie_but_earlier) {
          best = column.name;
          best_distance = distance;
        }
      }
    }
  }
  return best;
}

std::string Tracer::AliasSuggestion(const std::string& name, const Scope& scope) const {
  std::string best;
  size_t best_distance = name.size() / 2 + 1;
  for (const Scope* level = &scope; level != nullptr; level = level->parent) {
    for (const Source& source : level->sources) {
      if (!source.rel_visible || source.alias.empty()) continue;
      // `users.email FROM users u`: the alias hides the table's own name.
      if (source.aliased && source.relation && source.relation->name == name) return source.alias;
      size_t distance = ir::EditDistance(name, source.alias);
      if (distance < best_distance || (distance == best_distance && source.alias < best)) {
        best = source.alias;
        best_distance = distance;
      }
    }
  }
  return best;
}

std::string Tracer::RelationSuggestion(const ir::QualifiedName& name, const Scope& scope) const {
  std::string best;
  size_t best_distance = name.name.size() / 2 + 1;
  auto consider = [&](const std::string& candidate, const std::string& shown) {
    size_t distance = ir::EditDistance(name.name, candidate);
    if (distance < best_distance || (distance == best_distance && shown < best)) {
      best = shown;
      best_distance = distance;
    }
  };
  auto consider_relation = [&](const ir::QualifiedName& relation) {
    if (name.Qualified() && relation.schema != name.schema) return;
    bool on_path = std::find(search_path_.begin(), search_path_.end(), relation.schema) !=
                   search_path_.end();
    consider(relation.name, name.Qualified() || !on_path ? relation.ToString() : relation.name);
  };
  // A qualified name is only compared with its own schema's relations (maps are ordered by schema
  // first): a project with thousands of missing sources stays linear.
  auto range = [&](const auto& map) {
    if (!name.Qualified()) return std::make_pair(map.begin(), map.end());
    auto first = map.lower_bound(ir::QualifiedName{name.schema, ""});
    auto last = first;
    while (last != map.end() && last->first.schema == name.schema) ++last;
    return std::make_pair(first, last);
  };
  auto [t0, t1] = range(catalog_.tables());
  for (auto it = t0; it != t1; ++it) consider_relation(it->first);
  auto [v0, v1] = range(catalog_.views());
  for (auto it = v0; it != v1; ++it) {
    if (!it->second.gone) consider_relation(it->first);
  }
  if (!name.Qualified()) {
    for (const Scope* level = &scope; level != nullptr; level = level->parent) {
      for (const auto& [cte, shape] : level->ctes) consider(cte, cte);
    }
  }
  return best;
}

std::optional<Leaves> Tracer::ResolveColumn(const ir::Expr& ref, const Scope& scope, bool quiet) {
  const std::vector<std::string>& names = ref.names;
  if (names.empty()) return Leaves{};
  if (names.size() == 1) return ResolveUnqualified(ref, scope, quiet);
  // db.schema.table.col: the database part is ignored, as PostgreSQL does for the current one.
  std::vector<std::string> qualifier(names.begin(), names.end() - 1);
  if (qualifier.size() > 2) qualifier.erase(qualifier.begin());
  const std::string& column = names.back();
  if (const Source* source = FindSource(qualifier, scope)) {
    std::vector<const SourceColumn*> found = source->Find(column);
    if (found.size() == 1) return found[0]->leaves;
    if (source->opaque) return UnresolvedLeaf(source->LeafName(), column);
    if (quiet) return std::nullopt;
    std::string full = Joined(qualifier, qualifier.size()) + "." + column;
    if (found.empty()) {
      std::string message = "column " + full + " does not exist";
      Scope alone;
      alone.sources.push_back(*source);
      std::string hint = Suggestion(column, alone);
      if (!hint.empty()) message += "; did you mean \"" + hint + "\"?";
      Diagnose(ref.offset, std::move(message), ir::DiagCode::kUnknownColumn);
    } else {
      Diagnose(ref.offset, "column reference \"" + full + "\" is ambiguous", ir::DiagCode::kAmbiguousColumn);
    }
    return UnresolvedLeaf(source->LeafName(), column);
  }
  // `c.f` may select field f of a composite column c.
  if (qualifier.size() == 1) {
    ir::Expr head;
    head.kind = ir::ExprKind::kColumnRef;
    head.offset = ref.offset;
    head.names = {qualifier[0]};
    if (std::optional<Leaves> composite = ResolveUnqualified(head, scope, true)) {
      return Under(Transform::kTransformation, *composite);
    }
  }
  if (quiet) return std::nullopt;
  std::string message =
      "missing FROM-clause entry for table \"" + Joined(qualifier, qualifier.size()) + "\"";
  std::string hint = qualifier.size() == 1 ? AliasSuggestion(qualifier[0], scope) : "";
  if (!hint.empty()) message += "; did you mean \"" + hint + "\"?";
  Diagnose(ref.offset, std::move(message), ir::DiagCode::kUnknownColumn);
  ir::QualifiedName written{qualifier.size() == 2 ? qualifier[0] : "", qualifier.back()};
  return UnresolvedLeaf(std::move(written), column);
}

std::optional<Leaves> Tracer::ResolveUnqualified(const ir::Expr& ref, const Scope& scope,
                                                 bool quiet) {
  const std::string& name = ref.names[0];
  for (const Scope* level = &scope; level != nullptr; level = level->parent) {
    std::vector<const SourceColumn*> found;
    std::vector<const Source*> opaque;
    for (const Source& source : level->sources) {
      if (!source.cols_visible) continue;
      if (source.opaque) opaque.push_back(&source);
      for (const SourceColumn* column : source.Find(name)) found.push_back(column);
    }
    if (found.size() == 1) return found[0]->leaves;
    if (found.size() > 1) {
      if (quiet) return std::nullopt;
      Diagnose(ref.offset, "column reference \"" + name + "\" is ambiguous", ir::DiagCode::kAmbiguousColumn);
      return UnresolvedLeaf({}, name);
    }
    // No input column of this block has the name: a lateral column alias of the block (the
    // latest one so named) before an enclosing block's columns, as DuckDB's binder orders it.
    const SourceColumn* alias = nullptr;
    if (level->aliases != nullptr) {
      for (auto it = level->aliases->rbegin(); it != level->aliases->rend() && !alias; ++it) {
        if (it->name == name) alias = &*it;
      }
    }
    // A relation we could not read may well have this column: no diagnostic of our own (the
    // relation has one), but the read is kept, on that relation when there is only one. Its
    // column would win over an alias, so with an alias of that name both are kept.
    if (!opaque.empty()) {
      Leaves leaves =
          UnresolvedLeaf(opaque.size() == 1 ? opaque[0]->LeafName() : ir::QualifiedName{}, name);
      if (alias != nullptr) leaves.insert(alias->leaves.begin(), alias->leaves.end());
      return leaves;
    }
    if (alias != nullptr) return alias->leaves;
  }
  if (const Source* source = FindSource({name}, scope)) {
    return Under(Transform::kTransformation, AllColumns(*source));  // whole-row reference
  }
  if (quiet) return std::nullopt;
  std::string message = "column \"" + name + "\" does not exist";
  std::string hint = Suggestion(name, scope);
  if (!hint.empty()) message += "; did you mean \"" + hint + "\"?";
  Diagnose(ref.offset, std::move(message), ir::DiagCode::kUnknownColumn);
  return UnresolvedLeaf({}, name);
}

}  // namespace ds::lineage::detail
