#include "src/engine/acknowledge.h"

#include <algorithm>
#include <set>

namespace ds::engine {

namespace {

config::CommentSyntax SyntaxOf(FileKind kind) {
  return kind == FileKind::kSqlMigration || kind == FileKind::kSqlViews ? config::CommentSyntax::kSql
                                                                       : config::CommentSyntax::kHash;
}

/// Who a finding breaks: its consumers, or with none (a contract, an edited migration), what it
/// is about (the view or table, else its file).
std::vector<std::string> ConsumersOf(const ir::Finding& finding) {
  std::vector<std::string> out;
  for (const ir::Impact& impact : finding.impacts) out.push_back(impact.view.ToString());
  if (out.empty()) out.push_back(finding.change.table.name.empty() ? finding.span.file : finding.change.table.ToString());
  return out;
}

bool Names(const config::Acknowledgement& ack, const std::string& consumer) {
  return std::any_of(ack.consumers.begin(), ack.consumers.end(),
                     [&](const std::string& pattern) { return config::NameMatches(pattern, consumer); });
}

// The line of the statement a trailing comment ends: the last one starting at or before it.
int StatementOf(const config::Acknowledgement& ack, const StatementLines& statements) {
  if (!ack.trailing) return ack.statement_line;
  auto found = statements.find(ack.span.file);
  if (found == statements.end()) return ack.statement_line;
  const std::vector<int>& lines = found->second;
  auto after = std::upper_bound(lines.begin(), lines.end(), ack.statement_line);
  return after == lines.begin() ? ack.statement_line : *(after - 1);
}

bool Applies(const config::Acknowledgement& ack, int statement_line, const ir::Finding& finding) {
  if (ack.in_source) {
    return statement_line > 0 && finding.span.file == ack.span.file && finding.span.line == statement_line;
  }
  if (!ack.file.empty() && !config::PathMatches(ack.file, finding.span.file)) return false;
  if (!ack.rule.empty() && ack.rule != finding.rule) return false;
  if (ack.change.empty()) return true;
  std::string table = finding.change.table.ToString();
  return config::NameMatches(ack.change, table) ||
         (!finding.change.column.empty() && config::NameMatches(ack.change, table + "." + finding.change.column));
}

void AddOnce(std::vector<std::string>& list, const std::string& item) {
  if (std::find(list.begin(), list.end(), item) == list.end()) list.push_back(item);
}

}  // namespace

std::vector<config::Acknowledgement> ReadAddedAckComments(const RevisionInputs& base, const RevisionInputs& head,
                                                          BlobTexts& texts, std::vector<ir::Diagnostic>& diagnostics) {
  std::set<std::pair<std::string, std::string>> merged;
  for (const InputFile& file : base.migrations) merged.emplace(file.path, file.blob_id);
  std::vector<config::Acknowledgement> acks;
  std::set<std::string> seen;
  for (const InputFile& file : head.migrations) {
    if (merged.count({file.path, file.blob_id}) || !seen.insert(file.path).second) continue;
    const std::optional<std::string>& text = texts.Read(file.blob_id);
    if (!text) continue;
    std::vector<config::Acknowledgement> found =
        config::ReadAckComments(file.path, *text, SyntaxOf(file.kind), diagnostics);
    acks.insert(acks.end(), std::make_move_iterator(found.begin()), std::make_move_iterator(found.end()));
  }
  return acks;
}

StatementLines StatementLinesOf(const RevisionInputs& head, const ParsedFiles& parsed,
                                const std::vector<config::Acknowledgement>& acks) {
  std::set<std::string> wanted;
  for (const config::Acknowledgement& ack : acks) {
    if (ack.trailing) wanted.insert(ack.span.file);
  }
  StatementLines out;
  for (const InputFile& file : head.migrations) {
    if (!wanted.count(file.path)) continue;
    auto found = parsed.find(InputKey(file));
    if (found == parsed.end()) continue;
    std::vector<int>& lines = out[file.path];
    for (const ir::SchemaOp& op : found->second->ops) lines.push_back(op.span.line);
    std::sort(lines.begin(), lines.end());
    lines.erase(std::unique(lines.begin(), lines.end()), lines.end());
  }
  return out;
}

std::vector<rules::AcknowledgementUse> Acknowledge(std::vector<ir::Finding>& findings,
                                                   const std::vector<config::Acknowledgement>& acks,
                                                   const StatementLines& statements, const std::string& today) {
  std::vector<rules::AcknowledgementUse> uses;
  // Findings without consumers are released whole: by finding index.
  std::set<size_t> released_whole;
  for (const config::Acknowledgement& ack : acks) {
    rules::AcknowledgementUse use;
    use.ack = {ack.span, ack.consumers, ack.reason, ack.until, !ack.until.empty() && !today.empty() && ack.until < today,
               ack.in_source};
    use.statement_line = StatementOf(ack, statements);
    use.added = ack.added;
    for (size_t i = 0; i < findings.size(); ++i) {
      ir::Finding& finding = findings[i];
      if (!Applies(ack, use.statement_line, finding)) continue;
      use.found = true;
      bool names_one = false;
      for (const std::string& consumer : ConsumersOf(finding)) {
        if (!Names(ack, consumer)) {
          AddOnce(use.others, consumer);
          continue;
        }
        names_one = true;
        AddOnce(use.named, consumer);
        if (use.ack.expired) continue;
        for (ir::Impact& impact : finding.impacts) {
          if (impact.view.ToString() == consumer) impact.acknowledged = true;
        }
        if (finding.impacts.empty()) released_whole.insert(i);
      }
      if (names_one) finding.acknowledgements.push_back(use.ack);
    }
    uses.push_back(std::move(use));
  }
  for (size_t i = 0; i < findings.size(); ++i) {
    ir::Finding& finding = findings[i];
    finding.acknowledged = finding.impacts.empty()
                               ? released_whole.count(i) > 0
                               : std::all_of(finding.impacts.begin(), finding.impacts.end(),
                                             [](const ir::Impact& impact) { return impact.acknowledged; });
  }
  return uses;
}

}  // namespace ds::engine
