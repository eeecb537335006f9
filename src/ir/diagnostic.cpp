#include "src/ir/diagnostic.h"

#include <set>

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
    case DiagCode::kMalformedAcknowledgement: return "malformed-acknowledgement";
  }
  return "unclassified";
}

const char* RelationKindName(RelationKind kind) {
  switch (kind) {
    case RelationKind::kView: return "view";
    case RelationKind::kMaterializedView: return "materialized_view";
    case RelationKind::kModel: return "model";
    case RelationKind::kSeed: return "seed";
    case RelationKind::kSnapshot: return "snapshot";
    case RelationKind::kExposure: return "exposure";
    case RelationKind::kSource: return "source";
    case RelationKind::kEphemeral: return "ephemeral";
  }
  return "view";
}

const char* RelationKindNoun(RelationKind kind) {
  if (kind == RelationKind::kEphemeral) return "ephemeral model";
  return kind == RelationKind::kMaterializedView ? "materialized view" : RelationKindName(kind);
}

std::string CountConsumers(const std::vector<Impact>& impacts) {
  std::set<std::string> nouns;  // a materialized view is a view, an ephemeral model a model
  for (const Impact& impact : impacts) {
    nouns.insert(impact.kind == RelationKind::kMaterializedView ? "view"
                 : impact.kind == RelationKind::kEphemeral     ? "model"
                                                               : RelationKindNoun(impact.kind));
  }
  std::string noun = nouns.size() != 1 ? "consumer"
                     : impacts.size() == 1 ? RelationKindNoun(impacts.front().kind)
                                           : *nouns.begin();
  return std::to_string(impacts.size()) + " " + noun + (impacts.size() == 1 ? "" : "s");
}

CoverageEffect CoverageEffectOf(DiagCode code) {
  switch (code) {
    case DiagCode::kNote:
    case DiagCode::kConfiguration:
    case DiagCode::kUntrusted:
    case DiagCode::kMalformedAcknowledgement:
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
