// dbt_utils' and dbt_date's macros that write SQL, in our own code (PostgreSQL-flavoured, the
// columns passed as strings written as column references). Those that list a relation's columns
// (star, union_relations, unpivot) ask RenderContext::relation_columns; unanswered, their output
// is opaque and said so, and the model is read partly.
#include <algorithm>

#include "parsers/analytics/jinja_builtins.h"
#include "parsers/analytics/sql_writer.h"

namespace ds::analytics::jinja {
namespace {

using namespace builtin_sql;

bool Listed(const std::vector<std::string>& list, const std::string& name) {
  return std::any_of(list.begin(), list.end(), [&](const std::string& x) { return Lower(x) == Lower(name); });
}

bool Flag(const BuiltinCall& c, size_t position, const char* keyword, bool fallback) {
  const Value* v = c.Arg(position, keyword);
  if (v == nullptr || v->kind == Kind::kNone) return fallback;
  return TruthOf(*v) == Truth::kTrue;
}

/// The field list of surrogate_key / safe_add: a list, or the arguments themselves (older style).
std::vector<std::string> Fields(const BuiltinCall& c) {
  std::vector<std::string> fields = Items(c.Arg(0, "field_list"));
  for (size_t i = 1; i < c.args.size(); ++i) fields.push_back(ToText(c.args[i]));
  return fields;
}

Value GenerateSurrogateKey(const BuiltinCall& c) {
  std::vector<std::string> parts;
  for (const std::string& f : Items(c.Arg(0, "field_list"))) {
    parts.push_back("coalesce(cast(" + f + " as varchar), '_dbt_utils_surrogate_key_null_')");
  }
  if (parts.empty()) return c.Opaque("no fields given");
  return Sql("md5(cast(" + Join(parts, " || '-' || ") + " as varchar))");
}

Value SurrogateKey(const BuiltinCall& c) {
  std::vector<std::string> parts;
  for (const std::string& f : Fields(c)) parts.push_back("coalesce(cast(" + f + " as varchar), '')");
  if (parts.empty()) return c.Opaque("no fields given");
  return Sql("md5(cast(" + Join(parts, " || '-' || ") + " as varchar))");
}

Value Star(const BuiltinCall& c) {
  const Value* from = c.Arg(0, "from");
  if (from == nullptr) return c.Opaque("no relation given");
  std::optional<std::vector<std::string>> columns = RelationColumns(c, *from);
  if (!columns) return c.Opaque("the columns of " + ToText(*from) + " are not known");
  std::string alias = c.Text(1, "relation_alias");
  if (alias == "False" || alias == "None") alias.clear();
  std::vector<std::string> except = Items(c.Arg(2, "except"));
  std::string prefix = c.Text(3, "prefix"), suffix = c.Text(4, "suffix");
  std::vector<std::string> out;
  for (const std::string& col : *columns) {
    if (Listed(except, col)) continue;
    std::string item = (alias.empty() ? "" : alias + ".") + QuoteIdentifier(col);
    if (!prefix.empty() || !suffix.empty()) item += " as " + QuoteIdentifier(prefix + col + suffix);
    out.push_back(item);
  }
  if (out.empty()) return c.Opaque("every column of " + ToText(*from) + " is excepted");
  return Sql(Join(out, ", "));
}

/// union_relations over relations only the warehouse lists (get_relations_by_pattern), with an
/// `include` list: its columns are known, where they come from is not.
Value UnionOfUnknownRelations(const BuiltinCall& c, const std::vector<std::string>& include,
                              const std::string& source_name) {
  c.report("macro '" + c.name + "': its relations are not known statically: its columns are the `include` list, "
           "read from relations only the warehouse lists");
  std::vector<std::string> items;
  if (!source_name.empty()) items.push_back("cast(null as varchar) as " + QuoteIdentifier(source_name));
  for (const std::string& col : include) items.push_back(QuoteIdentifier(col));
  return Sql("select " + Join(items, ", ") + " from " + PlaceholderRelation(c.name));
}

}  // namespace

bool TakesUnknownArguments(const std::string& qualified) { return qualified == "dbt_utils.union_relations"; }

namespace {

Value UnionRelations(const BuiltinCall& c) {
  const Value* relations = c.Arg(0, "relations");
  std::vector<std::string> include = Items(c.Arg(2, "include")), exclude = Items(c.Arg(3, "exclude"));
  const Value* source_column = c.Arg(4, "source_column_name");
  std::string source_name = source_column == nullptr ? "_dbt_source_relation"
                            : source_column->kind == Kind::kNone ? "" : ToText(*source_column);
  bool listed = relations != nullptr && relations->kind == Kind::kList && !relations->list->empty();
  bool unknown = relations != nullptr && (relations->IsUnknown() ||
                                          (listed && std::any_of(relations->list->begin(), relations->list->end(),
                                                                 [](const Value& r) { return r.IsUnknown(); })));
  if (unknown && !include.empty()) return UnionOfUnknownRelations(c, include, source_name);
  if (!listed || unknown) return c.Opaque("its relations are not a list known statically");
  std::string where = c.Text(5, "where");
  std::vector<std::string> all;  // every column, in order of first appearance
  std::vector<std::vector<std::string>> each;
  for (const Value& relation : *relations->list) {
    std::optional<std::vector<std::string>> columns = RelationColumns(c, relation);
    if (!columns) return c.Opaque("the columns of " + ToText(relation) + " are not known");
    for (const std::string& col : *columns) {
      if ((!include.empty() && !Listed(include, col)) || Listed(exclude, col) || Listed(all, col)) continue;
      all.push_back(col);
    }
    each.push_back(std::move(*columns));
  }
  std::vector<std::string> selects;
  for (size_t r = 0; r < each.size(); ++r) {
    const Value& relation = (*relations->list)[r];
    std::vector<std::string> items;
    if (!source_name.empty()) items.push_back("cast('" + ToText(relation) + "' as varchar) as " + QuoteIdentifier(source_name));
    for (const std::string& col : all) {
      items.push_back(Listed(each[r], col) ? QuoteIdentifier(col) : "null as " + QuoteIdentifier(col));
    }
    selects.push_back("(select " + Join(items, ", ") + " from " + ToText(relation) + (where.empty() ? "" : " where " + where) + ")");
  }
  return Sql(Join(selects, " union all "));
}

/// One row per `datepart` from `start` (included) to `end` (excluded), as date_<datepart>.
std::string Spine(const std::string& part, const std::string& start, const std::string& end) {
  return "select cast(spine.d as timestamp) as date_" + part + " from generate_series(cast(" + start +
         " as timestamp), cast(" + end + " as timestamp) - interval '1 " + part + "', interval '1 " + part +
         "') as spine(d)";
}

Value DateSpine(const BuiltinCall& c) {
  return Sql(Spine(c.Text(0, "datepart", "day"), c.Text(1, "start_date"), c.Text(2, "end_date")));
}

Value GetBaseDates(const BuiltinCall& c) {  // dbt_date.get_base_dates
  std::string part = c.Text(3, "datepart", "day");
  std::string start = c.Text(0, "start_date"), end = c.Text(1, "end_date"), n = c.Text(2, "n_dateparts");
  if (!start.empty() && !end.empty()) return Sql(Spine(part, "'" + start + "'", "'" + end + "'"));
  if (n.empty()) return c.Opaque("neither start_date and end_date nor n_dateparts given");
  std::string today = "cast(current_date as timestamp)";
  return Sql(Spine(part, today + " - ((interval '1 " + part + "') * (" + n + "))", today + " + interval '1 " + part + "'"));
}

Value GenerateSeries(const BuiltinCall& c) {
  return Sql("select gs.generated_number from generate_series(1, " + c.Text(0, "upper_bound") + ") as gs(generated_number)");
}

Value GroupBy(const BuiltinCall& c) {
  const Value* n = c.Arg(0, "n");
  if (n == nullptr || n->kind != Kind::kInt || n->integer < 1 || n->integer > 1000) return c.Opaque("its column count is not known statically");
  std::string out = "group by ";
  for (int64_t i = 1; i <= n->integer; ++i) out += (i > 1 ? "," : "") + std::to_string(i);
  return Sql(out);
}

Value Deduplicate(const BuiltinCall& c) {
  std::string partition = c.Text(1, "partition_by"), order = c.Text(2, "order_by");
  return Sql("select distinct on (" + partition + ") * from " + c.Text(0, "relation") + " order by " + partition +
             (order.empty() ? "" : ", " + order));
}

Value SafeOp(const BuiltinCall& c, const std::string& op) {
  std::vector<std::string> parts;
  for (const std::string& f : Fields(c)) parts.push_back("coalesce(" + f + ", 0)");
  if (parts.empty()) return c.Opaque("no fields given");
  return Sql("(" + Join(parts, " " + op + " ") + ")");
}
Value SafeAdd(const BuiltinCall& c) { return SafeOp(c, "+"); }
Value SafeSubtract(const BuiltinCall& c) { return SafeOp(c, "-"); }

Value SafeDivide(const BuiltinCall& c) {
  return Sql("(" + c.Text(0, "numerator") + ") / nullif((" + c.Text(1, "denominator") + "), 0)");
}

std::string Slug(const std::string& s) {
  std::string out;
  for (char ch : Lower(s)) {
    bool word = (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '_';
    out += word ? ch : '_';
  }
  if (!out.empty() && out[0] >= '0' && out[0] <= '9') out = "_" + out;
  return out;
}

Value Slugify(const BuiltinCall& c) { return Value::String(Slug(c.Text(0, "string"))); }

std::string Escaped(const std::string& s) {
  std::string out;
  for (char ch : s) out += ch == '\'' ? std::string("''") : std::string(1, ch);
  return out;
}

Value Pivot(const BuiltinCall& c) {
  const Value* values = c.Arg(1, "values");
  if (values == nullptr || values->kind != Kind::kList) return c.Opaque("its values are not a list known statically");
  std::string column = c.Text(0, "column");
  bool alias = Flag(c, 2, "alias", true), quote = Flag(c, 9, "quote_identifiers", true), distinct = Flag(c, 10, "distinct", false);
  std::string agg = c.Text(3, "agg", "sum"), cmp = c.Text(4, "cmp", "="), prefix = c.Text(5, "prefix"),
              suffix = c.Text(6, "suffix"), then = c.Text(7, "then_value", "1"), otherwise = c.Text(8, "else_value", "0");
  std::vector<std::string> out;
  for (const Value& v : *values->list) {
    std::string value = ToText(v);
    std::string item = agg + "(" + (distinct ? "distinct " : "") + "case when " + column + " " + cmp + " '" +
                       Escaped(value) + "' then " + then + " else " + otherwise + " end)";
    if (alias) item += " as " + (quote ? QuoteIdentifier(prefix + value + suffix) : Slug(prefix + value + suffix));
    out.push_back(item);
  }
  if (out.empty()) return c.Opaque("no values given");
  return Sql(Join(out, ", "));
}

Value Unpivot(const BuiltinCall& c) {
  const Value* relation = c.Arg(0, "relation");
  if (relation == nullptr) return c.Opaque("no relation given");
  std::optional<std::vector<std::string>> columns = RelationColumns(c, *relation);
  if (!columns) return c.Opaque("the columns of " + ToText(*relation) + " are not known");
  std::string cast_to = c.Text(1, "cast_to", "varchar");
  std::vector<std::string> exclude = Items(c.Arg(2, "exclude")), remove = Items(c.Arg(3, "remove"));
  std::string field = c.Text(4, "field_name", "field_name"), value = c.Text(5, "value_name", "value");
  std::vector<std::string> kept;
  for (const std::string& col : exclude) kept.push_back(QuoteIdentifier(col));
  std::vector<std::string> selects;
  for (const std::string& col : *columns) {
    if (Listed(exclude, col) || Listed(remove, col)) continue;
    std::vector<std::string> items = kept;
    items.push_back("cast('" + Escaped(col) + "' as varchar) as " + QuoteIdentifier(field));
    items.push_back("cast(" + QuoteIdentifier(col) + " as " + cast_to + ") as " + QuoteIdentifier(value));
    selects.push_back("select " + Join(items, ", ") + " from " + ToText(*relation));
  }
  if (selects.empty()) return c.Opaque("no column of " + ToText(*relation) + " is left to unpivot");
  return Sql(Join(selects, " union all "));
}

Value FilteredColumns(const BuiltinCall& c) {
  const Value* from = c.Arg(0, "from");
  if (from == nullptr) return c.Opaque("no relation given");
  std::optional<std::vector<std::string>> columns = RelationColumns(c, *from);
  if (!columns) return c.Opaque("the columns of " + ToText(*from) + " are not known");
  std::vector<std::string> except = Items(c.Arg(1, "except"));
  List out;
  for (const std::string& col : *columns) {
    if (!Listed(except, col)) out.push_back(Value::String(col));
  }
  return Value::MakeList(std::move(out));
}

Value WidthBucket(const BuiltinCall& c) {
  return Sql("width_bucket(" + c.Text(0, "expr") + ", " + c.Text(1, "min_value") + ", " + c.Text(2, "max_value") + ", " +
             c.Text(3, "num_buckets") + ")");
}

}  // namespace

const std::vector<std::pair<const char*, BuiltinFn>>& UtilsBuiltins() {
  static const std::vector<std::pair<const char*, BuiltinFn>> kUtils = {
      {"dbt_date.get_base_dates", GetBaseDates},
      {"dbt_utils.date_spine", DateSpine},
      {"dbt_utils.deduplicate", Deduplicate},
      {"dbt_utils.generate_series", GenerateSeries},
      {"dbt_utils.generate_surrogate_key", GenerateSurrogateKey},
      {"dbt_utils.get_filtered_columns_in_relation", FilteredColumns},
      {"dbt_utils.group_by", GroupBy},
      {"dbt_utils.pivot", Pivot},
      {"dbt_utils.safe_add", SafeAdd},
      {"dbt_utils.safe_divide", SafeDivide},
      {"dbt_utils.safe_subtract", SafeSubtract},
      {"dbt_utils.slugify", Slugify},
      {"dbt_utils.star", Star},
      {"dbt_utils.surrogate_key", SurrogateKey},
      {"dbt_utils.union_relations", UnionRelations},
      {"dbt_utils.unpivot", Unpivot},
      {"dbt_utils.width_bucket", WidthBucket},
  };
  return kUtils;
}

}  // namespace ds::analytics::jinja
