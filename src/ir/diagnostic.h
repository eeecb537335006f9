#pragma once
/// Findings (a rule's verdict) and diagnostics (input we could not understand).
#include <string>
#include <vector>

#include "src/ir/names.h"
#include "src/ir/source_span.h"

namespace ds::ir {

enum class Severity { kOff, kWarning, kError };

const char* SeverityName(Severity s);  ///< "error", "warning", "off"

/// Input we could not understand (or a fact worth telling: what detection found). The analysis
/// goes on; the report lists these so nothing is passed over silently.
struct Diagnostic {
  Severity severity = Severity::kWarning;
  SourceSpan span;
  std::string message;  ///< one line, plain text
  auto operator<=>(const Diagnostic&) const = default;
};

/// The schema change a finding is about (INTERFACE.md `change`).
struct ChangeRef {
  std::string kind;  ///< drop_table | rename_table | drop_column | rename_column | retype_column
  QualifiedName table;
  std::string column;    ///< empty for table changes
  std::string new_name;  ///< rename kinds: the new column name, or the new table name (qualified)
  std::string old_type;  ///< retype_column
  std::string new_type;  ///< retype_column
};

/// A view (or model) that a change breaks, directly or through other views.
struct Impact {
  QualifiedName view;
  SourceSpan span;                   ///< where the view is defined
  std::vector<std::string> columns;  ///< the view's output columns that derive from the change
  std::vector<std::string> usages;   ///< select, filter, join, group, order, window
  std::vector<std::string> path;     ///< "public.users.email" -> ... -> "analytics.v.col"
  std::vector<std::string> owners;   ///< from the config's `owners:` patterns matching `view`
};

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

struct Finding {
  std::string rule;  ///< stamped by the sink, never by the rule itself
  Severity severity = Severity::kError;
  SourceSpan span;      ///< the migration statement that makes the change
  std::string message;  ///< one line, plain text
  std::string help;     ///< the safe alternative, one line
  ChangeRef change;
  std::vector<Impact> impacts;  ///< ordered by view name
  std::vector<Exposure> exposures;  ///< consumers at the end of the chain, ordered by name
};

}  // namespace ds::ir
