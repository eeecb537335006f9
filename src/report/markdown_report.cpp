// The pull request comment and the job summary. Every name that comes from SQL or a file goes
// through EscapeMarkdown; only owners from the configuration may mention anyone.
#include <algorithm>
#include <map>
#include <set>

#include "src/report/markdown_parts.h"
#include "src/report/markdown_report.h"
#include "src/report/safe_text.h"

namespace ds::report {

namespace {

std::string Plural(size_t n, std::string_view one, std::string_view many) {
  return std::to_string(n) + " " + std::string(n == 1 ? one : many);
}

std::string ShortSha(const std::string& sha) {
  bool hex = !sha.empty() && std::all_of(sha.begin(), sha.end(), [](char c) { return std::isxdigit(static_cast<unsigned char>(c)); });
  return hex ? "`" + sha.substr(0, 7) + "`" : EscapeMarkdown(sha);
}

std::string HeadSha(const CheckReport& report, const MarkdownOptions& options) {
  return options.head_sha.empty() ? report.head : options.head_sha;
}

size_t ViewCount(const CheckReport& report) {
  std::set<ir::QualifiedName> views;
  for (const ir::Finding& f : report.findings) {
    if (f.acknowledged) continue;
    for (const ir::Impact& impact : f.impacts) views.insert(impact.view);
  }
  return views.size();
}

std::string Header(const CheckReport& report) {
  size_t errors = 0, warnings = 0, acknowledged = 0;
  for (const ir::Finding& f : report.findings) {
    if (f.acknowledged) ++acknowledged;
    else (f.severity == ir::Severity::kError ? errors : warnings)++;
  }
  bool open = errors + warnings > 0;
  std::string out = std::string(kCommentMarker) + "\n";
  if (!open && acknowledged > 0) {
    out += std::string("### ") + (report.coverage.Complete() ? "✅" : "⚠️") +
           " downstream: every break found is acknowledged\n\n";
  } else if (!open && report.coverage.Complete()) {
    out += "### ✅ downstream: no analytics view breaks\n\n";
  } else if (!open) {
    out += "### ⚠️ downstream: no break found in what could be read\n\n";
  } else {
    out += std::string("### ") + (errors > 0 ? "❌" : "⚠️") + " downstream: this pull request breaks " +
           Plural(ViewCount(report), "analytics view", "analytics views") + "\n\n";
  }
  out += Plural(errors, "error", "errors") + ", " + Plural(warnings, "warning", "warnings") +
         (acknowledged > 0 ? ", " + std::to_string(acknowledged) + " acknowledged" : "") + " (" +
         Plural(static_cast<size_t>(report.schema_changes), "schema change", "schema changes") + ", " +
         Plural(static_cast<size_t>(report.views_checked), "view checked", "views checked") +
         "), comparing " + ShortSha(report.base) + " with " + ShortSha(report.head) + ".\n\n";
  if (!report.coverage.Complete()) {
    out += "**Not everything was read:** " + EscapeMarkdown(CoverageSentence(report.coverage)) +
           ". A change that only what was not read depends on would not be seen.\n\n";
  }
  return out;
}

// "3 views", "4 models, 1 exposure", or a dash for a finding about the migration itself.
std::string BreakCount(const ir::Finding& f) {
  std::string out = f.impacts.empty() ? "" : EscapeMarkdown(ir::CountConsumers(f.impacts));
  if (!f.exposures.empty()) {
    out += (out.empty() ? "" : ", ") + Plural(f.exposures.size(), "exposure", "exposures");
  }
  return out.empty() ? "—" : out;
}

// The owners of what the finding breaks, each once, in order of first appearance.
std::string RowOwners(const ir::Finding& f) {
  std::vector<std::string> owners;
  for (const ir::Impact& impact : f.impacts) {
    for (const std::string& owner : impact.owners) {
      if (std::find(owners.begin(), owners.end(), owner) == owners.end()) owners.push_back(owner);
    }
  }
  std::vector<std::string> mentions;
  for (const std::string& owner : owners) mentions.push_back(OwnerMention(owner));
  return JoinWith(mentions, " ");
}

// One compact row: the migration line, what changed and the rule, how many break, who owns them.
std::string Row(const ir::Finding& f, const CheckReport& report, const MarkdownOptions& options) {
  std::string severity = f.severity == ir::Severity::kError ? "❌" : "⚠️";
  return "| " + severity + " | " + FileLink(f.span, report, options) + " | " + ChangeLabel(f) + " · " +
         RuleLink(f.rule, options) + " | " + BreakCount(f) + " | " + RowOwners(f) + " |\n";
}

// Owner -> the views it owns, in owner order of first appearance.
std::string Owners(const CheckReport& report) {
  std::vector<std::string> order;
  std::map<std::string, std::set<std::string>> views;
  for (const ir::Finding& f : report.findings) {
    if (f.acknowledged) continue;  // its owners agreed already
    for (const ir::Impact& impact : f.impacts) {
      for (const std::string& owner : impact.owners) {
        if (!views.count(owner)) order.push_back(owner);
        views[owner].insert(impact.view.ToString());
      }
    }
  }
  // Exposure owners come from the analytics project: plain text, never a mention.
  std::vector<std::string> exposure_order;
  std::map<std::string, std::set<std::string>> exposures;
  for (const ir::Finding& f : report.findings) {
    if (f.acknowledged) continue;
    for (const ir::Exposure& x : f.exposures) {
      std::string owner = x.owner_name;
      if (!x.owner_email.empty()) owner += (owner.empty() ? "" : " ") + ("<" + x.owner_email + ">");
      if (owner.empty()) continue;
      if (!exposures.count(owner)) exposure_order.push_back(owner);
      exposures[owner].insert(x.name);
    }
  }
  if (order.empty() && exposure_order.empty()) return "";
  std::string out = "**Owners to notify**\n\n";
  for (const std::string& owner : order) {
    std::vector<std::string> owned(views[owner].begin(), views[owner].end());
    out += "- " + OwnerMention(owner) + ": " + EscapeMarkdown(JoinWith(owned, ", ")) + "\n";
  }
  for (const std::string& owner : exposure_order) {
    std::vector<std::string> owned(exposures[owner].begin(), exposures[owner].end());
    out += "- " + EscapeMarkdown(owner) + ": " + EscapeMarkdown(JoinWith(owned, ", ")) +
           (owned.size() == 1 ? " (exposure)" : " (exposures)") + "\n";
  }
  return out + "\n";
}

// "- m.sql:4 rename-column-in-use: message. Acknowledged for a, b: reason (until ...), at m.sql:3"
std::string AcknowledgedLine(const ir::Finding& f, const CheckReport& report, const MarkdownOptions& options) {
  std::string out = "- " + SpanLink(f.span, report, options) + " " + EscapeMarkdown(f.rule) + ": " +
                    EscapeMarkdown(f.message) + ".";
  for (const ir::AckRef& ack : f.acknowledgements) {
    if (ack.expired) continue;
    out += " Acknowledged for " + EscapeMarkdown(JoinWith(ack.consumers, ", ")) + ": " + EscapeMarkdown(ack.reason);
    if (!ack.until.empty()) out += " (until " + EscapeMarkdown(ack.until) + ")";
    out += ", " + SpanLink(ack.span, report, options) + ".";
  }
  return out + "\n";
}

std::string GapLine(const CoverageGap& gap) {
  const ir::SourceSpan& span = gap.reason.span;
  std::string where = span.file;
  if (span.line > 0) where += ":" + std::to_string(span.line);
  if (span.column > 0) where += ":" + std::to_string(span.column);
  std::string out = "- " + EscapeMarkdown(gap.name) + " (" + GapSideName(gap.side) + ", " +
                    (gap.level == ReadLevel::kUnread ? "not read" : "read partly") + "): " +
                    EscapeMarkdown(where) + ": " + EscapeMarkdown(gap.reason.message) + " (" +
                    ir::DiagCodeName(gap.reason.code) + ")";
  if (gap.reasons > 1) out += ", and " + std::to_string(gap.reasons - 1) + " more";
  return out + "\n";
}

}  // namespace

std::string MarkdownReport(const CheckReport& report, const MarkdownOptions& options) {
  MarkdownParts parts;
  parts.head = Header(report);
  for (const ir::Finding& f : report.findings) {
    if (f.acknowledged) {
      parts.acknowledged.push_back(AcknowledgedLine(f, report, options));
      continue;
    }
    if (parts.table_head.empty()) {
      parts.table_head = "| | Migration | Change | Breaks | Owners |\n|---|---|---|---|---|\n";
    }
    parts.rows.push_back(Row(f, report, options));
    parts.details.push_back(FindingDetails(f, report, options));
  }
  parts.owners = Owners(report);
  for (const CoverageGap& gap : report.coverage.gaps) parts.diagnostics.push_back(GapLine(gap));
  parts.footer = "<sub>downstream · head " + ShortSha(HeadSha(report, options)) + "</sub>\n";
  // Cut to fit, possibly inside a character: what is sent is valid UTF-8 all the same.
  return ValidUtf8(Assemble(parts, options.max_chars));
}

std::string ResolvedMarkdown(const CheckReport& report, const MarkdownOptions& options) {
  bool complete = report.coverage.Complete();
  std::string out = std::string(kCommentMarker) + "\n### " + (complete ? "✅" : "⚠️") + " downstream: resolved\n\n";
  out += "Commit " + ShortSha(HeadSha(report, options)) +
         (complete ? " breaks no analytics view" : " breaks no analytics view that could be read") +
         ": what this comment reported earlier is fixed.\n";
  if (!complete) {
    out += "\n**Not everything was read:** " + EscapeMarkdown(CoverageSentence(report.coverage)) +
           "; the job summary lists what.\n";
  }
  return ValidUtf8(out);
}

}  // namespace ds::report
