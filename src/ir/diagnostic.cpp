#include "src/ir/diagnostic.h"

namespace ds::ir {

const char* SeverityName(Severity s) {
  switch (s) {
    case Severity::kError: return "error";
    case Severity::kWarning: return "warning";
    case Severity::kOff: return "off";
  }
  return "off";
}

const char* DiagCodeName(DiagCode code) {
  switch (code) {
    case DiagCode::kUnclassified: return "unclassified";
    case DiagCode::kNote: return "note";
    case DiagCode::kUnreadableFile: return "unreadable-file";
    case DiagCode::kSyntaxError: return "syntax-error";
    case DiagCode::kUnsupported: return "unsupported";
    case DiagCode::kMigrationRefused: return "migration-refused";
    case DiagCode::kMigrationOrder: return "migration-order";
    case DiagCode::kUnknownRelation: return "unknown-relation";
    case DiagCode::kUnknownColumn: return "unknown-column";
    case DiagCode::kAmbiguousColumn: return "ambiguous-column";
    case DiagCode::kTemplateError: return "template-error";
    case DiagCode::kUnmappedSource: return "unmapped-source";
    case DiagCode::kUnknownType: return "unknown-type";
    case DiagCode::kLimitExceeded: return "limit-exceeded";
    case DiagCode::kNotAQuery: return "not-a-query";
    case DiagCode::kConfiguration: return "configuration";
    case DiagCode::kUntrusted: return "untrusted";
    case DiagCode::kNotAMigration: return "not-a-migration";
  }
  return "unclassified";
}

CoverageEffect CoverageEffectOf(DiagCode code) {
  switch (code) {
    case DiagCode::kNote:
    case DiagCode::kConfiguration:
    case DiagCode::kUntrusted:
      return CoverageEffect::kNone;
    case DiagCode::kUnreadableFile:
    case DiagCode::kNotAQuery:
    case DiagCode::kNotAMigration:
      return CoverageEffect::kUnread;
    default:
      return CoverageEffect::kPartial;
  }
}

}  // namespace ds::ir
