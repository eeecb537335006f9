#pragma once
/// A tiny psql-based PostgreSQL client for tests run under tests/pg/with-postgres.sh.
#include <string>
#include <vector>

namespace ds::test {

/// Talks to the throwaway cluster named by PGHOST/PGPORT through the psql command line.
class Postgres {
 public:
  /// Reads PGHOST/PGPORT (set by with-postgres.sh); fails the test when PGHOST is not set.
  static Postgres FromEnvironment();

  /// Creates a fresh, empty database named `<prefix>_<pid>_<n>` (unique in the process) and returns its name.
  std::string CreateDatabase(const std::string& prefix);
  /// Runs one query and returns its rows (fields in order, as psql prints them unaligned).
  /// Fails the test when psql reports an error.
  std::vector<std::vector<std::string>> Query(const std::string& db, const std::string& sql);
  /// Runs SQL text (or, when `sql_or_file` names an existing `.sql` file, that file) with
  /// ON_ERROR_STOP; returns psql's exit status (0 on success) and its stdout+stderr in `output`.
  int Exec(const std::string& db, const std::string& sql_or_file, std::string* output = nullptr);
  /// Runs the statements of a file with ON_ERROR_STOP; as Exec.
  int ExecFile(const std::string& db, const std::string& path, std::string* output = nullptr);

  const std::string& host() const { return host_; }
  const std::string& port() const { return port_; }

 private:
  Postgres(std::string host, std::string port) : host_(std::move(host)), port_(std::move(port)) {}
  std::string Command(const std::string& db, const std::string& file) const;

  std::string host_;
  std::string port_;
};

}  // namespace ds::test
