#pragma once
/// How much of its input a run understood: every migration file and every relation of the
/// analytics side, read fully, partly or not at all. Part of every verdict: a run that did not
/// read something never looks green.
#include <string>
#include <vector>

#include "src/ir/diagnostic.h"

namespace ds::report {

enum class ReadLevel { kFull, kPartial, kUnread };

/// "full", "partial", "unread".
const char* ReadLevelName(ReadLevel level);

struct CoverageCount {
  int full = 0;
  int partial = 0;
  int unread = 0;
  int Total() const { return full + partial + unread; }
};

/// One migration file or relation that was not read fully, with the first reason.
struct CoverageGap {
  enum class Side { kMigration, kRelation };
  Side side = Side::kRelation;
  std::string name;  ///< the relation ("analytics.customers") or the migration file's path
  ReadLevel level = ReadLevel::kPartial;
  ir::Diagnostic reason;  ///< the first diagnostic that says why (its span is the place)
  int reasons = 1;        ///< how many diagnostics concern it
};

struct Coverage {
  CoverageCount migrations;  ///< migration files at head
  CoverageCount relations;   ///< views, models, lea tables, seeds, snapshots at head
  std::vector<CoverageGap> gaps;  ///< ordered by side, then name
  bool Complete() const { return gaps.empty(); }
};

/// "side": "migration" / "relation".
const char* GapSideName(CoverageGap::Side side);

/// One line: "read fully: 40 of 42 relations (1 partly, 1 not at all), 12 of 12 migration files".
std::string CoverageSentence(const Coverage& coverage);

}  // namespace ds::report
