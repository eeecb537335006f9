// The DDL SQLAlchemy 1.4's PostgreSQL dialect writes for each type (PGTypeCompiler), formatted
// by the SQL frontend. Checked against PostgreSQL by tests/frameworks/alembic_pgtest.cpp.
#include "parsers/python/sqlalchemy_types.h"

#include <map>

#include "parsers/treesitter/sql_type.h"

namespace ds::parsers::python {

namespace {

// Types whose DDL takes no argument that changes format_type.
const std::map<std::string, std::string, std::less<>> kPlain = {
    {"Integer", "INTEGER"}, {"INTEGER", "INTEGER"}, {"INT", "INTEGER"},
    {"SmallInteger", "SMALLINT"}, {"SMALLINT", "SMALLINT"},
    {"BigInteger", "BIGINT"}, {"BIGINT", "BIGINT"},
    {"Boolean", "BOOLEAN"}, {"BOOLEAN", "BOOLEAN"},
    {"Text", "TEXT"}, {"UnicodeText", "TEXT"}, {"TEXT", "TEXT"}, {"CLOB", "TEXT"},
    {"Date", "DATE"}, {"DATE", "DATE"},
    {"LargeBinary", "BYTEA"}, {"BYTEA", "BYTEA"}, {"BLOB", "BYTEA"}, {"BINARY", "BYTEA"},
    {"VARBINARY", "BYTEA"}, {"PickleType", "BYTEA"},
    {"JSON", "JSON"}, {"JSONB", "JSONB"}, {"UUID", "UUID"}, {"Uuid", "UUID"}, {"CITEXT", "CITEXT"},
    {"Double", "DOUBLE PRECISION"}, {"INET", "INET"}, {"CIDR", "CIDR"},
    {"MACADDR", "MACADDR"}, {"MONEY", "MONEY"}, {"TSVECTOR", "TSVECTOR"}, {"OID", "OID"},
    {"REGCLASS", "REGCLASS"}, {"HSTORE", "HSTORE"}, {"REAL", "REAL"},
    {"DOUBLE_PRECISION", "DOUBLE PRECISION"}, {"INT4RANGE", "INT4RANGE"},
    {"INT8RANGE", "INT8RANGE"}, {"NUMRANGE", "NUMRANGE"}, {"DATERANGE", "DATERANGE"},
    {"TSRANGE", "TSRANGE"}, {"TSTZRANGE", "TSTZRANGE"}, {"Interval", "INTERVAL"},
    {"INTERVAL", "INTERVAL"}, {"MACADDR8", "MACADDR8"}, {"TSQUERY", "TSQUERY"},
    {"REGCONFIG", "REGCONFIG"}, {"JSONPATH", "JSONPATH"}, {"DOUBLE", "DOUBLE PRECISION"},
    {"INT4MULTIRANGE", "INT4MULTIRANGE"}, {"INT8MULTIRANGE", "INT8MULTIRANGE"},
    {"NUMMULTIRANGE", "NUMMULTIRANGE"}, {"DATEMULTIRANGE", "DATEMULTIRANGE"},
    {"TSMULTIRANGE", "TSMULTIRANGE"}, {"TSTZMULTIRANGE", "TSTZMULTIRANGE"},
    // sqlalchemy_utils (1.x/0.4x) types as their PostgreSQL DDL: the impl, or load_dialect_impl's.
    {"URLType", "TEXT"}, {"ScalarListType", "TEXT"}, {"JSONType", "JSON"},
    {"TSVectorType", "TSVECTOR"}, {"PasswordType", "BYTEA"}, {"CountryType", "VARCHAR(2)"},
    {"CurrencyType", "VARCHAR(3)"}, {"LocaleType", "VARCHAR(10)"}, {"LtreeType", "LTREE"},
    {"DateRangeType", "DATERANGE"}, {"IntRangeType", "INT4RANGE"},
    {"NumericRangeType", "NUMRANGE"}, {"DateTimeRangeType", "TSRANGE"},
    {"WeekDaysType", "BIT(7)"},
};

// sqlalchemy_utils types over Unicode(n): the keyword that sets n (also the first positional
// argument when `positional`) and its default.
struct UtilsString {
  const char* keyword;
  long long length;
  bool positional;
};
const std::map<std::string, UtilsString, std::less<>> kUtilsStrings = {
    {"EmailType", {"length", 255, true}},       {"PhoneNumberType", {"max_length", 20, false}},
    {"IPAddressType", {"max_length", 50, true}}, {"ColorType", {"max_length", 20, true}},
    {"TimezoneType", {"length", 50, false}},     {"AutoString", {"length", 0, true}},
};

std::optional<long long> IntArg(const Value& type, size_t index, std::string_view name) {
  const Value* v = type.Is(Value::Kind::kCall) ? type.Arg(index, name) : nullptr;
  return v ? v->Integer() : std::nullopt;
}

bool FlagArg(const Value& type, std::string_view name) {
  const Value* v = type.Is(Value::Kind::kCall) ? type.Keyword(name) : nullptr;
  return v && v->IsTrue();
}

std::string WithLength(std::string base, std::optional<long long> length) {
  return length ? base + "(" + std::to_string(*length) + ")" : base;
}

// sa.DateTime / TIMESTAMP / Time / TIME with timezone= (and precision= on the dialect types).
std::string TimeType(const Value& type, std::string_view base) {
  std::string sql(base);
  if (auto precision = IntArg(type, 1, "precision")) sql += "(" + std::to_string(*precision) + ")";
  bool zoned = FlagArg(type, "timezone") || (type.Arg(0, "") && type.Arg(0, "")->IsTrue());
  return sql + (zoned ? " WITH TIME ZONE" : " WITHOUT TIME ZONE");
}

std::string NumericType(const Value& type) {
  auto precision = IntArg(type, 0, "precision");
  auto scale = IntArg(type, 1, "scale");
  if (!precision) return "NUMERIC";
  if (!scale) return "NUMERIC(" + std::to_string(*precision) + ")";
  return "NUMERIC(" + std::to_string(*precision) + ", " + std::to_string(*scale) + ")";
}

// sa.Float(precision=24) is FLOAT(24), which PostgreSQL reads as real.
std::string FloatType(const Value& type) { return WithLength("FLOAT", IntArg(type, 0, "precision")); }

SqlAlchemyType EnumType(const Value& type) {
  SqlAlchemyType out;
  const Value* name = type.Keyword("name");
  std::vector<std::string> values;
  size_t longest = 0;
  bool literal_values = true;
  for (const Value& item : type.items) {
    if (!item.IsString()) literal_values = false;
    else values.push_back(item.text), longest = std::max(longest, item.text.size());
  }
  if (const Value* native = type.Keyword("native_enum"); native && native->IsFalse()) {
    if (!literal_values) {
      out.problem = "a non-native Enum of values not written in the migration";
      return out;
    }
    out.type = FormatSqlType("VARCHAR(" + std::to_string(longest) + ")");
    return out;
  }
  if (!name || !name->IsString()) {
    // SQLAlchemy names an Enum over a Python enum class after the class.
    if (type.items.size() == 1 && type.items[0].Is(Value::Kind::kName)) {
      std::string lowered;
      for (char c : type.items[0].LastName()) lowered += static_cast<char>(std::tolower(c));
      out.type = lowered;
      out.problem = "an Enum over the Python class " + type.items[0].text + ": its values are not known";
      return out;
    }
    out.problem = "an Enum without a literal name=";
    return out;
  }
  out.type = name->text;
  if (const Value* schema = type.Keyword("schema"); schema && schema->IsString()) {
    out.type = schema->text + "." + name->text;
  }
  const Value* create = type.Keyword("create_type");
  if (!create || !create->IsFalse()) {
    ir::CreateEnum created;
    created.type.name = name->text;
    if (const Value* schema = type.Keyword("schema"); schema && schema->IsString()) {
      created.type.schema = schema->text;
    }
    created.values = values;
    out.creates_enum = created;
  }
  if (!literal_values) out.problem = "an Enum whose values are not written in the migration";
  return out;
}

}  // namespace

SqlAlchemyType ReadSqlAlchemyType(const Value& type) {
  SqlAlchemyType out;
  if (!type.Is(Value::Kind::kName) && !type.Is(Value::Kind::kCall)) {
    out.problem = "a column type computed at run time (" + Describe(type) + ")";
    return out;
  }
  std::string_view name = type.LastName();
  if (type.Is(Value::Kind::kCall) && name == "with_variant" && !type.receiver.empty()) {
    return ReadSqlAlchemyType(type.receiver[0]);  // the generic type serves PostgreSQL
  }
  std::string sql;
  if (auto plain = kPlain.find(name); plain != kPlain.end()) {
    sql = plain->second;
  } else if (name == "String" || name == "Unicode" || name == "VARCHAR" || name == "NVARCHAR") {
    sql = WithLength("VARCHAR", IntArg(type, 0, "length"));
  } else if (name == "CHAR" || name == "NCHAR") {
    sql = WithLength("CHAR", IntArg(type, 0, "length"));
  } else if (name == "DateTime" || name == "TIMESTAMP") {
    sql = TimeType(type, "TIMESTAMP");
  } else if (name == "Time" || name == "TIME") {
    sql = TimeType(type, "TIME");
  } else if (name == "Numeric" || name == "NUMERIC" || name == "DECIMAL") {
    sql = NumericType(type);
  } else if (name == "Float" || name == "FLOAT") {
    sql = FloatType(type);
  } else if (name == "BIT") {
    sql = WithLength("BIT", IntArg(type, 0, "length"));
  } else if (auto utils = kUtilsStrings.find(name); utils != kUtilsStrings.end()) {
    std::optional<long long> length = IntArg(type, utils->second.positional ? 0 : SIZE_MAX, utils->second.keyword);
    if (!length && utils->second.length) length = utils->second.length;
    sql = WithLength("VARCHAR", length);
  } else if (name == "UUIDType") {
    // Native uuid on PostgreSQL unless native=False: then BINARY(16) (bytea) or CHAR(32).
    const Value* native = type.Is(Value::Kind::kCall) ? type.Keyword("native") : nullptr;
    const Value* binary = type.Is(Value::Kind::kCall) ? type.Arg(0, "binary") : nullptr;
    sql = !(native && native->IsFalse()) ? "UUID" : (binary && binary->IsFalse()) ? "CHAR(32)" : "BYTEA";
  } else if (name == "ArrowType") {
    sql = TimeType(type, "TIMESTAMP");
  } else if (name == "ChoiceType") {
    const Value* impl = type.Is(Value::Kind::kCall) ? type.Arg(1, "impl") : nullptr;
    if (impl) return ReadSqlAlchemyType(*impl);
    sql = "VARCHAR(255)";
  } else if (name == "Enum" || name == "ENUM") {
    return EnumType(type);
  } else if (name == "ARRAY" && type.Is(Value::Kind::kCall) && type.Arg(0, "item_type")) {
    out = ReadSqlAlchemyType(*type.Arg(0, "item_type"));
    if (!out.type.empty()) out.type += "[]";
    return out;
  } else {
    out.problem = "the column type " + type.text + " (not a SQLAlchemy type this version knows)";
    return out;
  }
  out.type = FormatSqlType(sql);
  return out;
}

}  // namespace ds::parsers::python
