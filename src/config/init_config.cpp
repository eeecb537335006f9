// The downstream.yml that `downstream init` writes: what detection found, each line commented, so
// that a reader knows what every entry means and what to change.
#include <sstream>
#include <string>

#include "src/config/config.h"

namespace ds::config {

namespace {

// A YAML scalar: plain when it is safe, else double-quoted.
std::string Scalar(const std::string& text) {
  bool plain = !text.empty() && text.find_first_of(":#{}[],&*!|>'\"%@`\\ ") == std::string::npos &&
               text.front() != '-' && text.front() != '?';
  if (plain) return text;
  std::string out = "\"";
  for (char c : text) out += (c == '"' || c == '\\') ? std::string("\\") + c : std::string(1, c);
  return out + "\"";
}

void WriteMigrations(const Config& detected, std::ostream& out) {
  out << "# Where the production schema's history lives. kind: sql | alembic | django | rails.\n";
  if (detected.migrations.empty()) {
    out << "# No migrations were found: name their folder (a folder, a file or a glob).\n"
        << "# migrations:\n#   - path: db/migrations\n#     kind: sql\n";
    return;
  }
  out << "migrations:\n";
  for (const MigrationSource& source : detected.migrations) {
    out << "  - path: " << Scalar(source.path) << "\n";
    if (!source.kind.empty()) out << "    kind: " << source.kind << "\n";
  }
}

void WriteViews(const Config& detected, std::ostream& out) {
  out << "\n# The analytics side: CREATE VIEW files (path), dbt projects (dbt), lea folders (lea), or\n"
      << "# another repository's `downstream lineage --format json` (lineage).\n";
  if (detected.views.empty()) {
    out << "# No view files or dbt project were found: name them.\n"
        << "# views:\n#   - path: analytics/views\n#   - dbt: analytics\n";
    return;
  }
  out << "views:\n";
  for (const ViewSource& source : detected.views) {
    if (!source.path.empty()) out << "  - path: " << Scalar(source.path) << "\n";
    if (!source.lea.empty()) out << "  - lea: " << Scalar(source.lea) << "\n";
    if (!source.dbt.empty()) out << "  - dbt: " << Scalar(source.dbt) << "\n";
    // Written only when detection knows it: PostgreSQL is the default.
    if (source.dialect->kind != dialect::DialectKind::kPostgres) out << "    dialect: " << source.dialect->name << "\n";
    if (!source.dbt.empty()) {
      out << "    # schema: analytics   # dbt's target.schema: of models without +schema, prefix of the others\n"
          << "    # target: prod        # dbt's target.name\n";
    }
  }
}

void WriteMirrors(const InitLayout& layout, std::ostream& out) {
  out << "\n# Warehouse schemas that copy a production schema (ELT): warehouse schema -> production schema.\n";
  if (layout.mirrors.empty() && layout.unmapped_source_schemas.empty()) {
    out << "# warehouse:\n#   mirrors:\n#     raw_app: public\n";
    return;
  }
  out << (layout.mirrors.empty() ? "# warehouse:\n#   mirrors:\n" : "warehouse:\n  mirrors:\n");
  for (const auto& [warehouse, mirror] : layout.mirrors) {
    out << "    " << Scalar(warehouse) << ": ";
    if (mirror.table_pattern == "{table}") {
      out << Scalar(mirror.production_schema) << "\n";
    } else {
      out << "{schema: " << Scalar(mirror.production_schema) << ", table_pattern: " << Scalar(mirror.table_pattern)
          << "}\n";
    }
  }
  for (const std::string& schema : layout.unmapped_source_schemas) {
    out << (layout.mirrors.empty() ? "#" : "") << "    # " << Scalar(schema)
        << ": public   # dbt sources read this schema: which production schema does it copy?\n";
  }
}

}  // namespace

std::string InitConfigText(const InitLayout& layout) {
  std::ostringstream out;
  out << "# downstream.yml, written by `downstream init` from the layout it found.\n"
      << "# Every key is described in the README, section Configuration.\n\n";
  WriteMigrations(layout.detected, out);
  WriteViews(layout.detected, out);
  WriteMirrors(layout, out);
  out << "\n# Views whose columns are promised to consumers:\n"
      << "# contracts:\n#   public: [\"marts.*\"]\n"
      << "\n# Who to notify, CODEOWNERS style (read from the base branch):\n"
      << "# owners:\n#   \"analytics.*\": \"@your-org/data-team\"\n"
      << "\n# Severity per rule: error | warning | off (see `downstream check --help`):\n"
      << "# rules:\n#   retype-column-in-use: warning\n";
  return out.str();
}

}  // namespace ds::config
