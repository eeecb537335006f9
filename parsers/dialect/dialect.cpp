#include "parsers/dialect/dialect.h"

#include <algorithm>
#include <cctype>
#include <iterator>
#include <utility>

namespace ds::dialect {
namespace {

template <size_t N>
bool In(const std::string_view (&names)[N], std::string_view name) {
  return std::find(std::begin(names), std::end(names), name) != std::end(names);
}

std::string Lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

constexpr std::string_view kStandardAggregates[] = {
    "any_value", "array_agg", "avg", "bit_and", "bit_or", "bit_xor", "bool_and", "bool_or",
    "corr", "count", "covar_pop", "covar_samp", "every", "json_agg", "json_object_agg",
    "jsonb_agg", "jsonb_object_agg", "max", "min", "mode", "percentile_cont", "percentile_disc",
    "range_agg", "range_intersect_agg", "regr_avgx", "regr_avgy", "regr_count", "regr_intercept",
    "regr_r2", "regr_slope", "regr_sxx", "regr_sxy", "regr_syy", "stddev", "stddev_pop",
    "stddev_samp", "string_agg", "sum", "var_pop", "var_samp", "variance", "xmlagg"};

// Aggregates of the warehouses beyond PostgreSQL's (their union: a name means the same thing in
// every dialect that has it).
constexpr std::string_view kWarehouseAggregates[] = {
    "approx_count_distinct", "approx_distinct", "approx_percentile", "approx_quantiles",
    "approx_top_count", "approx_top_k", "arbitrary", "array_union_agg", "array_unique_agg",
    "arg_max", "arg_min", "argmax", "argmin", "array_concat_agg", "bitand_agg", "bitor_agg",
    "booland_agg", "boolor_agg", "collect_list", "collect_set", "count_if", "countif",
    "first", "first_value_agg", "group_concat", "hll", "histogram", "kurtosis", "last",
    "list", "listagg", "logical_and", "logical_or", "max_by", "median", "min_by",
    "object_agg", "percentile", "percentile_approx", "product", "skewness", "std", "stddev_samp",
    "string_agg", "sum_distinct", "try_avg", "try_sum", "variance_pop", "variance_samp"};

// The warehouses' aggregates that PostgreSQL mode also counts as aggregates: no PostgreSQL
// built-in has these names, and a user-defined function so named is almost always one. The
// libpg_query frontend (parsers/sql/transform_expr.cpp) uses the same names, so both PostgreSQL
// frontends give the same lineage (tests/dialect/differential_test.cpp).
constexpr std::string_view kPostgresWarehouseAggregates[] = {
    "approx_count_distinct", "approx_distinct", "approx_percentile", "approx_quantiles",
    "approx_top_count", "approx_top_k", "array_concat_agg", "array_union_agg",
    "array_unique_agg", "arbitrary", "arg_max", "arg_min", "bitand_agg", "bitor_agg",
    "booland_agg", "boolor_agg", "collect_list", "collect_set", "count_if", "countif",
    "group_concat", "kurtosis", "listagg", "logical_and", "logical_or", "max_by", "median",
    "min_by", "object_agg", "percentile_approx", "skewness"};

constexpr std::string_view kWindowFunctions[] = {
    "row_number", "rank", "dense_rank", "percent_rank", "cume_dist", "ntile", "lag", "lead",
    "first_value", "last_value", "nth_value", "conditional_change_event", "conditional_true_event",
    "ratio_to_report"};

constexpr std::string_view kDateParts[] = {
    "year", "years", "yy", "yyyy", "y", "yr", "yrs", "quarter", "quarters", "qtr", "q", "month",
    "months", "mon", "mons", "mm", "week", "weeks", "wk", "w", "ww", "isoweek", "weekiso",
    "day", "days", "dd", "d", "dayofweek", "dow", "dw", "weekday", "dayofweekiso", "dayofyear",
    "doy", "dy", "hour", "hours", "hh", "h", "minute", "minutes", "mi", "min", "mins", "m",
    "second", "seconds", "ss", "s", "sec", "secs", "millisecond", "milliseconds", "ms", "msec",
    "microsecond", "microseconds", "us", "usec", "nanosecond", "nanoseconds", "ns", "nsec",
    "epoch", "epoch_second", "epoch_millisecond", "decade", "century", "millennium", "date",
    "time", "datetime", "timezone", "timezone_hour", "timezone_minute", "isoyear", "yearofweek",
    "yearofweekiso", "week_monday", "week_sunday"};

// Functions that take a date part as a bare keyword (first argument unless date_part_last).
constexpr std::string_view kDatePartFunctions[] = {
    "dateadd", "datediff", "date_add", "date_diff", "date_sub", "date_trunc", "date_part",
    "datepart", "datename", "timestampadd", "timestampdiff", "timestamp_add", "timestamp_diff",
    "timestamp_sub", "timestamp_trunc", "datetime_add", "datetime_diff", "datetime_sub",
    "datetime_trunc", "time_add", "time_diff", "time_sub", "time_trunc", "last_day",
    "time_slice", "date_from_parts"};

constexpr Dialect kDialects[] = {
    {DialectKind::kPostgres, "postgres", IdentifierFold::kLower, true, false, false, false, false,
     false, true, false, false},
    {DialectKind::kSnowflake, "snowflake", IdentifierFold::kUpper, true, false, false, true, false,
     true, true, false, true},
    {DialectKind::kBigQuery, "bigquery", IdentifierFold::kLower, false, true, true, true, true,
     false, false, true, false},
    {DialectKind::kRedshift, "redshift", IdentifierFold::kLower, false, false, false, false, false,
     false, true, false, true},
    {DialectKind::kDatabricks, "databricks", IdentifierFold::kLower, false, true, true, true,
     false, true, false, false, true},
    {DialectKind::kTrino, "trino", IdentifierFold::kLower, false, false, false, false, false,
     false, false, false, false},
    {DialectKind::kDuckDB, "duckdb", IdentifierFold::kLower, false, false, false, false, false,
     false, true, false, true},
};

}  // namespace

std::string Dialect::Canonical(std::string_view raw, bool quoted) const {
  if (!quoted || !quoted_case_sensitive) return Lower(raw);
  if (fold == IdentifierFold::kLower) return std::string(raw);
  // Upper-folding: "EMAIL" is what `email` folds to, so the catalog's email; "Email" stays.
  bool has_lower = std::any_of(raw.begin(), raw.end(), [](char c) { return c >= 'a' && c <= 'z'; });
  return has_lower ? std::string(raw) : Lower(raw);
}

bool Dialect::IsAggregate(std::string_view name) const {
  if (In(kStandardAggregates, name)) return true;
  if (kind == DialectKind::kPostgres) return In(kPostgresWarehouseAggregates, name);
  return In(kWarehouseAggregates, name);
}

bool Dialect::IsOrderedSetAggregate(std::string_view name) const {
  // WITHIN GROUP (ORDER BY x) aggregates x; for LISTAGG / ARRAY_AGG it only orders the values.
  constexpr std::string_view kOrderedSet[] = {"percentile_cont", "percentile_disc", "mode",
                                              "rank", "dense_rank", "percent_rank", "cume_dist"};
  return kind == DialectKind::kPostgres || In(kOrderedSet, name);
}

bool Dialect::IsWindowFunction(std::string_view name) const { return In(kWindowFunctions, name); }

bool Dialect::IsDatePart(std::string_view name) const { return In(kDateParts, name); }

bool Dialect::IsDatePartArgument(std::string_view function, size_t index, size_t count) const {
  if (kind == DialectKind::kPostgres || !In(kDatePartFunctions, function)) return false;
  if (date_part_last || function == "last_day") return index + 1 == count && count > 1;
  return index == 0 && count > 1;
}

std::vector<std::string_view> Dialect::TableFunctionColumns(std::string_view function) const {
  if (kind == DialectKind::kSnowflake && function == "flatten") {
    return {"seq", "key", "path", "index", "value", "this"};
  }
  if (kind == DialectKind::kDatabricks && (function == "posexplode" || function == "posexplode_outer")) {
    return {"pos", "col"};
  }
  if (kind == DialectKind::kDatabricks && (function == "explode" || function == "explode_outer")) {
    return {"col"};
  }
  return {};
}

// Other names of the dialects: alias -> name.
constexpr std::pair<std::string_view, std::string_view> kAliases[] = {
    {"postgresql", "postgres"}, {"spark", "databricks"}, {"sparksql", "databricks"},
    {"athena", "trino"},        {"presto", "trino"}};

const Dialect* DialectByName(std::string_view name) {
  std::string lower = Lower(name);
  for (const auto& [alias, canonical] : kAliases) {
    if (lower == alias) lower = canonical;
  }
  for (const Dialect& dialect : kDialects) {
    if (dialect.name == lower) return &dialect;
  }
  return nullptr;
}

std::vector<std::string_view> DialectNames() {
  std::vector<std::string_view> names;
  for (const Dialect& dialect : kDialects) names.push_back(dialect.name);
  return names;
}

std::vector<std::string_view> DialectAliases() {
  std::vector<std::string_view> names;
  for (const auto& alias : kAliases) names.push_back(alias.first);
  return names;
}

const Dialect& Postgres() { return kDialects[0]; }

}  // namespace ds::dialect
