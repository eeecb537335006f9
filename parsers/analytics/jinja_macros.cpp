// The macro library: macro files parsed once, their top-level `{% macro %}` blocks indexed by
// package and name; and dbt's dispatch order (adapter prefixes, `dispatch:` search orders).
#include "parsers/analytics/jinja_macros.h"

#include <algorithm>

namespace ds::analytics::jinja {
namespace {

int LineAt(std::string_view text, uint32_t offset) {
  return 1 + static_cast<int>(std::count(text.begin(), text.begin() + std::min<size_t>(offset, text.size()), '\n'));
}

}  // namespace

void MacroLibrary::AddFile(const std::string& package, const std::string& file, std::string text,
                           std::vector<ir::Diagnostic>& diagnostics) {
  auto f = std::make_unique<File>();
  f->path = file;
  f->text = std::move(text);
  f->parsed = ParseTemplate(f->text);
  std::string_view view = f->text;
  auto warn = [&](uint32_t offset, std::string message, ir::DiagCode code) {
    int line = LineAt(view, offset);
    size_t line_start = view.rfind('\n', offset == 0 ? 0 : offset - 1);
    int column = static_cast<int>(offset - (line_start == std::string_view::npos || offset == 0 ? 0 : line_start + 1)) + 1;
    diagnostics.push_back(ir::Diagnostic{ir::Severity::kWarning, ir::SourceSpan{file, line, column}, std::move(message), code});
  };
  for (const ParseError& error : f->parsed.errors) {
    warn(error.offset, error.limit ? error.message : "could not parse Jinja: " + error.message,
         error.limit ? ir::DiagCode::kLimitExceeded : ir::DiagCode::kTemplateError);
  }
  for (const Node& n : f->parsed.body) {
    if (n.kind != Node::Kind::kMacro || n.what.empty() || n.branches.empty()) continue;
    MacroDef def{n.what, package, file, view, &n, LineAt(view, n.begin)};
    auto [it, added] = macros_.emplace(std::make_pair(package, n.what), def);
    if (!added) {
      warn(n.begin, "macro '" + n.what + "' is defined again (first in " + it->second.file + "): this one is not used",
           ir::DiagCode::kConfiguration);
      continue;
    }
    ++packages_[package];
  }
  files_.push_back(std::move(f));
}

const MacroDef* MacroLibrary::Find(const std::string& package, const std::string& name) const {
  auto it = macros_.find(std::make_pair(package, name));
  return it == macros_.end() ? nullptr : &it->second;
}

std::vector<std::string> MacroLibrary::AdapterPrefixes() const {
  // dbt's adapters inherit: redshift's macros fall back to postgres's, then to the defaults.
  if (adapter == "redshift") return {"redshift", "postgres", "default"};
  if (adapter.empty() || adapter == "default") return {"default"};
  return {adapter, "default"};
}

std::vector<std::string> MacroLibrary::SearchOrder(const std::string& space) const {
  auto it = dispatch.find(space);
  if (it != dispatch.end() && !it->second.empty()) return it->second;
  if (space.empty() || space == root) return {root};
  return {root, space};
}

}  // namespace ds::analytics::jinja
