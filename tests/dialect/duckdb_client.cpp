#include "tests/dialect/duckdb_client.h"

#include <cstdint>

// The few functions of DuckDB's stable C API (duckdb.h) this client calls, declared here because
// the npm package ships the library without its header. Handles are pointers to a struct holding
// one pointer; duckdb_result is passed by address and its layout is part of the stable ABI.
extern "C" {
typedef uint64_t idx_t;
typedef enum { DuckDBSuccess = 0, DuckDBError = 1 } duckdb_state;
typedef struct _duckdb_database {
  void* internal_ptr;
} * duckdb_database;
typedef struct _duckdb_connection {
  void* internal_ptr;
} * duckdb_connection;
typedef struct {
  idx_t deprecated_column_count;
  idx_t deprecated_row_count;
  idx_t deprecated_rows_changed;
  void* deprecated_columns;
  char* deprecated_error_message;
  void* internal_data;
} duckdb_result;

duckdb_state duckdb_open(const char* path, duckdb_database* out_database);
void duckdb_close(duckdb_database* database);
duckdb_state duckdb_connect(duckdb_database database, duckdb_connection* out_connection);
void duckdb_disconnect(duckdb_connection* connection);
duckdb_state duckdb_query(duckdb_connection connection, const char* query,
                          duckdb_result* out_result);
void duckdb_destroy_result(duckdb_result* result);
const char* duckdb_result_error(duckdb_result* result);
idx_t duckdb_column_count(duckdb_result* result);
const char* duckdb_column_name(duckdb_result* result, idx_t col);
idx_t duckdb_row_count(duckdb_result* result);
char* duckdb_value_varchar(duckdb_result* result, idx_t col, idx_t row);
void duckdb_free(void* ptr);
const char* duckdb_library_version();
}

namespace ds::test {

DuckDb::DuckDb() {
  duckdb_database database = nullptr;
  if (duckdb_open(nullptr, &database) != DuckDBSuccess) {  // null path: in memory
    error_ = "duckdb_open failed";
    return;
  }
  database_ = database;
  duckdb_connection connection = nullptr;
  if (duckdb_connect(database, &connection) != DuckDBSuccess) {
    error_ = "duckdb_connect failed";
    return;
  }
  connection_ = connection;
}

DuckDb::~DuckDb() {
  if (connection_ != nullptr) {
    auto connection = static_cast<duckdb_connection>(connection_);
    duckdb_disconnect(&connection);
  }
  if (database_ != nullptr) {
    auto database = static_cast<duckdb_database>(database_);
    duckdb_close(&database);
  }
}

DuckDbOutcome DuckDb::Run(const std::string& sql) {
  DuckDbOutcome outcome;
  if (!ok()) {
    outcome.error = error_;
    return outcome;
  }
  duckdb_result result{};
  auto connection = static_cast<duckdb_connection>(connection_);
  duckdb_state state = duckdb_query(connection, sql.c_str(), &result);
  if (state == DuckDBSuccess) {
    outcome.ok = true;
    for (idx_t i = 0; i < duckdb_column_count(&result); ++i) {
      const char* name = duckdb_column_name(&result, i);
      outcome.columns.push_back(name != nullptr ? name : "");
    }
    for (idx_t row = 0; row < duckdb_row_count(&result); ++row) {
      std::vector<std::string>& values = outcome.rows.emplace_back();
      for (idx_t col = 0; col < outcome.columns.size(); ++col) {
        char* value = duckdb_value_varchar(&result, col, row);
        values.push_back(value != nullptr ? value : "");
        duckdb_free(value);
      }
    }
  } else {
    const char* error = duckdb_result_error(&result);
    outcome.error = error != nullptr ? error : "duckdb_query failed";
  }
  duckdb_destroy_result(&result);
  return outcome;
}

std::string DuckDb::Version() { return duckdb_library_version(); }

}  // namespace ds::test
