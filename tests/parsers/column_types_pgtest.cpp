// PostgreSQL is the oracle: the columns our parser reads from DDL (names, types as
// format_type() prints them, NOT NULL) must equal what PostgreSQL records for the same DDL.
#include <doctest/doctest.h>

#include <string>
#include <variant>
#include <vector>

#include "parsers/sql/parse_sql.h"
#include "tests/support/postgres.h"

namespace ds::parsers {
namespace {

/// "name|type|not_null" for every column of the last CREATE TABLE, after the ALTERs that follow.
std::vector<std::string> ParsedColumns(const std::string& sql) {
  ir::ParsedFile parsed = ParseSqlFile("t.sql", sql);
  REQUIRE(parsed.diagnostics.empty());
  std::vector<ir::ColumnDef> columns;
  for (const ir::SchemaOp& op : parsed.ops) {
    if (const auto* create = std::get_if<ir::CreateTable>(&op.op)) {
      columns.clear();
      for (const ir::TableElement& element : create->elements) columns.push_back(element.column);
    } else if (const auto* add = std::get_if<ir::AddColumn>(&op.op)) {
      columns.push_back(add->column);
    } else if (const auto* retype = std::get_if<ir::AlterColumnType>(&op.op)) {
      for (ir::ColumnDef& column : columns) {
        if (column.name == retype->column) column.type = retype->new_type;
      }
    } else if (const auto* set = std::get_if<ir::SetNotNull>(&op.op)) {
      for (ir::ColumnDef& column : columns) {
        if (column.name == set->column) column.not_null = true;
      }
    }
  }
  std::vector<std::string> out;
  for (const ir::ColumnDef& column : columns) {
    out.push_back(column.name + "|" + column.type + "|" + (column.not_null ? "t" : "f"));
  }
  return out;
}

std::vector<std::string> PostgresColumns(test::Postgres& pg, const std::string& db) {
  std::vector<std::string> out;
  for (const auto& row : pg.Query(db,
           "SELECT attname, format_type(atttypid, atttypmod), attnotnull FROM pg_attribute "
           "WHERE attrelid = 't'::regclass AND attnum > 0 AND NOT attisdropped ORDER BY attnum")) {
    out.push_back(row.at(0) + "|" + row.at(1) + "|" + row.at(2));
  }
  return out;
}

struct Row {
  const char* name;
  const char* setup;  ///< run in PostgreSQL only (types the table needs)
  // format_type() leaves out schemas on the search_path; we print a type as it was written.
  const char* ddl;    ///< run in PostgreSQL and parsed by us
};

}  // namespace

TEST_CASE("column types and nullability match PostgreSQL's catalog") {
  const Row rows[] = {
      {"integers and serials", "",
       "CREATE TABLE t (a int, b int4, c integer, d smallint, e int2, f bigint, g int8,"
       " h serial, i bigserial, j smallserial, k serial4);"},
      {"text and characters", "",
       "CREATE TABLE t (a text, b varchar, c varchar(20), d character varying(255), e char,"
       " f character(3), g \"char\", h name, i bpchar(4));"},
      {"numbers", "",
       "CREATE TABLE t (a decimal, b numeric(12), c numeric(10,2), d real, e float4, f float8,"
       " g double precision, h float, i float(10), j float(30), k money);"},
      {"dates and times", "",
       "CREATE TABLE t (a timestamp, b timestamp(3), c timestamptz, d timestamp(0) with time zone,"
       " e time, f time(2), g timetz, h time with time zone, i date, j interval, k interval(3),"
       " l interval day to second, m interval year to month, n interval minute to second(2),"
       " o interval hour);"},
      {"other built-ins", "",
       "CREATE TABLE t (a bool, b boolean, c uuid, d jsonb, e json, f bytea, g bit(8), h bit,"
       " i bit varying(16), j varbit, k inet, l cidr, m xml, n tsvector, o oid);"},
      {"arrays", "",
       "CREATE TABLE t (a text[], b integer[][], c int ARRAY, d varchar(10)[], e timestamptz[],"
       " f numeric(5,1)[3]);"},
      {"user types", "CREATE TYPE mood AS ENUM ('a'); CREATE SCHEMA s; CREATE TYPE s.level AS ENUM ('x');",
       "CREATE TABLE t (a mood, b s.level, c s.level[]);"},
      {"not null from constraints, identity, primary keys", "",
       "CREATE TABLE t (a int NOT NULL, b int PRIMARY KEY, c int GENERATED ALWAYS AS IDENTITY,"
       " d int NULL, e int CHECK (e > 0), f int UNIQUE, g int, h int, UNIQUE (g));"},
      {"table-level primary key", "",
       "CREATE TABLE t (a int, b text, c int, PRIMARY KEY (a, b));"},
      {"alter table retypes, adds, sets not null", "",
       "CREATE TABLE t (a int, b text, c varchar(10));"
       " ALTER TABLE t ALTER COLUMN a TYPE bigint, ALTER c TYPE varchar(40);"
       " ALTER TABLE t ALTER COLUMN b SET NOT NULL; ALTER TABLE t ADD COLUMN d numeric(8,3) NOT NULL;"
       " ALTER TABLE t ADD PRIMARY KEY (a); ALTER TABLE t ADD COLUMN e timestamptz;"},
  };
  test::Postgres pg = test::Postgres::FromEnvironment();
  for (const Row& row : rows) {
    SUBCASE(row.name) {
      std::string db = pg.CreateDatabase("types");
      std::string output;
      REQUIRE_MESSAGE(pg.Exec(db, std::string(row.setup) + "\n" + row.ddl, &output) == 0, output);
      CHECK(ParsedColumns(row.ddl) == PostgresColumns(pg, db));
    }
  }
}

}  // namespace ds::parsers
