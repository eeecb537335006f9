#include "parsers/analytics/dbt_resolve.h"

#include <cstdlib>

namespace ds::analytics {
namespace {

bool VersionBefore(const std::string& a, const std::string& b) {
  char *end_a = nullptr, *end_b = nullptr;
  double x = std::strtod(a.c_str(), &end_a), y = std::strtod(b.c_str(), &end_b);
  if (!a.empty() && !b.empty() && *end_a == '\0' && *end_b == '\0') return x < y;
  return a < b;
}

std::string Describe(const jinja::RelationUse& use) {
  if (use.kind == jinja::RelationUse::Kind::kSource) return "source('" + use.name + "', '" + use.table + "')";
  std::string out = "ref(";
  if (!use.package.empty()) out += "'" + use.package + "', ";
  out += "'" + use.name + "'";
  if (!use.version.empty()) out += ", v=" + use.version;
  return out + ")";
}

}  // namespace

void Resolver::Init(std::string project, std::string default_schema) {
  project_ = std::move(project);
  default_schema_ = std::move(default_schema);
}

void Resolver::AddModel(const Model& model) {
  models_[model.name].push_back(Entry{model.version, model.latest_version, Resolved{model.relation, model.unique_id}});
}

void Resolver::AddSeed(const Seed& seed) {
  models_[seed.name].push_back(Entry{"", "", Resolved{seed.relation, seed.unique_id}});
}

void Resolver::AddSource(const Source& source) {
  sources_[{source.source_name, source.table_name}] = Resolved{source.relation, source.unique_id};
}

Resolved Resolver::Resolve(const jinja::RelationUse& use) const {
  if (use.kind == jinja::RelationUse::Kind::kSource) {
    auto it = sources_.find({use.name, use.table});
    if (it != sources_.end()) return it->second;
    return Resolved{ir::QualifiedName{use.name, use.table}, ""};
  }
  Resolved missing{ir::QualifiedName{default_schema_, use.name}, ""};
  if (!use.package.empty() && use.package != project_) return missing;
  auto it = models_.find(use.name);
  if (it == models_.end()) return missing;
  const std::vector<Entry>& entries = it->second;
  if (!use.version.empty()) {
    for (const Entry& e : entries) {
      if (e.version == use.version) return e.resolved;
    }
    return missing;
  }
  const Entry* best = &entries.front();
  for (const Entry& e : entries) {
    if (!e.latest_version.empty() && e.version == e.latest_version) return e.resolved;
    if (VersionBefore(best->version, e.version)) best = &e;
  }
  return best->resolved;
}

void Resolver::Depend(const std::vector<jinja::RelationUse>& uses, const std::string& file,
                      std::vector<ir::QualifiedName>& relations, std::vector<std::string>& ids,
                      std::vector<ir::Diagnostic>& diagnostics) const {
  for (const jinja::RelationUse& use : uses) {
    Resolved r = Resolve(use);
    relations.push_back(r.relation);
    if (!r.unique_id.empty()) {
      ids.push_back(r.unique_id);
      continue;
    }
    std::string what = use.kind == jinja::RelationUse::Kind::kSource ? "source" : "model";
    std::string message = !use.package.empty() && use.package != project_
                              ? Describe(use) + " names a model of another package: read as " + r.relation.ToString()
                              : Describe(use) + " names no " + what + " of the project: read as " + r.relation.ToString();
    diagnostics.push_back(ir::Diagnostic{ir::Severity::kWarning, ir::SourceSpan{file, use.line, use.column}, message,
                                                 ir::DiagCode::kUnknownRelation});
  }
  SortUnique(relations);
  SortUnique(ids);
}

Exposure Resolver::ResolveExposure(const ExposureProps& props, jinja::RenderContext context,
                                   std::vector<ir::Diagnostic>& diagnostics) const {
  Exposure e = props.exposure;
  context.file = e.file;
  context.resolve = [this](const jinja::RelationUse& use) { return Resolve(use).relation; };
  for (const auto& [text, line] : props.depends_on) {
    std::vector<jinja::RelationUse> uses;
    std::vector<ir::Diagnostic> found;
    jinja::EvaluateExpression(text, context, line, uses, found);
    for (jinja::RelationUse& use : uses) use.column = 0;  // inside a YAML string
    Depend(uses, e.file, e.depends_on, e.depends_on_ids, found);
    if (uses.empty() && found.empty()) {
      found.push_back(ir::Diagnostic{ir::Severity::kWarning, ir::SourceSpan{e.file, line, 0},
                                     "exposure '" + e.name + "' depends on '" + text + "', which is not a ref() or source()",
                                     ir::DiagCode::kUnsupported});
    }
    diagnostics.insert(diagnostics.end(), found.begin(), found.end());
  }
  return e;
}

}  // namespace ds::analytics
