#pragma once
/// The macros a dbt project can call: its own (`macro-paths`), those of the packages present in
/// the repository (`dbt_packages/<pkg>/macros`), parsed once and shared by every model's render,
/// with what adapter.dispatch() needs to choose among them (the adapter, `dispatch:` orders).
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "parsers/analytics/jinja_syntax.h"
#include "src/ir/diagnostic.h"

namespace ds::analytics::jinja {

/// One `{% macro %}` of a macro file.
struct MacroDef {
  std::string name;
  std::string package;    ///< the dbt project or package that defines it
  std::string file;       ///< repository-relative
  std::string_view text;  ///< the whole file, owned by the library (node offsets point into it)
  const Node* node = nullptr;  ///< Node::Kind::kMacro
  int line = 0;                ///< of the `{% macro %}` tag
};

class MacroLibrary {
 public:
  /// Parses one macro file of `package`; its parse errors go to `diagnostics` (file:line:col).
  /// A macro defined twice in a package: the first file (in path order) wins, said once.
  void AddFile(const std::string& package, const std::string& file, std::string text,
               std::vector<ir::Diagnostic>& diagnostics);
  /// `package`'s macro `name`; nullptr when it has none.
  const MacroDef* Find(const std::string& package, const std::string& name) const;
  bool HasPackage(const std::string& package) const { return packages_.count(package) > 0; }
  size_t size() const { return macros_.size(); }

  /// The adapter prefixes adapter.dispatch() tries, most specific first ("postgres", "default").
  std::vector<std::string> AdapterPrefixes() const;
  /// The packages adapter.dispatch(name, `space`) searches, in order (dbt: the `dispatch:` config's
  /// search_order, else the root project then the namespace).
  std::vector<std::string> SearchOrder(const std::string& space) const;

  std::string root;                ///< the root project's name
  std::string adapter = "postgres";  ///< `target.type`: what dispatch's prefixes come from
  std::map<std::string, std::vector<std::string>> dispatch;  ///< `dispatch:` namespace -> search order

 private:
  struct File {
    std::string path;
    std::string text;
    Template parsed;
  };
  std::vector<std::unique_ptr<File>> files_;
  std::map<std::pair<std::string, std::string>, MacroDef> macros_;
  std::map<std::string, int> packages_;  ///< package -> macro count
};

}  // namespace ds::analytics::jinja
