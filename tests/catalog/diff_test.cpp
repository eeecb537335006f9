// Diff and OverlayRemoved on hand-made histories: base = the first files, head = all of them.
#include "src/catalog/diff.h"

#include <doctest/doctest.h>

#include "tests/catalog/replay_helpers.h"

namespace ds::test {
namespace {

using namespace ds::ir;

std::string DumpChanges(const std::vector<catalog::SchemaChange>& changes) {
  std::string out;
  for (const catalog::SchemaChange& c : changes) {
    out += c.change.kind + " " + c.change.table.ToString();
    if (!c.change.column.empty()) out += "." + c.change.column;
    if (!c.change.new_name.empty()) out += " -> " + c.change.new_name;
    if (!c.change.old_type.empty()) out += " " + c.change.old_type + " => " + c.change.new_type;
    out += " @" + c.span.file + ":" + std::to_string(c.span.line) + "\n";
  }
  return out;
}

struct DiffCase {
  const char* name;
  std::vector<OpFile> base_files;
  std::vector<OpFile> new_files;  // head = base_files + new_files
  std::string changes;
};

OpFile Base() {
  return {"1.sql",
          {Create("users", {"id bigint not null", "email text", "name text"}),
           Create("orders", {"id bigint", "user_id bigint", "total numeric(10,2)"}),
           View("recent", {"orders"})}};
}

std::vector<DiffCase> Cases() {
  const OpFile kBase = Base();
  return {
      {"nothing changes", {kBase}, {{"2.sql", {Create("new_table", {"a integer"})}}}, ""},
      {"a column added and a column dropped",
       {kBase},
       {{"2.sql", {AddColumn{Name("users"), Column("x text")}, DropColumn{Name("users"), "email"}}}},
       "add_column public.users.x @2.sql:1\ndrop_column public.users.email @2.sql:2\n"},
      {"rename column is not a drop",
       {kBase},
       {{"2.sql", {RenameColumn{Name("users"), "email", "mail"}}}},
       "rename_column public.users.email -> mail @2.sql:1\n"},
      {"drop and re-add of a column is a drop",
       {kBase},
       {{"2.sql", {DropColumn{Name("users"), "email"}, AddColumn{Name("users"), Column("email text")}}}},
       "drop_column public.users.email @2.sql:1\n"},
      {"drop and re-add with another type is a retype, at the ADD",
       {kBase},
       {{"2.sql", {DropColumn{Name("users"), "email"}, AddColumn{Name("users"), Column("email integer")}}}},
       "drop_column public.users.email @2.sql:1\n"
       "retype_column public.users.email text => integer @2.sql:2\n"},
      {"renamed away and re-added with another type: the name's readers see a retype",
       {kBase},
       {{"2.sql", {RenameColumn{Name("users"), "email", "old_email"}}},
        {"3.sql", {AddColumn{Name("users"), Column("email citext")}}}},
       "rename_column public.users.email -> old_email @2.sql:1\n"
       "retype_column public.users.email text => citext @3.sql:1\n"},
      {"renamed away and re-added with the same type is only the rename",
       {kBase},
       {{"2.sql", {RenameColumn{Name("users"), "email", "old_email"},
                   AddColumn{Name("users"), Column("email text")}}}},
       "rename_column public.users.email -> old_email @2.sql:1\n"},
      {"a type we could not resolve never makes a retype",
       {kBase},
       {{"2.sql", {AlterColumnType{Name("orders"), "total", "unknown"}}},
        {"3.sql", {DropColumn{Name("users"), "name"}, AddColumn{Name("users"), Column("name unknown")}}}},
       "drop_column public.users.name @3.sql:1\n"},
      {"a renamed type is the same type",
       {{"1.sql", {CreateEnum{Name("mood"), {"sad", "ok"}}, Create("people", {"m mood", "ms mood[]"})}}},
       {{"2.sql", {RenameType{Name("mood"), "feeling"}, CreateEnum{Name("mood"), {"other"}}}}},
       ""},
      {"a domain qualified with public is the same type",
       {{"1.sql", {Create("films", {"released year"})}}},
       {{"2.sql", {AlterColumnType{Name("films"), "released", "public.year"}}}},
       ""},
      {"retype column",
       {kBase},
       {{"2.sql", {AlterColumnType{Name("orders"), "total", "numeric(12,2)"}}}},
       "retype_column public.orders.total numeric(10,2) => numeric(12,2) @2.sql:1\n"},
      {"rename and retype of one column are two changes",
       {kBase},
       {{"2.sql", {AlterColumnType{Name("users"), "name", "character varying(80)"},
                   RenameColumn{Name("users"), "name", "full_name"}}}},
       "retype_column public.users.name text => character varying(80) @2.sql:1\n"
       "rename_column public.users.name -> full_name @2.sql:2\n"},
      {"a column renamed twice is attributed to the first rename",
       {kBase},
       {{"2.sql", {RenameColumn{Name("users"), "email", "mail"}}},
        {"3.sql", {RenameColumn{Name("users"), "mail", "e_mail"}}}},
       "rename_column public.users.email -> e_mail @2.sql:1\n"},
      {"a renamed column later dropped is a drop",
       {kBase},
       {{"2.sql", {RenameColumn{Name("users"), "email", "mail"}, DropColumn{Name("users"), "mail"}}}},
       "drop_column public.users.email @2.sql:2\n"},
      {"drop table is one change, not one per column",
       {kBase},
       {{"2.sql", {DropTable{Name("users")}}}},
       "drop_table public.users @2.sql:1\n"},
      {"drop table cascade also drops the views reading it",
       {kBase},
       {{"2.sql", {DropTable{Name("orders"), false, true}}}},
       "drop_table public.orders @2.sql:1\ndrop_table public.recent @2.sql:1\n"},
      {"rename table, then set schema",
       {kBase},
       {{"2.sql", {CreateSchema{"archive"}, RenameTable{Name("users"), Name("people")}}},
        {"3.sql", {RenameTable{Name("people"), Name("archive.people")}}}},
       "rename_table public.users -> archive.people @2.sql:2\n"},
      {"rename then drop is a drop at the drop",
       {kBase},
       {{"2.sql", {RenameTable{Name("users"), Name("people")}}}, {"3.sql", {DropTable{Name("people")}}}},
       "drop_table public.users @3.sql:1\n"},
      {"rename of a view",
       {kBase},
       {{"2.sql", {RenameTable{Name("recent"), Name("recent_orders")}}}},
       "rename_table public.recent -> public.recent_orders @2.sql:1\n"},
      {"drop and re-create with the same shape changes nothing",
       {kBase},
       {{"2.sql", {DropTable{Name("users")}, Create("users", {"id bigint not null", "email text",
                                                             "name text"})}}},
       ""},
      {"drop and re-create without a column is that column's drop, at the DROP TABLE",
       {kBase},
       {{"2.sql", {DropTable{Name("users")}, Create("users", {"id bigint not null", "name text"})}}},
       "drop_column public.users.email @2.sql:1\n"},
      {"changes made at base are not reported again",
       {kBase, {"2.sql", {AlterColumnType{Name("users"), "name", "character varying(10)"},
                          RenameColumn{Name("users"), "email", "mail"}}}},
       {{"3.sql", {AlterColumnType{Name("users"), "name", "text"}}}},
       "retype_column public.users.name character varying(10) => text @3.sql:1\n"},
      {"sorted by span, then kind",
       {kBase},
       {{"3.sql", {DropColumn{Name("orders"), "total"}}},
        {"2.sql", {RenameColumn{Name("users"), "email", "mail"},
                   AlterColumnType{Name("orders"), "id", "integer"}}}},
       "rename_column public.users.email -> mail @2.sql:1\n"
       "retype_column public.orders.id bigint => integer @2.sql:2\n"
       "drop_column public.orders.total @3.sql:1\n"},
  };
}

TEST_CASE("Diff reports drops, renames and retypes with their statements") {
  for (const DiffCase& c : Cases()) {
    SUBCASE(c.name) {
      std::vector<OpFile> head_files = c.base_files;
      head_files.insert(head_files.end(), c.new_files.begin(), c.new_files.end());
      std::vector<Diagnostic> diagnostics;
      catalog::Catalog base = ReplayFiles(c.base_files, &diagnostics);
      catalog::Catalog head = ReplayFiles(head_files, &diagnostics);
      CHECK(DumpDiagnostics(diagnostics) == "");
      CHECK(DumpChanges(catalog::Diff(base, head)) == c.changes);
    }
  }
}

TEST_CASE("Diff falls back to names when an earlier file was edited") {
  const OpFile kBase = Base();
  OpFile shifted = kBase;
  shifted.ops.insert(shifted.ops.begin(), Create("inserted_first", {"a integer"}));
  catalog::Catalog base = ReplayFiles({kBase});
  catalog::Catalog head = ReplayFiles(
      {shifted, {"2.sql", {RenameColumn{Name("users"), "email", "mail"}}}});
  CHECK(base.FindTable({"public", "users"})->id != head.FindTable({"public", "users"})->id);
  // Identities are positions: users now has the id orders had. Names and rename events still
  // tell what happened.
  CHECK(DumpChanges(catalog::Diff(base, head)) ==
        "rename_column public.users.email -> mail @2.sql:1\n");
}

TEST_CASE("Diff names the change ref fully") {
  const OpFile kBase = Base();
  catalog::Catalog base = ReplayFiles({kBase});
  catalog::Catalog head =
      ReplayFiles({kBase, {"db/2.sql", {AlterColumnType{Name("users"), "email", "citext"}}}});
  std::vector<catalog::SchemaChange> changes = catalog::Diff(base, head);
  REQUIRE(changes.size() == 1);
  CHECK(changes[0].change.kind == "retype_column");
  CHECK(changes[0].change.table == QualifiedName{"public", "users"});
  CHECK(changes[0].change.column == "email");
  CHECK(changes[0].change.old_type == "text");
  CHECK(changes[0].change.new_type == "citext");
  CHECK(changes[0].span == SourceSpan{"db/2.sql", 1, 1});
}

TEST_CASE("OverlayRemoved adds what head lost, marked gone") {
  const OpFile kBase = Base();
  catalog::Catalog base = ReplayFiles({kBase});
  catalog::Catalog head = ReplayFiles(
      {kBase, {"2.sql", {RenameColumn{Name("users"), "email", "mail"},
                         DropColumn{Name("users"), "name"},
                         RenameTable{Name("orders"), Name("purchases")},
                         DropView{Name("recent")}, Create("orders_v2", {"id bigint"})}}});
  catalog::Catalog overlay = catalog::OverlayRemoved(head, base);
  CHECK(Dump(overlay) ==
        "public.orders (gone): id bigint (gone), user_id bigint (gone), total numeric(10,2) "
        "(gone)\n"
        "public.orders_v2: id bigint\n"
        "public.purchases: id bigint, user_id bigint, total numeric(10,2)\n"
        "public.users: id bigint not null, mail text, email text (gone), name text (gone)\n"
        "view public.recent (gone)\n");
  CHECK(Dump(head) ==
        "public.orders_v2: id bigint\n"
        "public.purchases: id bigint, user_id bigint, total numeric(10,2)\n"
        "public.users: id bigint not null, mail text\n");
  CHECK(overlay.events().size() == head.events().size());
}

TEST_CASE("OverlayRemoved lets head win where a name was reused") {
  const OpFile kBase = Base();
  catalog::Catalog base = ReplayFiles({kBase});
  catalog::Catalog head = ReplayFiles(
      {kBase, {"2.sql", {RenameTable{Name("users"), Name("people")},
                         Create("users", {"uuid uuid"}),
                         RenameColumn{Name("orders"), "id", "order_id"},
                         AddColumn{Name("orders"), Column("id text")}}}});
  catalog::Catalog overlay = catalog::OverlayRemoved(head, base);
  CHECK(Dump(overlay) ==
        "public.orders: order_id bigint, user_id bigint, total numeric(10,2), id text\n"
        "public.people: id bigint not null, email text, name text\n"
        "public.users: uuid uuid\n"
        "view public.recent\n");
}

}  // namespace
}  // namespace ds::test
