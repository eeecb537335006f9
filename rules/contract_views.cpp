#include "rules/contract_views.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <map>

namespace ds::rules {

namespace {

// "orders_v2" -> {"orders", 2}; "orders" -> {"orders", 1}.
std::pair<std::string, long> SplitVersion(const std::string& name) {
  size_t at = name.rfind("_v");
  if (at == std::string::npos || at + 2 >= name.size()) return {name, 1};
  for (size_t i = at + 2; i < name.size(); ++i) {
    if (!std::isdigit(static_cast<unsigned char>(name[i]))) return {name, 1};
  }
  return {name.substr(0, at), std::strtol(name.c_str() + at + 2, nullptr, 10)};
}

bool VersionLess(const std::string& a, const std::string& b) {
  char *end_a = nullptr, *end_b = nullptr;
  double x = std::strtod(a.c_str(), &end_a), y = std::strtod(b.c_str(), &end_b);
  if (!a.empty() && !b.empty() && *end_a == '\0' && *end_b == '\0') return x < y;
  return a < b;
}

// A newer version beside the old one at head: a dbt version of the same model newer than any at
// base, or a `<name>_v<N>` view (same schema, N above the old one's) that base did not have.
bool NewVersionPublished(const AnalyticsView& old, const RuleContext& context) {
  if (!old.model.empty()) {
    std::string newest_at_base;
    bool versioned_at_base = false;
    for (const AnalyticsView& view : context.base_views) {
      if (view.model != old.model || view.version.empty()) continue;
      versioned_at_base = true;
      if (newest_at_base.empty() || VersionLess(newest_at_base, view.version)) newest_at_base = view.version;
    }
    for (const AnalyticsView& view : context.head_views) {
      if (view.model != old.model || view.version.empty()) continue;
      if (!versioned_at_base || VersionLess(newest_at_base, view.version)) return true;
    }
  }
  auto [stem, number] = SplitVersion(old.name.name);
  for (const AnalyticsView& view : context.head_views) {
    if (view.name.schema != old.name.schema) continue;
    auto [other_stem, other_number] = SplitVersion(view.name.name);
    if (other_stem == stem && other_number > number && view.name.name != stem &&
        FindView(context.base_views, view.name) == nullptr) {
      return true;
    }
  }
  return false;
}

bool PastDeprecation(const AnalyticsView& view, const std::string& today) {
  if (view.deprecation_date.size() < 10 || today.empty()) return false;
  return view.deprecation_date.substr(0, 10) <= today;
}

}  // namespace

const AnalyticsView* FindView(std::span<const AnalyticsView> views, const ir::QualifiedName& name) {
  auto it = std::lower_bound(views.begin(), views.end(), name,
                             [](const AnalyticsView& v, const ir::QualifiedName& n) { return v.name < n; });
  return it != views.end() && it->name == name ? &*it : nullptr;
}

std::vector<PublicView> GuardedViews(const RuleContext& context) {
  std::vector<PublicView> out;
  for (const AnalyticsView& base : context.base_views) {
    if (base.public_because.empty()) continue;
    const AnalyticsView* head = FindView(context.head_views, base.name);
    if (PastDeprecation(base, context.today) || (head && PastDeprecation(*head, context.today))) continue;
    if (NewVersionPublished(base, context)) continue;
    out.push_back({&base, head});
  }
  return out;
}

std::string CanonicalType(std::string type) {
  for (char& c : type) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  while (!type.empty() && type.back() == ' ') type.pop_back();
  static const std::map<std::string, std::string> kAliases = {
      {"int", "integer"}, {"int4", "integer"}, {"int8", "bigint"}, {"int2", "smallint"},
      {"float8", "double precision"}, {"float", "double precision"}, {"float4", "real"},
      {"bool", "boolean"}, {"varchar", "character varying"}, {"string", "text"},
      {"timestamp", "timestamp without time zone"}, {"timestamptz", "timestamp with time zone"},
      {"decimal", "numeric"}, {"char", "character"}};
  auto it = kAliases.find(type);
  return it == kAliases.end() ? type : it->second;
}

std::string Because(const AnalyticsView& view) { return " (" + view.public_because + ")"; }

std::string VersionHelp(const AnalyticsView& view) {
  auto [stem, number] = SplitVersion(view.name.name);
  std::string next = view.name.schema + "." + stem + "_v" + std::to_string(number + 1);
  return "keep " + view.name.ToString() + " as it is and publish the change as a new version (" +
         (view.model.empty() ? "" : "dbt `versions:` with a new latest_version, or ") + "a view " + next +
         " beside it); give the old one a deprecation_date and remove it once that has passed";
}

}  // namespace ds::rules
