#pragma once
/// A rule is a free function over a read-only context that reports findings to a sink. No I/O.
#include <span>
#include <string_view>
#include <vector>

#include "src/catalog/diff.h"
#include "src/ir/diagnostic.h"

namespace ds::rules {

/// A schema change with the views it breaks (empty when nothing reads it).
struct ChangeImpact {
  catalog::SchemaChange change;
  std::vector<ir::Impact> impacts;
};

/// An output column of an analytics view, as its consumers see it.
struct ViewColumn {
  std::string name;
  std::string type;  ///< "" when unknown
  bool type_from_contract = false;  ///< the contract's data_type; else derived from the table column it passes
  ir::SourceSpan span;  ///< its select-list entry when known, else the view's
};

/// A view file's view or a dbt / lea model at one revision (not the views migrations create).
struct AnalyticsView {
  ir::QualifiedName name;  ///< as lineage knows it
  std::string model;       ///< the dbt model's name; "" for view files and lea
  std::string version;     ///< dbt version; "" when not versioned
  std::string deprecation_date;  ///< as written (YYYY-MM-DD...); "" when none
  std::string public_because;    ///< why consumers may rely on it ("access: public"...); "" when not public
  ir::SourceSpan span;
  std::vector<ViewColumn> columns;
};

/// A read, in an analytics view changed by the pull request, that the schema at head cannot answer.
struct MissingReference {
  ir::QualifiedName view;
  ir::SourceSpan span;  ///< the reference
  std::string message;  ///< what lineage says, with its did-you-mean
};

/// A migration file the base revision already had that the pull request changes or deletes.
struct EditedMigration {
  std::string path;
  ir::SourceSpan span;   ///< its first changed line at head (line 1 when deleted)
  bool deleted = false;
  std::vector<ir::ChangeRef> hidden;  ///< schema changes no statement at head makes (attributed here)
};

/// What an acknowledgement did once the findings were matched to it (the engine's Acknowledge).
struct AcknowledgementUse {
  ir::AckRef ack;
  int statement_line = 0;  ///< a comment's statement; 0 for a downstream.yml entry
  bool added = true;       ///< the pull request adds it (else it was reviewed before)
  bool found = false;      ///< a finding stands where it points (its statement; any, for downstream.yml)
  std::vector<std::string> named;   ///< consumers of those findings that it names (released unless expired)
  std::vector<std::string> others;  ///< consumers of those findings that it does not name
};

/// A model's output columns its properties declare never NULL (a dbt contract's `not_null`
/// constraint, a `not_null` data test): a NULL arriving there fails the next build.
struct NotNullPromise {
  ir::QualifiedName view;
  std::vector<std::string> columns;
};

struct RuleContext {
  std::span<const ChangeImpact> changes;
  std::span<const AnalyticsView> base_views;  ///< sorted by name
  std::span<const AnalyticsView> head_views;  ///< sorted by name
  std::string today;  ///< the head commit's committer date, YYYY-MM-DD: deprecation dates compare to it
  std::span<const MissingReference> missing_references;
  std::span<const EditedMigration> edited_migrations;  ///< sorted by path
  std::span<const NotNullPromise> not_null_promises;   ///< the head's, sorted by view
  /// downstream.yml `soft_delete_columns:` (column names).
  std::span<const std::string> soft_delete_columns;
  /// Filled for RuleStage::kAcknowledgements only, in file order.
  std::span<const AcknowledgementUse> acknowledgements;
};

/// Collects findings; stamps each with the rule's id and configured severity, so a rule cannot
/// mislabel its output.
class FindingSink {
 public:
  void Begin(std::string_view rule_id, ir::Severity severity);
  void Report(ir::Finding finding);
  /// Reports at the configured severity or `at_most`, whichever is lower (a widening retype is a
  /// warning even where the rule is an error).
  void Report(ir::Finding finding, ir::Severity at_most);
  std::vector<ir::Finding> Take() { return std::move(findings_); }

 private:
  std::string rule_;
  ir::Severity severity_ = ir::Severity::kError;
  std::vector<ir::Finding> findings_;
};

using RuleFn = void (*)(const RuleContext&, FindingSink&);

/// When a rule runs: on the schema and analytics changes, or on what the acknowledgements did
/// with the findings of the first stage (their findings are never acknowledged themselves).
enum class RuleStage { kChanges, kAcknowledgements };

struct RuleInfo {
  std::string_view id;
  RuleFn check;
  ir::Severity default_severity;
  std::string_view summary;  ///< one line, for SARIF and --help
  RuleStage stage = RuleStage::kChanges;
};

/// Every rule, alphabetized by id. One explicit list: no static self-registration.
std::span<const RuleInfo> AllRules();
const RuleInfo* FindRule(std::string_view id);
/// The rule's doc page (rules/<id>.md, compiled in); empty for an unknown id.
std::string_view RuleDoc(std::string_view id);

}  // namespace ds::rules
