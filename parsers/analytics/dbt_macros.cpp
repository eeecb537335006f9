// The macros a dbt project can call: the `.sql` files under its macro-paths, and those of the
// packages installed beside it (`dbt_packages/<pkg>/`, `dbt_modules/` before dbt 1.0) when the
// repository holds them, each package named by its own dbt_project.yml.
#include "parsers/analytics/dbt_internal.h"

namespace ds::analytics {
namespace {

/// `dbt_packages/<folder>/...` under the project: the folder, or "" when `path` is not there.
std::string PackageFolder(const std::string& path, const std::string& root) {
  if (!path.starts_with(root)) return "";
  size_t slash = path.find('/', root.size());
  return slash == std::string::npos ? "" : path.substr(root.size(), slash - root.size());
}

}  // namespace

void LoadMacros(const DbtProjectFile& project, const std::vector<std::string>& sorted_paths, const FileReader& read,
                const std::string& adapter, jinja::MacroLibrary& library, std::vector<ir::Diagnostic>& diagnostics) {
  library.root = project.name;
  library.adapter = adapter;
  library.dispatch = project.dispatch;
  auto add = [&](const std::string& package, const std::string& path) {
    if (std::optional<std::string> text = read(path)) library.AddFile(package, path, std::move(*text), diagnostics);
  };
  // A macro path may leave the project's folder (DbtProjectFile::Folder).
  std::vector<std::string> folders;
  for (const std::string& macro_path : project.macro_paths) {
    folders.push_back(project.Folder(macro_path));
  }
  for (const std::string& path : sorted_paths) {
    if (!path.ends_with(".sql")) continue;
    for (const std::string& folder : folders) {
      if (path.starts_with(folder)) {
        add(project.name, path);
        break;
      }
    }
  }
  for (const char* folder : {"dbt_packages/", "dbt_modules/"}) {
    std::string root = project.dir + folder;
    std::map<std::string, std::optional<DbtProjectFile>> packages;  // folder -> its dbt_project.yml
    for (const std::string& path : sorted_paths) {
      std::string package = PackageFolder(path, root);
      if (package.empty() || !path.ends_with(".sql")) continue;
      auto it = packages.find(package);
      if (it == packages.end()) {
        std::string file = root + package + "/dbt_project.yml";
        std::optional<std::string> text = read(file);
        std::vector<ir::Diagnostic> ignored;  // a package's own configuration is not ours to report
        std::optional<DbtProjectFile> parsed = text ? ReadDbtProjectFile(file, *text, ignored) : std::nullopt;
        it = packages.emplace(package, std::move(parsed)).first;
      }
      const std::optional<DbtProjectFile>& own = it->second;
      std::vector<std::string> macro_paths = own ? own->macro_paths : std::vector<std::string>{"macros"};
      for (const std::string& macro_path : macro_paths) {
        if (path.starts_with(root + package + "/" + macro_path + "/")) {
          add(own ? own->name : package, path);
          break;
        }
      }
    }
  }
}

}  // namespace ds::analytics
