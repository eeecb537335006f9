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

}  // namespace

std::vector<OrderedSqlFile> OrderSqlMigrations(const std::vector<std::string>& paths,
                                               std::vector<ir::Diagnostic>& notes) {
  std::vector<Classified> kept;
  for (const std::string& path : paths) {
    Classified file = Classify(path);
    if (file.kind == Kind::kExcluded) continue;
    if (file.kind == Kind::kUnknown) {
      notes.push_back(ir::Diagnostic{
          ir::Severity::kWarning, ir::SourceSpan{path, 0, 0},
          "left out of the migration order: the file name fits no known layout "
          "(V1__name.sql, 0001_name.up.sql, <timestamp>_name.sql, <timestamp>_name/migration.sql)",
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
    out.push_back({file.path, file.kind == Kind::kSnapshot ? SqlFileRole::kSchemaSnapshot
                                                            : SqlFileRole::kMigration});
  }
  return out;
}

}  // namespace ds::parsers
