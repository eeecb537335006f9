// Rails migration calls as schema ops: create_table / change_table blocks and the schema
// statements ActiveRecord 6.1 offers (add_column, remove_column(s), rename_column, ...).
#include <cctype>
#include <set>

#include "parsers/ruby/rails_internal.h"

namespace ds::parsers::rails {

namespace {

// Calls that change no column: indexes, keys and constraints (their validation too), defaults,
// comments, extensions, data, output. Read silently: a diagnostic about them is noise.
const std::set<std::string, std::less<>> kNoColumnChange = {
    "add_index", "remove_index", "rename_index", "add_foreign_key", "remove_foreign_key",
    "add_check_constraint", "remove_check_constraint", "validate_foreign_key",
    "validate_check_constraint", "validate_constraint", "add_exclusion_constraint",
    "remove_exclusion_constraint", "add_unique_constraint", "remove_unique_constraint",
    "add_unique_key", "remove_unique_key", "change_column_default", "change_column_comment",
    "change_table_comment", "enable_extension", "disable_extension", "disable_ddl_transaction!",
    "say", "puts", "reset_column_information", "update_all", "index", "foreign_key",
    "check_constraint", "exclusion_constraint", "unique_constraint", "unique_key", "change_default",
    "remove_index", "remove_foreign_key", "remove_check_constraint", "remove_exclusion_constraint",
    "remove_unique_constraint", "remove_unique_key", "rename_index", "comment", "change_comment",
    "change_table_comment"};

// The guards of a conditional migration call: `unless column_exists?(:t, :c)` around an
// add_column, `if index_exists?(...)` around a remove_index.
const std::set<std::string, std::less<>> kExistsGuards = {
    "column_exists?", "table_exists?", "index_exists?", "index_name_exists?", "foreign_key_exists?",
    "check_constraint_exists?", "extension_enabled?", "view_exists?"};

// Calls whose block runs on the way up: read their body as if it were written in place.
const std::set<std::string, std::less<>> kTransparent = {
    "say_with_time", "safety_assured", "up_only", "transaction", "with_lock_retries",
    "suppress_messages"};

const std::set<std::string, std::less<>> kColumnTypes = {
    "string", "text", "integer", "bigint", "float", "decimal", "numeric", "datetime",
    "timestamp", "time", "date", "binary", "boolean", "json", "jsonb", "uuid", "inet", "cidr",
    "macaddr", "hstore", "citext", "xml", "tsvector", "interval", "money", "bit", "bit_varying",
    "point", "line", "lseg", "box", "path", "polygon", "circle", "ltree", "daterange",
    "numrange", "tsrange", "tstzrange", "int4range", "int8range", "oid", "serial", "bigserial", "enum",
    // activerecord-postgis-adapter
    "geometry", "geography", "st_point", "st_polygon", "line_string", "multi_point", "multi_line_string",
    "multi_polygon", "geometry_collection"};

struct Table {
  std::string param;  ///< the block parameter (`t`)
  ir::QualifiedName name;
  ir::CreateTable* create = nullptr;  ///< set inside create_table
};

std::vector<std::string> Names(const Value& call, size_t from) {
  std::vector<std::string> out;
  for (size_t i = from; i < call.items.size(); ++i) {
    if (call.items[i].IsString()) out.push_back(call.items[i].text);
  }
  return out;
}

bool NotNull(const Value& options, bool fallback = false) {
  const Value* null = options.Keyword("null");
  if (!null || !null->Is(Value::Kind::kBool)) return fallback;
  return !null->flag;
}

bool Option(const Value& call, std::string_view name) {
  const Value* option = call.Keyword(name);
  return option && option->IsTrue();
}

void AddTo(Table& table, const Value& at, const ir::ColumnDef& column, Context& context) {
  if (table.create) table.create->elements.push_back({column, std::nullopt});
  else context.sink.Add(at, ir::AddColumn{table.name, column, Option(at, "if_not_exists")});
}

// The columns of `references :user, polymorphic: true`: user_type first, then user_id.
std::vector<ir::ColumnDef> ReferenceColumns(const std::string& name, const Value& options, Context& context) {
  std::vector<ir::ColumnDef> out;
  bool not_null = NotNull(options);
  if (const Value* polymorphic = options.Keyword("polymorphic"); polymorphic && !polymorphic->IsFalse() &&
                                                                 !polymorphic->Is(Value::Kind::kNone)) {
    out.push_back({name + "_type", ColumnType("string", Value{}, context.version), not_null});
  }
  out.push_back({name + "_id", ReferenceType(options, context.version), not_null});
  return out;
}

std::vector<ir::ColumnDef> TimestampColumns(const Value& options, Context& context) {
  Value with_precision = options;
  // ActiveRecord 6.0+ gives timestamps precision 6 unless told otherwise; 4.2 allows nulls.
  if (!options.Keyword("precision") && context.version >= 6.0) {
    Value six;
    six.kind = Value::Kind::kNumber;
    six.text = "6";
    with_precision.keywords.emplace_back("precision", six);
  }
  bool not_null = NotNull(options, context.version >= 5.0);
  std::string type = ColumnType("datetime", with_precision, context.version);
  return {{"created_at", type, not_null}, {"updated_at", type, not_null}};
}

// One `t.<method>` call inside a create_table / change_table block.
void ReadTableCall(const Value& call, std::string_view method, Table& table, Context& context) {
  if (kColumnTypes.count(method) || method == "column" || method == "primary_key") {
    size_t names_end = call.items.size();
    std::string type(method);
    if (method == "column") {
      if (call.items.size() < 2 || !call.items[1].IsString()) {
        return context.sink.NotUnderstood(call, Describe(call) + " without a literal type");
      }
      type = call.items[1].text;
      names_end = 1;
    } else if (method == "primary_key") {
      type = call.items.size() >= 2 && call.items[1].IsString() ? call.items[1].text : "primary_key";
      names_end = 1;
    }
    std::string sql_type = ColumnType(type, call, context.version);
    bool not_null = NotNull(call) || method == "primary_key" || type == "primary_key";
    for (size_t i = 0; i < names_end; ++i) {
      if (!call.items[i].IsString()) {
        context.sink.NotUnderstood(call, Describe(call) + " with a column named at run time");
        continue;
      }
      AddTo(table, call, {call.items[i].text, sql_type, not_null}, context);
    }
    return;
  }
  if (method == "references" || method == "belongs_to") {
    for (const std::string& name : Names(call, 0)) {
      for (const ir::ColumnDef& column : ReferenceColumns(name, call, context)) AddTo(table, call, column, context);
    }
    return;
  }
  if (method == "timestamps") {
    for (const ir::ColumnDef& column : TimestampColumns(call, context)) AddTo(table, call, column, context);
    return;
  }
  if (!table.create) {
    if (method == "remove") {
      for (const std::string& name : Names(call, 0)) {
        context.sink.Add(call, ir::DropColumn{table.name, name, Option(call, "if_exists")});
      }
      return;
    }
    if (method == "change_null" && call.items.size() >= 2 && call.items[0].IsString() &&
        call.items[1].Is(Value::Kind::kBool)) {
      if (call.items[1].flag) return context.sink.Add(call, ir::DropNotNull{table.name, call.items[0].text});
      return context.sink.Add(call, ir::SetNotNull{table.name, call.items[0].text});
    }
    if (method == "rename" && call.items.size() >= 2 && call.items[0].IsString() && call.items[1].IsString()) {
      return context.sink.Add(call, ir::RenameColumn{table.name, call.items[0].text, call.items[1].text});
    }
    if (method == "change" && call.items.size() >= 2 && call.items[0].IsString() && call.items[1].IsString()) {
      context.sink.Add(call, ir::AlterColumnType{table.name, call.items[0].text,
                                                 ColumnType(call.items[1].text, call, context.version)});
      if (const Value* null = call.Keyword("null"); null && null->Is(Value::Kind::kBool)) {
        if (null->flag) context.sink.Add(call, ir::DropNotNull{table.name, call.items[0].text});
        else context.sink.Add(call, ir::SetNotNull{table.name, call.items[0].text});
      }
      return;
    }
    if (method == "remove_references" || method == "remove_belongs_to") {
      for (const std::string& name : Names(call, 0)) {
        for (const ir::ColumnDef& column : ReferenceColumns(name, call, context)) {
          context.sink.Add(call, ir::DropColumn{table.name, column.name});
        }
      }
      return;
    }
    if (method == "remove_timestamps") {
      for (const char* name : {"updated_at", "created_at"}) context.sink.Add(call, ir::DropColumn{table.name, name});
      return;
    }
  }
  if (kNoColumnChange.count(method)) return;
  context.sink.NotUnderstood(call, "the table method " + Describe(call));
}

void ReadTableStatements(TSNode body, Table& table, Context& context);

// `if t.respond_to?(:jsonb) ... else ... end` in a table block (generated engine migrations):
// the PostgreSQL table definition answers for the column types it has.
bool ReadRespondTo(TSNode statement, Table& table, Context& context) {
  if (!ts::Is(statement, "if")) return false;
  TSNode condition = ts::Field(statement, "condition");
  if (!ts::Is(condition, "call") || context.tree.Text(ts::Field(condition, "receiver")) != table.param ||
      context.tree.Text(ts::Field(condition, "method")) != "respond_to?") {
    return false;
  }
  Value asked = context.reader.ReadCall(condition, "respond_to?", context.constants);
  if (asked.items.empty() || !asked.items[0].IsString()) return false;
  TSNode branch = ts::Field(statement, kColumnTypes.count(asked.items[0].text) ? "consequence" : "alternative");
  if (!ts_node_is_null(branch) && Enter(branch, context)) {
    ReadTableStatements(branch, table, context);
    --context.depth;
  }
  return true;
}

void ReadTableBlock(TSNode call_node, Table& table, Context& context) {
  TSNode body = BlockBody(call_node);
  if (ts_node_is_null(body)) return;
  ReadTableStatements(body, table, context);
}

void ReadTableStatements(TSNode body, Table& table, Context& context) {
  for (TSNode statement : ts::NamedChildren(body)) {
    if (ReadRespondTo(statement, table, context)) continue;
    if (ts::Is(statement, "call")) {
      std::string receiver(context.tree.Text(ts::Field(statement, "receiver")));
      std::string method(context.tree.Text(ts::Field(statement, "method")));
      if (receiver == table.param) {
        Value call = context.reader.ReadCall(statement, receiver + "." + method, context.constants);
        ReadTableCall(call, method, table, context);
        continue;
      }
    }
    if (ts::Is(statement, "heredoc_body")) continue;
    Value at = context.reader.Read(statement, context.constants);
    context.sink.NotUnderstood(at, "the statement " + ts::Snippet(context.tree.Text(statement)) +
                                       " in a table block");
  }
}

ir::ColumnDef PrimaryKeyColumn(const Value& call, const std::string& name, Context& context) {
  const Value* id = call.Keyword("id");
  std::string type = id && id->IsString() ? id->text : (context.version < 5.1 ? "serial" : "primary_key");
  if (type == "integer") type = "serial";
  if (type == "bigint") type = "bigserial";
  return {name, ColumnType(type, Value{}, context.version), true};
}

void CreateTable(const Value& call, TSNode node, Context& context) {
  std::optional<std::string> name = call.Arg(0, "") ? call.Arg(0, "")->String() : std::nullopt;
  if (!name) return context.sink.NotUnderstood(call, Describe(call) + " on a table named at run time");
  ir::CreateTable create;
  create.table = TableName(*name);
  const Value* if_not_exists = call.Keyword("if_not_exists");
  create.if_not_exists = if_not_exists && if_not_exists->IsTrue();
  const Value* id = call.Keyword("id");
  const Value* primary_key = call.Keyword("primary_key");
  std::set<std::string> key_columns;
  if (primary_key && primary_key->Is(Value::Kind::kList)) {
    for (const Value& column : primary_key->items) key_columns.insert(column.text);
  } else if (!(id && id->IsFalse())) {
    std::string key = primary_key && primary_key->IsString() ? primary_key->text : "id";
    create.elements.push_back({PrimaryKeyColumn(call, key, context), std::nullopt});
  }
  Table table{BlockParameter(context.tree, node), create.table, &create};
  ReadTableBlock(node, table, context);
  for (ir::TableElement& element : create.elements) {
    if (key_columns.count(element.column.name)) element.column.not_null = true;
  }
  context.sink.Add(call, std::move(create));
}

// create_join_table(:users, :roles): roles_users(user_id, role_id), sorted names, shared prefix once.
std::string Singular(std::string name) {
  if (name.ends_with("ies")) return name.substr(0, name.size() - 3) + "y";
  if (name.ends_with("ses") || name.ends_with("xes")) return name.substr(0, name.size() - 2);
  if (name.ends_with("s") && !name.ends_with("ss")) return name.substr(0, name.size() - 1);
  return name;
}

std::string JoinTableName(std::string a, std::string b) {
  if (b < a) std::swap(a, b);
  size_t underscore = a.rfind('_');
  if (underscore != std::string::npos && b.starts_with(a.substr(0, underscore + 1))) {
    return a + "_" + b.substr(underscore + 1);
  }
  return a + "_" + b;
}

void CreateJoinTable(const Value& call, TSNode node, Context& context) {
  if (call.items.size() < 2 || !call.items[0].IsString() || !call.items[1].IsString()) {
    return context.sink.NotUnderstood(call, Describe(call) + " on tables named at run time");
  }
  ir::CreateTable create;
  const Value* table_name = call.Keyword("table_name");
  create.table = TableName(table_name && table_name->IsString()
                               ? table_name->text
                               : JoinTableName(call.items[0].text, call.items[1].text));
  Value options;
  if (const Value* column_options = call.Keyword("column_options")) options = *column_options;
  std::string type = ReferenceType(options, context.version);
  for (size_t i = 0; i < 2; ++i) {
    create.elements.push_back({{Singular(call.items[i].text) + "_id", type, NotNull(options, true)}, std::nullopt});
  }
  Table table{BlockParameter(context.tree, node), create.table, &create};
  ReadTableBlock(node, table, context);
  context.sink.Add(call, std::move(create));
}

}  // namespace

void ReadStatement(TSNode call_node, const Value& call, std::string_view method, Context& context);

// ActiveRecord's table for a model class: `Order` -> orders, `LineItem` -> line_items,
// `Category` -> categories, `Admin::Status` -> statuses (irregular plurals and table_name
// overrides are not known).
std::string ModelTable(std::string_view model) {
  if (size_t colons = model.rfind("::"); colons != std::string_view::npos) model.remove_prefix(colons + 2);
  std::string snake;
  for (size_t i = 0; i < model.size(); ++i) {
    char c = model[i];
    if (std::isupper(static_cast<unsigned char>(c))) {
      if (i > 0) snake += '_';
      snake += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    } else {
      snake += c;
    }
  }
  auto ends = [&](std::string_view tail) { return snake.size() >= tail.size() && snake.compare(snake.size() - tail.size(), tail.size(), tail) == 0; };
  if (ends("y") && snake.size() > 1 && std::string_view("aeiou").find(snake[snake.size() - 2]) == std::string_view::npos) {
    return snake.substr(0, snake.size() - 1) + "ies";
  }
  if (ends("s") || ends("x") || ends("z") || ends("ch") || ends("sh")) return snake + "es";
  return snake + "s";
}

// A data migration through a model: `Order.where(state: "paid").update_all(state: "settled")`
// (also `where(state: %w[paid captured])`, `Order.unscoped.where(...)`): RewriteValues for each
// column both name with constants. False when the call is not of that shape.
bool UpdateAll(TSNode node, const Value& call, Context& context) {
  TSNode where = ts::Field(node, "receiver");
  if (ts_node_is_null(where) || !ts::Is(where, "call") || context.tree.Text(ts::Field(where, "method")) != "where") {
    return false;
  }
  std::string model(context.tree.Text(ts::Field(where, "receiver")));
  if (model.size() > 9 && model.compare(model.size() - 9, 9, ".unscoped") == 0) model.resize(model.size() - 9);
  if (model.empty() || !std::isupper(static_cast<unsigned char>(model[0])) ||
      model.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_:") != std::string::npos) {
    return false;
  }
  Value condition = context.reader.ReadCall(where, model + ".where", context.constants);
  for (const auto& [column, value] : call.keywords) {
    std::optional<std::string> new_value = value.String();
    const Value* old = condition.Keyword(column);
    if (old == nullptr) continue;
    std::vector<std::string> old_values;
    for (const Value& item : old->Is(Value::Kind::kList) ? old->items : std::vector<Value>{*old}) {
      if (std::optional<std::string> text = item.String()) old_values.push_back(*text);
    }
    if (old_values.empty()) continue;
    context.sink.Add(call, ir::RewriteValues{TableName(ModelTable(model)), column, std::move(old_values),
                                             new_value.value_or("")});
  }
  return true;
}

bool IsLiteral(const Value& value) {
  if (value.IsString() || value.Is(Value::Kind::kNumber)) return true;
  if (!value.Is(Value::Kind::kList) || value.items.empty()) return false;
  for (const Value& item : value.items) {
    if (!item.IsString()) return false;
  }
  return true;
}

namespace {

// `%w[a b].each do |table| ... end` (also `[:a, :b]`, a name bound to such a list, and
// `0.upto(COUNT - 1) do |i|`, `n.times`, `downto`): the body once per element, the block
// parameter standing for it.
bool UnrollLoop(TSNode node, std::string_view method, Context& context) {
  TSNode body = BlockBody(node);
  std::string param = BlockParameter(context.tree, node);
  if (ts_node_is_null(body) || param.empty()) return false;
  Value list = context.reader.Read(ts::Field(node, "receiver"), context.constants);
  if (method != "each") {  // 0.upto(COUNT - 1) / 3.times / 9.downto(0): the whole numbers
    Value call = context.reader.ReadCall(node, std::string(method), context.constants);
    std::optional<long long> from = list.Integer();
    std::optional<long long> to = method == "times" ? std::optional<long long>(from ? *from - 1 : 0)
                                  : call.items.size() == 1 ? call.items[0].Integer() : std::nullopt;
    if (method == "times") from = 0;
    if (!from || !to) return false;
    long long step = method == "downto" ? -1 : 1;
    list = Value{};
    list.kind = Value::Kind::kList;
    for (long long i = *from; step > 0 ? i <= *to : i >= *to; i += step) {
      if (list.items.size() > ir::kMaxLoopIterations) break;
      Value number;
      number.kind = Value::Kind::kNumber;
      number.text = std::to_string(i);
      list.items.push_back(std::move(number));
    }
  } else if (!list.Is(Value::Kind::kList) || !IsLiteral(list)) {
    return false;
  }
  std::optional<Value> shadowed;
  if (auto found = context.constants.find(param); found != context.constants.end()) shadowed = found->second;
  for (const Value& item : list.items) {
    if (context.loop_iterations && ++*context.loop_iterations > ir::kMaxLoopIterations) {
      context.tree.NoteLimit(node, "more than " + std::to_string(ir::kMaxLoopIterations) + " loop iterations");
      break;
    }
    context.constants[param] = item;
    ReadBody(body, context);
  }
  if (shadowed) context.constants[param] = *shadowed;
  else context.constants.erase(param);
  return true;
}

// A block that runs once, in place: `say_with_time`, `transaction`, and wrappers named
// with_* / without_* (`ApplicationRecord.without_timeout do ... end`, `with_lock_retries`).
bool RunsInPlace(TSNode node, std::string_view method, Context& context) {
  if (ts_node_is_null(BlockBody(node)) || !BlockParameter(context.tree, node).empty()) return false;
  return kTransparent.count(method) || method.starts_with("with_") || method.starts_with("without_");
}

}  // namespace

// Reading data through a model or enqueuing a job (`User.where(...).find_each { |u| puts u.id }`,
// `SomeJob.perform_later`): no DDL and no write in sight, so no column can change. False when
// the call or its block mentions anything that writes (update, save, insert, execute, ...).
bool ReadsDataOnly(TSNode node, std::string_view method, std::string_view receiver, Context& context) {
  static const std::set<std::string, std::less<>> kReads = {
      "find_each", "find_in_batches", "in_batches", "each", "each_with_index", "perform_later",
      "perform_now", "load", "pluck", "count", "exists?", "find_by", "first", "last", "to_a"};
  if (receiver.empty() || !std::isupper(static_cast<unsigned char>(receiver[0])) || !kReads.count(method) ||
      receiver.starts_with("ActiveRecord") || receiver.find("connection") != std::string_view::npos) {
    return false;
  }
  static constexpr std::string_view kWrites[] = {
      "update", "save", "insert", "upsert", "delete", "destroy", "execute", "create", "add_", "remove_",
      "rename", "change_", "drop_", "increment", "decrement", "touch", "toggle", "write_attribute", "[]=",
      "connection", "sql", "exec_"};
  std::string_view text = context.tree.Text(node);
  for (std::string_view write : kWrites) {
    if (text.find(write) != std::string_view::npos) return false;
  }
  return true;
}

void ReadCall(TSNode node, Context& context) {
  std::string receiver(context.tree.Text(ts::Field(node, "receiver")));
  std::string method(context.tree.Text(ts::Field(node, "method")));
  std::string callee = receiver.empty() || receiver == "self" ? method : receiver + "." + method;
  if (RunsInPlace(node, method, context)) return ReadBody(BlockBody(node), context);
  if ((method == "each" || method == "upto" || method == "downto" || method == "times") && !receiver.empty() &&
      UnrollLoop(node, method, context)) {
    return;
  }
  Value call = context.reader.ReadCall(node, callee, context.constants);
  if (!receiver.empty() && receiver != "self") {
    if (receiver == "Rails.logger" || receiver == "ActiveRecord::Base") return;
    if (ReadsDataOnly(node, method, receiver, context)) return;
    if (method == "update_all" && UpdateAll(node, call, context)) return;
    return context.sink.NotUnderstood(call, "the call " + Describe(call));
  }
  ReadStatement(node, call, method, context);
}


// PostgreSQL enums (Rails 7+): create_enum :name, ["a", "b"]; drop_enum :name;
// rename_enum :name, to: :new (7.1; 7.2 also takes the new name second);
// add_enum_value :name, "c", before:/after: "b"; rename_enum_value :name, from: "a", to: "b".
void EnumCall(const Value& call, std::string_view method, Context& context) {
  std::optional<std::string> name = call.items.empty() ? std::nullopt : call.items[0].String();
  if (!name) return context.sink.NotUnderstood(call, Describe(call) + " on an enum named at run time");
  ir::QualifiedName type = TableName(*name);
  auto text = [&](size_t index, std::string_view keyword) -> std::optional<std::string> {
    const Value* v = index < call.items.size() ? &call.items[index] : call.Keyword(keyword);
    return v ? v->String() : std::nullopt;
  };
  if (method == "create_enum") {
    const Value* values = call.Arg(1, "values");
    std::vector<std::string> labels;
    for (const Value& item : values && values->Is(Value::Kind::kList) ? values->items : std::vector<Value>{}) {
      std::optional<std::string> label = item.String();
      if (!label) return context.sink.NotUnderstood(call, Describe(call) + " with labels computed at run time");
      labels.push_back(*label);
    }
    if (!values) return context.sink.NotUnderstood(call, Describe(call) + " without labels");
    return context.sink.Add(call, ir::CreateEnum{type, std::move(labels)});
  }
  if (method == "drop_enum") return context.sink.Add(call, ir::DropType{type});
  if (method == "rename_enum") {
    std::optional<std::string> to = text(1, "to");
    if (!to) return context.sink.NotUnderstood(call, Describe(call) + " to a name computed at run time");
    return context.sink.Add(call, ir::RenameType{type, *to});
  }
  if (method == "add_enum_value") {
    std::optional<std::string> value = text(1, "value");
    if (!value) return context.sink.NotUnderstood(call, Describe(call) + " with a label computed at run time");
    ir::AddEnumValue op{type, *value};
    for (std::string_view side : {"before", "after"}) {
      if (const Value* neighbor = call.Keyword(side); neighbor && neighbor->IsString()) {
        op.neighbor = neighbor->text;
        op.before = side == "before";
      }
    }
    return context.sink.Add(call, std::move(op));
  }
  std::optional<std::string> from = text(99, "from"), to = text(99, "to");
  if (!from || !to) return context.sink.NotUnderstood(call, Describe(call) + " with labels computed at run time");
  return context.sink.Add(call, ir::RenameEnumValue{type, *from, *to});
}

// A method the migration class defines (`def add_audit_columns(table)`), called with literal
// arguments: its body, each parameter standing for its argument. False when there is none.
bool ReadHelper(const Value& call, std::string_view method, Context& context) {
  if (!context.helpers) return false;
  auto found = context.helpers->find(method);
  if (found == context.helpers->end() || !call.keywords.empty()) return false;
  std::vector<std::string> names;
  TSNode parameters = ts::Field(found->second, "parameters");
  for (TSNode parameter : ts_node_is_null(parameters) ? std::vector<TSNode>{} : ts::NamedChildren(parameters)) {
    if (!ts::Is(parameter, "identifier")) return false;
    names.push_back(std::string(context.tree.Text(parameter)));
  }
  if (names.size() != call.items.size()) return false;
  for (const Value& item : call.items) {
    if (!IsLiteral(item)) return false;
  }
  // Each inlined call spends the file's loop budget: helpers calling each other twice or more
  // would otherwise grow exponentially within the nesting bound.
  if (context.loop_iterations && ++*context.loop_iterations > ir::kMaxLoopIterations) {
    context.tree.NoteLimit(found->second, "more than " + std::to_string(ir::kMaxLoopIterations) +
                                              " loop iterations and helper calls");
    return true;
  }
  ts::Constants saved = context.constants;
  for (size_t i = 0; i < names.size(); ++i) context.constants[names[i]] = call.items[i];
  ReadBody(ts::Field(found->second, "body"), context);
  context.constants = std::move(saved);
  return true;
}

// `remove_column :t, :c, :string, null: false`: the AddColumn that undoes it, for revert.
void ColumnDefFor(const Value& definition, const ir::QualifiedName& table, Context& context) {
  ir::ParsedFile aside;
  OpSink sink(aside, context.sink.path());
  Context inner{context.tree, context.reader, sink, context.constants, context.version, context.depth,
                context.loop_iterations};
  Table on{"", table, nullptr};
  ReadTableCall(definition, "column", on, inner);
  if (aside.diagnostics.empty() && aside.ops.size() == 1) {
    (*context.restores)[RestoreKey({context.sink.path(), definition.line, definition.column},
                                   table.ToString() + "." + definition.items[0].text)] = std::move(aside.ops.front().op);
  }
}

// Scenic: create_view :name (version: N, default 1; materialized: true; sql_definition: "...")
// reads db/views/<name>_v<NN>.sql beside db/migrate, once every file is parsed (a placeholder
// until then); update_view drops and creates it again, replace_view is CREATE OR REPLACE;
// drop_view drops it.
void ScenicCall(const Value& call, std::string_view method, Context& context) {
  std::optional<std::string> name = call.items.empty() ? std::nullopt : call.items[0].String();
  if (!name) return context.sink.NotUnderstood(call, Describe(call) + " on a view named at run time");
  const Value* materialized = call.Keyword("materialized");
  bool is_materialized = materialized && !materialized->IsFalse() && !materialized->Is(Value::Kind::kNone);
  if (method == "drop_view") {
    return context.sink.Add(call, ir::DropView{TableName(*name), is_materialized, Option(call, "if_exists")});
  }
  const std::string& path = context.sink.path();
  RailsRecord::ScenicView view{std::string(method), TableName(*name), path, is_materialized, {path, call.line, call.column}};
  if (const Value* sql = call.Keyword("sql_definition")) {
    if (!sql->IsString()) return context.sink.NotUnderstood(call, Describe(call) + " with SQL that is not a string literal");
    ir::ParsedFile& out = context.sink.file();
    if (!ScenicOps(view, sql->text, sql->content_line, sql->content_column, out.ops, out.diagnostics)) {
      context.sink.NotUnderstood(call, Describe(call) + " with sql_definition: that is not one SELECT");
    }
    return;
  }
  const Value* version = call.Keyword("version");
  long long number = version ? version->Integer().value_or(-1) : 1;
  if (number < 0) return context.sink.NotUnderstood(call, Describe(call) + " with a version computed at run time");
  size_t db = path.rfind("db/");
  std::string digits = std::to_string(number);
  if (digits.size() < 2) digits = "0" + digits;
  std::string file = (db == std::string::npos ? std::string() : path.substr(0, db)) + "db/views/" + *name + "_v" +
                     digits + ".sql";
  std::string what = std::string(method) + " " + *name;
  context.sink.Add(call, ir::Unknown{what});
  view.file = file;
  if (context.record) context.record->views.push_back(std::move(view));
}

// `revert do ... end`: the block's ops inverted (ActiveRecord's CommandRecorder); `revert
// SomeMigration`: a placeholder that ResolveRailsHistory replaces once every file is parsed.
void Revert(TSNode node, const Value& call, Context& context) {
  TSNode body = BlockBody(node);
  if (!ts_node_is_null(body)) {
    ir::ParsedFile aside;
    OpSink sink(aside, context.sink.path());
    std::string irreversible;
    Context block{context.tree, context.reader, sink, context.constants, context.version, context.depth,
                  context.loop_iterations, context.record, &irreversible, nullptr, context.helpers, context.restores};
    ReadBody(body, block);
    for (ir::Diagnostic& d : aside.diagnostics) context.sink.file().diagnostics.push_back(std::move(d));
    std::string problem;
    std::vector<ir::SchemaOp> undo;
    if (irreversible.empty() && InvertOps(aside.ops, undo, problem, context.restores)) {
      for (ir::SchemaOp& op : undo) context.sink.file().ops.push_back(std::move(op));
      return;
    }
    if (!aside.diagnostics.empty() && irreversible.empty()) return context.sink.Add(call, ir::Unknown{"revert { ... }"});
    return context.sink.NotUnderstood(call, "revert { ... } holding " + (irreversible.empty() ? problem : irreversible) +
                                                ", which is not inverted statically");
  }
  if (call.items.empty()) return context.sink.NotUnderstood(call, "revert without a block or a migration");
  for (const Value& item : call.items) {
    if (!item.Is(Value::Kind::kName) || item.text.empty() || !std::isupper(static_cast<unsigned char>(item.text[0])) ||
        !context.record) {
      context.sink.NotUnderstood(item, "revert of " + Describe(item) + " (not a migration class)");
      continue;
    }
    context.sink.Add(call, ir::Unknown{"revert " + item.text});
    context.record->reverts.push_back({item.text, {context.sink.path(), call.line, call.column}});
  }
}

void ReadStatement(TSNode node, const Value& call, std::string_view method, Context& context) {
  auto table_arg = [&]() -> std::optional<ir::QualifiedName> {
    const Value* name = call.Arg(0, "");
    if (name && name->IsString()) return TableName(name->text);
    context.sink.NotUnderstood(call, Describe(call) + " on a table named at run time");
    return std::nullopt;
  };
  auto string_arg = [&](size_t i) -> std::optional<std::string> {
    return i < call.items.size() ? call.items[i].String() : std::nullopt;
  };
  if (method == "create_table") return CreateTable(call, node, context);
  if (method == "create_join_table") return CreateJoinTable(call, node, context);
  if (kTransparent.count(method)) return ReadBody(BlockBody(node), context);
  if (method == "revert") return Revert(node, call, context);
  if (method == "create_view" || method == "update_view" || method == "replace_view" || method == "drop_view") {
    return ScenicCall(call, method, context);
  }
  if ((method == "execute" || method == "reversible") && context.irreversible && context.irreversible->empty()) {
    *context.irreversible = method;  // execute raises when reverted; reversible's down side is not read
  }
  if (method == "reversible") {
    // reversible do |dir| dir.up { ... } end: only the up side runs on the way up.
    std::string param = BlockParameter(context.tree, node);
    TSNode body = BlockBody(node);
    for (TSNode statement : ts_node_is_null(body) ? std::vector<TSNode>{} : ts::NamedChildren(body)) {
      if (ts::Is(statement, "call") && context.tree.Text(ts::Field(statement, "receiver")) == param) {
        if (context.tree.Text(ts::Field(statement, "method")) == "up") ReadBody(BlockBody(statement), context);
        continue;
      }
      ReadBody(statement, context);
    }
    return;
  }
  if (method == "execute") {
    const Value* sql = call.Arg(0, "");
    if (!sql) return context.sink.NotUnderstood(call, Describe(call) + " without SQL");
    return context.sink.EmbeddedSql(*sql, call);
  }
  if (kNoColumnChange.count(method)) return;
  if (method == "create_enum" || method == "drop_enum" || method == "rename_enum" || method == "add_enum_value" ||
      method == "rename_enum_value") {
    return EnumCall(call, method, context);
  }
  if (method == "drop_join_table") {
    if (string_arg(0) && string_arg(1)) {
      const Value* name = call.Keyword("table_name");
      return context.sink.Add(call, ir::DropTable{TableName(name && name->IsString() ? name->text
                                                                 : JoinTableName(*string_arg(0), *string_arg(1)))});
    }
    return context.sink.NotUnderstood(call, Describe(call) + " on tables named at run time");
  }
  std::optional<ir::QualifiedName> table;
  static const std::set<std::string, std::less<>> kOnTable = {
      "change_table", "drop_table", "rename_table", "add_column", "remove_column", "remove_columns",
      "rename_column", "change_column", "change_column_null", "add_reference", "add_belongs_to",
      "remove_reference", "remove_belongs_to", "add_timestamps", "remove_timestamps"};
  if (!kOnTable.count(method)) {
    if (ReadHelper(call, method, context)) return;
    return context.sink.NotUnderstood(call, "the call " + Describe(call) + " (not a migration method)");
  }
  if (!(table = table_arg())) return;
  if (method == "change_table") {
    Table block{BlockParameter(context.tree, node), *table, nullptr};
    return ReadTableBlock(node, block, context);
  }
  if (method == "drop_table") {
    if (context.restores && !ts_node_is_null(BlockBody(node))) {  // revert makes it create_table
      ir::ParsedFile aside;
      OpSink sink(aside, context.sink.path());
      Context inner{context.tree, context.reader, sink, context.constants, context.version, context.depth,
                    context.loop_iterations};
      CreateTable(call, node, inner);
      if (aside.diagnostics.empty() && aside.ops.size() == 1) {
        (*context.restores)[RestoreKey({context.sink.path(), call.line, call.column}, table->ToString())] =
            std::move(aside.ops.front().op);
      }
    }
    const Value* if_exists = call.Keyword("if_exists");
    const Value* force = call.Keyword("force");
    return context.sink.Add(call, ir::DropTable{*table, if_exists && if_exists->IsTrue(),
                                                force && force->IsString() && force->text == "cascade"});
  }
  if (method == "rename_table") {
    if (auto to = string_arg(1)) return context.sink.Add(call, ir::RenameTable{*table, TableName(*to)});
    return context.sink.NotUnderstood(call, Describe(call) + " to a name computed at run time");
  }
  if (method == "add_timestamps" || method == "remove_timestamps") {
    Table on{"", *table, nullptr};
    return ReadTableCall(call, method == "add_timestamps" ? "timestamps" : "remove_timestamps", on, context);
  }
  Value rest = call;  // the call without its table argument, as a table block would see it
  rest.items.erase(rest.items.begin());
  Table on{"", *table, nullptr};
  if (method == "add_column") {
    if (rest.items.size() < 2) return context.sink.NotUnderstood(call, Describe(call) + " without a column type");
    rest.items.resize(2);  // name, type: the order of `t.column`
    return ReadTableCall(rest, "column", on, context);
  }
  if (method == "remove_column") {
    if (auto column = string_arg(1)) {
      if (context.restores && string_arg(2)) {  // with its type: revert makes it add_column
        Value definition = rest;
        definition.items.resize(2);
        ColumnDefFor(definition, *table, context);
      }
      return context.sink.Add(call, ir::DropColumn{*table, *column, Option(call, "if_exists")});
    }
  } else if (method == "remove_columns") {
    for (const std::string& name : Names(rest, 0)) context.sink.Add(call, ir::DropColumn{*table, name});
    return;
  } else if (method == "rename_column") {
    if (string_arg(1) && string_arg(2)) return ReadTableCall(rest, "rename", on, context);
  } else if (method == "change_column") {
    if (string_arg(1) && string_arg(2)) return ReadTableCall(rest, "change", on, context);
  } else if (method == "change_column_null") {
    if (auto column = string_arg(1); column && call.items.size() >= 3 && call.items[2].Is(Value::Kind::kBool)) {
      if (call.items[2].flag) return context.sink.Add(call, ir::DropNotNull{*table, *column});
      return context.sink.Add(call, ir::SetNotNull{*table, *column});
    }
  } else if (method == "add_reference" || method == "add_belongs_to") {
    rest.items.resize(std::min<size_t>(rest.items.size(), 1));
    return ReadTableCall(rest, "references", on, context);
  } else if (method == "remove_reference" || method == "remove_belongs_to") {
    rest.items.resize(std::min<size_t>(rest.items.size(), 1));
    return ReadTableCall(rest, "remove_references", on, context);
  }
  context.sink.NotUnderstood(call, Describe(call) + " with arguments computed at run time");
}

bool Enter(TSNode at, Context& context) {
  if (context.depth < ir::kMaxNestingDepth) {
    ++context.depth;
    return true;
  }
  context.tree.NoteLimit(at, "blocks nested more than " + std::to_string(ir::kMaxNestingDepth) + " deep");
  return false;
}

namespace {

// The statements of a branch: a `then` / `else` body or a modifier's single statement.
std::vector<TSNode> BranchStatements(TSNode branch) {
  if (ts_node_is_null(branch)) return {};
  if (ts::Is(branch, "then") || ts::Is(branch, "else") || ts::Is(branch, "begin_block")) {
    return ts::NamedChildren(branch);
  }
  return {branch};
}

// A condition on what exists around migration calls (`unless column_exists?(:t, :c)` /
// `add_index ... unless index_exists?(...)` / `if table_exists?(:t)`): calls that change no column
// are read silently whatever the condition; an add_column / create_table of the column or table
// the guard names becomes IF NOT EXISTS, a remove_column / drop_table under a positive guard
// IF EXISTS. False (the caller says it is not understood) for anything else.
bool ReadGuarded(TSNode statement, std::string_view type, Context& context) {
  bool positive = type == "if" || type == "if_modifier";
  TSNode condition = ts::Field(statement, "condition");
  while (!ts_node_is_null(condition) && (ts::Is(condition, "unary") || ts::Is(condition, "parenthesized_statements"))) {
    if (ts::Is(condition, "unary")) {
      std::string_view op = context.tree.Text(condition).substr(0, 1);
      if (op != "!" && !context.tree.Text(condition).starts_with("not")) return false;
      positive = !positive;
      condition = ts::Field(condition, "operand");
    } else {
      std::vector<TSNode> inner = ts::NamedChildren(condition);
      if (inner.size() != 1) return false;
      condition = inner[0];
    }
  }
  if (ts_node_is_null(condition) || !ts::Is(condition, "call")) return false;
  std::string guard(context.tree.Text(ts::Field(condition, "method")));
  std::string guard_receiver(context.tree.Text(ts::Field(condition, "receiver")));
  if (!kExistsGuards.count(guard) || !(guard_receiver.empty() || guard_receiver == "connection" || guard_receiver == "self")) {
    return false;
  }
  bool modifier = type == "if_modifier" || type == "unless_modifier";
  if (!modifier && !ts_node_is_null(ts::Field(statement, "alternative"))) return false;
  std::vector<TSNode> statements = BranchStatements(ts::Field(statement, modifier ? "body" : "consequence"));
  if (modifier && positive && statements.size() == 1 && ts::Is(statements[0], "return")) {
    // `return if index_exists?(...)`: on an empty database the migration goes on; a column or
    // table guard makes what follows IF NOT EXISTS for it.
    if (guard != "column_exists?" && guard != "table_exists?") return true;
    Value arguments = context.reader.ReadCall(condition, guard, context.constants);
    std::optional<std::string> table = arguments.items.empty() ? std::nullopt : arguments.items[0].String();
    std::optional<std::string> column = arguments.items.size() < 2 ? std::nullopt : arguments.items[1].String();
    if (!table || (guard == "column_exists?" && !column) || !context.early_returns) return false;
    context.early_returns->push_back({context.sink.file().ops.size(), TableName(*table), column});
    return true;
  }
  bool silent = true;
  for (TSNode inner : statements) {
    silent = silent && ts::Is(inner, "call") && ts_node_is_null(ts::Field(inner, "receiver")) &&
             kNoColumnChange.count(context.tree.Text(ts::Field(inner, "method")));
  }
  if (silent) return true;
  if (guard != "column_exists?" && guard != "table_exists?") return false;
  Value arguments = context.reader.ReadCall(condition, guard, context.constants);
  std::optional<std::string> table = arguments.items.empty() ? std::nullopt : arguments.items[0].String();
  std::optional<std::string> column = arguments.items.size() < 2 ? std::nullopt : arguments.items[1].String();
  if (!table || (guard == "column_exists?" && !column)) return false;
  ir::QualifiedName guarded = TableName(*table);
  // Read the branch aside; keep it only when every op is the guarded one.
  ir::ParsedFile aside;
  OpSink sink(aside, context.sink.path());
  Context inner{context.tree, context.reader, sink, context.constants, context.version, context.depth,
                context.loop_iterations, context.record, context.irreversible, context.early_returns,
                context.helpers, context.restores};
  for (TSNode call : statements) {
    if (!ts::Is(call, "call")) return false;
    ReadCall(call, inner);
  }
  if (!aside.diagnostics.empty()) return false;
  bool added = false;
  for (ir::SchemaOp& op : aside.ops) {
    bool ok = false;
    if (auto* add = std::get_if<ir::AddColumn>(&op.op); add && !positive && column) {
      ok = added = add->table == guarded && add->column.name == *column;
      add->if_not_exists = true;
    } else if (auto* retype = std::get_if<ir::AlterColumnType>(&op.op); retype && added) {
      ok = retype->table == guarded && retype->column == *column;  // the column just added, refined
    } else if (auto* set = std::get_if<ir::SetNotNull>(&op.op); set && added) {
      ok = set->table == guarded && set->column == *column;
    } else if (auto* loosen = std::get_if<ir::DropNotNull>(&op.op); loosen && added) {
      ok = loosen->table == guarded && loosen->column == *column;
    } else if (auto* drop = std::get_if<ir::DropColumn>(&op.op); drop && positive && column) {
      ok = drop->table == guarded && drop->column == *column;
      drop->if_exists = true;
    } else if (auto* create = std::get_if<ir::CreateTable>(&op.op); create && !positive && !column) {
      ok = create->table == guarded;
      create->if_not_exists = true;
    } else if (auto* drop_table = std::get_if<ir::DropTable>(&op.op); drop_table && positive && !column) {
      ok = drop_table->table == guarded;
      drop_table->if_exists = true;
    }
    if (!ok) return false;
  }
  for (ir::SchemaOp& op : aside.ops) context.sink.file().ops.push_back(std::move(op));
  return true;
}

// `unless Rails.env.production?` / `if Rails.env.test?`: the replay is production's, so the
// branch production runs is read (production? true, development? / test? / local? false).
bool ReadEnvCondition(TSNode statement, std::string_view type, Context& context) {
  bool positive = type == "if" || type == "if_modifier";
  TSNode condition = ts::Field(statement, "condition");
  while (!ts_node_is_null(condition) && ts::Is(condition, "unary") && context.tree.Text(condition).starts_with("!")) {
    positive = !positive;
    condition = ts::Field(condition, "operand");
  }
  std::string_view text = ts_node_is_null(condition) ? "" : context.tree.Text(condition);
  if (!text.starts_with("Rails.env.") || !ts::Is(condition, "call")) return false;
  std::string_view asked = context.tree.Text(ts::Field(condition, "method"));
  if (asked != "production?" && asked != "development?" && asked != "test?" && asked != "local?") return false;
  bool taken = (asked == "production?") == positive;
  bool modifier = type == "if_modifier" || type == "unless_modifier";
  TSNode branch = ts::Field(statement, modifier ? "body" : (taken ? "consequence" : "alternative"));
  if (modifier && !taken) return true;
  if (ts_node_is_null(branch)) return true;
  if (modifier) {
    if (ts::Is(branch, "call")) ReadCall(branch, context);
    else ReadBody(branch, context);
  } else {
    ReadBody(branch, context);
  }
  return true;
}

void ReadBodyAt(TSNode body, Context& context) {
  if (ts::Is(body, "call")) return ReadCall(body, context);
  for (TSNode statement : ts::NamedChildren(body)) {
    std::string_view type = ts::Type(statement);
    if (type == "call") {
      ReadCall(statement, context);
    } else if (type == "assignment") {
      Value value = context.reader.Read(ts::Field(statement, "right"), context.constants);
      std::string name(context.tree.Text(ts::Field(statement, "left")));
      if (IsLiteral(value)) context.constants[name] = value;
      else context.constants.erase(name);
    } else if (type == "begin") {
      ReadBody(statement, context);
    } else if (type == "identifier") {
      Value at = context.reader.Read(statement, context.constants);
      Value call;
      call.kind = Value::Kind::kCall;
      if (ReadHelper(call, context.tree.Text(statement), context)) continue;
      context.sink.NotUnderstood(at, "the call " + std::string(context.tree.Text(statement)));
    } else if ((type == "if" || type == "unless" || type == "if_modifier" || type == "unless_modifier") &&
               (ReadEnvCondition(statement, type, context) || ReadGuarded(statement, type, context))) {
      continue;
    } else if (type == "if" || type == "unless" || type == "if_modifier" || type == "unless_modifier" ||
               type == "while" || type == "until" || type == "for" || type == "case") {
      Value at = context.reader.Read(statement, context.constants);
      std::string where = type == "while" || type == "until" || type == "for" ? "a loop" : "a condition";
      context.sink.NotUnderstood(at, "migration code under " + where + " (" +
                                         ts::Snippet(context.tree.Text(statement)) + ")");
    }
  }
}

}  // namespace

void ReadBody(TSNode body, Context& context) {
  if (ts_node_is_null(body) || !Enter(body, context)) return;
  ReadBodyAt(body, context);
  --context.depth;
}

}  // namespace ds::parsers::rails
