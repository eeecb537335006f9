#include "parsers/migrations/sql_layout.h"

#include <algorithm>
#include <cctype>
#include <string_view>

namespace ds::parsers {
namespace {

enum class Kind { kSnapshot, kVersioned, kRepeatable, kExcluded, kUnknown };

struct Classified {
  Kind kind = Kind::kUnknown;
  std::vector<std::string> version;  ///< numeric parts, leading zeros stripped
  std::string path;
};

bool IsDigit(char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; }

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

/// Reads a version at the start of `s`: digit runs joined by single '.', '_' or '-' separators
/// ("1.2", "2_1", "2024-01-01-120000"). `consumed` is where the version ends.
std::vector<std::string> ReadVersion(std::string_view s, size_t& consumed) {
  std::vector<std::string> parts;
  size_t i = 0;
  while (i < s.size() && IsDigit(s[i])) {
    size_t begin = i;
    while (i < s.size() && IsDigit(s[i])) ++i;
    std::string part(s.substr(begin, i - begin));
    part.erase(0, std::min(part.find_first_not_of('0'), part.size() - 1));  // "007" -> "7"
    parts.push_back(std::move(part));
    consumed = i;
    bool separator = i + 1 < s.size() && (s[i] == '.' || s[i] == '_' || s[i] == '-');
    if (!separator || !IsDigit(s[i + 1])) break;
    ++i;
  }
  return parts;
}

/// Schema dumps: Rails' structure.sql, schema.sql, pg_dump output named as such.
bool IsSnapshotName(const std::string& lower) {
  return lower == "structure.sql" || lower == "schema.sql" ||
         lower.find("dump") != std::string::npos;
}

Classified Classify(const std::string& path) {
  Classified out{Kind::kUnknown, {}, path};
  size_t slash = path.rfind('/');
  std::string base = slash == std::string::npos ? path : path.substr(slash + 1);
  std::string lower = Lower(base);
  std::string parent;
  if (slash != std::string::npos) {
    size_t parent_slash = path.rfind('/', slash - 1);
    parent = path.substr(parent_slash == std::string::npos ? 0 : parent_slash + 1,
                         slash - (parent_slash == std::string::npos ? 0 : parent_slash + 1));
  }
  size_t end = 0;
  if (EndsWith(lower, ".down.sql") || lower == "down.sql" ||
      (base.size() > 1 && base[0] == 'U' && IsDigit(base[1]))) {
    out.kind = Kind::kExcluded;  // rollbacks are not part of the up-history
  } else if (base.rfind("R__", 0) == 0) {
    out.kind = Kind::kRepeatable;
  } else if (base.size() > 1 && base[0] == 'V' && IsDigit(base[1])) {
    out.version = ReadVersion(std::string_view(base).substr(1), end);
    if (base.compare(1 + end, 2, "__") == 0) out.kind = Kind::kVersioned;
  } else if (lower == "migration.sql" || lower == "up.sql") {
    // Prisma <ts>_name/migration.sql, diesel <ts>_name/up.sql: the folder carries the version.
    out.version = ReadVersion(parent, end);
    if (!out.version.empty()) out.kind = Kind::kVersioned;
  } else {
    out.version = ReadVersion(base, end);
    if (!out.version.empty()) {
      out.kind = Kind::kVersioned;
    } else if (IsSnapshotName(lower)) {
      out.kind = Kind::kSnapshot;
    }
  }
  return out;
}

/// Numeric comparison part by part; a missing part counts as 0 (Flyway: 1 == 1.0).
int CompareVersions(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  for (size_t i = 0; i < std::max(a.size(), b.size()); ++i) {
    const std::string& x = i < a.size() ? a[i] : "0";
    const std::string& y = i < b.size() ? b[i] : "0";
    if (x.size() != y.size()) return x.size() < y.size() ? -1 : 1;
    if (int c = x.compare(y); c != 0) return c < 0 ? -1 : 1;
  }
  return 0;
}

int Rank(Kind kind) {
  switch (kind) {
    case Kind::kSnapshot: return 0;
    case Kind::kVersioned: return 1;
    default: return 2;
  }
}

/// Compares paths as a reader would list them: folder by folder ('/' sorts first), digit runs as
/// numbers ("2_b" < "10_a"); equal numbers with other zeros ("01" vs "1") fall back to the bytes.
int NaturalCompare(std::string_view a, std::string_view b) {
  size_t i = 0, j = 0;
  while (i < a.size() && j < b.size()) {
    if (IsDigit(a[i]) && IsDigit(b[j])) {
      size_t a_end = i, b_end = j;
      while (a_end < a.size() && IsDigit(a[a_end])) ++a_end;
      while (b_end < b.size() && IsDigit(b[b_end])) ++b_end;
      std::string_view x = a.substr(i, a_end - i), y = b.substr(j, b_end - j);
      while (x.size() > 1 && x[0] == '0') x.remove_prefix(1);
      while (y.size() > 1 && y[0] == '0') y.remove_prefix(1);
      if (x.size() != y.size()) return x.size() < y.size() ? -1 : 1;
      if (int c = x.compare(y); c != 0) return c < 0 ? -1 : 1;
      i = a_end;
      j = b_end;
      continue;
    }
    auto rank = [](char c) { return c == '/' ? 0 : static_cast<int>(static_cast<unsigned char>(c)) + 1; };
    if (a[i] != b[j]) return rank(a[i]) < rank(b[j]) ? -1 : 1;
    ++i;
    ++j;
  }
  if (a.size() - i != b.size() - j) return a.size() - i < b.size() - j ? -1 : 1;
  int c = a.compare(b);
  return c < 0 ? -1 : c > 0 ? 1 : 0;
}

/// A folder whose numbered subfolders hold whole schemas, not deltas (synapse: full_schemas/72/).
bool IsSnapshotFolder(const std::string& name) {
  std::string lower = Lower(name);
  return lower == "full_schemas" || lower == "full_schema" || lower == "snapshots" || lower == "snapshot";
}

struct InFolder {
  std::string path;
  std::string name;                  ///< the file name
  std::vector<std::string> version;  ///< of the nearest numbered folder; empty: none
  bool snapshot = false;             ///< the numbered folder sits in a snapshot folder
};

InFolder VersionFolderOf(const std::string& path, bool snapshots_by_folder) {
  InFolder out;
  out.path = path;
  size_t slash = path.rfind('/');
  out.name = path.substr(slash == std::string::npos ? 0 : slash + 1);
  // Folders from the nearest up: [begin, slash) is one folder's name.
  while (slash != std::string::npos && slash > 0) {
    size_t before = path.rfind('/', slash - 1);
    size_t begin = before == std::string::npos ? 0 : before + 1;
    std::string folder = path.substr(begin, slash - begin);
    size_t end = 0;
    std::vector<std::string> version = ReadVersion(folder, end);
    if (!version.empty() && end == folder.size()) {
      out.version = std::move(version);
      if (snapshots_by_folder && before != std::string::npos) {
        size_t outer = before == 0 ? std::string::npos : path.rfind('/', before - 1);
        size_t outer_begin = outer == std::string::npos ? 0 : outer + 1;
        out.snapshot = IsSnapshotFolder(path.substr(outer_begin, before - outer_begin));
      }
      break;
    }
    slash = before;
  }
  return out;
}

// synapse's prepare_database.py: the highest full schema, then the deltas of later versions,
// each version's files by name (then path: common/, main/, state/ share a version).
bool IsSql(const std::string& path) { return EndsWith(path, ".sql") || EndsWith(path, ".sql.postgres"); }

std::vector<OrderedSqlFile> OrderByVersionFolder(const std::vector<std::string>& paths, const SqlLayout& layout,
                                                 std::vector<ir::Diagnostic>& notes) {
  std::vector<InFolder> unversioned, snapshots, migrations;
  for (const std::string& path : paths) {
    InFolder file = VersionFolderOf(path, !layout.role.has_value());
    if (!IsSql(path) && (file.version.empty() || file.snapshot)) continue;  // a package's __init__.py
    (file.version.empty() ? unversioned : file.snapshot ? snapshots : migrations).push_back(std::move(file));
  }
  std::vector<std::string> base;  // the snapshot version replayed
  for (const InFolder& file : snapshots) {
    if (base.empty() || CompareVersions(file.version, base) > 0) base = file.version;
  }
  auto by_version = [](const InFolder& a, const InFolder& b) {
    if (int c = CompareVersions(a.version, b.version); c != 0) return c < 0;
    if (int c = NaturalCompare(a.name, b.name); c != 0) return c < 0;
    return NaturalCompare(a.path, b.path) < 0;
  };
  std::sort(unversioned.begin(), unversioned.end(),
            [](const InFolder& a, const InFolder& b) { return NaturalCompare(a.path, b.path) < 0; });
  std::sort(snapshots.begin(), snapshots.end(), by_version);
  std::sort(migrations.begin(), migrations.end(), by_version);
  std::vector<OrderedSqlFile> out;
  auto add = [&](const InFolder& file, SqlFileRole role) { out.push_back({file.path, layout.role.value_or(role)}); };
  for (const InFolder& file : unversioned) add(file, SqlFileRole::kMigration);
  for (const InFolder& file : snapshots) {
    if (CompareVersions(file.version, base) == 0) add(file, SqlFileRole::kSchemaSnapshot);
  }
  for (const InFolder& file : migrations) {
    if (!base.empty() && CompareVersions(file.version, base) <= 0) continue;
    if (IsSql(file.path)) {
      add(file, SqlFileRole::kMigration);
      continue;
    }
    // synapse runs a Python delta's run_create / run_upgrade in its place: what it does is not seen.
    notes.push_back(ir::Diagnostic{ir::Severity::kWarning, ir::SourceSpan{file.path, 0, 0},
                                   "not read: a Python delta runs here in the version order; any schema change "
                                   "it makes is not replayed",
                                   ir::DiagCode::kNotAMigration});
  }
  return out;
}

}  // namespace

std::optional<SqlOrder> SqlOrderNamed(std::string_view name) {
  if (name == "auto") return SqlOrder::kAuto;
  if (name == "path") return SqlOrder::kPath;
  if (name == "version-folder") return SqlOrder::kVersionFolder;
  return std::nullopt;
}

std::optional<SqlFileRole> SqlFileRoleNamed(std::string_view name) {
  if (name == "snapshot") return SqlFileRole::kSchemaSnapshot;
  if (name == "migration") return SqlFileRole::kMigration;
  return std::nullopt;
}

std::vector<OrderedSqlFile> OrderSqlMigrations(const std::vector<std::string>& paths,
                                               std::vector<ir::Diagnostic>& notes, const SqlLayout& layout) {
  if (layout.order == SqlOrder::kVersionFolder) return OrderByVersionFolder(paths, layout, notes);
  if (layout.order == SqlOrder::kPath) {
    std::vector<std::string> sorted = paths;
    std::sort(sorted.begin(), sorted.end(),
              [](const std::string& a, const std::string& b) { return NaturalCompare(a, b) < 0; });
    std::vector<OrderedSqlFile> out;
    for (std::string& path : sorted) out.push_back({std::move(path), layout.role.value_or(SqlFileRole::kMigration)});
    return out;
  }
  std::vector<Classified> kept;
  for (const std::string& path : paths) {
    Classified file = Classify(path);
    if (layout.single_file && paths.size() == 1) {
      // Named on its own: taken whatever its name; a dump unless it is named as a migration.
      if (file.kind != Kind::kVersioned && file.kind != Kind::kRepeatable) file.kind = Kind::kSnapshot;
    }
    if (file.kind == Kind::kExcluded) continue;
    if (file.kind == Kind::kUnknown) {
      notes.push_back(ir::Diagnostic{
          ir::Severity::kWarning, ir::SourceSpan{path, 0, 0},
          "left out of the migration order: the file name fits no known layout "
          "(V1__name.sql, 0001_name.up.sql, <timestamp>_name.sql, <timestamp>_name/migration.sql; "
          "or say how the folder is ordered: order: path | version-folder in downstream.yml)",
          ir::DiagCode::kNotAMigration});
      continue;
    }
    kept.push_back(std::move(file));
  }
  std::sort(kept.begin(), kept.end(), [](const Classified& a, const Classified& b) {
    if (Rank(a.kind) != Rank(b.kind)) return Rank(a.kind) < Rank(b.kind);
    if (int c = CompareVersions(a.version, b.version); c != 0) return c < 0;
    return a.path < b.path;
  });
  std::vector<OrderedSqlFile> out;
  for (const Classified& file : kept) {
    SqlFileRole role = file.kind == Kind::kSnapshot ? SqlFileRole::kSchemaSnapshot : SqlFileRole::kMigration;
    out.push_back({file.path, layout.role.value_or(role)});
  }
  return out;
}

}  // namespace ds::parsers
