#include "src/engine/coverage.h"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

namespace ds::engine {

namespace {

using Side = report::CoverageGap::Side;
using report::ReadLevel;

ReadLevel LevelOf(ir::CoverageEffect effect) {
  switch (effect) {
    case ir::CoverageEffect::kNone: return ReadLevel::kFull;
    case ir::CoverageEffect::kPartial: return ReadLevel::kPartial;
    case ir::CoverageEffect::kUnread: return ReadLevel::kUnread;
  }
  return ReadLevel::kUnread;
}

struct Unit {
  ReadLevel level = ReadLevel::kFull;
  std::vector<ir::Diagnostic> reasons;
  std::vector<ir::Diagnostic> inferred;  ///< what we say when no diagnostic of its own says why
};

class Tally {
 public:
  void Add(Side side, const std::string& name) { units_[{side, name}]; }

  /// Lowers the unit to at least `level`, `reason` saying why (`inferred`: a reason of our own,
  /// shown only when no diagnostic about the unit says more).
  void Lower(Side side, const std::string& name, ReadLevel level, const ir::Diagnostic& reason,
             bool inferred = false) {
    Unit& unit = units_[{side, name}];
    unit.level = std::max(unit.level, level);
    (inferred ? unit.inferred : unit.reasons).push_back(reason);
  }

  void Lower(Side side, const std::string& name, const ir::Diagnostic& reason) {
    Lower(side, name, LevelOf(ir::CoverageEffectOf(reason.code)), reason);
  }

  report::Coverage Result() const {
    report::Coverage coverage;
    for (const auto& [key, unit] : units_) {
      report::CoverageCount& count = key.first == Side::kMigration ? coverage.migrations : coverage.relations;
      switch (unit.level) {
        case ReadLevel::kFull: ++count.full; continue;
        case ReadLevel::kPartial: ++count.partial; break;
        case ReadLevel::kUnread: ++count.unread; break;
      }
      report::CoverageGap gap;
      gap.side = key.first;
      gap.name = key.second;
      gap.level = unit.level;
      const std::vector<ir::Diagnostic>& reasons = unit.reasons.empty() ? unit.inferred : unit.reasons;
      gap.reason = *std::min_element(reasons.begin(), reasons.end(), [](const ir::Diagnostic& a, const ir::Diagnostic& b) {
        return std::tie(a.span, a.message) < std::tie(b.span, b.message);
      });
      gap.reasons = static_cast<int>(reasons.size());
      coverage.gaps.push_back(std::move(gap));
    }
    return coverage;
  }

 private:
  std::map<std::pair<Side, std::string>, Unit> units_;  // ordered: migrations first, by name
};

bool Matters(const ir::Diagnostic& d) { return ir::CoverageEffectOf(d.code) != ir::CoverageEffect::kNone; }

// A statement of a view file that yields no relation: the parser refused it, or the file.
bool LosesStatement(const ir::Diagnostic& d) {
  return d.code == ir::DiagCode::kSyntaxError || ir::CoverageEffectOf(d.code) == ir::CoverageEffect::kUnread;
}

// The views of a file that could only be read partly (ir::Query::salvaged), by where they start.
using SalvagedUnits = std::map<std::string, std::vector<std::pair<ir::SourceSpan, std::string>>>;

// The salvaged view whose statement holds `d`: the last one starting at or before it.
const std::string* SalvagedUnitAt(const SalvagedUnits& salvaged, const ir::Diagnostic& d) {
  if (d.code != ir::DiagCode::kSyntaxError) return nullptr;
  auto it = salvaged.find(d.span.file);
  if (it == salvaged.end()) return nullptr;
  const std::pair<ir::SourceSpan, std::string>* found = nullptr;
  for (const auto& candidate : it->second) {
    const ir::SourceSpan& span = candidate.first;
    bool before = std::tie(span.line, span.column) <= std::tie(d.span.line, d.span.column);
    if (before && (found == nullptr || std::tie(found->first.line, found->first.column) < std::tie(span.line, span.column))) {
      found = &candidate;
    }
  }
  return found == nullptr ? nullptr : &found->second;
}

}  // namespace

report::Coverage MeasureCoverage(const CoverageSubject& subject) {
  Tally tally;
  std::set<ir::Diagnostic> remaining(subject.diagnostics.begin(), subject.diagnostics.end());
  std::set<ir::Diagnostic> attributed;

  std::set<std::string> migration_files;
  for (const InputFile& file : subject.inputs.migrations) {
    migration_files.insert(file.path);
    tally.Add(Side::kMigration, file.path);
  }

  // Relations: the views the analytics side defines, with their own lineage diagnostics.
  std::set<std::string> view_files;
  for (const InputFile& file : subject.inputs.views) {
    if (!file.path.empty() && !migration_files.count(file.path)) view_files.insert(file.path);
  }
  std::map<std::string, std::vector<std::string>> units_of_file;
  SalvagedUnits salvaged;
  for (const auto& [name, view] : subject.catalog.views()) {
    if (view.gone || !view_files.count(view.span.file) || subject.inputs.warehouse_copies.count(name)) continue;
    std::string unit = name.ToString();
    tally.Add(Side::kRelation, unit);
    units_of_file[view.span.file].push_back(unit);
    if (view.query && view.query->salvaged) {
      salvaged[view.span.file].emplace_back(view.span, unit);
      ir::Diagnostic reason{ir::Severity::kWarning, view.span,
                            "could not be parsed: its relations and columns were found by name", ir::DiagCode::kSyntaxError};
      tally.Lower(Side::kRelation, unit, ReadLevel::kPartial, reason, /*inferred=*/true);
    }
    if (const lineage::ViewLineage* traced = subject.engine.ForView(name)) {
      for (const ir::Diagnostic& d : traced->diagnostics) {
        if (!remaining.count(d) || !Matters(d)) continue;
        tally.Lower(Side::kRelation, unit, d);
        attributed.insert(d);
      }
    }
  }
  // Models that define no relation (the template or the SQL could not be read) still count, by
  // their relation's name; so do models whose columns cannot be checked.
  std::set<std::string> model_files;
  for (const analytics::AnalyticsProject& project : subject.analytics.projects) {
    for (const analytics::Model& model : project.models) {
      if (!model.enabled) continue;
      model_files.insert(model.file);
      std::string unit = model.relation.ToString();
      if (!units_of_file.count(model.file)) {
        units_of_file[model.file].push_back(unit);
        ir::Diagnostic reason{ir::Severity::kWarning, {model.file, 1, 1}, "the model defines no relation that could be read",
                              ir::DiagCode::kNotAQuery};
        tally.Lower(Side::kRelation, unit, ReadLevel::kUnread, reason, /*inferred=*/true);
      }
      if (subject.analytics.unchecked_files.count(model.file)) {
        ir::Diagnostic reason{ir::Severity::kWarning, {model.file, 1, 1},
                              "reads a source that mirrors no production table: its columns are not checked",
                              ir::DiagCode::kUnmappedSource};
        for (const std::string& u : units_of_file[model.file]) {
          tally.Lower(Side::kRelation, u, ReadLevel::kPartial, reason, /*inferred=*/true);
        }
      }
    }
  }

  for (const ir::Diagnostic& d : remaining) {
    if (attributed.count(d) || !Matters(d)) continue;
    const std::string& file = d.span.file;
    if (migration_files.count(file) || d.code == ir::DiagCode::kNotAMigration) {
      tally.Lower(Side::kMigration, file, d);
    } else if (model_files.count(file) && units_of_file.count(file)) {
      for (const std::string& unit : units_of_file[file]) tally.Lower(Side::kRelation, unit, d);
    } else if (units_of_file.count(file) && !LosesStatement(d)) {
      for (const std::string& unit : units_of_file[file]) tally.Lower(Side::kRelation, unit, d);
    } else if (const std::string* unit = SalvagedUnitAt(salvaged, d)) {
      tally.Lower(Side::kRelation, *unit, d);  // the statement that failed, read partly
    } else {
      // A statement that defined nothing, a file nothing came out of, a project file: its own gap.
      tally.Lower(Side::kRelation, file.empty() ? std::string("(configuration)") : file,
                  LosesStatement(d) ? ReadLevel::kUnread : LevelOf(ir::CoverageEffectOf(d.code)), d);
    }
  }
  return tally.Result();
}

}  // namespace ds::engine
