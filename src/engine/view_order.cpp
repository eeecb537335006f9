#include "src/engine/view_order.h"

#include <map>
#include <set>

#include "src/catalog/query_relations.h"

namespace ds::engine {

namespace {

// Names a file creates, qualified with the first schema of the path when written without one.
std::map<ir::QualifiedName, size_t> CreatedNames(const std::vector<InputFile>& views,
                                                 const ParsedFiles& parsed,
                                                 const std::string& default_schema) {
  std::map<ir::QualifiedName, size_t> created;
  for (size_t i = 0; i < views.size(); ++i) {
    for (const ir::SchemaOp& op : parsed.at(InputKey(views[i]))->ops) {
      const auto* view = std::get_if<ir::CreateView>(&op.op);
      if (!view) continue;
      ir::QualifiedName name = view->view;
      if (!name.Qualified()) name.schema = default_schema;
      created.emplace(name, i);
    }
  }
  return created;
}

}  // namespace

std::vector<InputFile> DependencyOrder(const std::vector<InputFile>& views, const ParsedFiles& parsed,
                                       const std::vector<std::string>& search_path) {
  std::string default_schema = search_path.empty() ? "public" : search_path.front();
  std::map<ir::QualifiedName, size_t> created = CreatedNames(views, parsed, default_schema);
  std::vector<std::set<size_t>> needs(views.size());
  for (size_t i = 0; i < views.size(); ++i) {
    for (const ir::SchemaOp& op : parsed.at(InputKey(views[i]))->ops) {
      const auto* view = std::get_if<ir::CreateView>(&op.op);
      if (!view || !view->query) continue;
      for (const ir::QualifiedName& named : catalog::RelationsNamedBy(*view->query)) {
        std::vector<ir::QualifiedName> candidates;
        if (named.Qualified()) candidates.push_back(named);
        for (const std::string& schema : search_path) {
          if (!named.Qualified()) candidates.push_back({schema, named.name});
        }
        for (const ir::QualifiedName& candidate : candidates) {
          auto it = created.find(candidate);
          if (it != created.end() && it->second != i) needs[i].insert(it->second);
        }
      }
    }
  }
  // Repeated passes in path order: each pass emits the files whose needs are all emitted.
  std::vector<InputFile> ordered;
  std::vector<bool> done(views.size(), false);
  for (bool progress = true; progress && ordered.size() < views.size();) {
    progress = false;
    for (size_t i = 0; i < views.size(); ++i) {
      if (done[i]) continue;
      bool ready = true;
      for (size_t need : needs[i]) ready = ready && done[need];
      if (!ready) continue;
      done[i] = true;
      ordered.push_back(views[i]);
      progress = true;
    }
  }
  for (size_t i = 0; i < views.size(); ++i) {
    if (!done[i]) ordered.push_back(views[i]);  // a cycle: lineage says so
  }
  return ordered;
}

}  // namespace ds::engine
