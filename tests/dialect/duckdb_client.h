#pragma once
/// A tiny client of DuckDB's C library (libduckdb.so, fetched by scripts/install-deps.sh --test;
/// see cmake/DuckDb.cmake) for the duckdb dialect's referee: one in-memory database per value.
#include <string>
#include <vector>

namespace ds::test {

/// What DuckDB said to one statement: the error text when it refused it, else the names of the
/// result's columns and its rows (values as text, NULL as "").
struct DuckDbOutcome {
  bool ok = false;
  std::string error;
  std::vector<std::string> columns;
  std::vector<std::vector<std::string>> rows;
};

/// A fresh in-memory DuckDB database and one connection to it; closed on destruction.
class DuckDb {
 public:
  /// Opens the database; `ok()` says whether that worked (`error()` says why not).
  DuckDb();
  ~DuckDb();
  DuckDb(const DuckDb&) = delete;
  DuckDb& operator=(const DuckDb&) = delete;

  bool ok() const { return connection_ != nullptr; }
  const std::string& error() const { return error_; }
  /// Runs SQL text (one or more statements; the outcome is the last one's, or the first refusal).
  DuckDbOutcome Run(const std::string& sql);

  /// The library's version ("v1.5.2").
  static std::string Version();

 private:
  void* database_ = nullptr;    // duckdb_database
  void* connection_ = nullptr;  // duckdb_connection
  std::string error_;
};

}  // namespace ds::test
