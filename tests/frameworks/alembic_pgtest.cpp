// Referee: Alembic itself. Each history of tests/frameworks/corpus/alembic/ is rendered by
// `alembic upgrade heads --sql` (offline mode, Debian's python3-alembic, with an env.py and
// alembic.ini made here), the SQL is applied to a real PostgreSQL, and the server's tables
// (ordered columns, format_type, not null) and views must equal our static replay.
#include <doctest/doctest.h>

#include "tests/frameworks/referee.h"

namespace ds::test {
namespace {

const char* const kEnv = R"(from alembic import context
from sqlalchemy import MetaData

config = context.config
context.configure(url=config.get_main_option("sqlalchemy.url"), target_metadata=MetaData(),
                  literal_binds=True, dialect_opts={"paramstyle": "named"})
with context.begin_transaction():
    context.run_migrations()
)";

// The SQL Alembic writes for a whole history, or fails the test.
std::string AlembicSql(const fs::path& versions) {
  TempDir dir;
  dir.Write("env.py", kEnv);
  dir.Write("script.py.mako", "");
  std::string ini = dir.Write("alembic.ini", "[alembic]\nscript_location = " + dir.path() +
                                                 "\nversion_locations = " + versions.string() +
                                                 "\nsqlalchemy.url = postgresql://localhost/none\n");
  std::string output;
  std::string sql = dir.path() + "/upgrade.sql";
  int status = RunCommand("PYTHONDONTWRITEBYTECODE=1 " + Python() + " -m alembic -c " + ini + " upgrade heads --sql > " + sql, &output);
  REQUIRE_MESSAGE(status == 0, "alembic upgrade --sql failed:\n" << output);
  return ReadFile(sql);
}

std::vector<std::string> Histories() {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(kCorpus / "alembic")) {
    if (entry.is_directory()) names.push_back(entry.path().filename().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

TEST_CASE("the Alembic corpus is big enough to mean something") {
  size_t files = 0;
  for (const std::string& history : Histories()) {
    files += FilesUnder(kCorpus, kCorpus / "alembic" / history, ".py").size();
  }
  CHECK(Histories().size() >= 2);
  CHECK(files >= 7);
}

TEST_CASE("Alembic histories replayed statically equal what Alembic's SQL builds in PostgreSQL") {
  Postgres pg = Postgres::FromEnvironment();
  for (const std::string& history : Histories()) {
    SUBCASE(history.c_str()) {
      fs::path folder = kCorpus / "alembic" / history;
      std::string sql = AlembicSql(folder);
      std::string db = pg.CreateDatabase("alembic_" + history);
      std::string output;
      REQUIRE_MESSAGE(pg.Exec(db, sql, &output) == 0, "Alembic's SQL fails in PostgreSQL:\n" << output << sql);
      std::vector<ir::Diagnostic> diagnostics;
      catalog::Catalog ours = ReplayHistory(parsers::Framework::kAlembic, kCorpus,
                                            FilesUnder(kCorpus, folder, ".py"), diagnostics);
      CHECK_MESSAGE(diagnostics.empty(), "diagnostics:\n" << Dump(diagnostics));
      std::set<std::string> expected = DescribeDatabase(pg, db, {"public.alembic_version"});
      std::set<std::string> actual = DescribeCatalog(ours);
      CHECK_MESSAGE(expected == actual, history << ": - PostgreSQL only, + ours only\n"
                                                << LineDiff(expected, actual));
    }
  }
}

}  // namespace
}  // namespace ds::test
