// Django migration operations applied to the model state, and the schema ops they make, as
// Django 3.2's schema editor runs them on PostgreSQL.
#include <algorithm>
#include <set>
#include <variant>

#include "parsers/python/django_history.h"

namespace ds::parsers::django {

namespace {

std::string Lower(std::string_view text) {
  std::string out;
  for (char c : text) out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

struct Step {
  const Value& op;
  const std::string& app;
  State& state;
  OpSink& sink;
  bool db;

  void Emit(ir::OpKind kind) const {
    if (db) sink.Add(op, std::move(kind));
  }
  std::string Str(size_t index, std::string_view name) const {
    const Value* v = op.Arg(index, name);
    return v && v->IsString() ? v->text : "";
  }
  /// The model named by argument `index`/`name`, or null after a diagnostic.
  Model* Find(size_t index, std::string_view name) const {
    std::string model = Str(index, name);
    auto found = state.find(app + "." + Lower(model));
    if (found != state.end()) return &found->second;
    if (db) {
      sink.NotUnderstood(op, Describe(op) + " on model " + app + "." + (model.empty() ? "?" : model) +
                                 ", which no earlier migration creates");
    }
    return nullptr;
  }
};

ir::QualifiedName Table(const std::string& name) { return {"", name}; }

std::string DefaultTable(const std::string& app, const std::string& model) { return app + "_" + Lower(model); }

std::vector<std::pair<std::string, Value>> ReadFields(const Value* fields) {
  std::vector<std::pair<std::string, Value>> out;
  if (!fields) return out;
  for (const Value& entry : fields->items) {
    if (entry.items.size() == 2 && entry.items[0].IsString()) out.emplace_back(entry.items[0].text, entry.items[1]);
  }
  return out;
}

// Said at the field's place (the line of the field in CreateModel's list).
void WarnProblem(const Step& s, const Column& column, const Value& field) {
  if (s.db && !column.problem.empty()) s.sink.Warn(field.line > 0 ? field : s.op, "column " + column.name + ": " + column.problem, ir::DiagCode::kUnknownType);
}

// The join table is created at the field's place: a relation is known by where it was created,
// so the model's table and each join table of one CreateModel need places of their own (else
// dropping a join table would take the model's table with it).
void CreateJoinTable(const Step& s, const Model& model, const std::string& name, const Value& field) {
  if (auto join = M2MTable(s.state, model, name, field)) {
    ir::CreateTable table;
    table.table = Table(join->table);
    for (const ir::ColumnDef& c : join->columns) table.elements.push_back({c, std::nullopt});
    if (s.db) s.sink.Add(field.line > 0 ? field : s.op, std::move(table));
  }
}

void CreateModel(const Step& s) {
  Model model;
  model.app = s.app;
  model.name = s.Str(0, "name");
  model.fields = ReadFields(s.op.Arg(1, "fields"));
  const Value* options = s.op.Keyword("options");
  const Value* db_table = options ? options->Keyword("db_table") : nullptr;
  model.explicit_table = db_table && db_table->IsString();
  model.table = model.explicit_table ? db_table->text : DefaultTable(s.app, model.name);
  const Value* order = options ? options->Keyword("order_with_respect_to") : nullptr;
  model.order_column = order && order->IsString();
  const Value* proxy = options ? options->Keyword("proxy") : nullptr;
  const Value* managed = options ? options->Keyword("managed") : nullptr;
  model.managed = !(proxy && proxy->IsTrue()) && !(managed && managed->IsFalse());
  std::string key = s.app + "." + Lower(model.name);
  s.state[key] = model;
  if (!model.managed) return;
  ir::CreateTable table;
  table.table = Table(model.table);
  for (const auto& [name, field] : model.fields) {
    Column column = FieldColumn(s.state, model, name, field);
    WarnProblem(s, column, field);
    if (!column.m2m) table.elements.push_back({{column.name, column.type, column.not_null}, std::nullopt});
  }
  if (model.order_column) table.elements.push_back({{"_order", "integer", true}, std::nullopt});
  s.Emit(std::move(table));
  for (const auto& [name, field] : model.fields) {
    if (FieldKind(field) == "ManyToManyField") CreateJoinTable(s, model, name, field);
  }
}

// Auto-created join tables of a model's many-to-many fields: field name -> table.
std::vector<std::pair<std::string, std::string>> JoinTables(const State& state, const Model& model) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& [name, field] : model.fields) {
    if (FieldKind(field) != "ManyToManyField") continue;
    if (auto join = M2MTable(state, model, name, field)) out.emplace_back(name, join->table);
  }
  return out;
}

void DeleteModel(const Step& s) {
  Model* model = s.Find(0, "name");
  if (!model) return;
  if (model->managed) {
    for (const auto& [field, table] : JoinTables(s.state, *model)) s.Emit(ir::DropTable{Table(table)});
    s.Emit(ir::DropTable{Table(model->table)});
  }
  s.state.erase(s.app + "." + Lower(model->name));
}

// A model moved to a new table: its own join tables named after the old one follow.
void MoveTable(const Step& s, Model& model, const std::string& new_table) {
  auto joins_before = JoinTables(s.state, model);
  std::string old_table = model.table;
  model.table = new_table;
  if (!model.managed || old_table == new_table) return;
  s.Emit(ir::RenameTable{Table(old_table), Table(new_table)});
  auto joins_after = JoinTables(s.state, model);
  for (size_t i = 0; i < joins_before.size() && i < joins_after.size(); ++i) {
    if (joins_before[i].second != joins_after[i].second) {
      s.Emit(ir::RenameTable{Table(joins_before[i].second), Table(joins_after[i].second)});
    }
  }
}

void RenameModel(const Step& s) {
  Model* found = s.Find(0, "old_name");
  std::string new_name = s.Str(1, "new_name");
  if (!found || new_name.empty()) return;
  Model model = *found;
  std::string old_key = s.app + "." + Lower(model.name), new_key = s.app + "." + Lower(new_name);
  std::string old_lower = Lower(model.name), new_lower = Lower(new_name);
  s.state.erase(old_key);
  model.name = new_name;
  // Join tables take the new table's name; their column named after the model is renamed.
  auto joins_before = JoinTables(s.state, model);
  std::string new_table = model.explicit_table ? model.table : DefaultTable(s.app, new_name);
  std::string old_table = model.table;
  model.table = new_table;
  if (model.managed && old_table != new_table) s.Emit(ir::RenameTable{Table(old_table), Table(new_table)});
  auto joins_after = JoinTables(s.state, model);
  for (size_t i = 0; i < joins_before.size() && i < joins_after.size(); ++i) {
    if (joins_before[i].second != joins_after[i].second) {
      s.Emit(ir::RenameTable{Table(joins_before[i].second), Table(joins_after[i].second)});
    }
    s.Emit(ir::RenameColumn{Table(joins_after[i].second), old_lower + "_id", new_lower + "_id"});
  }
  // Relations elsewhere now point at the new name; their join tables' columns follow.
  for (auto& [key, other] : s.state) {
    for (auto& [name, field] : other.fields) {
      Value* to = field.items.empty() ? nullptr : &field.items[0];
      if (!to) {
        for (auto& [k, v] : field.keywords) {
          if (k == "to") to = &v;
        }
      }
      if (!to || ModelKey(*to, other.app) != old_key) continue;
      to->text = s.app + "." + new_name;
      if (FieldKind(field) == "ManyToManyField") {
        if (auto join = M2MTable(s.state, other, name, field)) {
          s.Emit(ir::RenameColumn{Table(join->table), old_lower + "_id", new_lower + "_id"});
        }
      }
    }
  }
  s.state[new_key] = std::move(model);
}

void AlterModelTable(const Step& s) {
  Model* model = s.Find(0, "name");
  if (!model) return;
  const Value* table = s.op.Arg(1, "table");
  model->explicit_table = table && table->IsString();
  MoveTable(s, *model, model->explicit_table ? table->text : DefaultTable(s.app, model->name));
}

void AddField(const Step& s) {
  Model* model = s.Find(0, "model_name");
  std::string name = s.Str(1, "name");
  const Value* field = s.op.Arg(2, "field");
  if (!model || name.empty() || !field) return;
  model->fields.emplace_back(name, *field);
  if (!model->managed) return;
  Column column = FieldColumn(s.state, *model, name, *field);
  WarnProblem(s, column, *field);
  if (column.m2m) return CreateJoinTable(s, *model, name, *field);
  s.Emit(ir::AddColumn{Table(model->table), {column.name, column.type, column.not_null}});
}

void RemoveField(const Step& s) {
  Model* model = s.Find(0, "model_name");
  std::string name = s.Str(1, "name");
  if (!model) return;
  for (auto it = model->fields.begin(); it != model->fields.end(); ++it) {
    if (it->first != name) continue;
    if (model->managed) {
      Column column = FieldColumn(s.state, *model, name, it->second);
      if (!column.m2m) s.Emit(ir::DropColumn{Table(model->table), column.name});
      else if (auto join = M2MTable(s.state, *model, name, it->second)) s.Emit(ir::DropTable{Table(join->table)});
    }
    model->fields.erase(it);
    return;
  }
  if (s.db) s.sink.NotUnderstood(s.op, Describe(s.op) + ": " + model->name + " has no field " + name);
}

void RenameField(const Step& s) {
  Model* model = s.Find(0, "model_name");
  std::string old_name = s.Str(1, "old_name"), new_name = s.Str(2, "new_name");
  if (!model) return;
  for (auto& [name, field] : model->fields) {
    if (name != old_name) continue;
    Column before = FieldColumn(s.state, *model, old_name, field);
    auto join_before = M2MTable(s.state, *model, old_name, field);
    name = new_name;
    Column after = FieldColumn(s.state, *model, new_name, field);
    auto join_after = M2MTable(s.state, *model, new_name, field);
    if (!model->managed) return;
    if (!before.m2m && before.name != after.name) {
      s.Emit(ir::RenameColumn{Table(model->table), before.name, after.name});
    } else if (join_before && join_after && join_before->table != join_after->table) {
      s.Emit(ir::RenameTable{Table(join_before->table), Table(join_after->table)});
    }
    return;
  }
  if (s.db) s.sink.NotUnderstood(s.op, Describe(s.op) + ": " + model->name + " has no field " + old_name);
}

void AlterField(const Step& s) {
  Model* model = s.Find(0, "model_name");
  std::string name = s.Str(1, "name");
  const Value* field = s.op.Arg(2, "field");
  if (!model || !field) return;
  for (auto& [existing, old_field] : model->fields) {
    if (existing != name) continue;
    Column before = FieldColumn(s.state, *model, name, old_field);
    old_field = *field;
    Column after = FieldColumn(s.state, *model, name, *field);
    WarnProblem(s, after, *field);
    if (!model->managed || before.m2m || after.m2m) return;
    ir::QualifiedName table = Table(model->table);
    // Django's _alter_field: the name first, then the type, then nullability.
    if (before.name != after.name) s.Emit(ir::RenameColumn{table, before.name, after.name});
    if (before.type != after.type) s.Emit(ir::AlterColumnType{table, after.name, after.type});
    if (before.not_null && !after.not_null) s.Emit(ir::DropNotNull{table, after.name});
    if (!before.not_null && after.not_null) s.Emit(ir::SetNotNull{table, after.name});
    return;
  }
  if (s.db) s.sink.NotUnderstood(s.op, Describe(s.op) + ": " + model->name + " has no field " + name);
}

// `migrations.RunSQL.noop` (or an empty string): nothing runs.
bool IsNoop(const Value& sql) {
  return (sql.Is(Value::Kind::kName) && sql.LastName() == "noop") || (sql.IsString() && sql.text.empty());
}

// RunSQL's sql: a string, or a list of strings and (sql, params) pairs.
void RunStatements(const Step& s, const Value* sql) {
  if (!sql->Is(Value::Kind::kList)) return s.sink.EmbeddedSql(*sql, s.op);
  for (const Value& item : sql->items) {
    if (IsNoop(item)) continue;
    if (!item.Is(Value::Kind::kList) || item.items.empty()) {
      s.sink.EmbeddedSql(item, s.op);
      continue;
    }
    // A (sql, params) pair: the %s placeholders become $1 (same length, so places still match).
    Value statement = item.items[0];
    for (size_t at = statement.text.find("%s"); at != std::string::npos; at = statement.text.find("%s", at)) {
      statement.text.replace(at, 2, "$1");
    }
    s.sink.EmbeddedSql(statement, s.op);
  }
}

// `ALTER TABLE <table>_id_seq RENAME TO ...` (netbox, after moving a model) renames the sequence
// behind a serial column, which PostgreSQL made implicitly and which no column depends on by name:
// no relation of the replay, and nothing a view reads. Dropped when no model has that table.
void DropSequenceRenames(const Step& s, size_t first) {
  std::vector<ir::SchemaOp>& ops = s.sink.file().ops;
  auto is_sequence = [&](const ir::SchemaOp& op) {
    const auto* rename = std::get_if<ir::RenameTable>(&op.op);
    if (!rename || !rename->table.name.ends_with("_seq")) return false;
    for (const auto& [key, model] : s.state) {
      if (model.table == rename->table.name) return false;
    }
    return true;
  };
  ops.erase(std::remove_if(ops.begin() + static_cast<std::ptrdiff_t>(first), ops.end(), is_sequence), ops.end());
}

void RunSql(const Step& s) {
  const Value* sql = s.op.Arg(0, "sql");
  if (!s.db || !sql || IsNoop(*sql)) return;
  size_t first = s.sink.file().ops.size();
  RunStatements(s, sql);
  DropSequenceRenames(s, first);
}

// A list of operations, or null after a diagnostic (a name the file does not bind to a list).
const Value* OperationList(const Step& s, size_t index, std::string_view name) {
  const Value* list = s.op.Arg(index, name);
  if (!list || list->Is(Value::Kind::kList)) return list;
  if (s.db) s.sink.NotUnderstood(*list, Describe(s.op) + " with " + std::string(name) + " not written in the file (" + Describe(*list) + ")");
  return nullptr;
}

void SeparateDatabaseAndState(const Step& s) {
  if (const Value* database = OperationList(s, 0, "database_operations"); database && s.db) {
    State scratch = s.state;  // database operations progress their own copy of the state
    for (const Value& op : database->items) ApplyOperation(op, s.app, scratch, s.sink, true);
  }
  if (const Value* state_ops = OperationList(s, 1, "state_operations")) {
    for (const Value& op : state_ops->items) ApplyOperation(op, s.app, s.state, s.sink, false);
  }
}

void AlterOrderWithRespectTo(const Step& s) {
  Model* model = s.Find(0, "name");
  if (!model) return;
  const Value* order = s.op.Arg(1, "order_with_respect_to");
  bool wanted = order && order->IsString();
  if (wanted == model->order_column) return;
  model->order_column = wanted;
  if (!model->managed) return;
  if (wanted) s.Emit(ir::AddColumn{Table(model->table), {"_order", "integer", true}});
  else s.Emit(ir::DropColumn{Table(model->table), "_order"});
}

// Operations that change no column: indexes, constraints, options, managers, data.
const std::set<std::string, std::less<>> kNoColumnChange = {
    "AddIndex", "RemoveIndex", "RenameIndex", "AddIndexConcurrently", "RemoveIndexConcurrently",
    "AddConstraint", "RemoveConstraint", "AlterConstraint", "AddConstraintNotValid", "ValidateConstraint",
    "AlterUniqueTogether", "AlterIndexTogether", "AlterModelOptions", "AlterModelManagers",
    "AlterModelTableComment", "RunPython", "CreateExtension", "BloomExtension",
    "BtreeGinExtension", "BtreeGistExtension", "HStoreExtension", "TrigramExtension",
    "UnaccentExtension", "CITextExtension", "CryptoExtension", "CreateCollation",
    "RemoveCollation"};

}  // namespace

void ApplyOperation(const Value& operation, const std::string& app, State& state, OpSink& sink,
                    bool to_database) {
  Step s{operation, app, state, sink, to_database};
  std::string_view kind = operation.Is(Value::Kind::kCall) ? operation.LastName() : "";
  if (kind == "CreateModel") return CreateModel(s);
  if (kind == "DeleteModel") return DeleteModel(s);
  if (kind == "RenameModel") return RenameModel(s);
  if (kind == "AlterModelTable") return AlterModelTable(s);
  if (kind == "AddField") return AddField(s);
  if (kind == "RemoveField") return RemoveField(s);
  if (kind == "RenameField") return RenameField(s);
  if (kind == "AlterField") return AlterField(s);
  if (kind == "RunSQL") return RunSql(s);
  if (kind == "SeparateDatabaseAndState") return SeparateDatabaseAndState(s);
  if (kind == "AlterOrderWithRespectTo") return AlterOrderWithRespectTo(s);
  if (kNoColumnChange.count(kind)) return;
  if (to_database) sink.NotUnderstood(operation, "the Django operation " + Describe(operation));
}

}  // namespace ds::parsers::django
