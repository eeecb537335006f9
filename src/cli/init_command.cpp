// `downstream init`: writes a commented downstream.yml naming the layout detection finds at HEAD,
// so that `check` reads what the repository holds from its first run.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <set>

#include "src/cli/commands.h"
#include "src/engine/revision.h"
#include "src/git/repository.h"

namespace ds::cli {

namespace {

namespace fs = std::filesystem;

// The mirrors `init` writes down: those the engine inferred from the production tables at HEAD
// (src/engine/mirror_inference.h), configured ones being none yet.
std::map<std::string, config::MirrorPattern> InferMirrorsForInit(const engine::RevisionRun& run) {
  std::map<std::string, config::MirrorPattern> mirrors;
  for (const engine::InferredMirror& m : run.analytics.inferred) {
    mirrors[m.mirror.warehouse_schema] = config::MirrorPattern{m.mirror.production_schema, m.mirror.table_pattern};
  }
  return mirrors;
}

// The configuration file already there, in the working tree or at HEAD; "" when there is none.
std::string ExistingConfig(const std::string& workdir, const engine::RevisionRun& run) {
  for (const char* name : config::kConfigFileNames) {
    std::error_code error;
    if (fs::exists(fs::path(workdir) / name, error)) return name;
  }
  return run.config.file;
}

}  // namespace

void AddInitOptions(CLI::App& command, InitArgs& args) {
  command.add_option("--repo", args.repo, "The repository (default: the current directory)");
}

int RunInitCommand(const InitArgs& args) {
  Result<git::Repository> repo = git::Repository::Open(args.repo);
  if (!repo.ok() || repo->Workdir().empty()) {
    std::cerr << "downstream: " << (repo.ok() ? "the repository has no working tree to write downstream.yml in"
                                              : repo.error().message) << "\n";
    return 2;
  }
  if (!repo->ResolveCommit("HEAD").ok()) {
    std::cerr << "downstream: the repository has no commit yet: commit the migrations, then run downstream init\n";
    return 2;
  }
  Result<engine::RevisionRun> run = engine::LoadRevision(args.repo, "HEAD", "", true);
  if (!run.ok()) {
    std::cerr << "downstream: " << run.error().message << "\n";
    return 2;
  }
  std::string workdir = repo->Workdir();
  if (std::string existing = ExistingConfig(workdir, *run); !existing.empty()) {
    std::cerr << "downstream: " << existing << " already exists: init leaves it as it is (edit it, or remove it "
              << "to start again)\n";
    return 2;
  }
  config::InitLayout layout;
  layout.detected = run->config;
  layout.mirrors = InferMirrorsForInit(*run);
  std::set<std::string> unmapped;
  for (const ir::QualifiedName& source : run->analytics.unmapped_sources) {
    if (!layout.mirrors.count(source.schema)) unmapped.insert(source.schema);
  }
  layout.unmapped_source_schemas.assign(unmapped.begin(), unmapped.end());
  std::string file = (fs::path(workdir) / "downstream.yml").string();
  std::ofstream out(file, std::ios::binary);
  out << config::InitConfigText(layout);
  if (!out.flush()) {
    std::cerr << "downstream: cannot write " << file << "\n";
    return 2;
  }
  for (const std::string& note : run->notes) {
    if (note.starts_with("no downstream.yml")) continue;
    // Detection's own advice ("add a downstream.yml") is what init just did: say what to fill in.
    if (note.starts_with("found no ")) {
      std::cout << note.substr(0, note.find(':')) << ": name them in downstream.yml\n";
    } else {
      std::cout << note << "\n";
    }
  }
  for (const auto& [warehouse, mirror] : layout.mirrors) {
    std::cout << "inferred mirror: " << warehouse << " copies " << mirror.production_schema << "\n";
  }
  for (const std::string& schema : layout.unmapped_source_schemas) {
    std::cout << "dbt sources read " << schema << ": map it under warehouse.mirrors in downstream.yml\n";
  }
  std::cout << "wrote downstream.yml; review it, then commit it so that check reads it:\n"
            << "  git add downstream.yml && git commit -m \"downstream: configuration\"\n";
  return 0;
}

}  // namespace ds::cli
