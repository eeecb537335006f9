// Django's migration graph: dependencies across apps, `__first__` / `__latest__`, squashes.
#include <algorithm>
#include <set>

#include "parsers/python/django_history.h"
#include "parsers/python/parse_django.h"

namespace ds::parsers::django {

namespace {

std::string AppOf(const std::string& key) { return key.substr(0, key.find('.')); }

struct Graph {
  std::map<std::string, size_t> nodes;           // "app.name" -> file
  std::map<std::string, std::string> replaced_by;  // replaced key -> squash key
  std::map<std::string, std::vector<std::string>> parents;
};

// On an empty database Django runs a squash instead of the migrations it replaces.
void ApplySquashes(const std::vector<HistoryFile>& files, Graph& graph) {
  for (const auto& [key, index] : graph.nodes) {
    for (const std::string& replaced : files[index].parsed->meta.replaces) {
      graph.replaced_by[replaced] = key;
    }
  }
  for (const auto& [replaced, squash] : graph.replaced_by) graph.nodes.erase(replaced);
}

// The app's migrations that depend on no other migration of the same app (sorted), or its leaves.
std::vector<std::string> Ends(const Graph& graph, const std::string& app, bool roots) {
  std::set<std::string> in_app, has_parent, has_child;
  for (const auto& [key, index] : graph.nodes) {
    if (AppOf(key) != app) continue;
    in_app.insert(key);
    for (const std::string& parent : graph.parents.at(key)) {
      if (AppOf(parent) == app) has_parent.insert(key), has_child.insert(parent);
    }
  }
  std::vector<std::string> out;
  for (const std::string& key : in_app) {
    if (!(roots ? has_parent : has_child).count(key)) out.push_back(key);
  }
  return out;
}

// The order `manage.py migrate` applies the migrations on an empty database (Django's
// MigrationExecutor.migration_plan over graph.leaf_nodes()): the leaves (migrations no other
// migration of their app depends on), sorted by (app, name); for each, its forwards plan, a
// depth-first walk that pushes a migration's parents sorted (so visits them from the last) and
// emits each migration after its parents, once. `nodes` leaves out migrations in a cycle.
std::vector<std::string> MigratePlan(const std::map<std::string, std::vector<std::string>>& parents,
                                     const std::set<std::string>& nodes) {
  std::set<std::string> has_child_in_app;
  for (const std::string& key : nodes) {
    for (const std::string& parent : parents.at(key)) {
      if (AppOf(parent) == AppOf(key)) has_child_in_app.insert(parent);
    }
  }
  std::vector<std::string> plan;
  std::set<std::string> done;
  for (const std::string& leaf : nodes) {
    if (has_child_in_app.count(leaf)) continue;
    std::vector<std::pair<std::string, bool>> stack{{leaf, false}};
    while (!stack.empty()) {
      auto [key, expanded] = stack.back();
      stack.pop_back();
      if (done.count(key)) continue;
      if (expanded) {
        done.insert(key);
        plan.push_back(key);
        continue;
      }
      stack.emplace_back(key, true);
      std::vector<std::string> sorted = parents.at(key);
      std::sort(sorted.begin(), sorted.end());
      for (const std::string& parent : sorted) {
        if (nodes.count(parent) && !done.count(parent)) stack.emplace_back(parent, false);
      }
    }
  }
  return plan;
}

}  // namespace

std::vector<ReplayStep> OrderDjango(const std::vector<HistoryFile>& files,
                                    std::vector<ir::Diagnostic>& diagnostics) {
  Graph graph;
  std::set<std::string> apps;
  for (size_t i = 0; i < files.size(); ++i) {
    const std::string& id = files[i].parsed->meta.id;
    if (id.empty()) continue;
    graph.nodes.emplace(id, i);
    apps.insert(AppOf(id));
  }
  ApplySquashes(files, graph);
  // Direct dependencies first (named migrations), then __first__/__latest__ over them.
  std::map<std::string, std::vector<std::string>> wanted;
  for (const auto& [key, index] : graph.nodes) {
    graph.parents[key];
    for (std::string dep : files[index].parsed->meta.parents) {
      if (auto squash = graph.replaced_by.find(dep); squash != graph.replaced_by.end()) dep = squash->second;
      if (dep == key) continue;
      if (!apps.count(AppOf(dep))) continue;  // Django's own apps (auth, contenttypes): not here
      if (dep.ends_with(".__first__") || dep.ends_with(".__latest__")) {
        wanted[key].push_back(dep);
      } else if (graph.nodes.count(dep)) {
        graph.parents[key].push_back(dep);
      } else {
        diagnostics.push_back({ir::Severity::kError, {files[index].path, 1, 1},
                               "Django migration " + key + " depends on " + dep +
                                   ", which is not in the history", ir::DiagCode::kMigrationOrder});
      }
    }
  }
  for (const auto& [key, deps] : wanted) {
    for (const std::string& dep : deps) {
      std::vector<std::string> ends = Ends(graph, AppOf(dep), dep.ends_with(".__first__"));
      if (!ends.empty() && ends.front() != key) graph.parents[key].push_back(ends.front());
    }
  }
  // Kahn's algorithm; among ready migrations the key ("app.name") decides.
  std::map<std::string, int> waiting;
  std::map<std::string, std::vector<std::string>> children;
  for (const auto& [key, parents] : graph.parents) {
    waiting[key] += 0;
    for (const std::string& parent : parents) {
      children[parent].push_back(key);
      ++waiting[key];
    }
  }
  std::set<std::string> ready;
  for (const auto& [key, count] : waiting) {
    if (count == 0) ready.insert(key);
  }
  std::vector<std::string> order;
  while (!ready.empty()) {
    std::string next = *ready.begin();
    ready.erase(ready.begin());
    order.push_back(next);
    for (const std::string& child : children[next]) {
      if (--waiting[child] == 0) ready.insert(child);
    }
  }
  // Kahn's order finds the cycles; migrate's order is its own (MigratePlan).
  std::set<std::string> acyclic(order.begin(), order.end());
  order = MigratePlan(graph.parents, acyclic);
  if (acyclic.size() < graph.nodes.size()) {
    std::string stuck;
    for (const auto& [key, count] : waiting) {
      if (count > 0) stuck += (stuck.empty() ? "" : ", ") + key;
    }
    diagnostics.push_back({ir::Severity::kError, {files[graph.nodes.begin()->second].path, 1, 1},
                           "the Django migrations " + stuck + " depend on each other in a cycle: they are left out", ir::DiagCode::kMigrationOrder});
  }
  // The project's own field classes, from the modules read for them (no migration of their own).
  std::vector<const DjangoRecord*> modules;
  for (const HistoryFile& file : files) {
    auto* record = dynamic_cast<const DjangoRecord*>(file.parsed->framework.get());
    if (record && !record->module.empty()) modules.push_back(record);
  }
  ProjectFields project_fields(modules);
  // Replay: each operation against the model state so far.
  State state;
  std::vector<ReplayStep> steps;
  for (const std::string& key : order) {
    size_t index = graph.nodes.at(key);
    const ir::ParsedFile& parsed = *files[index].parsed;
    auto* record = dynamic_cast<const DjangoRecord*>(parsed.framework.get());
    ir::ParsedFile resolved;
    resolved.ops = parsed.ops;  // what the file itself could not read (Unknown ops)
    OpSink sink(resolved, files[index].path);
    if (record) {
      for (const Value& operation : record->operations) {
        if (project_fields.empty()) {
          ApplyOperation(operation, record->app, state, sink, true);
          continue;
        }
        Value resolved_operation = operation;
        project_fields.Resolve(resolved_operation);
        ApplyOperation(resolved_operation, record->app, state, sink, true);
      }
    }
    for (ir::Diagnostic& d : resolved.diagnostics) diagnostics.push_back(std::move(d));
    steps.push_back({index, std::move(resolved.ops)});
  }
  return steps;
}

}  // namespace ds::parsers::django
