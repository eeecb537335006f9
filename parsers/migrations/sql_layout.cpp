#include "parsers/migrations/sql_layout.h"

namespace ds::parsers {

std::vector<OrderedSqlFile> OrderSqlMigrations(const std::vector<std::string>& paths,
                                               std::vector<ir::Diagnostic>& notes) {
  std::vector<OrderedSqlFile> out;
  for (const std::string& path : paths) out.push_back({path, SqlFileRole::kMigration});
  return out;
}

}  // namespace ds::parsers
