// unused-acknowledgement
//
// The mistake: an acknowledgement that releases nothing. Either it stands where no finding is
// (a blank line or another statement between it and the change, a typo in a consumer's name, a
// change that no longer breaks anything), or its `until` date has passed, so the finding it
// released fails the check again. Left in place, a stale acknowledgement would silently release
// a later break of the same consumers.
//
//   -- downstream: ack analytics.customer reason="agreed in #412"     <- names no consumer
//   ALTER TABLE users RENAME COLUMN email TO email_address;              (it breaks analytics.customers)
//
// Only acknowledgements the pull request adds are reported as releasing nothing; an expired one
// is reported wherever it is written, since its finding fails again.
#include <string>

#include "rules/rule.h"

namespace ds::rules {

namespace {

std::string Join(const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& item : items) out += (out.empty() ? "" : ", ") + item;
  return out;
}

std::string Where(const AcknowledgementUse& use) {
  if (!use.ack.in_source) return "no finding matches it";
  if (use.statement_line == 0) return "no statement follows it";
  return "no finding stands on the statement at line " + std::to_string(use.statement_line);
}

}  // namespace

void CheckUnusedAcknowledgement(const RuleContext& context, FindingSink& sink) {
  for (const AcknowledgementUse& use : context.acknowledgements) {
    bool expired_in_use = use.ack.expired && !use.named.empty();
    if (!expired_in_use && (!use.added || !use.named.empty())) continue;
    ir::Finding finding;
    finding.span = use.ack.span;
    finding.change.kind = "acknowledgement";
    if (expired_in_use) {
      finding.message = "acknowledgement expired on " + use.ack.until + " (the head commit is dated " + context.today +
                        "): it no longer releases " + Join(use.named);
      finding.help = "agree a new date with the data team and change until=, or make the change compatible";
    } else if (use.found) {
      finding.message = "acknowledgement releases nothing: it names none of the consumers that break here (" +
                        Join(use.others) + ")";
      finding.help = "name the consumers the finding breaks, or remove the acknowledgement";
    } else {
      finding.message = "acknowledgement releases nothing: " + Where(use);
      if (use.ack.expired) finding.message += " (and it expired on " + use.ack.until + ")";
      finding.help = use.ack.in_source ? "put it directly above the statement whose finding it releases, or remove it"
                                       : "remove the entry from downstream.yml";
    }
    sink.Report(std::move(finding));
  }
}

}  // namespace ds::rules
