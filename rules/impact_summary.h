#pragma once
/// What every "in use" rule says the same way: which consumers read the change, and which break
/// only because they are downstream of one that does.
#include <string>

#include "rules/rule.h"

namespace ds::rules {

/// The consumers of a change in one clause, `verb` agreeing with the count ({"reads", "read"}):
/// "1 model reads: analytics.stg_users; 2 models downstream of analytics.stg_users break too:
/// analytics.a and analytics.b". Nouns are the consumers' kinds (dbt's "model" for dbt).
std::string ConsumerSummary(const std::vector<ir::Impact>& impacts, std::string_view singular_verb,
                            std::string_view plural_verb);

/// The plural noun of the consumers that read the change themselves ("views", "models"), for help
/// lines: downstream ones follow them.
std::string ReadersNoun(const std::vector<ir::Impact>& impacts);

/// "a, b and c", at most three named: "a, b, c and 2 more".
std::string ViewNames(const std::vector<ir::Impact>& impacts);

/// A finding on the change's statement, carrying the change and its impacts.
ir::Finding FindingFor(const ChangeImpact& change, std::string message, std::string help);

/// The changes of one kind that something reads; the loop every "in use" rule starts with.
std::vector<const ChangeImpact*> ChangesInUse(const RuleContext& context, std::string_view kind);

/// "public.users.email" for a column change, "public.users" for a table change.
std::string ChangedObject(const ir::ChangeRef& change);

}  // namespace ds::rules
