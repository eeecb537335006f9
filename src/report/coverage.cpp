#include "src/report/coverage.h"

namespace ds::report {

const char* ReadLevelName(ReadLevel level) {
  switch (level) {
    case ReadLevel::kFull: return "full";
    case ReadLevel::kPartial: return "partial";
    case ReadLevel::kUnread: return "unread";
  }
  return "unread";
}

const char* GapSideName(CoverageGap::Side side) {
  return side == CoverageGap::Side::kMigration ? "migration" : "relation";
}

namespace {

std::string Count(const CoverageCount& count, const char* one, const char* many) {
  std::string out = std::to_string(count.full) + " of " + std::to_string(count.Total()) + " " +
                    (count.Total() == 1 ? one : many);
  if (count.partial == 0 && count.unread == 0) return out;
  out += " (";
  if (count.partial > 0) out += std::to_string(count.partial) + " partly";
  if (count.partial > 0 && count.unread > 0) out += ", ";
  if (count.unread > 0) out += std::to_string(count.unread) + " not at all";
  return out + ")";
}

}  // namespace

std::string CoverageSentence(const Coverage& coverage) {
  return "read fully: " + Count(coverage.relations, "relation", "relations") + ", " +
         Count(coverage.migrations, "migration file", "migration files");
}

}  // namespace ds::report
