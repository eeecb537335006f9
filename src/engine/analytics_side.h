#pragma once
/// The analytics side of a revision beyond plain view files: dbt projects, dbt manifests and lea
/// folders (parsers/analytics), read from git blobs or, for a second checkout outside the
/// repository, from disk. Their models join the view files; sources reach production tables
/// through `warehouse.mirrors`.
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "parsers/analytics/analytics.h"
#include "parsers/analytics/warehouse.h"
#include "src/config/config.h"
#include "src/engine/disk_file.h"
#include "src/engine/inputs.h"
#include "src/engine/mirror_inference.h"
#include "src/git/repository.h"

namespace ds::engine {

/// Blob texts by id, each distinct blob read once whichever revisions share it. Safe to share
/// between threads (ReadAnalytics reads its projects in parallel).
class BlobTexts {
 public:
  explicit BlobTexts(const git::Repository& repo) : repo_(repo) {}
  /// The text of a blob; nullopt when it cannot be read. The reference stays valid.
  const std::optional<std::string>& Read(const std::string& blob_id);

 private:
  struct Entry {
    std::once_flag read;
    std::optional<std::string> text;
  };
  const git::Repository& repo_;
  std::mutex mutex_;  ///< guards the map only: blobs are read side by side, each once
  std::map<std::string, Entry> cache_;
};

/// What the dbt / lea sources of one revision hold.
struct AnalyticsRevision {
  std::vector<analytics::AnalyticsProject> projects;  ///< config order
  std::vector<ir::Diagnostic> diagnostics;  ///< project-level (each model's own are in its file)
  /// Source relations that mirror no production table: lineage cannot see their columns. Named
  /// as the warehouse sees them (analytics::RenderedName).
  std::set<ir::QualifiedName> unmapped_sources;
  /// Files models read in place that the repository cannot show (analytics::OutsideRead: lea's
  /// DuckDB files in a submodule, at a URL...): like unmapped sources, their columns cannot be
  /// seen. Named as the models' SQL names them (the path, unqualified).
  std::set<ir::QualifiedName> outside_files;
  /// Files of models reading such a source or file: their column names cannot be checked.
  std::set<std::string> unchecked_files;
  /// Mirrors found without configuration (ResolveMirrors); they join `warehouse.mirrors`.
  std::vector<InferredMirror> inferred;
};

/// The mirrors of `config` as the analytics reader takes them.
std::vector<analytics::Mirror> MirrorsOf(const config::Config& config);

/// The columns of a warehouse relation, for the dbt macros that list them (dbt_utils.star,
/// union_relations, ...); nullopt when not known. Called from several threads at once.
using ColumnsOf = std::function<std::optional<std::vector<std::string>>(const ir::QualifiedName&)>;

/// Reads every dbt and lea source of `config` at `snapshot` (mirrors are resolved later:
/// ResolveMirrors). `relation_columns` answers the macros that list a relation's columns.
AnalyticsRevision ReadAnalytics(const git::Repository& repo, const git::Snapshot& snapshot,
                                const config::Config& config, BlobTexts& texts,
                                const ColumnsOf& relation_columns = nullptr);

/// Once the production schema is replayed (`production`): infers the mirrors of the warehouse
/// schemas that dbt sources and view files read (or takes `given`, the head's, for the base),
/// bridges the view files' reads of mirrored tables like sources, and says which sources mirror
/// nothing. Returns a note per inferred mirror (how to pin it), for stderr.
std::vector<std::string> ResolveMirrors(AnalyticsRevision& analytics, const config::Config& config,
                                        const catalog::Catalog& production, const RevisionInputs& inputs,
                                        const ParsedFiles& parsed, const std::vector<InferredMirror>* given = nullptr);

/// ReadAnalytics then ResolveMirrors, for a revision whose production schema is replayed: the
/// macros that list a relation's columns are answered from `production`, for relations it holds
/// and for the warehouse's copies of its tables (configured mirrors, `given`); when inferred
/// mirrors could answer what the read asked, the analytics side is read once more knowing them.
/// `base` (a pull request's base schema) answers first where it holds the relation: a column the
/// pull request drops is still listed at head, so the model and its readers break on it, as
/// they would on a column named in their SQL. Returns ResolveMirrors' notes.
std::vector<std::string> ReadAnalyticsOver(AnalyticsRevision& analytics, const git::Repository& repo,
                                           const git::Snapshot& snapshot, const config::Config& config,
                                           BlobTexts& texts, const catalog::Catalog& production,
                                           const RevisionInputs& inputs, const ParsedFiles& parsed,
                                           const std::vector<InferredMirror>* given = nullptr,
                                           const catalog::Catalog* base = nullptr);

/// Adds the projects' models (as view files) and the mirror views bridging sources to
/// production tables to `inputs.views` / `parsed`, keyed apart by `tag` (the revision).
void AddAnalyticsViews(const AnalyticsRevision& analytics, const config::Config& config,
                       const std::string& tag, RevisionInputs& inputs, ParsedFiles& parsed);

/// Lineage says a relation that mirrors nothing "does not exist" in every model reading it, and
/// so are the columns read through it: one diagnostic per source (in
/// AnalyticsRevision::diagnostics) says it instead; for a file read outside the repository, the
/// model's own diagnostic at the read.
void DropUnmappedSourceNoise(const AnalyticsRevision& analytics, std::vector<ir::Diagnostic>& diagnostics);

/// The exposures (dashboards, applications) that depend on what each finding breaks: its impacted
/// views, and for a finding on a view itself, that view. Exposures of `head`, else of `base`.
void AssignExposures(std::vector<ir::Finding>& findings, const AnalyticsRevision& head,
                     const AnalyticsRevision& base);

/// `path:` view sources outside the repository (a second checkout): their .sql files, listed and
/// later read from disk (InputFile::blob_id "disk:<path>"), the same at every revision.
void AddOutsideViewFiles(const git::Repository& repo, const config::Config& config, RevisionInputs& inputs);

/// Reads a file outside the repository (or a file of the working tree) from disk; `path` is as
/// configured, relative to the repository's working tree when not absolute.
DiskFile ReadFromDisk(const git::Repository& repo, const std::string& path);

}  // namespace ds::engine
