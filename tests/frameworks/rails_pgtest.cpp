// Referee: ActiveRecord itself (Debian's ruby-activerecord 6.1 with ruby-pg). The migrations of
// tests/frameworks/corpus/rails/shop (db/migrate and db/post_migrate, versions 6.1 and 5.0) are
// run by ActiveRecord::MigrationContext against a real PostgreSQL, and the snapshot's
// db/schema.rb is loaded the way `rails db:schema:load` loads it; the server's tables and
// views must equal our static replay.
#include <doctest/doctest.h>

#include "tests/frameworks/referee.h"

namespace ds::test {
namespace {

const fs::path kRails = kCorpus / "rails";

// Connects ActiveRecord to `db` and runs `body` (Ruby).
void RunRuby(const std::string& db, const std::string& body) {
  TempDir dir;
  std::string script = dir.Write("referee.rb",
      "require 'active_record'\n"
      "ActiveRecord::Base.establish_connection(adapter: 'postgresql', database: '" + db +
          "', host: ENV['PGHOST'], port: ENV['PGPORT'], username: 'postgres')\n"
          "ActiveRecord::Migration.verbose = false\n" + body + "\n");
  std::string output;
  int status = RunCommand("ruby " + script + " 2>&1", &output);
  REQUIRE_MESSAGE(status == 0, "ActiveRecord failed:\n" << output);
}

void Compare(Postgres& pg, const std::string& db, const catalog::Catalog& ours) {
  std::set<std::string> expected =
      DescribeDatabase(pg, db, {"public.schema_migrations", "public.ar_internal_metadata"});
  std::set<std::string> actual = DescribeCatalog(ours);
  CHECK_MESSAGE(expected == actual, "- PostgreSQL only, + ours only\n" << LineDiff(expected, actual));
}

TEST_CASE("Rails migrations replayed statically equal what ActiveRecord builds in PostgreSQL") {
  Postgres pg = Postgres::FromEnvironment();
  std::string db = pg.CreateDatabase("rails_shop");
  fs::path shop = kRails / "shop/db";
  RunRuby(db, "ActiveRecord::MigrationContext.new(['" + (shop / "migrate").string() + "', '" +
                  (shop / "post_migrate").string() + "'], ActiveRecord::SchemaMigration).migrate");
  std::vector<ir::Diagnostic> diagnostics;
  std::vector<std::string> files = FilesUnder(kRails, shop, ".rb");
  CHECK(files.size() >= 6);
  catalog::Catalog ours = ReplayHistory(parsers::Framework::kRails, kRails, files, diagnostics);
  CHECK_MESSAGE(diagnostics.empty(), "diagnostics:\n" << Dump(diagnostics));
  Compare(pg, db, ours);
}

TEST_CASE("a Rails schema.rb replayed statically equals what ActiveRecord loads into PostgreSQL") {
  Postgres pg = Postgres::FromEnvironment();
  std::string db = pg.CreateDatabase("rails_snapshot");
  fs::path schema = kRails / "snapshot/db/schema.rb";
  RunRuby(db, "load '" + schema.string() + "'");
  std::vector<ir::Diagnostic> diagnostics;
  catalog::Catalog ours = ReplayHistory(parsers::Framework::kRails, kRails, {"snapshot/db/schema.rb"}, diagnostics);
  CHECK_MESSAGE(diagnostics.empty(), "diagnostics:\n" << Dump(diagnostics));
  Compare(pg, db, ours);
}

// Needs no server: `revert SomeMigration` that cannot be resolved statically stays a diagnostic
// on the revert call, and the migration it names is otherwise replayed as usual.
TEST_CASE("revert of a migration class not in the history, or not invertible, is said on the call") {
  TempDir dir;
  dir.Write("db/migrate/20240101000000_create_users.rb",
            "class CreateUsers < ActiveRecord::Migration[6.1]\n  def change\n    create_table :users do |t|\n"
            "      t.string :email\n    end\n    execute \"ALTER TABLE users ADD COLUMN x int\"\n  end\nend\n");
  dir.Write("db/migrate/20240102000000_create_tags.rb",
            "class CreateTags < ActiveRecord::Migration[6.1]\n  def up\n    create_table :tags\n  end\n"
            "  def down\n    drop_table :tags\n  end\nend\n");
  dir.Write("db/migrate/20240103000000_undo.rb",
            "class Undo < ActiveRecord::Migration[6.1]\n  def change\n    revert CreateUsers\n"
            "    revert CreateMissing\n    revert CreateTags\n  end\nend\n");
  std::vector<ir::Diagnostic> diagnostics;
  catalog::Catalog ours = ReplayHistory(parsers::Framework::kRails, dir.path(),
                                        {"db/migrate/20240101000000_create_users.rb",
                                         "db/migrate/20240102000000_create_tags.rb", "db/migrate/20240103000000_undo.rb"},
                                        diagnostics);
  CHECK(Dump(diagnostics) ==
        "db/migrate/20240103000000_undo.rb:3:5: not understood: revert CreateUsers (its change holds execute, which "
        "is not inverted statically) may change the schema\n"
        "db/migrate/20240103000000_undo.rb:4:5: not understood: revert CreateMissing (no migration class "
        "CreateMissing in the history) may change the schema\n");
  CHECK(DescribeCatalog(ours) == std::set<std::string>{"table public.users: id bigint not null, email character varying, x integer,"});
}

// Needs no server: one call read once per loop element creates several tables at one span;
// dropping one of them leaves the others (danbooru's 0.upto(TABLE_COUNT - 1) partitions).
TEST_CASE("tables created by one unrolled call are dropped one by one") {
  TempDir dir;
  dir.Write("db/migrate/20240101000000_parts.rb",
            "class Parts < ActiveRecord::Migration[6.1]\n  COUNT = 3\n  def up\n"
            "    0.upto(COUNT - 1) do |i|\n      create_table \"parts_#{i}\"\n    end\n"
            "    drop_table :parts_0\n  end\nend\n");
  std::vector<ir::Diagnostic> diagnostics;
  catalog::Catalog ours =
      ReplayHistory(parsers::Framework::kRails, dir.path(), {"db/migrate/20240101000000_parts.rb"}, diagnostics);
  CHECK(Dump(diagnostics).empty());
  CHECK(DescribeCatalog(ours) == std::set<std::string>{"table public.parts_1: id bigint not null,",
                                                       "table public.parts_2: id bigint not null,"});
}

// Needs no server: Scenic's create_view / update_view read db/views/<name>_v<NN>.sql of the same
// history; the view is the replayed schema's, its query placed in the view file, the op at the call.
TEST_CASE("Scenic views come from their db/views files") {
  TempDir dir;
  dir.Write("db/migrate/20240101000000_create_users.rb",
            "class CreateUsers < ActiveRecord::Migration[7.1]\n  def change\n    create_table :users do |t|\n"
            "      t.string :name\n      t.string :email\n    end\n  end\nend\n");
  dir.Write("db/migrate/20240102000000_views.rb",
            "class Views < ActiveRecord::Migration[7.1]\n  def change\n    create_view :user_names\n"
            "    create_view :emails, version: 2, materialized: true\n"
            "    update_view :user_names, version: 2, revert_to_version: 1\n    create_view :missing\n  end\nend\n");
  dir.Write("db/views/user_names_v01.sql", "SELECT id, name FROM users\n");
  dir.Write("db/views/user_names_v02.sql", "-- with the email\nSELECT id, name, email FROM users;\n");
  dir.Write("db/views/emails_v02.sql", "SELECT email FROM users\n");
  std::vector<ir::Diagnostic> diagnostics;
  catalog::Catalog ours = ReplayHistory(
      parsers::Framework::kRails, dir.path(),
      {"db/migrate/20240101000000_create_users.rb", "db/migrate/20240102000000_views.rb", "db/views/emails_v02.sql",
       "db/views/user_names_v01.sql", "db/views/user_names_v02.sql"},
      diagnostics);
  CHECK(Dump(diagnostics) ==
        "db/migrate/20240102000000_views.rb:6:5: not understood: create_view missing (db/views/missing_v01.sql is "
        "not in the revision) may change the schema\n");
  const catalog::View* names = ours.FindView({"public", "user_names"});
  REQUIRE(names != nullptr);
  CHECK(names->span == ir::SourceSpan{"db/migrate/20240102000000_views.rb", 5, 5});
  REQUIRE(names->source != nullptr);
  CHECK(names->source->file() == "db/views/user_names_v02.sql");
  // The file's first byte (after the CREATE VIEW Scenic puts before it) is its line 1, column 1.
  uint32_t first = static_cast<uint32_t>(std::string("CREATE VIEW \"user_names\" AS ").size());
  CHECK(names->source->SpanAt(first) == ir::SourceSpan{"db/views/user_names_v02.sql", 1, 1});
  CHECK(names->depends_on.size() == 1);
  const catalog::View* emails = ours.FindView({"public", "emails"});
  REQUIRE(emails != nullptr);
  CHECK(emails->materialized);
}

}  // namespace
}  // namespace ds::test
