#pragma once
/// What every "in use" rule says the same way: which views read the change.
#include <string>

#include "rules/rule.h"

namespace ds::rules {

/// "1 view reads" / "3 views read" (directly or through other views).
std::string Readers(const std::vector<ir::Impact>& impacts);
/// "1 view depends" / "3 views depend".
std::string Dependents(const std::vector<ir::Impact>& impacts);
/// "a, b and c", at most three named: "a, b, c and 2 more".
std::string ViewNames(const std::vector<ir::Impact>& impacts);

/// A finding on the change's statement, carrying the change and its impacts.
ir::Finding FindingFor(const ChangeImpact& change, std::string message, std::string help);

/// The changes of one kind that something reads; the loop every "in use" rule starts with.
std::vector<const ChangeImpact*> ChangesInUse(const RuleContext& context, std::string_view kind);

/// "public.users.email" for a column change, "public.users" for a table change.
std::string ChangedObject(const ir::ChangeRef& change);

}  // namespace ds::rules
