#pragma once
/// Internal to parsers/: Django's history (graph order, squashes) and model state, which turn
/// DjangoRecords into schema ops.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "parsers/migrations/framework_history.h"
#include "parsers/python/parse_django.h"
#include "parsers/treesitter/op_sink.h"
#include "parsers/treesitter/value.h"

namespace ds::parsers::django {

/// See OrderHistory.
std::vector<ReplayStep> OrderDjango(const std::vector<HistoryFile>& files,
                                    std::vector<ir::Diagnostic>& diagnostics);

/// A model as the migrations so far leave it (Django's ModelState, the parts the schema needs).
struct Model {
  std::string app;
  std::string name;   ///< as written in CreateModel
  std::string table;  ///< db_table, or <app>_<name lower-cased>
  bool explicit_table = false;
  std::vector<std::pair<std::string, Value>> fields;  ///< name -> models.XField(...) call
  bool order_column = false;  ///< order_with_respect_to adds `_order`
  bool managed = true;        ///< proxy and managed=False models have no table of their own
};

/// Every model by "app.modelname" (lower-cased model name).
using State = std::map<std::string, Model>;

/// "app.Model" / "Model" / settings.AUTH_USER_MODEL -> "app.model" as a state key.
std::string ModelKey(const Value& to, const std::string& app);
/// The Django field class a field behaves as: its own class, or for a well-known third-party
/// field (`mptt.fields.TreeForeignKey`, `django_countries.fields.CountryField`) the Django class
/// it stores as (ForeignKey, CharField).
std::string_view FieldKind(const Value& field);
/// Whether downstream knows what a field class stores (a Django field, ForeignKey and the other
/// relations, ArrayField, DbTypeField).
bool KnownFieldKind(std::string_view kind);

/// The field classes a project defines, from its modules read for them (ParseDjangoFile on a
/// file outside migrations/: fields.py, models.py).
class ProjectFields {
 public:
  explicit ProjectFields(const std::vector<const DjangoRecord*>& modules);
  bool empty() const { return modules_.empty(); }
  /// Rewrites every call in `operation` of a project field class (`utilities.fields.ColorField
  /// (...)`, `myapp.fields.MoneyField(...)`) into the field it stores as, its arguments kept:
  /// the Django or well-known class it extends, or `DbTypeField(db_type="macaddr", ...)` when
  /// the class's db_type() says. A class that cannot be followed is left as written.
  void Resolve(Value& operation) const;

 private:
  struct Target {
    std::string kind;     ///< a Django or well-known field class, as a migration names it
    std::string db_type;  ///< or the column type itself
    std::vector<DjangoClass::Keyword> keywords;  ///< what the classes' __init__ set, base first
  };
  struct Found {
    const DjangoClass* definition = nullptr;
    std::string module;
  };
  Found Find(const std::string& dotted, const std::string& from) const;
  std::optional<Target> Follow(const std::string& dotted, const std::string& from, int depth) const;
  void Rewrite(Value& value, int depth) const;

  std::map<std::string, const DjangoRecord*> modules_;  ///< by dotted name
  mutable std::map<std::string, std::optional<Target>> followed_;
};

/// What a field puts in the database.
struct Column {
  bool m2m = false;        ///< no column: a join table
  std::string name;        ///< the column (db_column, name, name + "_id")
  std::string type;        ///< format_type text
  bool not_null = false;
  std::string target;      ///< FK / M2M: the related model's key
  std::string join_table;  ///< M2M with an auto-created through table
  std::string problem;     ///< why the type is not known, for a diagnostic
};
Column FieldColumn(const State& state, const Model& model, const std::string& field_name,
                   const Value& field);
/// The type a foreign key to `target` has (the target's primary key, serial types as integers).
std::string KeyType(const State& state, const std::string& target);
/// The join table of an auto-created many-to-many: its name and columns.
struct JoinTable {
  std::string table;
  std::vector<ir::ColumnDef> columns;
};
std::optional<JoinTable> M2MTable(const State& state, const Model& model, const std::string& field_name,
                                  const Value& field);

/// Applies one operation (a migrations.X(...) call) to `state`, writing the ops it makes to
/// `sink` when `to_database`.
void ApplyOperation(const Value& operation, const std::string& app, State& state, OpSink& sink,
                    bool to_database);

}  // namespace ds::parsers::django
