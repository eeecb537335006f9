// Replay order of Alembic and Rails histories (Django's lives with its frontend:
// parsers/python/django_history.cpp).
#include "parsers/migrations/framework_history.h"

#include <algorithm>
#include <map>
#include <set>

#include "parsers/python/django_history.h"
#include "parsers/python/parse_alembic.h"
#include "parsers/ruby/parse_rails.h"

namespace ds::parsers {

namespace {

ir::Diagnostic At(const std::string& file, ir::Severity severity, std::string message) {
  return ir::Diagnostic{severity, ir::SourceSpan{file, 1, 1}, std::move(message), ir::DiagCode::kMigrationOrder};
}

std::string JoinNames(const std::vector<std::string>& names) {
  std::string out;
  for (size_t i = 0; i < names.size(); ++i) out += (i ? ", " : "") + names[i];
  return out;
}

std::vector<ReplayStep> OrderAlembic(const std::vector<HistoryFile>& files,
                                     std::vector<ir::Diagnostic>& diagnostics) {
  std::map<std::string, size_t> by_id;     // revision -> file
  std::map<std::string, size_t> by_label;  // branch label -> file
  for (size_t i = 0; i < files.size(); ++i) {
    const ir::ParsedFile& parsed = *files[i].parsed;
    if (parsed.meta.id.empty()) {
      diagnostics.push_back(At(files[i].path, ir::Severity::kWarning,
                               "not an Alembic revision (no `revision = ...`): left out of the history"));
      continue;
    }
    auto [it, inserted] = by_id.emplace(parsed.meta.id, i);
    if (!inserted) {
      diagnostics.push_back(At(files[i].path, ir::Severity::kError,
                               "Alembic revision " + parsed.meta.id + " is also defined in " +
                                   files[it->second].path + ": this file is left out"));
      continue;
    }
    if (auto* record = dynamic_cast<const AlembicRecord*>(parsed.framework.get())) {
      for (const std::string& label : record->branch_labels) by_label.emplace(label, i);
    }
  }
  // Edges parent -> child; a child waits for all its parents.
  std::map<size_t, std::vector<size_t>> children;
  std::map<size_t, int> waiting;
  std::set<size_t> has_child;
  for (const auto& [id, index] : by_id) {
    const ir::ParsedFile& parsed = *files[index].parsed;
    std::vector<std::pair<std::string, bool>> parents;  // name, is down_revision
    for (const std::string& p : parsed.meta.parents) parents.emplace_back(p, true);
    if (auto* record = dynamic_cast<const AlembicRecord*>(parsed.framework.get())) {
      for (const std::string& d : record->depends_on) parents.emplace_back(d, false);
    }
    waiting[index];
    for (const auto& [name, down] : parents) {
      auto found = by_id.find(name);
      if (auto label = by_label.find(name); found == by_id.end() && !down && label != by_label.end()) {
        found = by_id.find(files[label->second].parsed->meta.id);
      }
      if (found == by_id.end()) {
        diagnostics.push_back(At(files[index].path, ir::Severity::kError,
                                 "Alembic revision " + id + " names " + name + " as its " +
                                     (down ? "down_revision" : "depends_on") +
                                     ", which is not in the history"));
        continue;
      }
      children[found->second].push_back(index);
      ++waiting[index];
      if (down) has_child.insert(found->second);
    }
  }
  std::vector<std::string> heads;
  for (const auto& [id, index] : by_id) {
    if (!has_child.count(index)) heads.push_back(id);
  }
  if (heads.size() > 1) {
    diagnostics.push_back(At(files[by_id[heads.front()]].path, ir::Severity::kError,
                             "the Alembic history has " + std::to_string(heads.size()) +
                                 " heads (" + JoinNames(heads) +
                                 "): `alembic upgrade head` refuses to run; merge them with "
                                 "`alembic merge heads` (every branch is replayed here)"));
  }
  // Kahn's algorithm; among ready revisions the file path decides, for a stable order.
  auto by_path = [&](size_t a, size_t b) { return files[a].path < files[b].path; };
  std::set<size_t, decltype(by_path)> ready(by_path);
  for (const auto& [index, count] : waiting) {
    if (count == 0) ready.insert(index);
  }
  std::vector<ReplayStep> order;
  std::set<size_t> done;
  while (!ready.empty()) {
    size_t next = *ready.begin();
    ready.erase(ready.begin());
    order.push_back({next, files[next].parsed->ops});
    done.insert(next);
    for (size_t child : children[next]) {
      if (--waiting[child] == 0) ready.insert(child);
    }
  }
  std::vector<std::string> stuck;
  for (const auto& [index, count] : waiting) {
    if (!done.count(index)) stuck.push_back(files[index].parsed->meta.id);
  }
  if (!stuck.empty()) {
    diagnostics.push_back(At(files[by_id[stuck.front()]].path, ir::Severity::kError,
                             "the Alembic revisions " + JoinNames(stuck) +
                                 " depend on each other in a cycle: they are left out"));
  }
  return order;
}

// Rails versions are timestamps (or plain numbers): compared as numbers, then by path.
std::vector<ReplayStep> OrderRails(const std::vector<HistoryFile>& files,
                                   std::vector<ir::Diagnostic>& diagnostics) {
  std::vector<size_t> snapshots, migrations;
  for (size_t i = 0; i < files.size(); ++i) {
    const ir::ParsedFile& parsed = *files[i].parsed;
    auto* record = dynamic_cast<const RailsRecord*>(parsed.framework.get());
    if (record && record->snapshot) snapshots.push_back(i);
    else if (!parsed.meta.id.empty()) migrations.push_back(i);  // else the parser said why
  }
  auto numeric = [&](size_t a, size_t b) {
    const std::string& x = files[a].parsed->meta.id;
    const std::string& y = files[b].parsed->meta.id;
    return std::make_tuple(x.size(), x, files[a].path) < std::make_tuple(y.size(), y, files[b].path);
  };
  std::sort(snapshots.begin(), snapshots.end(), [&](size_t a, size_t b) { return files[a].path < files[b].path; });
  std::sort(migrations.begin(), migrations.end(), numeric);
  std::vector<ReplayStep> order;
  for (size_t i : snapshots) order.push_back({i, files[i].parsed->ops});
  for (size_t i : migrations) order.push_back({i, files[i].parsed->ops});
  // `revert SomeMigration` and Scenic views need other files: the classes, the view files.
  std::vector<const ir::ParsedFile*> parsed;
  std::vector<std::vector<ir::SchemaOp>*> ops(files.size(), nullptr);
  for (const HistoryFile& file : files) parsed.push_back(file.parsed);
  for (ReplayStep& step : order) ops[step.file] = &step.ops;
  ResolveRailsHistory(parsed, ops, diagnostics);
  return order;
}

}  // namespace

std::vector<ReplayStep> OrderHistory(Framework framework, const std::vector<HistoryFile>& files,
                                     std::vector<ir::Diagnostic>& diagnostics) {
  switch (framework) {
    case Framework::kAlembic: return OrderAlembic(files, diagnostics);
    case Framework::kDjango: return django::OrderDjango(files, diagnostics);
    case Framework::kRails: return OrderRails(files, diagnostics);
  }
  return {};
}

}  // namespace ds::parsers
