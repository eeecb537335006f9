// dbt's cross-database macros (dbt.date_trunc, dbt.hash, dbt.type_string, ...), written as dbt's
// PostgreSQL adapter writes them, and the one registry of every built-in (dbt_utils' are in
// jinja_builtins_utils.cpp). Arguments are SQL text: `dbt.date_trunc('day', 'ordered_at')`
// writes `date_trunc('day', ordered_at)`, a column reference lineage sees.
#include "parsers/analytics/jinja_builtins.h"

#include <algorithm>
#include <map>

namespace ds::analytics::jinja {

const Value* BuiltinCall::Arg(size_t position, const std::string& keyword) const {
  if (position < args.size()) return &args[position];
  for (const auto& [key, value] : kwargs) {
    if (key == keyword) return &value;
  }
  return nullptr;
}

std::string BuiltinCall::Text(size_t position, const std::string& keyword, const std::string& fallback) const {
  const Value* v = Arg(position, keyword);
  return v == nullptr || v->kind == Kind::kNone || v->kind == Kind::kUndefined ? fallback : ToText(*v);
}

Value BuiltinCall::Opaque(const std::string& why) const {
  report("macro '" + name + "': " + why + ": its output is treated as opaque");
  return Value::Unknown(name, true);
}

std::optional<std::vector<std::string>> RelationColumns(const BuiltinCall& call, const Value& relation) {
  if (!call.context.relation_columns) return std::nullopt;
  ir::QualifiedName name;
  if (relation.kind == Kind::kRelation) {
    const Value* schema = relation.Get("schema");
    const Value* table = relation.Get("name");
    name = {schema ? ToText(*schema) : "", table ? ToText(*table) : ""};
  } else if (relation.kind == Kind::kString) {
    size_t dot = relation.text.rfind('.');
    if (dot == std::string::npos) return std::nullopt;  // a CTE's name: only the query knows its columns
    std::string schema = relation.text.substr(0, dot);
    size_t before = schema.rfind('.');
    name = {before == std::string::npos ? schema : schema.substr(before + 1), relation.text.substr(dot + 1)};
  } else {
    return std::nullopt;
  }
  return call.context.relation_columns(name);
}

namespace builtin_sql {

Value Sql(std::string text) { return Value::String(std::move(text)); }

std::vector<std::string> Items(const Value* v) {
  std::vector<std::string> out;
  if (v == nullptr) return out;
  if (v->kind == Kind::kList) {
    for (const Value& item : *v->list) out.push_back(ToText(item));
  } else if (v->kind != Kind::kNone && v->kind != Kind::kUndefined) {
    out.push_back(ToText(*v));
  }
  return out;
}

std::string Join(const std::vector<std::string>& items, const std::string& separator) {
  std::string out;
  for (size_t i = 0; i < items.size(); ++i) out += (i ? separator : "") + items[i];
  return out;
}

std::string Lower(std::string s) {
  for (char& c : s) if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return s;
}

}  // namespace builtin_sql

namespace {

using namespace builtin_sql;

Value DateTrunc(const BuiltinCall& c) {
  return Sql("date_trunc('" + c.Text(0, "datepart") + "', " + c.Text(1, "date") + ")");
}

Value DateAdd(const BuiltinCall& c) {
  return Sql(c.Text(2, "from_date_or_timestamp") + " + ((interval '1 " + c.Text(0, "datepart") + "') * (" +
             c.Text(1, "interval") + "))");
}

Value DateDiff(const BuiltinCall& c) {
  std::string first = "(" + c.Text(0, "first_date") + ")", second = "(" + c.Text(1, "second_date") + ")";
  std::string part = Lower(c.Text(2, "datepart"));
  auto years = "(date_part('year', " + second + "::date) - date_part('year', " + first + "::date))";
  auto months = "(" + years + " * 12 + date_part('month', " + second + "::date) - date_part('month', " + first + "::date))";
  if (part == "day") return Sql("(" + second + "::date - " + first + "::date)");
  if (part == "week") return Sql("((" + second + "::date - " + first + "::date) / 7)");
  if (part == "month") return Sql(months);
  if (part == "quarter") return Sql("(" + months + " / 3)");
  if (part == "year") return Sql(years);
  const std::map<std::string, std::string> seconds = {{"hour", "3600"}, {"minute", "60"}, {"second", "1"}};
  auto it = seconds.find(part);
  std::string per = it == seconds.end() ? "1" : it->second;
  return Sql("floor(extract(epoch from " + second + "::timestamp - " + first + "::timestamp) / " + per + ")");
}

Value Cast(const BuiltinCall& c) { return Sql("cast(" + c.Text(0, "field") + " as " + c.Text(1, "type") + ")"); }
Value Concat(const BuiltinCall& c) {
  std::vector<std::string> fields = Items(c.Arg(0, "fields"));
  for (size_t i = 1; i < c.args.size(); ++i) fields.push_back(ToText(c.args[i]));
  return Sql(Join(fields, " || "));
}
Value Hash(const BuiltinCall& c) { return Sql("md5(cast(" + c.Text(0, "field") + " as varchar))"); }
Value CastBoolToText(const BuiltinCall& c) { return Sql("cast(" + c.Text(0, "field") + " as varchar)"); }
Value AnyValue(const BuiltinCall& c) { return Sql("min(" + c.Text(0, "expression") + ")"); }
Value BoolOr(const BuiltinCall& c) { return Sql("bool_or(" + c.Text(0, "expression") + ")"); }
Value Length(const BuiltinCall& c) { return Sql("length(" + c.Text(0, "expression") + ")"); }
Value Position(const BuiltinCall& c) {
  return Sql("position(" + c.Text(0, "substring_text") + " in " + c.Text(1, "string_text") + ")");
}
Value Right(const BuiltinCall& c) {
  return Sql("right(" + c.Text(0, "string_text") + ", " + c.Text(1, "length_expression") + ")");
}
Value Replace(const BuiltinCall& c) {
  return Sql("replace(" + c.Text(0, "field") + ", " + c.Text(1, "old_chars") + ", " + c.Text(2, "new_chars") + ")");
}
Value SplitPart(const BuiltinCall& c) {
  return Sql("split_part(" + c.Text(0, "string_text") + ", " + c.Text(1, "delimiter_text") + ", " +
             c.Text(2, "part_number") + ")");
}
Value ListAgg(const BuiltinCall& c) {
  std::string order = c.Text(2, "order_by_clause");
  return Sql("string_agg(" + c.Text(0, "measure") + ", " + c.Text(1, "delimiter_text", "','") +
             (order.empty() ? "" : " " + order) + ")");
}
Value StringLiteral(const BuiltinCall& c) { return Sql("'" + c.Text(0, "value") + "'"); }
Value EscapeSingleQuotes(const BuiltinCall& c) {
  std::string out;
  for (char ch : c.Text(0, "expression")) out += ch == '\'' ? std::string("''") : std::string(1, ch);
  return Sql(out);
}
Value LastDay(const BuiltinCall& c) {
  std::string part = c.Text(1, "datepart");
  return Sql("cast(date_trunc('" + part + "', " + c.Text(0, "date") + ") + interval '1 " + part +
             "' - interval '1 day' as date)");
}
Value ArrayConstruct(const BuiltinCall& c) { return Sql("array[" + Join(Items(c.Arg(0, "inputs")), ", ") + "]"); }
Value ArrayAppend(const BuiltinCall& c) {
  return Sql("array_append(" + c.Text(0, "array") + ", " + c.Text(1, "new_element") + ")");
}
Value ArrayConcat(const BuiltinCall& c) { return Sql("array_cat(" + c.Text(0, "array_1") + ", " + c.Text(1, "array_2") + ")"); }

template <const char* kText>
Value Constant(const BuiltinCall&) { return Sql(kText); }

constexpr char kVarchar[] = "varchar", kInteger[] = "integer", kBigint[] = "bigint", kFloat[] = "float",
               kNumeric[] = "numeric(28,6)", kTimestamp[] = "timestamp", kBoolean[] = "boolean", kNow[] = "now()",
               kNowBackcompat[] = "current_timestamp::timestamp",
               kNowUtc[] = "(current_timestamp at time zone 'utc')::timestamp", kExcept[] = "except",
               kIntersect[] = "intersect";

Value ColumnsInRelation(const BuiltinCall& c) {
  const Value* relation = c.Arg(0, "relation");
  if (relation == nullptr) return c.Opaque("no relation given");
  std::optional<std::vector<std::string>> columns = RelationColumns(c, *relation);
  if (!columns) return c.Opaque("the columns of " + ToText(*relation) + " are not known");
  List out;
  for (const std::string& name : *columns) {
    out.push_back(Value::MakeDict(Dict{{"name", Value::String(name)},
                                       {"column", Value::String(name)},
                                       {"quoted", Value::String(QuoteIdentifier(name))},
                                       {"data_type", Value::Unknown("data_type")},
                                       {"dtype", Value::Unknown("data_type")}}));
  }
  return Value::MakeList(std::move(out));
}

const std::vector<std::pair<const char*, BuiltinFn>> kDbt = {
    {"adapter.get_columns_in_relation", ColumnsInRelation},
    {"dbt.any_value", AnyValue},
    {"dbt.array_append", ArrayAppend},
    {"dbt.array_concat", ArrayConcat},
    {"dbt.array_construct", ArrayConstruct},
    {"dbt.bool_or", BoolOr},
    {"dbt.cast", Cast},
    {"dbt.cast_bool_to_text", CastBoolToText},
    {"dbt.concat", Concat},
    {"dbt.current_timestamp", Constant<kNow>},
    {"dbt.current_timestamp_backcompat", Constant<kNowBackcompat>},
    {"dbt.current_timestamp_in_utc_backcompat", Constant<kNowUtc>},
    {"dbt.date_trunc", DateTrunc},
    {"dbt.dateadd", DateAdd},
    {"dbt.datediff", DateDiff},
    {"dbt.escape_single_quotes", EscapeSingleQuotes},
    {"dbt.except", Constant<kExcept>},
    {"dbt.hash", Hash},
    {"dbt.intersect", Constant<kIntersect>},
    {"dbt.last_day", LastDay},
    {"dbt.length", Length},
    {"dbt.listagg", ListAgg},
    {"dbt.position", Position},
    {"dbt.replace", Replace},
    {"dbt.right", Right},
    {"dbt.safe_cast", Cast},
    {"dbt.split_part", SplitPart},
    {"dbt.string_literal", StringLiteral},
    {"dbt.type_bigint", Constant<kBigint>},
    {"dbt.type_boolean", Constant<kBoolean>},
    {"dbt.type_float", Constant<kFloat>},
    {"dbt.type_int", Constant<kInteger>},
    {"dbt.type_numeric", Constant<kNumeric>},
    {"dbt.type_string", Constant<kVarchar>},
    {"dbt.type_timestamp", Constant<kTimestamp>},
};

const std::map<std::string, BuiltinFn>& Registry() {
  static const std::map<std::string, BuiltinFn> registry = [] {
    std::map<std::string, BuiltinFn> out(kDbt.begin(), kDbt.end());
    for (const auto& [name, fn] : UtilsBuiltins()) out.emplace(name, fn);
    for (const auto& [name, fn] : NamingBuiltins()) out.emplace(name, fn);
    return out;
  }();
  return registry;
}

}  // namespace

BuiltinFn FindBuiltin(const std::string& qualified) {
  const auto& registry = Registry();
  auto it = registry.find(qualified);
  if (it != registry.end()) return it->second;
  // dbt_utils before 1.0 carried the cross-database macros: dbt_utils.type_string is dbt's.
  if (qualified.starts_with("dbt_utils.")) {
    it = registry.find("dbt." + qualified.substr(10));
    if (it != registry.end()) return it->second;
  }
  return nullptr;
}

std::vector<std::string> BuiltinNames() {
  std::vector<std::string> out;
  for (const auto& [name, fn] : Registry()) out.push_back(name);
  return out;
}

}  // namespace ds::analytics::jinja
