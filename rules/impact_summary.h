#pragma once
/// What every "in use" rule says the same way: which views read the change.
#include <string>

#include "rules/rule.h"

namespace ds::rules {

/// "1 view reads it: analytics.customers" / "3 views read it: a, b and c" (at most 3 named).
std::string ReadersClause(const std::vector<ir::Impact>& impacts);

/// A finding on the change's statement, carrying the change and its impacts.
ir::Finding FindingFor(const ChangeImpact& change, std::string message, std::string help);

/// The changes of one kind that something reads; the loop every "in use" rule starts with.
std::vector<const ChangeImpact*> ChangesInUse(const RuleContext& context, std::string_view kind);

/// "public.users.email" for a column change, "public.users" for a table change.
std::string ChangedObject(const ir::ChangeRef& change);

}  // namespace ds::rules
