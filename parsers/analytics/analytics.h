#pragma once
/// The analytics side read statically: a dbt project (its YAML and its models' Jinja rendered
/// without running anything), dbt's target/manifest.json, or a lea folder of SQL files. Each
/// model and snapshot becomes a CREATE VIEW op, so lineage traces it like any view file; each seed
/// a CREATE TABLE op. Pure functions over file contents: the caller lists repository-relative
/// paths and fetches texts.
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "parsers/dialect/dialect.h"
#include "src/ir/diagnostic.h"
#include "src/ir/names.h"
#include "src/ir/parsed_file.h"

namespace ds::analytics {

/// A file's text by repository-relative path; nullopt when it cannot be read.
using FileReader = std::function<std::optional<std::string>(const std::string& path)>;

/// A column promised by a model's properties (`columns:` in schema.yml, or the manifest).
struct ColumnContract {
  std::string name;
  std::string data_type;  ///< as written; empty when not given
  /// Declared never NULL: a `not_null` constraint (dbt contracts) or a `not_null` data test.
  bool not_null = false;
};

/// A dbt model or snapshot, or a lea table.
struct Model {
  /// "model.<project>.<name>", versioned: "model.<project>.<name>.v<v>"; "snapshot.<project>.<name>"
  std::string unique_id;
  std::string name;       ///< the model name (without the version suffix)
  std::string package;    ///< the dbt project; "" for lea
  /// `<schema>.<alias>` as dbt's generate_schema_name / generate_alias_name give them (the
  /// project's overrides when present), names as written (not folded).
  ir::QualifiedName relation;
  std::string database;  ///< generate_database_name's answer; "" when the target's is not known
  std::string file;            ///< repository-relative path of the .sql file
  std::string sql;             ///< the rendered SELECT; its line i is line i of `file`
  /// The CREATE VIEW op (no ops when the SQL could not be parsed) with the diagnostics about
  /// this model (Jinja and SQL), positions in `file`. Offsets map through `parsed->source`.
  std::shared_ptr<const ir::ParsedFile> parsed;
  std::vector<ir::QualifiedName> depends_on;  ///< relations read (models and sources), sorted
  std::vector<std::string> depends_on_ids;    ///< their unique ids, sorted ("source.p.s.t", "model.p.m")
  /// view | table | incremental | ephemeral | snapshot | ...; an ephemeral model is no relation of
  /// the warehouse (dbt inlines it as a CTE) but is traced like one, its view of kind kEphemeral.
  std::string materialized = "view";
  std::string on_schema_change;  ///< incremental models: ignore (default) | fail | append_new_columns | sync_all_columns
  std::string access;                 ///< private | protected | public; "" when not said
  bool contract_enforced = false;
  bool enabled = true;
  std::vector<ColumnContract> columns;
  std::string version;         ///< "" when not versioned
  std::string latest_version;  ///< the model's latest_version ("" when not versioned)
  std::string deprecation_date;
  std::string group;
  std::vector<std::string> tags;
};

struct Source {
  std::string unique_id;    ///< "source.<project>.<source>.<table>"
  std::string source_name;  ///< `sources: - name:`
  std::string table_name;   ///< `tables: - name:`
  std::string database;
  std::string schema;  ///< as configured (defaults to the source name)
  /// `<schema>.<identifier or name>`; when a model, seed or snapshot of the project has that
  /// name in another database, the schema is `<database>.<schema>` (`<database>__<schema>` in
  /// BigQuery and Databricks, where a dot in a quoted name splits it), so the two stay distinct.
  ir::QualifiedName relation;
  std::vector<ColumnContract> columns;
  std::string file;
  int line = 0;
};

/// A dbt seed: a CSV file that `dbt seed` loads as a table.
struct Seed {
  std::string unique_id;  ///< "seed.<project>.<name>"
  std::string name;       ///< the file name without .csv
  ir::QualifiedName relation;  ///< named as a model is
  std::string database;
  /// The CSV header's columns, typed by `column_types` when given, else as dbt infers them from
  /// the values (integer, float8, boolean, date, timestamp, text).
  std::vector<ColumnContract> columns;
  std::string file;
  /// The CREATE TABLE op, spanned at the header (the diagnostics about the file are the project's).
  std::shared_ptr<const ir::ParsedFile> parsed;
};

struct Exposure {
  std::string unique_id;  ///< "exposure.<project>.<name>"
  std::string name, label, type, url, maturity;
  std::string owner_name, owner_email;
  std::vector<ir::QualifiedName> depends_on;  ///< sorted
  std::vector<std::string> depends_on_ids;    ///< sorted
  std::string file;
  int line = 0;
};

/// A relation a model reads whose columns the repository cannot show: a file DuckDB reads in
/// place (FROM 'data/x.csv', read_parquet('s3://...')) that is not in it (a git submodule, a URL,
/// an absolute path) or whose header is not read (not a CSV file). Like a source that mirrors
/// no production table, the model is read partly: the model's own `unmapped-source` diagnostic
/// says so at `span`, and lineage does not say the relation or its columns do not exist.
struct OutsideRead {
  ir::QualifiedName relation;  ///< as the model's SQL names it (the path as written, unqualified)
  ir::SourceSpan span;         ///< where the model reads it
};

struct AnalyticsProject {
  std::string name;  ///< the dbt project's name; "" for lea
  std::vector<Model> models;        ///< models and snapshots, sorted by unique_id
  std::vector<Seed> seeds;          ///< sorted by unique_id
  std::vector<Source> sources;      ///< sorted by unique_id
  std::vector<Exposure> exposures;  ///< sorted by unique_id
  /// lea (DuckDB): the files models read in place whose columns cannot be seen, in model order.
  /// (A CSV file of the repository read in place is a table: one of `seeds`, named by its path.)
  std::vector<OutsideRead> outside_reads;
  /// The dialect its SQL was read in (DbtOptions::dialect, LeaOptions::dialect). Never null.
  const dialect::Dialect* dialect = &dialect::Postgres();
  /// Project-level diagnostics (YAML, dbt_project.yml, manifest). Each model's own are in its
  /// `parsed->diagnostics`; AllDiagnostics() merges both.
  std::vector<ir::Diagnostic> diagnostics;
};

struct DbtOptions {
  /// The columns of a relation, for dbt_utils.star and the like; unset or nullopt: not known (the
  /// macro's output is opaque). The seam through which the catalog answers.
  std::function<std::optional<std::vector<std::string>>(const ir::QualifiedName&)> relation_columns;

  /// `target.schema`: the schema of a model with no custom schema, and the prefix of custom ones
  /// (dbt's generate_schema_name: `<target.schema>_<custom>`). Empty: the profile's (see
  /// below), else "analytics".
  std::string default_schema;
  /// `target.database`; empty: the profile's, else not known (relations of the target are
  /// named without it).
  std::string default_database;
  /// `target.name`; empty: the profile's `target:`, else not known (conditions on it are not
  /// known statically).
  std::string target_name;
  /// The warehouse's SQL dialect, that the rendered models are written in. Never null. Its name
  /// is `target.type`, the adapter whose macros adapter.dispatch() prefers (`snowflake__m`, then
  /// `default__m`).
  const dialect::Dialect* dialect = &dialect::Postgres();
  /// `dialect` was chosen by the user; when false, the profile's adapter `type:` picks it.
  /// The profile: profiles.yml beside dbt_project.yml (where `dbt compile` run in the project's
  /// folder finds it), its profile named by dbt_project.yml's `profile:` (or its only one), the
  /// output of the target. What the options give wins.
  bool dialect_given = true;
  /// Threads that render and parse the models (the output does not depend on it).
  size_t threads = 1;
};

struct LeaOptions {
  /// The warehouse's SQL dialect, that the files are written in. Never null.
  const dialect::Dialect* dialect = &dialect::Postgres();
  /// BigQuery: the dataset lea writes to (its LEA_BQ_DATASET_NAME), where <schema>/<table>.sql
  /// is the table `<dataset>.<schema>__<table>`. Empty: the .env file's where lea runs (the folder
  /// holding `root`), else the dataset the scripts' own references to each other name (lea
  /// rewrites whatever dataset they name to its own), else the folder's name, with a
  /// configuration warning. Unused in other dialects.
  std::string dataset;
};

/// Reads the dbt project whose dbt_project.yml is at `project_file` (e.g.
/// "analytics/dbt_project.yml"). `paths` are the repository's files (repository-relative);
/// only those under the project's model-paths are read, through `read`.
AnalyticsProject ReadDbtProject(const std::string& project_file, const std::vector<std::string>& paths,
                                const FileReader& read, const DbtOptions& options = {});

/// Reads dbt's target/manifest.json (`path` is only for diagnostics): compiled SQL when present,
/// else the raw Jinja rendered as ReadDbtProject does. Schemas and aliases are the manifest's.
/// `read`, when given, reads the project's files (repository-relative): seeds' CSV headers.
AnalyticsProject ReadDbtManifest(const std::string& path, const std::string& json_text,
                                 const DbtOptions& options = {}, const FileReader& read = {});

/// Reads a lea layout under `root` (e.g. "views"): root/<schema>/<table>.sql is `schema.table`,
/// root/<schema>/<sub>/<table>.sql is `schema.sub__table` (BigQuery: `<dataset>.schema__table`,
/// `<dataset>.schema__sub__table`); `.sql.jinja` files are rendered. Files DuckDB reads in
/// place are looked up in the repository through `read`, from the folder lea runs in (the one
/// holding `root`): a CSV file is a seed, anything else an OutsideRead.
AnalyticsProject ReadLeaViews(const std::string& root, const std::vector<std::string>& paths,
                              const FileReader& read, const LeaOptions& options = {});

/// Every diagnostic of a project, its models' included, sorted by file, line, column.
std::vector<ir::Diagnostic> AllDiagnostics(const AnalyticsProject& project);

}  // namespace ds::analytics
