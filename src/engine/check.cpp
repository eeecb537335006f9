#include "src/engine/check.h"

#include <algorithm>
#include <map>
#include <set>

#include "rules/rule.h"
#include "src/engine/acknowledge.h"
#include "src/catalog/diff.h"
#include "src/engine/analytics_side.h"
#include "src/engine/analytics_state.h"
#include "src/engine/coverage.h"
#include "src/engine/edited_migrations.h"
#include "src/engine/imported_lineage.h"
#include "src/engine/inputs.h"
#include "src/engine/load_config.h"
#include "src/engine/revision_model.h"
#include "src/git/repository.h"
#include "src/lineage/impact.h"

namespace ds::engine {

namespace {

struct Revisions {
  std::string base_sha;
  git::Snapshot base, head;
};

Result<Revisions> ResolveRevisions(const git::Repository& repo, const CheckOptions& options) {
  Revisions r;
  if (options.staged && options.base.empty() && repo.HeadUnborn()) {
    // The first commit: everything staged is new, compared with nothing (base_sha stays "").
    Result<git::Snapshot> head = repo.StagedSnapshot();
    if (!head.ok()) return head.error();
    r.head = std::move(*head);
    return r;
  }
  if (options.staged) {
    Result<std::string> base = repo.ResolveCommit(options.base.empty() ? "HEAD" : options.base);
    if (!base.ok()) return base.error();
    Result<git::Snapshot> head = repo.StagedSnapshot();
    if (!head.ok()) return head.error();
    r.base_sha = *base;
    r.head = std::move(*head);
  } else {
    Result<std::string> head_sha = repo.ResolveCommit(options.head.empty() ? "HEAD" : options.head);
    if (!head_sha.ok()) return head_sha.error();
    Result<std::string> base = options.base.empty() ? repo.DefaultBase() : repo.ResolveCommit(options.base);
    if (!base.ok()) return base.error();
    Result<git::Snapshot> head = repo.SnapshotOf(*head_sha);
    if (!head.ok()) return head.error();
    r.base_sha = *base;
    r.head = std::move(*head);
  }
  Result<git::Snapshot> base = repo.SnapshotOf(r.base_sha);
  if (!base.ok()) return base.error();
  r.base = std::move(*base);
  return r;
}

// A drop or rename breaks readers of the old name only when nothing at head answers to that name
// any more: a compatibility view created under the old table name, or a column re-added under
// the old name, keeps the readers working.
bool OldNameStillServed(const ir::ChangeRef& change, const catalog::Catalog& overlay) {
  bool table_change = change.kind == "drop_table" || change.kind == "rename_table";
  bool column_change = change.kind == "drop_column" || change.kind == "rename_column";
  const catalog::Table* table = overlay.FindTable(change.table);
  if (table_change) {
    const catalog::View* view = overlay.FindView(change.table);
    return (table && !table->gone) || (view && !view->gone);
  }
  if (column_change && table && !table->gone) {
    const catalog::Column* column = table->FindColumn(change.column);
    return column && !column->gone;
  }
  return false;
}

std::vector<rules::ChangeImpact> ImpactsOfChanges(const std::vector<catalog::SchemaChange>& changes,
                                                  lineage::LineageEngine& engine,
                                                  const catalog::Catalog& overlay,
                                                  const std::set<ir::QualifiedName>& copies) {
  std::vector<rules::ChangeImpact> out;
  for (const catalog::SchemaChange& change : changes) {
    if (OldNameStillServed(change.change, overlay)) {
      out.push_back({change, {}});
    } else {
      out.push_back({change, lineage::ImpactsOf(change, engine, overlay, copies)});
    }
  }
  return out;
}

std::vector<ir::Finding> RunRules(const rules::RuleContext& context, const config::Config& config,
                                  rules::RuleStage stage) {
  rules::FindingSink sink;
  for (const rules::RuleInfo& rule : rules::AllRules()) {
    if (rule.stage != stage) continue;
    auto configured = config.rule_severity.find(std::string(rule.id));
    ir::Severity severity = configured == config.rule_severity.end() ? rule.default_severity
                                                                     : configured->second;
    if (severity == ir::Severity::kOff) continue;
    sink.Begin(rule.id, severity);
    rule.check(context, sink);
  }
  return sink.Take();
}

// The rules of the first stage, then what the acknowledgements (the added migrations' comments
// and downstream.yml's) release, then the rules about acknowledgements; ordered by file, line, rule.
std::vector<ir::Finding> Judge(rules::RuleContext context, const config::Config& config, const RevisionInputs& base,
                               const RevisionInputs& head, const ParsedFiles& parsed, BlobTexts& texts,
                               std::vector<ir::Diagnostic>& diagnostics) {
  context.soft_delete_columns = config.soft_delete_columns;
  std::vector<ir::Finding> findings = RunRules(context, config, rules::RuleStage::kChanges);
  std::vector<config::Acknowledgement> acks = ReadAddedAckComments(base, head, texts, diagnostics);
  acks.insert(acks.end(), config.acknowledgements.begin(), config.acknowledgements.end());
  std::vector<rules::AcknowledgementUse> uses =
      Acknowledge(findings, acks, StatementLinesOf(head, parsed, acks), context.today);
  context.acknowledgements = uses;
  std::vector<ir::Finding> about_acks = RunRules(context, config, rules::RuleStage::kAcknowledgements);
  findings.insert(findings.end(), std::make_move_iterator(about_acks.begin()), std::make_move_iterator(about_acks.end()));
  std::stable_sort(findings.begin(), findings.end(), [](const ir::Finding& a, const ir::Finding& b) {
    return std::tie(a.span.file, a.span.line, a.rule, a.span.column, a.message) <
           std::tie(b.span.file, b.span.line, b.rule, b.span.column, b.message);
  });
  return findings;
}

// Who to notify about each impacted view: every `owners:` pattern that matches it, in file order.
void AssignOwners(std::vector<ir::Finding>& findings, const config::Config& config) {
  for (ir::Finding& finding : findings) {
    for (ir::Impact& impact : finding.impacts) {
      std::string view = impact.view.ToString();
      for (const auto& [pattern, owner] : config.owners) {
        if (config::NameMatches(pattern, view) &&
            std::find(impact.owners.begin(), impact.owners.end(), owner) == impact.owners.end()) {
          impact.owners.push_back(owner);
        }
      }
    }
  }
}

// A missing column that a finding reports is not also listed as not understood.
void DropRestatedDiagnostics(const std::vector<ir::Finding>& findings, const AnalyticsState& state,
                             std::vector<ir::Diagnostic>& diagnostics) {
  std::set<ir::SourceSpan> reported;
  for (const ir::Finding& finding : findings) {
    if (finding.change.kind == "missing_reference") reported.insert(finding.span);
  }
  std::erase_if(diagnostics, [&](const ir::Diagnostic& d) {
    if (!reported.count(d.span)) return false;
    return std::any_of(state.missing_references.begin(), state.missing_references.end(),
                       [&](const rules::MissingReference& m) { return m.span == d.span && m.message == d.message; });
  });
}

void SortUnique(std::vector<ir::Diagnostic>& diagnostics) {
  std::sort(diagnostics.begin(), diagnostics.end(), [](const ir::Diagnostic& a, const ir::Diagnostic& b) {
    return std::tie(a.span, a.message, a.severity) < std::tie(b.span, b.message, b.severity);
  });
  diagnostics.erase(std::unique(diagnostics.begin(), diagnostics.end()), diagnostics.end());
}

report::SourceLookup HeadSources(std::shared_ptr<git::Repository> repo, git::Snapshot head) {
  auto cache = std::make_shared<std::map<std::string, std::optional<std::string>>>();
  auto snapshot = std::make_shared<git::Snapshot>(std::move(head));
  return [repo, cache, snapshot](const std::string& file) -> std::optional<std::string_view> {
    auto [it, inserted] = cache->emplace(file, std::nullopt);
    if (inserted) {
      if (const git::FileEntry* entry = snapshot->Find(file)) {
        Result<std::string> text = repo->ReadBlob(entry->blob_id);
        if (text.ok()) it->second = std::move(*text);
      }
    }
    if (!it->second) return std::nullopt;
    return std::string_view(*it->second);
  };
}

}  // namespace

Result<CheckRun> RunCheck(const CheckOptions& options) {
  Result<git::Repository> opened = git::Repository::Open(options.repo_dir);
  if (!opened.ok()) return opened.error();
  auto repo = std::make_shared<git::Repository>(std::move(*opened));
  Result<Revisions> revisions = ResolveRevisions(*repo, options);
  if (!revisions.ok()) return revisions.error();

  CheckRun run;
  std::vector<ir::Diagnostic> untrusted;  // what the head's configuration may not widen
  std::string head_name = options.staged ? "the index" : options.head.empty() ? "HEAD" : options.head;
  Result<config::Config> config = LoadCheckConfig(*repo, revisions->base, revisions->head, options.config_file,
                                                  head_name, run.notes, untrusted);
  if (!config.ok()) return config.error();

  RevisionInputs base_inputs = SelectInputs(revisions->base, *config);
  RevisionInputs head_inputs = SelectInputs(revisions->head, *config);
  AddOutsideViewFiles(*repo, *config, base_inputs);
  AddOutsideViewFiles(*repo, *config, head_inputs);
  std::vector<InputFile> all = base_inputs.migrations;
  all.insert(all.end(), head_inputs.migrations.begin(), head_inputs.migrations.end());
  all.insert(all.end(), head_inputs.views.begin(), head_inputs.views.end());
  all.insert(all.end(), base_inputs.views.begin(), base_inputs.views.end());  // for the contract rules
  all.insert(all.end(), base_inputs.context.begin(), base_inputs.context.end());
  all.insert(all.end(), head_inputs.context.begin(), head_inputs.context.end());
  ParsedFiles parsed = ParseAll(*repo, all);
  BlobTexts texts(*repo);

  std::vector<ir::Diagnostic> ignored_base_diagnostics;
  catalog::Catalog base = ReplayMigrations(base_inputs, parsed, ignored_base_diagnostics);
  std::vector<ir::Diagnostic>& diagnostics = run.report.diagnostics;
  diagnostics = head_inputs.diagnostics;
  diagnostics.insert(diagnostics.end(), untrusted.begin(), untrusted.end());
  catalog::Catalog head = ReplayMigrations(head_inputs, parsed, diagnostics);
  // Mirrors are inferred from the production tables at head, and hold at base too.
  AnalyticsRevision base_analytics, head_analytics;
  std::vector<std::string> mirror_notes =
      ReadAnalyticsOver(head_analytics, *repo, revisions->head, *config, texts, head, head_inputs, parsed,
                        nullptr, &base);
  run.notes.insert(run.notes.end(), mirror_notes.begin(), mirror_notes.end());
  ReadAnalyticsOver(base_analytics, *repo, revisions->base, *config, texts, base, base_inputs, parsed,
                    &head_analytics.inferred);
  AddAnalyticsViews(base_analytics, *config, "base", base_inputs, parsed);
  AddAnalyticsViews(head_analytics, *config, "head", head_inputs, parsed);
  ImportedViews imported = ReadImportedViews(*repo, revisions->head, *config, texts);
  AddImportedBridges(imported, *config, "head", head_inputs, parsed);
  diagnostics.insert(diagnostics.end(), head_analytics.diagnostics.begin(), head_analytics.diagnostics.end());
  diagnostics.insert(diagnostics.end(), imported.diagnostics.begin(), imported.diagnostics.end());
  CollectParseDiagnostics(head_inputs, parsed, diagnostics);

  std::vector<catalog::SchemaChange> changes = catalog::Diff(base, head);
  std::vector<rules::EditedMigration> edited = EditedMigrations(base_inputs, head_inputs, texts, changes);
  catalog::Catalog overlay = catalog::OverlayRemoved(head, base);
  AddViewFiles(overlay, head_inputs, parsed, config->search_path, diagnostics);

  lineage::LineageEngine engine(overlay);
  AddImportedViews(imported, *config, overlay, engine);
  for (const auto& [name, view] : overlay.views()) {
    if (view.gone) continue;
    if (const lineage::ViewLineage* traced = engine.ForView(name)) {
      diagnostics.insert(diagnostics.end(), traced->diagnostics.begin(), traced->diagnostics.end());
      ++run.report.views_checked;
    }
  }
  std::vector<rules::ChangeImpact> impacts = ImpactsOfChanges(changes, engine, overlay, head_inputs.warehouse_copies);
  AnalyticsState state = CompareAnalytics({base, base_inputs, base_analytics, revisions->base.committed_at},
                                          {head, head_inputs, head_analytics, revisions->head.committed_at},
                                          parsed, *config, engine);
  run.report.findings = Judge({impacts, state.base_views, state.head_views, state.today, state.missing_references, edited,
                               state.not_null_promises},
                              *config, base_inputs, head_inputs, parsed, texts, diagnostics);
  AssignOwners(run.report.findings, *config);
  AssignExposures(run.report.findings, head_analytics, base_analytics);
  DropRestatedDiagnostics(run.report.findings, state, diagnostics);
  DropUnmappedSourceNoise(head_analytics, diagnostics);
  SortUnique(diagnostics);
  run.report.coverage = MeasureCoverage({head_inputs, head_analytics, overlay, engine, diagnostics});

  run.report.base = revisions->base_sha;
  run.report.head = options.staged ? "staged" : revisions->head.label;
  run.report.migrations_read = static_cast<int>(head_inputs.migrations.size());
  run.report.schema_changes = static_cast<int>(changes.size());
  run.sources = HeadSources(repo, std::move(revisions->head));
  return run;
}

}  // namespace ds::engine
