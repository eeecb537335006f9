// Detection of each framework's usual layout from a revision's paths, with no downstream.yml.
#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "src/config/config.h"

namespace ds::config {

namespace {

struct Row {
  const char* name;
  std::vector<std::string> paths;
  std::string migrations;  ///< "path kind" lines
  std::vector<std::string> notes;
};

std::string Sources(const Config& config) {
  std::string out;
  for (const MigrationSource& source : config.migrations) out += source.path + " " + source.kind + "\n";
  return out;
}

}  // namespace

TEST_CASE("DetectLayout finds Alembic, Django and Rails layouts") {
  const std::vector<Row> rows = {
      {"alembic folder", {"alembic.ini", "alembic/env.py", "alembic/script.py.mako",
                          "alembic/versions/1a_init.py", "alembic/versions/2b_more.py"},
       "alembic/versions alembic\n", {"found 2 alembic migration file(s) in alembic/versions/"}},
      {"flask-migrate", {"migrations/env.py", "migrations/versions/abc_init.py", "migrations/README"},
       "migrations/versions alembic\n", {"found 1 alembic migration file(s) in migrations/versions/"}},
      {"a stray numbered file beside env.py stays alembic",
       {"migrations/env.py", "migrations/versions/abc_init.py", "migrations/0001_backfill.py"},
       "migrations/versions alembic\n", {"found 1 alembic migration file(s) in migrations/versions/"}},
      {"a django app named like flask-migrate's folder, without env.py",
       {"migrations/0001_initial.py", "migrations/versions/abc_init.py"}, "migrations django\n",
       {"found 1 django migration file(s) in migrations/"}},
      {"versions without env.py is not alembic", {"lib/versions/v1.py", "lib/versions/v2.py"}, "", {}},
      {"django apps", {"shop/migrations/__init__.py", "shop/migrations/0001_initial.py",
                       "shop/migrations/0002_more.py", "crm/migrations/0001_initial.py",
                       "crm/models.py"},
       "crm/migrations django\nshop/migrations django\n",
       {"found 1 django migration file(s) in crm/migrations/",
        "found 2 django migration file(s) in shop/migrations/"}},
      {"django needs numbered files", {"app/migrations/helpers.py"}, "", {}},
      {"rails", {"db/migrate/20240101000000_a.rb", "db/post_migrate/20240102000000_b.rb",
                 "db/schema.rb", "app/models/user.rb"},
       "db/migrate rails\ndb/post_migrate rails\n",
       {"found 1 rails migration file(s) in db/migrate/", "found 1 rails migration file(s) in db/post_migrate/"}},
      {"rails engine", {"engines/billing/db/migrate/1_a.rb"}, "engines/billing/db/migrate rails\n",
       {"found 1 rails migration file(s) in engines/billing/db/migrate/"}},
      {"schema.rb alone is a snapshot", {"db/schema.rb", "app/models/user.rb"}, "db/schema.rb rails\n",
       {"found a schema snapshot: db/schema.rb"}},
      {"structure.sql alone is a snapshot", {"db/structure.sql"}, "db/structure.sql sql\n",
       {"found a schema snapshot: db/structure.sql"}},
  };
  for (const Row& row : rows) {
    SUBCASE(row.name) {
      std::vector<std::string> notes;
      std::vector<std::string> paths = row.paths;
      std::sort(paths.begin(), paths.end());
      Config config = DetectLayout(paths, notes);
      CHECK(Sources(config) == row.migrations);
      for (const std::string& note : row.notes) {
        CHECK_MESSAGE(std::find(notes.begin(), notes.end(), note) != notes.end(), "missing note: " << note);
      }
      if (row.migrations.empty()) CHECK(notes.front() == "found no migrations: add a downstream.yml");
    }
  }
}

}  // namespace ds::config
