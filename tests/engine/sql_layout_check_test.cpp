// A hand-rolled SQL layout described in downstream.yml (#14 point 7), through `check` on a real
// git repository: include/exclude globs, a dump given alone whatever its name (and `role:`),
// `order: path`, `order: version-folder` (synapse's full_schemas/<N> then delta/<v>).
#include <doctest/doctest.h>

#include <string>

#include "tests/engine/check_helpers.h"

namespace ds {
namespace {

const char* kView = "CREATE VIEW contacts AS SELECT id, email, name FROM users;\n";

struct Outcome {
  std::string findings;
  std::string diagnostics;
};

// Writes `base` files and downstream.yml (with `migrations`), commits, writes `head` files,
// commits, and checks the last commit.
Outcome Check(const std::string& migrations, const std::vector<std::pair<std::string, std::string>>& base,
              const std::vector<std::pair<std::string, std::string>>& head) {
  test::GitRepo repo;
  repo.Write("downstream.yml", "migrations:\n" + migrations + "views: [analytics]\n");
  repo.Write("analytics/contacts.sql", kView);
  for (const auto& file : base) repo.Write(file.first, file.second);
  repo.Commit("base");
  for (const auto& file : head) repo.Write(file.first, file.second);
  repo.Commit("head");
  engine::CheckRun run = test::CheckLastCommit(repo);
  return {test::FindingLines(run), test::DiagnosticLines(run.report.diagnostics)};
}

const std::vector<std::pair<std::string, std::string>> kScratch = {
    {"db/migrations/V1__users.sql", "CREATE TABLE users (id bigint, email text, name text);\n"},
    {"db/migrations/scratch/V9__try.sql", "ALTER TABLE users DROP COLUMN name;\n"}};
const std::vector<std::pair<std::string, std::string>> kDropEmail = {
    {"db/migrations/V2__drop.sql", "ALTER TABLE users DROP COLUMN email;\n"}};

}  // namespace

TEST_CASE("exclude: a scratch folder's migrations are not replayed") {
  Outcome out = Check("  - path: db/migrations\n    exclude: [scratch]\n", kScratch, kDropEmail);
  CAPTURE(out.diagnostics);
  CHECK(out.findings == "drop-column-in-use public.contacts(email)\n");
  // Near miss: without the exclude, the scratch file drops name at base already.
  Outcome all = Check("  - path: db/migrations\n", kScratch, kDropEmail);
  CHECK(all.diagnostics.find("unknown-column") != std::string::npos);
}

TEST_CASE("exclude on an Alembic entry: a scratch revision is not replayed") {
  const std::vector<std::pair<std::string, std::string>> base = {
      {"alembic/versions/a1_users.py",
       "from alembic import op\nimport sqlalchemy as sa\nrevision = 'a1'\ndown_revision = None\n\n"
       "def upgrade():\n    op.create_table('users', sa.Column('id', sa.BigInteger()), sa.Column('email', sa.Text()),\n"
       "                    sa.Column('name', sa.Text()))\n"}};
  const std::vector<std::pair<std::string, std::string>> head = {
      {"alembic/versions/scratch/b2_try.py",
       "from alembic import op\nrevision = 'b2'\ndown_revision = 'a1'\n\n"
       "def upgrade():\n    op.drop_column('users', 'email')\n"}};
  Outcome out = Check("  - path: alembic/versions\n    kind: alembic\n    exclude: scratch\n", base, head);
  CAPTURE(out.diagnostics);
  CHECK(out.findings == "");
  // Near miss: without the exclude, the scratch revision drops email.
  Outcome all = Check("  - path: alembic/versions\n    kind: alembic\n", base, head);
  CHECK(all.findings == "drop-column-in-use public.contacts(email)\n");
}

TEST_CASE("include: only the files a glob names") {
  Outcome out = Check("  - path: db/migrations\n    include: \"db/migrations/*.sql\"\n", kScratch, kDropEmail);
  CAPTURE(out.diagnostics);
  CHECK(out.findings == "drop-column-in-use public.contacts(email)\n");
  CHECK(out.diagnostics.find("unknown-column") == std::string::npos);
}

TEST_CASE("a dump given alone is taken whatever its name; a new version of it is no edited migration") {
  const std::vector<std::pair<std::string, std::string>> base = {
      {"db/init.sql", "CREATE TABLE users (id bigint, email text, name text);\n"}};
  const std::vector<std::pair<std::string, std::string>> head = {
      {"db/init.sql", "CREATE TABLE users (id bigint, email text, name text, created_at date);\n"}};
  Outcome out = Check("  - path: db/init.sql\n    kind: sql\n", base, head);
  CHECK(out.diagnostics == "");
  CHECK(out.findings == "");
  // role: migration says the file runs once: editing it is an edited migration.
  Outcome migration = Check("  - path: db/init.sql\n    kind: sql\n    role: migration\n", base, head);
  CHECK(migration.diagnostics == "");
  CHECK(migration.findings == "migration-edited\n");
}

TEST_CASE("a dump listed before its migrations' folder: entries replay in the order listed") {
  const std::vector<std::pair<std::string, std::string>> base = {
      {"schema/base.sql", "CREATE TABLE users (id bigint, email text, name text);\n"},
      {"schema/changes/001_lang.sql", "ALTER TABLE users ADD COLUMN lang int;\n"}};
  const std::vector<std::pair<std::string, std::string>> head = {
      {"schema/changes/002_drop_email.sql", "ALTER TABLE users DROP COLUMN email;\n"}};
  Outcome out = Check("  - path: schema/base.sql\n  - path: schema\n", base, head);
  CHECK(out.diagnostics == "");  // base.sql is the first entry's: the folder's layout does not see it
  CHECK(out.findings == "drop-column-in-use public.contacts(email)\n");
}

TEST_CASE("order: path runs files no layout names, by path") {
  const std::vector<std::pair<std::string, std::string>> base = {
      {"sql/a_tables.sql", "CREATE TABLE users (id bigint, email text, name text);\n"}};
  const std::vector<std::pair<std::string, std::string>> head = {
      {"sql/b_drop_email.sql", "ALTER TABLE users DROP COLUMN email;\n"}};
  Outcome out = Check("  - path: sql\n    order: path\n", base, head);
  CHECK(out.diagnostics == "");
  CHECK(out.findings == "drop-column-in-use public.contacts(email)\n");
  // Near miss: auto cannot place the names, leaves them out and says so.
  Outcome detected = Check("  - path: sql\n", base, head);
  CHECK(detected.findings == "");
  CHECK(detected.diagnostics.find("sql/b_drop_email.sql:0:0 [not-a-migration] left out") != std::string::npos);
}

TEST_CASE("order: version-folder replays synapse's layout") {
  const std::vector<std::pair<std::string, std::string>> base = {
      {"schema/common/schema_version.sql", "CREATE TABLE schema_version (version int);\n"},
      {"schema/main/full_schemas/16/full.sql", "CREATE TABLE users (id bigint);\n"},
      {"schema/main/full_schemas/72/full.sql.postgres", "CREATE TABLE users (id bigint, email text, name text);\n"},
      {"schema/main/full_schemas/72/full.sql.sqlite", "CREATE TABLE users (id integer, email text);\n"},
      {"schema/main/delta/40/users.sql", "CREATE TABLE users (id bigint);\n"},  // in the full schema
      {"schema/main/delta/73/01_name.sql.sqlite", "ALTER TABLE users DROP COLUMN name;\n"},
      {"schema/__init__.py", ""},
      {"schema/main/delta/40/old.py", "def run_create(cur, engine): pass\n"},  // in the full schema
      {"schema/main/delta/73/03_fix.py", "def run_create(cur, engine): pass\n"}};
  const std::vector<std::pair<std::string, std::string>> head = {
      {"schema/main/delta/73/02_email.sql.postgres", "ALTER TABLE users DROP COLUMN email;\n"}};
  Outcome out = Check("  - path: schema\n    kind: sql\n    order: version-folder\n", base, head);
  CHECK(out.diagnostics ==
        "schema/main/delta/73/03_fix.py:0:0 [not-a-migration] not read: a Python delta runs here in the version "
        "order; any schema change it makes is not replayed\n");
  CHECK(out.findings == "drop-column-in-use public.contacts(email)\n");
  // Near miss: detection leaves the folders' files out (and never reads .sql.postgres).
  Outcome detected = Check("  - path: schema\n    kind: sql\n", base, head);
  CHECK(detected.findings == "");
  CHECK(detected.diagnostics.find("[not-a-migration]") != std::string::npos);
}

TEST_CASE("an include or exclude glob that matches none of the entry's files is a configuration mistake") {
  struct Row {
    const char* name;
    const char* migrations;
    const char* sentence;  ///< empty: accepted
  };
  const Row rows[] = {
      {"an exclude matching nothing", "  - path: db/migrations\n    exclude: [\"*.down.sql\"]\n",
       "downstream.yml:3: key 'migrations[0].exclude[0]' names '*.down.sql', which matches nothing under "
       "'db/migrations' at HEAD"},
      {"an include outside the entry's path", "  - path: db/migrations\n    include:\n      - db/V1__users.sql\n",
       "downstream.yml:4: key 'migrations[0].include[0]' names 'db/V1__users.sql', which matches nothing under "
       "'db/migrations' at HEAD"},
      {"near miss: a name at any depth", "  - path: db/migrations\n    exclude: [scratch]\n", ""},
  };
  for (const Row& row : rows) {
    SUBCASE(row.name) {
      test::GitRepo repo;
      repo.Write("downstream.yml", std::string("migrations:\n") + row.migrations + "views: [analytics]\n");
      repo.Write("analytics/contacts.sql", kView);
      for (const auto& file : kScratch) repo.Write(file.first, file.second);
      repo.Commit("base");
      for (const auto& file : kDropEmail) repo.Write(file.first, file.second);
      repo.Commit("head");
      engine::CheckOptions options;
      options.repo_dir = repo.path();
      options.base = "HEAD~1";
      Result<engine::CheckRun> run = engine::RunCheck(options);
      if (std::string(row.sentence).empty()) {
        CHECK(run.ok());
      } else {
        REQUIRE_FALSE(run.ok());
        CHECK(run.error().message == row.sentence);
      }
    }
  }
}

}  // namespace ds
