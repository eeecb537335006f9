#pragma once
/// What the contract rules share: which public views of the base a change may touch, and when
/// consumers have a way out (a new version, a passed deprecation date).
#include <string>
#include <vector>

#include "rules/rule.h"

namespace ds::rules {

/// A view public at base with its head counterpart (nullptr when head has no view of its name).
struct PublicView {
  const AnalyticsView* base;
  const AnalyticsView* head;
};

/// The views public at base that neither a new version nor a passed deprecation date lets go.
std::vector<PublicView> GuardedViews(const RuleContext& context);

/// The view named `name` in a sorted span, or nullptr.
const AnalyticsView* FindView(std::span<const AnalyticsView> views, const ir::QualifiedName& name);

/// Types compared as PostgreSQL spells them: lower case, common aliases (int, int8, varchar,
/// timestamptz, bool...) resolved.
std::string CanonicalType(std::string type);

/// " (access: public)": why the view is public, for messages.
std::string Because(const AnalyticsView& view);

/// The help every contract rule gives: keep the old shape, publish a new version.
std::string VersionHelp(const AnalyticsView& view);

}  // namespace ds::rules
