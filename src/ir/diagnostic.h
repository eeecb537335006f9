#pragma once
/// Findings (a rule's verdict) and diagnostics (input we could not understand).
#include <string>
#include <vector>

#include "src/ir/names.h"
#include "src/ir/source_span.h"

namespace ds::ir {

enum class Severity { kOff, kWarning, kError };

const char* SeverityName(Severity s);  ///< "error", "warning", "off"

/// What a diagnostic is about, typed: callers filter and count by code, never by message text.
/// Each code has a stable text form (DiagCodeName) written only by the reporters, and says how
/// much of its file or relation was lost (CoverageEffect). Append new codes; never rename one.
enum class DiagCode {
  kUnclassified,          ///< "unclassified": not yet given a code (counts as a partial read)
  kNote,                  ///< "note": a fact worth telling (what detection found), not a gap
  kUnreadableFile,        ///< "unreadable-file": missing, binary, not UTF-8, too large
  kSyntaxError,           ///< "syntax-error": the parser refused (part of) a file
  kUnsupported,           ///< "unsupported": a statement, call or construct that is not understood
  kMigrationRefused,      ///< "migration-refused": PostgreSQL would refuse the statement (or view)
  kMigrationOrder,        ///< "migration-order": a history that cannot be ordered (cycle, heads)
  kUnknownRelation,       ///< "unknown-relation": a view reads a relation that does not exist
  kUnknownColumn,         ///< "unknown-column": a view reads a column its relation lacks
  kAmbiguousColumn,       ///< "ambiguous-column": a name more than one relation answers to
  kTemplateError,         ///< "template-error": Jinja that could not be rendered
  kUnmappedSource,        ///< "unmapped-source": a dbt source mirroring no production table; a file not in the repo
  kUnknownType,           ///< "unknown-type": a column type that could not be resolved
  kLimitExceeded,         ///< "limit-exceeded": input past a bound (size, depth, work)
  kNotAQuery,             ///< "not-a-query": a model or view file that defines no relation
  kConfiguration,         ///< "configuration": a configuration problem that is not fatal
  kUntrusted,             ///< "untrusted": the pull request widened what the base allows
  kNotAMigration,         ///< "not-a-migration": a file in a migrations folder that is left out
  kMalformedAcknowledgement,  ///< "malformed-acknowledgement": a `downstream: ack` that cannot be read
};

/// The stable text form of a code ("syntax-error").
const char* DiagCodeName(DiagCode code);

/// How much a diagnostic's file or relation was understood: kNone (nothing lost: a note), kPartial
/// (read, with a gap), kUnread (nothing usable came out of it).
enum class CoverageEffect { kNone, kPartial, kUnread };
CoverageEffect CoverageEffectOf(DiagCode code);

/// Input we could not understand (or a fact worth telling: what detection found). The analysis
/// goes on; the report lists these so nothing is passed over silently.
struct Diagnostic {
  Severity severity = Severity::kWarning;
  SourceSpan span;
  std::string message;  ///< one line, plain text
  DiagCode code = DiagCode::kUnclassified;
  auto operator<=>(const Diagnostic&) const = default;
};

/// The schema change a finding is about (INTERFACE.md `change`).
struct ChangeRef {
  /// drop_table | rename_table | drop_column | rename_column | retype_column | drop_not_null |
  /// rename_enum_value | drop_enum_value | rewrite_values | drop_view | missing_reference | ...
  std::string kind;
  QualifiedName table;
  std::string column;    ///< empty for table changes
  std::string new_name;  ///< rename kinds: the new column name, or the new table name (qualified)
  std::string old_type;  ///< retype_column; the enum type of rename_enum_value, drop_enum_value
  std::string new_type;  ///< retype_column
  /// rename_enum_value, drop_enum_value: the label; rewrite_values: a value the data migration
  /// rewrites. `new_value`: the label's new name, or what the value becomes ("" when unknown).
  std::string value;
  std::string new_value;
};

/// What a relation of the analytics side is, in its own tool's vocabulary (dbt's for dbt).
/// kSource is a warehouse copy of a production table (a dbt source, a mirror): never a consumer.
/// kEphemeral is a dbt model that dbt inlines as a CTE into its consumers: traced like a view, but
/// no relation of the warehouse.
enum class RelationKind { kView, kMaterializedView, kModel, kSeed, kSnapshot, kExposure, kSource, kEphemeral };

/// The stable text form of a kind ("materialized_view"), as the JSON report writes it.
const char* RelationKindName(RelationKind kind);
/// The kind as prose, singular ("materialized view"); plurals add an "s".
const char* RelationKindNoun(RelationKind kind);

/// A view (or model) that a change breaks: it reads the changed column (non-empty `usages`, or a
/// dropped relation read whole), or it is downstream of a consumer that breaks (`via`).
struct Impact {
  QualifiedName view;
  SourceSpan span;                   ///< where the view is defined
  std::vector<std::string> columns;  ///< the view's output columns that derive from the change
  std::vector<std::string> usages;   ///< select, filter, join, group, order, window
  std::vector<std::string> path;     ///< "public.users.email" -> ... -> "analytics.v.col"
  std::vector<std::string> owners;   ///< from the config's `owners:` patterns matching `view`
  RelationKind kind = RelationKind::kView;
  QualifiedName via;  ///< downstream only: the broken consumer it reads; empty when it reads the change
  /// The consumer, or one it breaks through, was read only partly (a statement that could not be
  /// parsed, read by name): "confidence": "partial".
  bool partial = false;
  /// An acknowledgement in force names this consumer: it no longer counts toward --fail-on.
  bool acknowledged = false;
  /// A PostgreSQL view (ir::CreateView::binds_types): it refuses a retype of what it reads, where
  /// the warehouse's relations follow a widened column.
  bool binds_types = false;
};

/// "1 model", "3 views" (materialized or not), "2 consumers" (mixed kinds): how the messages and
/// reports count impacts, in the consumers' own vocabulary.
std::string CountConsumers(const std::vector<Impact>& impacts);

/// A consumer outside the warehouse (a dbt exposure: dashboard, application, notebook...) that
/// depends on a view the finding breaks.
struct Exposure {
  std::string name;  ///< as declared (dbt `exposures: - name:`)
  std::string label;
  std::string type;  ///< dashboard | notebook | analysis | ml | application
  std::string url;
  std::string owner_name;
  std::string owner_email;
  QualifiedName via;  ///< the broken view it depends on
  SourceSpan span;    ///< where it is declared
};

/// An acknowledgement (a `downstream: ack` comment on the migration's line, or a downstream.yml
/// `acknowledgements:` entry) that names consumers of a finding.
struct AckRef {
  SourceSpan span;                     ///< the comment, or the configuration entry
  std::vector<std::string> consumers;  ///< the names or globs as written
  std::string reason;
  std::string until;     ///< YYYY-MM-DD; "" when it does not expire
  bool expired = false;  ///< `until` is before the head commit's date: it releases nothing
  bool in_source = true;  ///< a comment in the migration (false: downstream.yml)
};

struct Finding {
  std::string rule;  ///< stamped by the sink, never by the rule itself
  Severity severity = Severity::kError;
  SourceSpan span;      ///< the migration statement that makes the change
  std::string message;  ///< one line, plain text
  std::string help;     ///< the safe alternative, one line
  ChangeRef change;
  std::vector<Impact> impacts;  ///< ordered by view name
  std::vector<Exposure> exposures;  ///< consumers at the end of the chain, ordered by name
  /// Every consumer it breaks is acknowledged by an acknowledgement in force: the finding stays in
  /// every output, marked, and no longer counts toward --fail-on.
  bool acknowledged = false;
  std::vector<AckRef> acknowledgements;  ///< those naming one of its consumers, in file order
};

}  // namespace ds::ir
