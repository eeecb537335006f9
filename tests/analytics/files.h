#pragma once
// In-memory repositories for the analytics tests: paths and texts, as the engine gives them.
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <variant>
#include <vector>

#include "parsers/analytics/analytics.h"

namespace ds::analytics::testing {

struct Files {
  std::map<std::string, std::string> texts;

  std::vector<std::string> Paths() const {
    std::vector<std::string> out;
    for (const auto& [path, text] : texts) out.push_back(path);
    return out;
  }
  FileReader Reader() const {
    return [this](const std::string& path) -> std::optional<std::string> {
      auto it = texts.find(path);
      if (it == texts.end()) return std::nullopt;
      return it->second;
    };
  }
  /// Every file under `folder` on disk, named `prefix` + its path relative to `folder`.
  static Files FromDisk(const std::filesystem::path& folder, const std::string& prefix) {
    Files files;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(folder)) {
      if (!entry.is_regular_file()) continue;
      std::ifstream in(entry.path(), std::ios::binary);
      std::stringstream text;
      text << in.rdbuf();
      files.texts[prefix + std::filesystem::relative(entry.path(), folder).generic_string()] = text.str();
    }
    return files;
  }
};

/// The model (or snapshot) of `id`; nullptr when the project has none.
inline const Model* Find(const AnalyticsProject& p, const std::string& id) {
  for (const Model& m : p.models) {
    if (m.unique_id == id) return &m;
  }
  return nullptr;
}

/// The CREATE VIEW a model became; nullptr when it is not exactly one.
inline const ir::CreateView* View(const Model& m) {
  if (!m.parsed || m.parsed->ops.size() != 1) return nullptr;
  return std::get_if<ir::CreateView>(&m.parsed->ops[0].op);
}

inline std::string Names(const std::vector<ir::QualifiedName>& names) {
  std::string out;
  for (const ir::QualifiedName& n : names) out += (out.empty() ? "" : " ") + n.ToString();
  return out;
}

/// "file:line:col message" per diagnostic, one a line.
inline std::string Format(const std::vector<ir::Diagnostic>& diagnostics) {
  std::string out;
  for (const ir::Diagnostic& d : diagnostics) {
    out += d.span.file + ":" + std::to_string(d.span.line) + ":" + std::to_string(d.span.column) + " " + d.message + "\n";
  }
  return out;
}

}  // namespace ds::analytics::testing

namespace ds::analytics::testing {

/// Runs of spaces as one: what is rendered, whatever the padding that keeps columns.
inline std::string Squeeze(const std::string& sql) {
  std::string out;
  for (char c : sql) {
    if (c == ' ' && !out.empty() && out.back() == ' ') continue;
    out += c;
  }
  return out;
}

}  // namespace ds::analytics::testing
