#pragma once
/// Acknowledgements: the data team agreed to a change, written where it is reviewed.
///
///   -- downstream: ack analytics.customers, platform.* reason="moves to email_address in #412" until=2026-12-31
///   ALTER TABLE users RENAME COLUMN email TO email_address;
///
/// A comment directly above a statement (other comments may stand between) or trailing it, in
/// the migration's comment syntax (`--` in SQL, `#` in Python and Ruby); or an entry of
/// downstream.yml's `acknowledgements:` list for changes that have no migration line.
#include <string>
#include <string_view>
#include <vector>

#include "src/ir/diagnostic.h"

namespace ds::config {

struct Acknowledgement {
  std::vector<std::string> consumers;  ///< names or globs ("platform.*"), as written
  std::string reason;                  ///< required
  std::string until;                   ///< YYYY-MM-DD; "" = no expiry
  ir::SourceSpan span;                 ///< the comment's `downstream:` (or the list entry)
  /// A comment: the line of the statement it acknowledges (the next code line, or its own line
  /// when it trails code). 0 for a downstream.yml entry.
  int statement_line = 0;
  bool in_source = false;  ///< a comment in a migration (else a downstream.yml entry)
  bool trailing = false;   ///< a comment after code on the same line
  // downstream.yml entries only: what narrows them, each optional ("" matches anything).
  std::string file;    ///< the finding's file (a path or glob)
  std::string rule;    ///< a rule id
  std::string change;  ///< the changed table or table.column ("public.users.email"); globs allowed
  /// Added by the pull request (a comment in a migration it adds or changes; an entry the base's
  /// configuration lacks): reported when it releases nothing. Entries of a --config file are not.
  bool added = true;

  /// The same acknowledgement, wherever it is written.
  bool SameAs(const Acknowledgement& other) const {
    return consumers == other.consumers && reason == other.reason && until == other.until && file == other.file &&
           rule == other.rule && change == other.change;
  }
};

enum class CommentSyntax { kSql, kHash };

/// The acknowledgement comments of a migration's text. A comment that starts with `downstream:`
/// but cannot be read is an error diagnostic (kMalformedAcknowledgement) on its line; the rest of
/// the file is still read. Bounded: a line longer than 64 KB is not looked at.
std::vector<Acknowledgement> ReadAckComments(std::string_view path, std::string_view text, CommentSyntax syntax,
                                             std::vector<ir::Diagnostic>& diagnostics);

/// Parses what follows `downstream:` ("ack a, b.* reason=\"...\" until=2026-12-31") into `ack`'s
/// consumers, reason and until. Returns "" or the error, one sentence.
std::string ParseAckDirective(std::string_view text, Acknowledgement& ack);

/// Whether `date` is a real YYYY-MM-DD date.
bool IsIsoDate(std::string_view date);

}  // namespace ds::config
