#pragma once
/// Acknowledgements (issue #16): matched to the findings they release, after the rules of the
/// first stage ran and before --fail-on counts them.
#include <map>
#include <string>
#include <vector>

#include "rules/rule.h"
#include "src/config/acknowledgement.h"
#include "src/engine/analytics_side.h"
#include "src/engine/inputs.h"

namespace ds::engine {

/// The acknowledgement comments of the migration files the pull request adds or changes, read at
/// head (a merged migration's comments were reviewed with it, and their findings are long gone).
/// A malformed comment is an error diagnostic on its line.
std::vector<config::Acknowledgement> ReadAddedAckComments(const RevisionInputs& base, const RevisionInputs& head,
                                                          BlobTexts& texts, std::vector<ir::Diagnostic>& diagnostics);

/// The first line of each statement of a file at head, ascending (a trailing comment belongs to
/// the statement it ends).
using StatementLines = std::map<std::string, std::vector<int>>;
StatementLines StatementLinesOf(const RevisionInputs& head, const ParsedFiles& parsed,
                                const std::vector<config::Acknowledgement>& acks);

/// Marks what `acks` release: each impact whose consumer an acknowledgement in force names (at the
/// finding's statement, or a downstream.yml entry whose file, rule and change match), and each
/// finding whose consumers are all released; lists on each finding the acknowledgements that name
/// one of its consumers. `today` (YYYY-MM-DD, the head commit's date) decides expiry. Returns what
/// each acknowledgement did, in the order given.
std::vector<rules::AcknowledgementUse> Acknowledge(std::vector<ir::Finding>& findings,
                                                   const std::vector<config::Acknowledgement>& acks,
                                                   const StatementLines& statements, const std::string& today);

}  // namespace ds::engine
