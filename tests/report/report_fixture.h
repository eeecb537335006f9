#pragma once
// Synthetic reports for the reporters' unit tests: findings built by hand, so every field is known.
#include <string>

#include "src/report/check_report.h"

namespace ds::test {

/// A drop-column-in-use finding on `file`:`line` breaking `view` (reading column `column`).
inline ir::Finding DropFinding(const std::string& file, int line, const std::string& table,
                               const std::string& column, const std::string& view,
                               ir::Severity severity = ir::Severity::kError) {
  ir::Finding f;
  f.rule = "drop-column-in-use";
  f.severity = severity;
  f.span = {file, line, 1};
  f.message = "drops column public." + table + "." + column + ", which 1 view reads: " + view;
  f.help = "keep " + column + " until the views listed stop reading it";
  f.change = {"drop_column", {"public", table}, column, "", "", ""};
  ir::Impact impact;
  impact.view = ir::ParseQualifiedName(view);
  impact.span = {"analytics/views/" + impact.view.name + ".sql", 3, 0};
  impact.columns = {column};
  impact.usages = {"select"};
  impact.path = {"public." + table + "." + column, view + "." + column};
  f.impacts.push_back(impact);
  return f;
}

/// A report with one finding per `count`, in distinct files, ordered as the engine orders them.
inline report::CheckReport ManyFindings(int errors, int warnings) {
  report::CheckReport r;
  r.base = "1111111111111111111111111111111111111111";
  r.head = "2222222222222222222222222222222222222222";
  for (int i = 0; i < errors + warnings; ++i) {
    char file[64];
    std::snprintf(file, sizeof file, "db/migrations/V%03d__drop.sql", i);
    r.findings.push_back(DropFinding(file, 2, "t" + std::to_string(i), "c", "analytics.v" + std::to_string(i),
                                     i < errors ? ir::Severity::kError : ir::Severity::kWarning));
  }
  r.schema_changes = errors + warnings;
  r.views_checked = errors + warnings;
  return r;
}

}  // namespace ds::test
