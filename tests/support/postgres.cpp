#include "tests/support/postgres.h"

#include <doctest/doctest.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>

#include "tests/support/temp_dir.h"

namespace ds::test {
namespace {

constexpr char kFieldSeparator = '\x1f';

// Process-wide, so that two Postgres objects never pick the same database name.
std::atomic<int> next_database{0};

// Single-quotes a word for /bin/sh.
std::string ShellQuote(const std::string& word) {
  std::string out = "'";
  for (char c : word) {
    if (c == '\'') {
      out += "'\\''";
    } else {
      out += c;
    }
  }
  return out + "'";
}

bool LooksLikeSqlFile(const std::string& text) {
  if (text.find('\n') != std::string::npos || text.size() < 5) return false;
  if (text.compare(text.size() - 4, 4, ".sql") != 0) return false;
  std::error_code ec;
  return std::filesystem::is_regular_file(text, ec);
}

std::vector<std::string> SplitFields(const std::string& line) {
  std::vector<std::string> fields;
  std::string current;
  for (char c : line) {
    if (c == kFieldSeparator) {
      fields.push_back(current);
      current.clear();
    } else {
      current += c;
    }
  }
  fields.push_back(current);
  return fields;
}

}  // namespace

Postgres Postgres::FromEnvironment() {
  const char* host = std::getenv("PGHOST");
  const char* port = std::getenv("PGPORT");
  if (host == nullptr || *host == '\0') {
    FAIL("PGHOST is not set: run this test under tests/pg/with-postgres.sh (ctest does)");
  }
  return Postgres(host, port != nullptr ? port : "5432");
}

std::string Postgres::Command(const std::string& db, const std::string& file) const {
  std::string separator(1, kFieldSeparator);
  return "PGOPTIONS='-c client_min_messages=warning' psql -X -q -A -t -F " +
         ShellQuote(separator) + " -v ON_ERROR_STOP=1 -h " + ShellQuote(host_) + " -p " +
         ShellQuote(port_) + " -U postgres -d " + ShellQuote(db) + " -f " + ShellQuote(file);
}

std::string Postgres::CreateDatabase(const std::string& prefix) {
  std::string name =
      prefix + "_" + std::to_string(getpid()) + "_" + std::to_string(next_database++);
  std::string output;
  int status = Exec("postgres", "CREATE DATABASE \"" + name + "\";", &output);
  REQUIRE_MESSAGE(status == 0, "CREATE DATABASE " << name << " failed:\n" << output);
  return name;
}

std::vector<std::vector<std::string>> Postgres::Query(const std::string& db,
                                                      const std::string& sql) {
  TempDir dir;
  std::string file = dir.Write("query.sql", sql);
  std::string output;
  int status = RunCommand(Command(db, file), &output);
  REQUIRE_MESSAGE(status == 0, "psql failed on\n" << sql << "\n" << output);
  std::vector<std::vector<std::string>> rows;
  size_t start = 0;
  while (start < output.size()) {
    size_t end = output.find('\n', start);
    if (end == std::string::npos) end = output.size();
    rows.push_back(SplitFields(output.substr(start, end - start)));
    start = end + 1;
  }
  return rows;
}

int Postgres::Exec(const std::string& db, const std::string& sql_or_file, std::string* output) {
  if (LooksLikeSqlFile(sql_or_file)) return ExecFile(db, sql_or_file, output);
  TempDir dir;
  return ExecFile(db, dir.Write("exec.sql", sql_or_file), output);
}

int Postgres::ExecFile(const std::string& db, const std::string& path, std::string* output) {
  return RunCommand(Command(db, path), output);
}

}  // namespace ds::test
