#include "src/engine/revision.h"

#include <algorithm>

#include "src/engine/analytics_side.h"
#include "src/engine/inputs.h"
#include "src/engine/load_config.h"
#include "src/engine/phase_timer.h"
#include "src/engine/revision_model.h"
#include "src/git/repository.h"

namespace ds::engine {

Result<RevisionRun> LoadRevision(const std::string& repo_dir, const std::string& rev,
                                 const std::string& config_file, bool with_view_files) {
  PhaseTimer timer;
  Result<git::Repository> repo = git::Repository::Open(repo_dir);
  if (!repo.ok()) return repo.error();
  Result<std::string> sha = repo->ResolveCommit(rev);
  if (!sha.ok()) return sha.error();
  Result<git::Snapshot> snapshot = repo->SnapshotOf(*sha);
  if (!snapshot.ok()) return snapshot.error();
  RevisionRun run;
  run.sha = *sha;
  Result<config::Config> config = LoadConfig(*repo, *snapshot, config_file, run.notes, rev);
  if (!config.ok()) return config.error();
  run.config = *config;
  RevisionInputs inputs = SelectInputs(*snapshot, *config);
  if (with_view_files) AddOutsideViewFiles(*repo, *config, inputs);
  if (!with_view_files) inputs.views.clear();
  std::vector<InputFile> all = inputs.migrations;
  all.insert(all.end(), inputs.views.begin(), inputs.views.end());
  all.insert(all.end(), inputs.context.begin(), inputs.context.end());
  timer.Mark("select inputs");
  ParsedFiles parsed = ParseAll(*repo, all);
  timer.Mark("parse inputs");
  run.diagnostics = inputs.diagnostics;
  AnalyticsRevision& analytics = run.analytics;
  run.catalog = ReplayMigrations(inputs, parsed, run.diagnostics);
  if (with_view_files) {
    BlobTexts texts(*repo);
    timer.Mark("replay migrations");
    std::vector<std::string> notes = ReadAnalyticsOver(analytics, *repo, *snapshot, *config, texts, run.catalog,
                                                       inputs, parsed);
    timer.Mark("read analytics projects");
    run.notes.insert(run.notes.end(), notes.begin(), notes.end());
    AddAnalyticsViews(analytics, *config, run.sha, inputs, parsed);
    run.imported = ReadImportedViews(*repo, *snapshot, *config, texts);
    AddImportedBridges(run.imported, *config, run.sha, inputs, parsed);
    run.diagnostics.insert(run.diagnostics.end(), run.imported.diagnostics.begin(), run.imported.diagnostics.end());
    run.diagnostics.insert(run.diagnostics.end(), analytics.diagnostics.begin(), analytics.diagnostics.end());
  }
  CollectParseDiagnostics(inputs, parsed, run.diagnostics);
  AddViewFiles(run.catalog, inputs, parsed, config->search_path, run.diagnostics);
  DropUnmappedSourceNoise(analytics, run.diagnostics);
  timer.Mark("build catalog");
  run.inputs = std::move(inputs);
  std::sort(run.diagnostics.begin(), run.diagnostics.end(),
            [](const ir::Diagnostic& a, const ir::Diagnostic& b) {
              return std::tie(a.span, a.message) < std::tie(b.span, b.message);
            });
  return run;
}

}  // namespace ds::engine
