// Column resolution, as PostgreSQL's parse_relation.c does it: the innermost scope first, then
// the enclosing ones (correlated subqueries); a one-part name is a column before it is a
// whole-row reference; ambiguity and misses become diagnostics with PostgreSQL's wording.
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
  for (const ColumnSource& leaf : leaves) refs_[{leaf.relation, leaf.column}] |= usage;
}

void Tracer::Diagnose(uint32_t offset, std::string message) {
  ir::Diagnostic diagnostic;
  diagnostic.severity = ir::Severity::kWarning;
  diagnostic.span = source_ != nullptr ? source_->SpanAt(offset) : fallback_;
  diagnostic.message = std::move(message);
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
        size_t distance = EditDistance(name, column.name);
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

std::optional<Leaves> Tracer::ResolveColumn(const ir::Expr& ref, const Scope& scope, bool quiet) {
  const std::vector<std::string>& names = ref.names;
  if (names.empty()) return Leaves{};
  if (names.size() == 1) return ResolveUnqualified(ref, scope, quiet);
  // db.schema.table.col: the database part is ignored, as PostgreSQL does for the current one.
  std::vector<std::string> qualifier(names.begin(), names.end() - 1);
  if (qualifier.size() > 2) qualifier.erase(qualifier.begin());
  const std::string& column = names.back();
  if (const Source* source = FindSource(qualifier, scope)) {
    if (source->opaque) return Leaves{};
    std::vector<const SourceColumn*> found = source->Find(column);
    if (found.size() == 1) return found[0]->leaves;
    if (!quiet) {
      std::string full = Joined(qualifier, qualifier.size()) + "." + column;
      if (found.empty()) {
        std::string message = "column " + full + " does not exist";
        Source only = *source;
        Scope alone;
        alone.sources.push_back(std::move(only));
        std::string hint = Suggestion(column, alone);
        if (!hint.empty()) message += "; did you mean \"" + hint + "\"?";
        Diagnose(ref.offset, std::move(message));
      } else {
        Diagnose(ref.offset, "column reference \"" + full + "\" is ambiguous");
      }
    }
    return std::nullopt;
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
  if (!quiet) {
    Diagnose(ref.offset, "missing FROM-clause entry for table \"" +
                             Joined(qualifier, qualifier.size()) + "\"");
  }
  return std::nullopt;
}

std::optional<Leaves> Tracer::ResolveUnqualified(const ir::Expr& ref, const Scope& scope,
                                                 bool quiet) {
  const std::string& name = ref.names[0];
  for (const Scope* level = &scope; level != nullptr; level = level->parent) {
    std::vector<const SourceColumn*> found;
    bool opaque = false;
    for (const Source& source : level->sources) {
      if (!source.cols_visible) continue;
      opaque = opaque || source.opaque;
      for (const SourceColumn* column : source.Find(name)) found.push_back(column);
    }
    if (found.size() == 1) return found[0]->leaves;
    if (found.size() > 1) {
      if (!quiet) Diagnose(ref.offset, "column reference \"" + name + "\" is ambiguous");
      return std::nullopt;
    }
    // A relation we could not read may well have this column: stay silent.
    if (opaque) return Leaves{};
  }
  if (const Source* source = FindSource({name}, scope)) {
    return Under(Transform::kTransformation, AllColumns(*source));  // whole-row reference
  }
  if (!quiet) {
    std::string message = "column \"" + name + "\" does not exist";
    std::string hint = Suggestion(name, scope);
    if (!hint.empty()) message += "; did you mean \"" + hint + "\"?";
    Diagnose(ref.offset, std::move(message));
  }
  return std::nullopt;
}

}  // namespace ds::lineage::detail
