// Mirror inference: for each warehouse schema, every production schema and table pattern is
// scored by how many of the warehouse tables it explains. The patterns tried are the identity and
// each prefix or suffix that turns a production table's name into a warehouse table's name
// (`app_users` over `users`: "app_{table}"); names compare case-insensitively.
#include "src/engine/mirror_inference.h"

#include <algorithm>
#include <cctype>
#include <tuple>

#include "src/engine/revision.h"

namespace ds::engine {

namespace {

constexpr size_t kMaxAffix = 24;  // longer "prefixes" are not naming conventions

std::string Lower(const std::string& text) { return ir::FoldIdentifier(text); }

struct Candidate {
  std::string schema;   ///< production
  std::string pattern;  ///< lower case
  size_t matched = 0;
};

// The patterns under which some warehouse table is the copy of some production table.
std::set<std::string> Patterns(const std::set<std::string>& warehouse, const std::set<std::string>& production) {
  std::set<std::string> out = {"{table}"};
  for (const std::string& written : warehouse) {
    std::string w = Lower(written);
    for (const std::string& p : production) {
      if (w.size() <= p.size() || w.size() - p.size() > kMaxAffix) continue;
      if (w.ends_with(p)) out.insert(w.substr(0, w.size() - p.size()) + "{table}");
      if (w.starts_with(p)) out.insert("{table}" + w.substr(p.size()));
    }
  }
  return out;
}

// The best pattern of one production schema: most tables explained, then the identity, then the
// shortest pattern.
Candidate BestPattern(const std::string& schema, const std::set<std::string>& warehouse,
                      const std::set<std::string>& production) {
  Candidate best{schema, "{table}", 0};
  for (const std::string& pattern : Patterns(warehouse, production)) {
    size_t matched = 0;
    for (const std::string& w : warehouse) {
      std::string table = analytics::UnwrapTable(w, pattern);
      if (!table.empty() && production.count(table)) ++matched;
    }
    auto rank = [](size_t m, const std::string& p) { return std::make_tuple(m, p == "{table}", -static_cast<long>(p.size())); };
    if (rank(matched, pattern) > rank(best.matched, best.pattern)) best = {schema, pattern, matched};
  }
  return best;
}

bool Enough(size_t matched, size_t total) {
  return matched > 0 && (matched == total || (matched >= 2 && matched * 5 >= total * 4));
}

// `tap_postgres_public` or `public_raw` names the production schema it copies.
bool NamesSchema(const std::string& warehouse, const std::string& production) {
  std::string w = Lower(warehouse);
  return w == production || w.ends_with("_" + production) || w.starts_with(production + "_");
}

std::string Names(const std::vector<Candidate>& candidates) {
  std::string out;
  for (size_t i = 0; i < candidates.size(); ++i) {
    out += (i == 0 ? "" : i + 1 == candidates.size() ? " and " : ", ") + candidates[i].schema;
  }
  return out;
}

std::string PinHint(const std::string& warehouse, const std::string& production, const std::string& pattern) {
  if (pattern == "{table}") return "warehouse: mirrors: " + warehouse + ": " + production;
  return "warehouse: mirrors: " + warehouse + ": {schema: " + production + ", table_pattern: \"" + pattern + "\"}";
}

}  // namespace

MirrorInference InferMirrors(const std::map<std::string, WarehouseSchema>& warehouse,
                             const catalog::Catalog& production, const std::vector<analytics::Mirror>& configured) {
  std::map<std::string, std::set<std::string>> tables;  // production schema -> lower-case tables
  for (const auto& [name, table] : production.tables()) {
    if (!table.gone) tables[Lower(name.schema)].insert(Lower(name.name));
  }
  MirrorInference out;
  for (const auto& [schema, read] : warehouse) {
    const std::string wanted = Lower(schema);  // clang 14 cannot capture a structured binding
    bool pinned = std::any_of(configured.begin(), configured.end(),
                              [&](const analytics::Mirror& m) { return Lower(m.warehouse_schema) == wanted; });
    if (pinned || read.tables.empty() || tables.count(Lower(schema))) continue;
    std::vector<Candidate> ranked;
    for (const auto& [production_schema, names] : tables) {
      Candidate c = BestPattern(production_schema, read.tables, names);
      if (c.matched > 0) ranked.push_back(c);
    }
    if (ranked.empty()) continue;  // nothing like a copy: the unmapped sources say so
    std::stable_sort(ranked.begin(), ranked.end(), [](const Candidate& a, const Candidate& b) { return a.matched > b.matched; });
    std::vector<Candidate> top;
    for (const Candidate& c : ranked) {
      if (c.matched == ranked.front().matched) top.push_back(c);
    }
    if (top.size() > 1) {  // a tie: the warehouse schema's name may say which
      std::vector<Candidate> named;
      for (const Candidate& c : top) {
        if (NamesSchema(schema, c.schema)) named.push_back(c);
      }
      if (named.size() == 1) top = named;
    }
    size_t total = read.tables.size();
    const Candidate& best = top.front();
    std::string counts = std::to_string(best.matched) + " of " + std::to_string(total) + " tables";
    if (top.size() == 1 && Enough(best.matched, total)) {
      out.inferred.push_back({{schema, best.schema, best.pattern}, best.matched, total});
    } else if (top.size() > 1 && Enough(best.matched, total)) {
      out.diagnostics.push_back({ir::Severity::kWarning, read.span,
                                 "warehouse schema " + schema + " could be the copy of " + Names(top) + " (" + counts +
                                     " each), so none is assumed; pin one in downstream.yml: " +
                                     PinHint(schema, "<schema>", best.pattern),
                                 ir::DiagCode::kUnmappedSource});
    } else {
      out.diagnostics.push_back({ir::Severity::kWarning, read.span,
                                 "warehouse schema " + schema + " matches production schema " + best.schema + " for only " +
                                     counts + ", so it is not assumed to be its copy; pin it in downstream.yml if it is: " +
                                     PinHint(schema, best.schema, best.pattern),
                                 ir::DiagCode::kUnmappedSource});
    }
  }
  return out;
}

std::string InferredMirrorNote(const InferredMirror& inferred) {
  const analytics::Mirror& m = inferred.mirror;
  std::string pattern = m.table_pattern == "{table}" ? "" : ", tables named " + m.table_pattern;
  return "inferred warehouse mirror " + m.warehouse_schema + " -> " + m.production_schema + " (" +
         std::to_string(inferred.matched) + " of " + std::to_string(inferred.total) + " tables" + pattern +
         "); pin it in downstream.yml: " + PinHint(m.warehouse_schema, m.production_schema, m.table_pattern);
}

Result<std::vector<InferredMirror>> InferredMirrorsAt(const std::string& repo_dir, const std::string& rev,
                                                      const std::string& config_file) {
  Result<RevisionRun> run = LoadRevision(repo_dir, rev, config_file, true);
  if (!run.ok()) return run.error();
  return run->analytics.inferred;
}

}  // namespace ds::engine
