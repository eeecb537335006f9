// SARIF 2.1.0 (OASIS). Code scanning matches results across pushes by partialFingerprints, so
// they hash what the finding is about, never where the line happens to be.
#include <cstdint>
#include <cstdio>

#include <nlohmann/json.hpp>

#include "src/report/sarif_report.h"

namespace ds::report {

namespace {

using Json = nlohmann::ordered_json;

const char* Level(ir::Severity severity) {
  return severity == ir::Severity::kError ? "error" : severity == ir::Severity::kWarning ? "warning" : "none";
}

// FNV-1a, 64 bits: stable across platforms and releases, unlike std::hash.
std::string Fingerprint(std::string_view key) {
  uint64_t h = 1469598103934665603ull;
  for (unsigned char c : key) {
    h ^= c;
    h *= 1099511628211ull;
  }
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(h));
  return hex;
}

std::string FingerprintKey(const ir::Finding& f) {
  std::string key = f.rule + "\n" + f.change.table.ToString();
  if (!f.change.column.empty()) key += "." + f.change.column;
  for (const ir::Impact& impact : f.impacts) key += "\n" + impact.view.ToString();
  return key;
}

Json PhysicalLocation(const ir::SourceSpan& span) {
  Json location;
  location["artifactLocation"] = {{"uri", UriPath(span.file)}, {"uriBaseId", "%SRCROOT%"}};
  if (span.line > 0) {
    Json region;
    region["startLine"] = span.line;
    if (span.column > 0) region["startColumn"] = span.column;
    location["region"] = region;
  }
  return location;
}

Json RuleJson(const SarifRule& rule, const SarifOptions& options) {
  std::string uri = RuleHelpUri(options, rule.id);
  Json j;
  j["id"] = rule.id;
  j["shortDescription"] = {{"text", rule.summary}};
  j["fullDescription"] = {{"text", rule.summary + "."}};
  j["helpUri"] = uri;
  j["help"] = {{"text", rule.summary + ". See " + uri},
               {"markdown", rule.summary + ". See [" + rule.id + "](" + uri + ")."}};
  j["defaultConfiguration"] = {{"level", Level(rule.default_severity)}};
  return j;
}

Json ResultJson(const ir::Finding& f, const SarifOptions& options) {
  Json j;
  j["ruleId"] = f.rule;
  for (size_t i = 0; i < options.rules.size(); ++i) {
    if (options.rules[i].id == f.rule) j["ruleIndex"] = i;
  }
  j["level"] = Level(f.severity);
  std::string text = f.message;
  if (!f.help.empty()) text += "\nhelp: " + f.help;
  j["message"] = {{"text", text}};
  j["locations"] = Json::array({{{"physicalLocation", PhysicalLocation(f.span)}}});
  Json related = Json::array();
  for (const ir::Impact& impact : f.impacts) {
    if (impact.span.file.empty()) continue;
    Json location;
    location["id"] = related.size() + 1;
    location["physicalLocation"] = PhysicalLocation({impact.span.file, impact.span.line, 0});
    std::string what = "breaks " + std::string(ir::RelationKindNoun(impact.kind)) + " " + impact.view.ToString();
    if (!impact.via.name.empty()) {
      what += ", downstream of " + impact.via.ToString();
    } else if (!impact.usages.empty()) {
      what += ", which reads it in ";
      for (size_t i = 0; i < impact.usages.size(); ++i) what += (i ? ", " : "") + impact.usages[i];
    }
    if (impact.partial) what += " (read partly: not parsed, columns found by name)";
    if (impact.path.size() > 1) {
      what += ": ";
      for (size_t i = 0; i < impact.path.size(); ++i) what += (i ? " -> " : "") + impact.path[i];
    }
    location["message"] = {{"text", what}};
    related.push_back(std::move(location));
  }
  for (const ir::Exposure& exposure : f.exposures) {
    if (exposure.span.file.empty()) continue;
    Json location;
    location["id"] = related.size() + 1;
    location["physicalLocation"] = PhysicalLocation({exposure.span.file, exposure.span.line, 0});
    std::string what = "exposure " + exposure.name + (exposure.type.empty() ? "" : " (" + exposure.type + ")") +
                       " reads " + exposure.via.ToString();
    if (!exposure.owner_name.empty() || !exposure.owner_email.empty()) {
      what += "; owned by " + exposure.owner_name +
              (exposure.owner_email.empty() ? "" : (exposure.owner_name.empty() ? "<" : " <") + exposure.owner_email + ">");
    }
    location["message"] = {{"text", what}};
    related.push_back(std::move(location));
  }
  if (!related.empty()) j["relatedLocations"] = std::move(related);
  // A released finding is suppressed: in the source for a migration's comment, externally for a
  // downstream.yml entry; each acknowledgement in force is one suppression with its reason.
  if (f.acknowledged) {
    Json suppressions = Json::array();
    for (const ir::AckRef& ack : f.acknowledgements) {
      if (ack.expired) continue;
      Json suppression;
      suppression["kind"] = ack.in_source ? "inSource" : "external";
      suppression["status"] = "accepted";
      suppression["justification"] = ack.reason + (ack.until.empty() ? "" : " (until " + ack.until + ")");
      suppression["location"] = {{"physicalLocation", PhysicalLocation(ack.span)}};
      suppressions.push_back(std::move(suppression));
    }
    j["suppressions"] = std::move(suppressions);
  }
  j["partialFingerprints"] = {{"downstreamFinding/v1", Fingerprint(FingerprintKey(f))}};
  return j;
}

Json Notification(const ir::Diagnostic& d) {
  Json j;
  j["level"] = d.severity == ir::Severity::kError ? "error" : "warning";
  j["message"] = {{"text", d.message}};
  if (!d.span.file.empty()) j["locations"] = Json::array({{{"physicalLocation", PhysicalLocation(d.span)}}});
  return j;
}

}  // namespace

std::string RuleHelpUri(const SarifOptions& options, const std::string& rule_id) {
  std::string file = rule_id;
  for (char& c : file) c = c == '-' ? '_' : c;
  return options.rules_base_url + "/" + file + ".md";
}

void WriteSarif(const CheckReport& report, const SarifOptions& options, std::ostream& out) {
  Json driver;
  driver["name"] = "downstream";
  if (!options.tool_version.empty()) driver["semanticVersion"] = options.tool_version;
  driver["informationUri"] = options.rules_base_url.substr(0, options.rules_base_url.find("/blob/"));
  driver["rules"] = Json::array();
  for (const SarifRule& rule : options.rules) driver["rules"].push_back(RuleJson(rule, options));

  Json run;
  run["tool"] = {{"driver", driver}};
  Json invocation;
  invocation["executionSuccessful"] = true;
  invocation["toolExecutionNotifications"] = Json::array();
  for (const ir::Diagnostic& d : report.diagnostics) {
    invocation["toolExecutionNotifications"].push_back(Notification(d));
  }
  run["invocations"] = Json::array({invocation});
  run["results"] = Json::array();
  for (const ir::Finding& f : report.findings) run["results"].push_back(ResultJson(f, options));

  Json root;
  root["$schema"] = "https://json.schemastore.org/sarif-2.1.0.json";
  root["version"] = "2.1.0";
  root["runs"] = Json::array({run});
  out << root.dump(2, ' ', false, Json::error_handler_t::replace) << "\n";
}

}  // namespace ds::report
