// Alembic's op.* (and batch_op.*) calls as schema ops. Argument positions follow Alembic 1.x's
// signatures; keywords are accepted wherever Alembic accepts them.
#include <algorithm>
#include <set>

#include "parsers/python/alembic_internal.h"
#include "parsers/python/sqlalchemy_types.h"

namespace ds::parsers::alembic {

namespace {

// Operations that cannot change a table's columns (indexes, constraints, data, comments).
const std::set<std::string, std::less<>> kNoColumnChange = {
    "create_index", "drop_index", "create_foreign_key", "drop_constraint",
    "create_unique_constraint", "create_primary_key", "create_check_constraint",
    "create_exclude_constraint", "bulk_insert", "get_bind", "get_context", "create_table_comment",
    "drop_table_comment", "inline_literal", "f", "invoke", "run_async", "implementation_for"};

struct Column {
  ir::ColumnDef def;
  std::optional<ir::CreateEnum> creates_enum;
};

bool IsTypeValue(const Value& v) {
  if (!v.Is(Value::Kind::kName) && !v.Is(Value::Kind::kCall)) return false;
  static const std::set<std::string, std::less<>> kNotTypes = {
      "ForeignKey", "Identity", "Computed", "Sequence", "CheckConstraint", "FetchedValue",
      "DefaultClause", "text"};
  return !kNotTypes.count(v.LastName());
}

// sa.Column(name, type, *args, nullable=..., primary_key=...).
std::optional<Column> ReadColumn(const Value& value, Context& context) {
  if (!value.Is(Value::Kind::kCall) || value.LastName() != "Column") {
    context.sink.NotUnderstood(value, "the column " + Describe(value) + " (not an sa.Column(...))");
    return std::nullopt;
  }
  Column column;
  std::optional<std::string> name = NameOf(value.Arg(0, "name"));
  if (!name) {
    context.sink.NotUnderstood(value, Describe(value) + " with a name computed at run time");
    return std::nullopt;
  }
  column.def.name = *name;
  const Value* type = value.Keyword("type_");
  bool identity = false;
  for (size_t i = 1; i < value.items.size(); ++i) {
    if (value.items[i].LastName() == "Identity") identity = true;
    if (!type && IsTypeValue(value.items[i])) type = &value.items[i];
  }
  if (!type) {
    context.sink.NotUnderstood(value, Describe(value) + " for " + *name +
                                          " without a type (a ForeignKey's type is the target's)");
    return std::nullopt;
  }
  python::SqlAlchemyType read = python::ReadSqlAlchemyType(*type);
  if (!read.problem.empty()) {
    context.sink.Warn(*type, "column " + *name + ": " + read.problem +
                                 (read.type.empty() ? "; its type is left unknown" : ""),
                      ir::DiagCode::kUnknownType);
  }
  column.def.type = read.type.empty() ? "unknown" : read.type;
  column.creates_enum = read.creates_enum;
  const Value* nullable = value.Keyword("nullable");
  const Value* primary_key = value.Keyword("primary_key");
  if (nullable && nullable->Is(Value::Kind::kBool)) column.def.not_null = !nullable->flag;
  if ((primary_key && primary_key->IsTrue()) || identity) column.def.not_null = true;
  return column;
}

ir::QualifiedName TableName(const std::string& name, const Value& call) {
  ir::QualifiedName table{"", name};
  if (auto schema = NameOf(call.Keyword("schema"))) table.schema = *schema;
  return table;
}

void CreateTable(const Value& call, Context& context) {
  std::optional<std::string> name = NameOf(call.Arg(0, "table_name"));
  if (!name) return context.sink.NotUnderstood(call, Describe(call) + " on a table named at run time");
  ir::CreateTable table;
  table.table = TableName(*name, call);
  std::set<std::string> primary_key;
  for (size_t i = 1; i < call.items.size(); ++i) {
    const Value& item = call.items[i];
    if (item.LastName() == "PrimaryKeyConstraint") {
      for (const Value& column : item.items) {
        if (column.IsString()) primary_key.insert(column.text);
      }
    }
  }
  std::set<std::string> enums;
  for (size_t i = 1; i < call.items.size(); ++i) {
    const Value& item = call.items[i];
    if (item.Is(Value::Kind::kCall) && item.LastName() != "Column") continue;  // a constraint
    std::optional<Column> column = ReadColumn(item, context);
    if (!column) continue;
    if (primary_key.count(column->def.name)) column->def.not_null = true;
    // SQLAlchemy creates a named enum type before the table that uses it, once.
    if (column->creates_enum && enums.insert(column->creates_enum->type.ToString()).second) {
      context.sink.Add(item, *column->creates_enum);
    }
    table.elements.push_back({column->def, std::nullopt});
  }
  context.sink.Add(call, std::move(table));
}

void AlterColumn(const Value& call, const ir::QualifiedName& table, const Value* column_arg,
                 Context& context) {
  std::optional<std::string> column = NameOf(column_arg);
  if (!column) return context.sink.NotUnderstood(call, Describe(call) + " on a column named at run time");
  // PostgreSQL's Alembic implementation changes the type first, then nullability, then the name.
  if (const Value* type = call.Keyword("type_"); type && !type->Is(Value::Kind::kNone)) {
    python::SqlAlchemyType read = python::ReadSqlAlchemyType(*type);
    if (read.type.empty()) {
      context.sink.NotUnderstood(call, Describe(call) + " to " + read.problem);
    } else {
      if (!read.problem.empty()) context.sink.Warn(*type, "column " + *column + ": " + read.problem, ir::DiagCode::kUnknownType);
      context.sink.Add(call, ir::AlterColumnType{table, *column, read.type});
    }
  }
  if (const Value* nullable = call.Keyword("nullable"); nullable && nullable->Is(Value::Kind::kBool)) {
    if (nullable->flag) context.sink.Add(call, ir::DropNotNull{table, *column});
    else context.sink.Add(call, ir::SetNotNull{table, *column});
  }
  if (auto new_name = NameOf(call.Keyword("new_column_name"))) {
    context.sink.Add(call, ir::RenameColumn{table, *column, *new_name});
  }
}

void Execute(const Value& call, Context& context) {
  const Value* sql = call.Arg(0, "sqltext");
  if (sql && sql->Is(Value::Kind::kCall) && sql->LastName() == "text") sql = sql->Arg(0, "text");
  if (!sql) return context.sink.NotUnderstood(call, Describe(call) + " without SQL");
  context.sink.EmbeddedSql(*sql, call);
}

// alembic_utils entities: views are views (as the SQL that alembic_utils runs for them); the
// others (functions, triggers, extensions, policies, grants) cannot change a column.
const std::set<std::string, std::less<>> kViewEntities = {"PGView", "PGMaterializedView"};
const std::set<std::string, std::less<>> kOtherEntities = {
    "PGExtension", "PGFunction", "PGTrigger", "PGPolicy", "PGGrantTable", "PGAggregate",
    "PGProcedure"};

std::string Quoted(const std::string& name) {
  std::string out = "\"";
  for (char c : name) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

// op.create_entity(v) / replace_entity(v) / drop_entity(v) as alembic_utils' SQL.
void Entity(const Value& call, std::string_view method, Context& context) {
  const Value* target = call.Arg(0, "target");
  if (!target || !target->Is(Value::Kind::kCall) ||
      (!kViewEntities.count(target->LastName()) && !kOtherEntities.count(target->LastName()))) {
    return context.sink.NotUnderstood(call, Describe(call) + " of an entity not made in the file (" +
                                                (target ? Describe(*target) : "no argument") + ")");
  }
  if (!kViewEntities.count(target->LastName())) return;
  const Value* schema = target->Arg(0, "schema");
  const Value* signature = target->Arg(1, "signature");
  const Value* definition = target->Arg(2, "definition");
  if (!schema || !schema->IsString() || !signature || !signature->IsString()) {
    return context.sink.NotUnderstood(call, Describe(call) + " of a view named at run time");
  }
  bool materialized = target->LastName() == "PGMaterializedView";
  std::string name = Quoted(schema->text) + "." + Quoted(signature->text);
  std::string kind = materialized ? "MATERIALIZED VIEW " : "VIEW ";
  if (method == "drop_entity") {
    Value sql = call;
    sql.kind = Value::Kind::kString;
    sql.text = "DROP " + kind + name;
    sql.content_line = call.line, sql.content_column = call.column;
    return context.sink.EmbeddedSql(sql, call);
  }
  if (!definition || !definition->IsString()) {
    return context.sink.NotUnderstood(call, Describe(call) + " of a view whose definition is not a string literal");
  }
  // The statement alembic_utils runs, laid out so the definition keeps its own lines and columns:
  // the head on the line above, the definition's first line indented to where it starts.
  std::string head;
  if (method == "replace_entity") head = materialized ? "DROP " + kind + name + ";\n" : "";
  head += std::string(method == "replace_entity" && !materialized ? "CREATE OR REPLACE " : "CREATE ") + kind + name + " AS";
  Value sql = *definition;
  int lines = static_cast<int>(std::count(head.begin(), head.end(), '\n')) + 1;
  if (definition->content_line > lines) {
    sql.text = head + "\n" + std::string(static_cast<size_t>(std::max(definition->content_column - 1, 0)), ' ') + definition->text;
    sql.content_line = definition->content_line - lines;
    sql.content_column = 1;
  } else {
    sql.text = head + " " + definition->text;
    sql.content_line = call.line, sql.content_column = call.column;
  }
  // The view is made by the call: its ops are placed there, diagnostics inside stay in place.
  size_t first = context.sink.file().ops.size();
  context.sink.EmbeddedSql(sql, call);
  for (size_t i = first; i < context.sink.file().ops.size(); ++i) {
    context.sink.file().ops[i].span.line = call.line;
    context.sink.file().ops[i].span.column = call.column;
  }
}

}  // namespace

bool IsEntity(const Value& value) {
  return value.Is(Value::Kind::kCall) && (kViewEntities.count(value.LastName()) || kOtherEntities.count(value.LastName()));
}

bool MayChangeColumns(std::string_view method) { return !kNoColumnChange.count(method); }

std::optional<std::string> NameOf(const Value* value) {
  if (!value) return std::nullopt;
  if (value->IsString()) return value->text;
  if (value->Is(Value::Kind::kCall) && (value->LastName() == "f" || value->LastName() == "quoted_name")) {
    return NameOf(value->Arg(0, "name"));
  }
  return std::nullopt;
}

void ReadOpCall(const Value& call, std::string_view method, const Batch* batch, Context& context) {
  if (kNoColumnChange.count(method)) return;
  if (!batch && (method == "create_entity" || method == "replace_entity" || method == "drop_entity")) {
    return Entity(call, method, context);
  }
  // In a batch, the table comes from batch_alter_table and every argument moves one place left.
  size_t shift = batch ? 0 : 1;
  std::optional<ir::QualifiedName> table;
  if (batch) {
    table = batch->table;
  } else if (method != "execute" && method != "create_table") {
    if (auto name = NameOf(call.Arg(0, method == "rename_table" ? "old_table_name" : "table_name"))) {
      table = TableName(*name, call);
    } else {
      return context.sink.NotUnderstood(call, Describe(call) + " on a table named at run time");
    }
  }
  if (method == "create_table" && !batch) return CreateTable(call, context);
  if (method == "execute") return Execute(call, context);
  if (method == "drop_table" && !batch) return context.sink.Add(call, ir::DropTable{*table});
  if (method == "rename_table" && !batch) {
    std::optional<std::string> to = NameOf(call.Arg(1, "new_table_name"));
    if (!to) return context.sink.NotUnderstood(call, Describe(call) + " to a name computed at run time");
    ir::QualifiedName renamed = *table;
    renamed.name = *to;
    return context.sink.Add(call, ir::RenameTable{*table, renamed});
  }
  if (method == "add_column") {
    const Value* column_arg = call.Arg(shift, "column");
    if (!column_arg) return context.sink.NotUnderstood(call, Describe(call) + " without a column");
    if (std::optional<Column> column = ReadColumn(*column_arg, context)) {
      context.sink.Add(call, ir::AddColumn{*table, column->def});
    }
    return;
  }
  if (method == "drop_column") {
    std::optional<std::string> column = NameOf(call.Arg(shift, "column_name"));
    if (!column) return context.sink.NotUnderstood(call, Describe(call) + " on a column named at run time");
    return context.sink.Add(call, ir::DropColumn{*table, *column});
  }
  if (method == "alter_column") return AlterColumn(call, *table, call.Arg(shift, "column_name"), context);
  context.sink.NotUnderstood(call, "the Alembic operation " + Describe(call));
}

}  // namespace ds::parsers::alembic
