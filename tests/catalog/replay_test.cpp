// Catalog::Apply, op by op, on hand-made ops: the resulting schema and PostgreSQL's refusals.
#include <doctest/doctest.h>

#include "tests/catalog/replay_helpers.h"

namespace ds::test {
namespace {

using namespace ds::ir;

struct ReplayCase {
  const char* name;
  std::vector<OpFile> files;
  std::string schema;       // Dump()
  std::string diagnostics;  // DumpDiagnostics()
};

OpFile M(std::vector<OpKind> ops) { return {"m.sql", std::move(ops)}; }

CreateTable Like(const std::string& table, const std::vector<std::string>& before,
                 const std::string& source, const std::vector<std::string>& after) {
  CreateTable op = Create(table, before);
  op.elements.push_back({{}, Name(source)});
  for (const std::string& spec : after) op.elements.push_back({Column(spec), std::nullopt});
  return op;
}

CreateTable Inherits(const std::string& table, const std::vector<std::string>& columns,
                     const std::vector<std::string>& parents) {
  CreateTable op = Create(table, columns);
  for (const std::string& parent : parents) op.inherits.push_back(Name(parent));
  return op;
}

CreateTable PartitionOf(const std::string& table, const std::string& parent,
                        const std::vector<std::string>& options = {}) {
  CreateTable op = Create(table, options);
  op.partition_of = Name(parent);
  return op;
}

std::vector<ReplayCase> Cases() {
  const CreateTable users = Create("users", {"id bigint not null", "email character varying(255)"});
  return {
      {"create table keeps order, types and not null",
       {M({Create("users", {"id bigint not null", "email text", "tags text[]",
                            "total numeric(10,2)", "at timestamp with time zone"})})},
       "public.users: id bigint not null, email text, tags text[], total numeric(10,2), at "
       "timestamp with time zone\n",
       ""},
      {"duplicate table is refused",
       {M({users, Create("users", {"x integer"})})},
       "public.users: id bigint not null, email character varying(255)\n",
       "m.sql:2: relation public.users already exists\n"},
      {"create table if not exists is silent",
       {M({users, [] { auto op = Create("users", {"x integer"}); op.if_not_exists = true;
                       return op; }()})},
       "public.users: id bigint not null, email character varying(255)\n", ""},
      {"qualified name in a missing schema is refused",
       {M({Create("app.users", {"id integer"})})}, "", "m.sql:1: schema app does not exist\n"},
      {"search_path puts CREATE in its first schema and finds ALTER targets further on",
       {M({users, CreateSchema{"app"}, SetSearchPath{{"app", "public"}},
           Create("orders", {"id integer"}), AddColumn{Name("users"), Column("name text")}})},
       "app.orders: id integer\npublic.users: id bigint not null, email character varying(255), "
       "name text\n",
       ""},
      {"search_path skips schemas that do not exist for CREATE",
       {M({SetSearchPath{{"missing", "public"}}, Create("t", {"a integer"})})},
       "public.t: a integer\n", ""},
      {"search_path without any existing schema refuses CREATE",
       {M({SetSearchPath{{"missing"}}, Create("t", {"a integer"})})}, "",
       "m.sql:2: no schema has been selected to create t in\n"},
      {"search_path lookup takes the first schema holding the relation",
       {M({CreateSchema{"app"}, Create("app.t", {"a integer"}), Create("t", {"b integer"}),
           SetSearchPath{{"app", "public"}}, DropColumn{Name("t"), "a"}})},
       "app.t:\npublic.t: b integer\n", ""},
      {"a new file starts again from the default search_path",
       {{"1.sql", {CreateSchema{"app"}, SetSearchPath{{"app"}}, Create("t", {"a integer"})}},
        {"2.sql", {Create("t", {"b integer"})}}},
       "app.t: a integer\npublic.t: b integer\n", ""},
      {"quoted mixed-case names keep their case and differ from lower case",
       {M({Create("UserEvents", {"createdAt timestamp without time zone"}),
           Create("userevents", {"id integer"}),
           RenameColumn{Name("UserEvents"), "createdAt", "CreatedAt"}})},
       "public.UserEvents: CreatedAt timestamp without time zone\npublic.userevents: id "
       "integer\n",
       ""},
      {"LIKE copies columns and not null at its position",
       {M({users, Like("admins", {"role text"}, "users", {"since date not null"})})},
       "public.admins: role text, id bigint not null, email character varying(255), since date "
       "not null\npublic.users: id bigint not null, email character varying(255)\n",
       ""},
      {"LIKE of a missing table is refused",
       {M({Like("admins", {}, "users", {})})}, "", "m.sql:1: table users does not exist\n"},
      {"INHERITS puts parents' columns first and merges duplicates",
       {M({Create("a", {"id integer not null", "x text"}), Create("b", {"id integer", "y text"}),
           Inherits("c", {"x text not null", "z text"}, {"a", "b"})})},
       "public.a: id integer not null, x text\npublic.b: id integer, y text\npublic.c: id "
       "integer not null, x text not null, y text, z text\n",
       ""},
      {"INHERITS with a type conflict is refused",
       {M({Create("a", {"x text"}), Inherits("c", {"x integer"}, {"a"})})},
       "public.a: x text\n", "m.sql:2: column x has a type conflict (text versus integer)\n"},
      {"duplicate column in CREATE TABLE is refused",
       {M({Create("t", {"a integer", "a text"})})}, "",
       "m.sql:1: column a specified more than once\n"},
      {"PARTITION OF takes the parent's columns and options",
       {M({Create("events", {"id bigint not null", "at date"}),
           PartitionOf("events_2024", "events", {"at  not null"})})},
       "public.events: id bigint not null, at date\npublic.events_2024: id bigint not null, at "
       "date not null\n",
       ""},
      {"ADD COLUMN reaches partitions and inheritance children",
       {M({Create("events", {"id bigint"}), PartitionOf("events_1", "events"),
           Inherits("special", {"note text"}, {"events"}),
           AddColumn{Name("events"), Column("kind text not null")}})},
       "public.events: id bigint, kind text not null\npublic.events_1: id bigint, kind text not "
       "null\npublic.special: id bigint, note text, kind text not null\n",
       ""},
      {"ADD COLUMN to a partition is refused",
       {M({Create("events", {"id bigint"}), PartitionOf("events_1", "events"),
           AddColumn{Name("events_1"), Column("x text")}})},
       "public.events: id bigint\npublic.events_1: id bigint\n",
       "m.sql:3: cannot add column x to partition public.events_1\n"},
      {"ADD COLUMN of an existing column is refused unless IF NOT EXISTS",
       {M({users, AddColumn{Name("users"), Column("email text")},
           AddColumn{Name("users"), Column("email text"), true}})},
       "public.users: id bigint not null, email character varying(255)\n",
       "m.sql:2: column users.email already exists\n"},
      {"DROP COLUMN on a parent drops it from children that only inherit it",
       {M({Create("p", {"a integer", "b integer"}), Inherits("c", {"b integer"}, {"p"}),
           PartitionOf("q", "p"), DropColumn{Name("p"), "b"}, DropColumn{Name("p"), "a"}})},
       "public.c: b integer\npublic.p:\npublic.q:\n", ""},
      {"DROP COLUMN of an inherited column is refused",
       {M({Create("p", {"a integer"}), Inherits("c", {}, {"p"}), DropColumn{Name("c"), "a"}})},
       "public.c: a integer\npublic.p: a integer\n",
       "m.sql:3: cannot drop inherited column c.a\n"},
      {"DROP COLUMN of a missing column is refused unless IF EXISTS",
       {M({users, DropColumn{Name("users"), "name"}, DropColumn{Name("users"), "name", true}})},
       "public.users: id bigint not null, email character varying(255)\n",
       "m.sql:2: column users.name does not exist\n"},
      {"ALTER on a missing table is refused",
       {M({AddColumn{Name("nope"), Column("a integer")}, DropColumn{Name("nope"), "a", true},
           RenameColumn{Name("nope"), "a", "b"}})},
       "",
       "m.sql:1: table nope does not exist\nm.sql:2: table nope does not exist\nm.sql:3: table "
       "nope does not exist\n"},
      {"RENAME COLUMN, retype and not null changes",
       {M({users, RenameColumn{Name("users"), "email", "mail"},
           AlterColumnType{Name("users"), "mail", "text"}, SetNotNull{Name("users"), "mail"},
           DropNotNull{Name("users"), "id"}})},
       "public.users: id bigint, mail text not null\n", ""},
      {"RENAME COLUMN onto an existing name is refused",
       {M({users, RenameColumn{Name("users"), "email", "id"}})},
       "public.users: id bigint not null, email character varying(255)\n",
       "m.sql:2: column users.id already exists\n"},
      {"RENAME and retype recurse into children; on the child they are refused",
       {M({Create("p", {"a integer"}), PartitionOf("q", "p"), RenameColumn{Name("p"), "a", "b"},
           AlterColumnType{Name("p"), "b", "bigint"}, RenameColumn{Name("q"), "b", "c"},
           AlterColumnType{Name("q"), "b", "text"}})},
       "public.p: b bigint\npublic.q: b bigint\n",
       "m.sql:5: cannot rename inherited column q.b\nm.sql:6: cannot alter inherited column "
       "q.b\n"},
      // The migration will fail; the drop still applies, so the view left reading it is reported.
      {"DROP TABLE read by a view is an error without CASCADE",
       {M({users, View("v", {"users"}), DropTable{Name("users")}})},
       "view public.v\n",
       "m.sql:3: the migration will fail: PostgreSQL refuses to drop table public.users because "
       "other objects depend on it (view public.v); drop them first, or use CASCADE\n"},
      {"DROP TABLE CASCADE drops views and views on views",
       {M({users, Create("other", {"a integer"}), View("v", {"users"}), View("w", {"v", "other"}),
           View("x", {"other"}), DropTable{Name("users"), false, true}})},
       "public.other: a integer\nview public.x\n", ""},
      {"DROP TABLE of a partitioned table drops its partitions, not inheritance children",
       {M({Create("p", {"a integer"}), PartitionOf("q", "p"), Inherits("c", {}, {"p"}),
           DropTable{Name("p")}, DropTable{Name("q")}})},
       "public.c: a integer\npublic.p: a integer\n",
       "m.sql:4: the migration will fail: PostgreSQL refuses to drop table public.p because other "
       "objects depend on it (table public.c); drop them first, or use CASCADE\n"},
      {"DROP TABLE of a missing table is refused unless IF EXISTS",
       {M({DropTable{Name("nope")}, DropTable{Name("nope"), true}})}, "",
       "m.sql:1: table nope does not exist\n"},
      {"DROP TABLE on a view and DROP VIEW on a table are refused",
       {M({users, View("v", {"users"}), DropTable{Name("v"), true}, DropView{Name("users")}})},
       "public.users: id bigint not null, email character varying(255)\nview public.v\n",
       "m.sql:3: v is not a table\nm.sql:4: users is not a view \n"},
      {"RENAME TO keeps the schema; SET SCHEMA moves",
       {M({CreateSchema{"archive"}, users, RenameTable{Name("users"), Name("people")},
           RenameTable{Name("people"), Name("archive.people")}})},
       "archive.people: id bigint not null, email character varying(255)\n", ""},
      {"RENAME onto an existing relation or into a missing schema is refused",
       {M({users, Create("people", {"a integer"}), RenameTable{Name("users"), Name("people")},
           RenameTable{Name("users"), Name("nowhere.users")},
           RenameTable{Name("ghost"), Name("spirit")}, RenameTable{Name("ghost"), Name("x"), true}})},
       "public.people: a integer\npublic.users: id bigint not null, email character "
       "varying(255)\n",
       "m.sql:3: relation public.people already exists\nm.sql:4: schema nowhere does not "
       "exist\nm.sql:5: relation ghost does not exist\n"},
      {"renaming a view, and views follow renamed tables",
       {M({users, View("v", {"users"}), RenameTable{Name("v"), Name("v2")},
           RenameTable{Name("users"), Name("people")}, DropTable{Name("people")}})},
       "view public.v2\n",
       "m.sql:5: the migration will fail: PostgreSQL refuses to drop table public.people because "
       "other objects depend on it (view public.v2); drop them first, or use CASCADE\n"},
      {"CREATE VIEW: duplicates refused, OR REPLACE and IF NOT EXISTS accepted",
       {M({users, View("v", {"users"}), View("v", {"users"}),
           [] { auto op = View("v", {"users"}); op.or_replace = true; return op; }(),
           [] { auto op = View("v", {"users"}); op.if_not_exists = true; return op; }(),
           View("users", {"users"})})},
       "public.users: id bigint not null, email character varying(255)\nview public.v\n",
       "m.sql:3: relation public.v already exists\nm.sql:6: relation public.users already "
       "exists\n"},
      {"a view reading a missing relation is kept (lineage reports the missing name)",
       {M({View("v", {"nope", "pg_catalog.pg_class", "pg_tables"})})}, "view public.v\n", ""},
      {"materialized views need DROP MATERIALIZED VIEW",
       {M({users, [] { auto op = View("mv", {"users"}); op.materialized = true; return op; }(),
           DropView{Name("mv")}, DropView{Name("mv"), true}})},
       "public.users: id bigint not null, email character varying(255)\n",
       "m.sql:3: mv is not a view \n"},
      {"DROP VIEW with dependents is an error without CASCADE",
       {M({users, View("v", {"users"}), View("w", {"v"}), DropView{Name("v")}})},
       "public.users: id bigint not null, email character varying(255)\nview public.w\n",
       "m.sql:4: the migration will fail: PostgreSQL refuses to drop view public.v because other "
       "objects depend on it (view public.w); drop them first, or use CASCADE\n"},
      {"DROP VIEW CASCADE drops the views on it",
       {M({users, View("v", {"users"}), View("w", {"v"}), DropView{Name("v"), false, false, true}})},
       "public.users: id bigint not null, email character varying(255)\n", ""},
      {"enums: create, add before/after, rename, drop",
       {M({CreateEnum{Name("mood"), {"sad", "happy"}}, AddEnumValue{Name("mood"), "ok", "happy",
                                                                      true},
           AddEnumValue{Name("mood"), "ecstatic"}, AddEnumValue{Name("mood"), "meh", "sad", false},
           RenameEnumValue{Name("mood"), "sad", "blue"}, CreateEnum{Name("gone"), {"x"}},
           DropType{Name("gone")}, DropType{Name("never_tracked")}})},
       "enum public.mood: blue, meh, ok, happy, ecstatic\n", ""},
      {"enum refusals",
       {M({CreateEnum{Name("mood"), {"a"}}, CreateEnum{Name("mood"), {"b"}},
           AddEnumValue{Name("nope"), "x"}, AddEnumValue{Name("mood"), "x", "zz", true},
           RenameEnumValue{Name("mood"), "zz", "y"}})},
       "enum public.mood: a\n",
       "m.sql:2: type public.mood already exists\nm.sql:3: type nope does not exist\nm.sql:4: zz "
       "is not an existing enum label of mood\nm.sql:5: zz is not an existing enum label of "
       "mood\n"},
      {"enum column types print as format_type() does",
       {M({CreateSchema{"app"}, CreateEnum{Name("app.status"), {"a"}},
           CreateEnum{Name("Mood"), {"x"}}, SetSearchPath{{"app", "public"}},
           Create("t", {"s status", "ss status[]", "m Mood", "q \"Mood\"[]"})})},
       "app.t: s app.status, ss app.status[], m \"Mood\", q \"Mood\"[]\nenum app.status: "
       "a\nenum public.Mood: x\n",
       ""},
      {"DROP SCHEMA needs CASCADE when not empty; CASCADE reaches views elsewhere",
       {M({CreateSchema{"app"}, Create("app.t", {"a integer"}), View("v", {"app.t"}),
           CreateEnum{Name("app.e"), {"x"}}, DropSchema{"app"}, DropSchema{"app", true},
           Create("app.t2", {"a integer"})})},
       "", "m.sql:5: cannot drop schema app because other objects depend on it; use CASCADE\n"
           "m.sql:7: schema app does not exist\n"},
      {"CREATE TABLE AS without a query shape says so",
       {M({[] { CreateTable op; op.table = Name("t"); op.as_query = SelectFrom({"users"});
                op.as_column_names = {"a"}; return op; }()})},
       "public.t: a unknown\n",
       "m.sql:1: cannot tell the columns of CREATE TABLE public.t AS: no query shape\n"},
      {"Unknown changes nothing", {M({users, Unknown{"DO block"}})},
       "public.users: id bigint not null, email character varying(255)\n", ""},
  };
}

TEST_CASE("Apply replays ops as PostgreSQL would") {
  for (const ReplayCase& c : Cases()) {
    SUBCASE(c.name) {
      std::vector<Diagnostic> diagnostics;
      catalog::Catalog catalog = ReplayFiles(c.files, &diagnostics);
      CHECK(Dump(catalog) == c.schema);
      CHECK(DumpDiagnostics(diagnostics) == c.diagnostics);
    }
  }
}

TEST_CASE("CREATE TABLE AS takes its columns from the query shape") {
  catalog::Catalog catalog;
  std::vector<const Query*> seen;
  catalog.SetQueryShape([&](const Query& query, const catalog::Catalog&,
                            const std::vector<std::string>& search_path) {
    seen.push_back(&query);
    CHECK(search_path == std::vector<std::string>{"public"});
    return std::vector<ColumnDef>{{"id", "bigint", true}, {"email", "text", false}};
  });
  CreateTable op;
  op.table = Name("copy");
  op.as_query = SelectFrom({"users"});
  op.as_column_names = {"user_id"};
  std::vector<Diagnostic> diagnostics;
  catalog.Apply({{"m.sql", 4, 1}, op}, diagnostics);
  CHECK(diagnostics.empty());
  CHECK(seen == std::vector<const Query*>{op.as_query.get()});
  CHECK(Dump(catalog) == "public.copy: user_id bigint, email text\n");
}

// Column dependencies come from the ViewReadsFn (lineage in the engine); a stub here.
TEST_CASE("DROP COLUMN respects the columns views read: an error without CASCADE, views dropped with it") {
  auto replay = [](const std::vector<OpKind>& ops, std::vector<Diagnostic>& diagnostics) {
    catalog::Catalog catalog;
    catalog.SetViewReads([](const catalog::Catalog&, const QualifiedName& view) {
      std::vector<std::pair<QualifiedName, std::string>> reads;
      if (view.name == "v") reads = {{{"public", "users"}, "email"}, {{"public", "users"}, "id"}};
      if (view.name == "w") reads = {{{"public", "v"}, "email"}};
      if (view.name == "x") reads = {{{"public", "users"}, "id"}};
      return reads;
    });
    for (size_t i = 0; i < ops.size(); ++i) {
      catalog.Apply({SourceSpan{"m.sql", static_cast<int>(i) + 1, 1}, ops[i]}, diagnostics);
    }
    return catalog;
  };
  const CreateTable users = Create("users", {"id bigint", "email text", "name text"});
  std::vector<Diagnostic> diagnostics;
  catalog::Catalog refused = replay({users, View("v", {"users"}), View("w", {"v"}),
                                     DropColumn{Name("users"), "name"}, DropColumn{Name("users"), "email"}},
                                    diagnostics);
  CHECK(DumpDiagnostics(diagnostics) ==
        "m.sql:5: the migration will fail: PostgreSQL refuses to drop column public.users.email because "
        "other objects depend on it (view public.v); drop them first, or use CASCADE\n");
  REQUIRE(diagnostics.size() == 1);
  CHECK(diagnostics[0].severity == Severity::kError);
  CHECK(diagnostics[0].code == DiagCode::kMigrationRefused);
  // The drop still applies: what follows sees it, and the views left reading it are reported.
  CHECK(Dump(refused) == "public.users: id bigint\nview public.v\nview public.w\n");

  diagnostics.clear();
  catalog::Catalog cascaded = replay({users, View("v", {"users"}), View("w", {"v"}), View("x", {"users"}),
                                      DropColumn{Name("users"), "email", false, true}},
                                     diagnostics);
  CHECK(DumpDiagnostics(diagnostics) == "");
  CHECK(Dump(cascaded) == "public.users: id bigint, name text\nview public.x\n");
  std::string dropped;
  for (const catalog::ChangeEvent& e : cascaded.events()) {
    if (e.kind == catalog::ChangeEvent::Kind::kDropTable) dropped += e.table.ToString() + " by " + e.dropped_by + "\n";
  }
  CHECK(dropped == "public.v by public.users.email\npublic.w by public.users.email\n");

  // Nor can a column a view reads change type (CASCADE or not); another column can.
  diagnostics.clear();
  catalog::Catalog retyped = replay({users, View("x", {"users"}), AlterColumnType{Name("users"), "name", "varchar(9)"},
                                     AlterColumnType{Name("users"), "id", "integer"}},
                                    diagnostics);
  CHECK(DumpDiagnostics(diagnostics) ==
        "m.sql:4: the migration will fail: PostgreSQL refuses to change the type of column public.users.id "
        "because other objects depend on it (view public.x); drop them first and re-create them after\n");
  CHECK(Dump(retyped) == "public.users: id integer, email text, name varchar(9)\nview public.x\n");
}

TEST_CASE("ALTER TYPE RENAME: columns follow, the old name is free again") {
  std::vector<Diagnostic> diagnostics;
  catalog::Catalog catalog = ReplayFiles(
      {{"m.sql", {CreateSchema{"app"}, CreateEnum{Name("mood"), {"a"}}, CreateEnum{Name("app.state"), {"x"}},
                  Create("t", {"m mood", "ms mood[]", "s app.state", "d year", "e public.year"}),
                  RenameType{Name("mood"), "feeling"}, RenameType{Name("app.state"), "status"},
                  RenameType{Name("year"), "film_year"}, CreateEnum{Name("mood"), {"b"}},
                  RenameType{Name("feeling"), "mood"}}}},
      &diagnostics);
  CHECK(Dump(catalog) ==
        "public.t: m feeling, ms feeling[], s app.status, d film_year, e film_year\n"
        "enum app.status: x\nenum public.feeling: a\nenum public.mood: b\n");
  CHECK(DumpDiagnostics(diagnostics) == "m.sql:9: type public.mood already exists\n");
}

TEST_CASE("identities come from the creating op's span") {
  std::vector<Diagnostic> diagnostics;
  catalog::Catalog catalog = ReplayFiles(
      {{"db/1.sql", {Create("p", {"a integer"}), Like("l", {}, "p", {}), PartitionOf("q", "p"),
                     AddColumn{Name("p"), Column("b text")}, View("v", {"p"}),
                     RenameTable{Name("p"), Name("p2")},
                     RenameColumn{Name("p2"), "a", "a2"}}}},
      &diagnostics);
  CHECK(diagnostics.empty());
  const catalog::Table* p = catalog.FindTable({"public", "p2"});
  REQUIRE(p != nullptr);
  CHECK(p->id == "db/1.sql:1:1");
  CHECK(p->span == SourceSpan{"db/1.sql", 1, 1});
  CHECK(p->columns.at(0).id == "db/1.sql:1:1#a");
  CHECK(p->columns.at(1).id == "db/1.sql:4:1#b");
  const catalog::Table* l = catalog.FindTable({"public", "l"});
  REQUIRE(l != nullptr);
  CHECK(l->columns.at(0).id == "db/1.sql:2:1#a");
  const catalog::Table* q = catalog.FindTable({"public", "q"});
  REQUIRE(q != nullptr);
  CHECK(q->columns.at(0).id == "db/1.sql:3:1#a");
  CHECK(q->columns.at(1).id == "db/1.sql:4:1#b");
  CHECK(q->parent_ids == std::vector<std::string>{"db/1.sql:1:1"});
  const catalog::View* v = catalog.FindView({"public", "v"});
  REQUIRE(v != nullptr);
  CHECK(v->id == "db/1.sql:5:1");
  CHECK(v->depends_on == std::vector<std::string>{"db/1.sql:1:1"});
  CHECK(v->search_path == std::vector<std::string>{"public"});
}

TEST_CASE("every change to an existing object is an event with the op's span") {
  catalog::Catalog catalog = ReplayFiles(
      {{"1.sql", {Create("p", {"a integer", "b integer", "c integer"}), PartitionOf("q", "p"),
                  View("v", {"p"}), CreateSchema{"s"}}},
       {"2.sql", {RenameColumn{Name("p"), "a", "a2"}, AlterColumnType{Name("p"), "b", "text"},
                  AlterColumnType{Name("p"), "b", "text"}, DropColumn{Name("p"), "c"},
                  RenameTable{Name("v"), Name("s.v")}, AddColumn{Name("p"), Column("d date")},
                  DropTable{Name("p"), false, true}}}});
  CHECK(DumpEvents(catalog) ==
        "rename_column public.p.a -> a2 @2.sql:1\n"
        "rename_column public.q.a -> a2 @2.sql:1\n"
        "retype_column public.p.b integer => text @2.sql:2\n"
        "retype_column public.q.b integer => text @2.sql:2\n"
        "drop_column public.p.c @2.sql:4\n"
        "drop_column public.q.c @2.sql:4\n"
        "rename_table public.v -> s.v @2.sql:5\n"
        "drop_table public.p @2.sql:7\n"
        "drop_table public.q @2.sql:7\n"
        "drop_table s.v @2.sql:7\n");
  CHECK(catalog.tables().empty());
  CHECK(catalog.views().empty());
}

TEST_CASE("Qualify follows the search_path given") {
  catalog::Catalog catalog = ReplayFiles(
      {{"1.sql", {CreateSchema{"app"}, Create("app.t", {"a integer"}), View("app.v", {"app.t"})}}});
  std::vector<std::string> path{"app", "public"};
  CHECK(catalog.Qualify(Name("t"), path) == QualifiedName{"app", "t"});
  CHECK(catalog.Qualify(Name("v"), path) == QualifiedName{"app", "v"});
  CHECK(catalog.Qualify(Name("u"), path) == QualifiedName{"app", "u"});
  CHECK(catalog.Qualify(Name("t"), {"public"}) == QualifiedName{"public", "t"});
  CHECK(catalog.Qualify(Name("t"), {"missing", "public"}) == QualifiedName{"public", "t"});
  CHECK(catalog.Qualify(Name("x.t"), path) == QualifiedName{"x", "t"});
  CHECK(catalog.search_path() == std::vector<std::string>{"public"});
  CHECK(catalog.schemas() == std::set<std::string>{"app", "public"});
}

}  // namespace
}  // namespace ds::test
