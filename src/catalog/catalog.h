#pragma once
/// The schema at one revision: tables with ordered, typed columns, views, enums and schemas,
/// built by replaying schema ops in history order.
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "src/ir/diagnostic.h"
#include "src/ir/schema_ops.h"

namespace ds::catalog {

/// Objects carry an identity that survives renames: the place that created them
/// ("file:line:col" of the creating op, plus "#column" for columns). Unchanged files give equal
/// identities at base and head, which is how a diff tells a rename from a drop and an add.
struct Column {
  std::string name;
  std::string type;  ///< as format_type() prints it
  bool not_null = false;
  std::string id;
  bool gone = false;  ///< only in an overlay: present at base, dropped or renamed at head
  int inherited = 0;  ///< how many parents it comes from (INHERITS / PARTITION OF)
  bool local = true;  ///< declared by the table itself (not only inherited)
  ir::SourceSpan span;  ///< the op that created it (ADD COLUMN, CREATE TABLE)
};

struct Table {
  ir::QualifiedName name;
  std::vector<Column> columns;  ///< in attnum order
  std::string id;
  ir::SourceSpan span;  ///< the op that created it
  bool gone = false;    ///< only in an overlay (see OverlayRemoved)
  std::vector<std::string> parent_ids;  ///< INHERITS / PARTITION OF parents, by identity
  bool partition = false;               ///< PARTITION OF: dropped with its parent

  const Column* FindColumn(const std::string& name) const;
};

struct View {
  ir::QualifiedName name;
  std::vector<std::string> column_names;  ///< explicit CREATE VIEW v(a, b) list, else empty
  std::shared_ptr<const ir::Query> query;
  std::shared_ptr<const ir::SourceText> source;
  std::vector<std::string> search_path;  ///< in force when the view was created
  bool materialized = false;
  ir::RelationKind kind = ir::RelationKind::kView;  ///< as created (ir::CreateView::kind)
  bool rebinds_star = false;  ///< as created (ir::CreateView::rebinds_star)
  bool binds_types = false;   ///< as created (ir::CreateView::binds_types); false for PutView
  /// The catalog's generation when it was (re)defined (CREATE, CREATE OR REPLACE): a view defined
  /// after a change was validated against the schema the change left.
  uint64_t defined_at = 0;
  ir::SourceSpan span;
  std::string id;
  bool gone = false;
  /// Identities of the tables and views it reads, bound when it was created (as PostgreSQL
  /// binds by OID, so renames do not break the dependency). Empty for views added by PutView.
  std::vector<std::string> depends_on;
  /// The columns it reads, as {relation identity, column identity}, bound at creation as
  /// PostgreSQL records them in pg_depend (`*` expanded then): what DROP COLUMN must respect.
  /// Empty when no ViewReadsFn is installed.
  std::vector<std::pair<std::string, std::string>> column_deps;
};

struct Enum {
  ir::QualifiedName name;
  std::vector<std::string> values;
  ir::SourceSpan span;  ///< the CREATE TYPE that made it
};

/// Something an op did to an object that already existed: what a diff attributes to a statement.
struct ChangeEvent {
  /// kRenameType: ALTER TYPE RENAME, `old_type` and `new_type` its names as columns show them
  /// (the type, hence every column of it, is the same object under its new name).
  /// kDropNotNull: a NOT NULL column made nullable.
  /// kRenameEnumValue: ALTER TYPE ... RENAME VALUE; `table` is the enum, `old_type` its name as
  /// columns show it, `value` and `new_value` the labels.
  /// kRewriteValues: a data migration (UPDATE t SET c = 'new' WHERE c = 'old'); `column`,
  /// `value` (one event per old value) and `new_value`.
  enum class Kind {
    kDropTable,
    kRenameTable,
    kDropColumn,
    kRenameColumn,
    kRetypeColumn,
    kRenameType,
    kDropNotNull,
    kRenameEnumValue,
    kRewriteValues,
  };
  Kind kind;
  std::string object_id;  ///< the table's or column's identity
  std::string table_id;   ///< the table's identity (column kinds: the table holding it)
  ir::QualifiedName table;  ///< the table's name before the op
  std::string column;       ///< column kinds: its name before the op
  std::string new_name;     ///< renames: new column name, or new qualified table name
  std::string old_type, new_type;
  std::string value, new_value;  ///< kRenameEnumValue, kRewriteValues
  uint64_t generation = 0;       ///< the catalog's generation when it happened (replay order)
  /// kDropTable of a view that went only because a DROP ... CASCADE of another object took it:
  /// that object ("public.orders", "public.orders.amount"). Empty otherwise.
  std::string dropped_by;
  ir::SourceSpan span;
};

/// Output columns of a query, for CREATE TABLE AS; injected by the lineage stage so that the
/// dependencies keep pointing one way.
using QueryShapeFn = std::function<std::vector<ir::ColumnDef>(
    const ir::Query& query, const class Catalog& catalog,
    const std::vector<std::string>& search_path)>;

/// The columns a view of the catalog reads, as {relation, column} (relations qualified), for
/// column dependencies (View::column_deps); injected by the lineage stage as QueryShapeFn is.
using ViewReadsFn = std::function<std::vector<std::pair<ir::QualifiedName, std::string>>(
    const class Catalog& catalog, const ir::QualifiedName& view)>;

class Catalog {
 public:
  Catalog();

  /// Starts a new file: search_path goes back to the default ("public").
  void BeginFile();
  /// Applies one op. Names are qualified through the search_path in force. Ops that do not fit
  /// (a column that is not there, a table that already exists) add a diagnostic and change
  /// nothing, as PostgreSQL would refuse them.
  void Apply(const ir::SchemaOp& op, std::vector<ir::Diagnostic>& diagnostics);
  void SetQueryShape(QueryShapeFn fn) { query_shape_ = std::move(fn); }
  void SetViewReads(ViewReadsFn fn) { view_reads_ = std::move(fn); }

  /// Qualifies `name` through `search_path` (the first schema holding a relation of that
  /// name; for a relation not found, the first schema of the path).
  ir::QualifiedName Qualify(const ir::QualifiedName& name,
                            const std::vector<std::string>& search_path) const;
  const std::vector<std::string>& search_path() const { return search_path_; }

  const Table* FindTable(const ir::QualifiedName& qualified) const;
  const View* FindView(const ir::QualifiedName& qualified) const;
  const Enum* FindEnum(const ir::QualifiedName& qualified) const;

  const std::map<ir::QualifiedName, Table>& tables() const { return tables_; }
  const std::map<ir::QualifiedName, View>& views() const { return views_; }
  const std::map<ir::QualifiedName, Enum>& enums() const { return enums_; }
  const std::set<std::string>& schemas() const { return schemas_; }
  /// Counts the ops applied (and the replacements of views): equal counts, equal catalog. Lets a
  /// hook keep what it derived from the catalog while only new views were added (see
  /// ViewReadsFn): the ViewReadsFn call for a new view sees exactly one more than the last op.
  uint64_t generation() const { return generation_; }
  /// Every change an op made to an object that already existed, in replay order.
  const std::vector<ChangeEvent>& events() const { return events_; }
  /// Called once the migrations are replayed: views defined up to now are the migrations' own
  /// (View::defined_at <= migrations_end()); view files and models come after.
  void MarkMigrationsReplayed() { migrations_end_ = generation_; }
  uint64_t migrations_end() const { return migrations_end_; }

  /// For overlays and analytics views added after replay.
  Table& PutTable(Table table);
  View& PutView(View view);

 private:
  std::map<ir::QualifiedName, Table> tables_;
  std::map<ir::QualifiedName, View> views_;
  std::map<ir::QualifiedName, Enum> enums_;
  std::set<std::string> schemas_;
  std::vector<std::string> search_path_;
  std::vector<ChangeEvent> events_;
  uint64_t generation_ = 0;
  uint64_t migrations_end_ = 0;
  QueryShapeFn query_shape_;
  ViewReadsFn view_reads_;

  friend class Replay;  // applies each op kind (replay.h)
};

}  // namespace ds::catalog
