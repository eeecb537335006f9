// ActiveRecord 6.1's PostgreSQL column types (NATIVE_DATABASE_TYPES, type_to_sql), formatted by
// the SQL frontend. Checked against PostgreSQL by tests/frameworks/rails_pgtest.cpp.
#include <map>

#include "parsers/ruby/rails_internal.h"
#include "parsers/treesitter/sql_type.h"

namespace ds::parsers::rails {

namespace {

const std::map<std::string, std::string, std::less<>> kNative = {
    {"string", "character varying"}, {"text", "text"}, {"float", "float"},
    {"date", "date"}, {"binary", "bytea"}, {"boolean", "boolean"}, {"xml", "xml"},
    {"tsvector", "tsvector"}, {"hstore", "hstore"}, {"inet", "inet"}, {"cidr", "cidr"},
    {"macaddr", "macaddr"}, {"uuid", "uuid"}, {"json", "json"}, {"jsonb", "jsonb"},
    {"ltree", "ltree"}, {"citext", "citext"}, {"point", "point"}, {"line", "line"},
    {"lseg", "lseg"}, {"box", "box"}, {"path", "path"}, {"polygon", "polygon"},
    {"circle", "circle"}, {"bit", "bit"}, {"bit_varying", "bit varying"}, {"money", "money"},
    {"interval", "interval"}, {"oid", "oid"}, {"daterange", "daterange"},
    {"numrange", "numrange"}, {"tsrange", "tsrange"}, {"tstzrange", "tstzrange"},
    {"int4range", "int4range"}, {"int8range", "int8range"}, {"bigint", "bigint"},
    {"primary_key", "bigserial"}, {"serial", "serial"}, {"bigserial", "bigserial"},
};

// PostGIS column methods and the shape each one names ("" for any geometry).
const std::map<std::string, std::string, std::less<>> kPostgisShapes = {
    {"geometry", ""}, {"geography", ""}, {"st_point", "Point"}, {"st_polygon", "Polygon"},
    {"line_string", "LineString"}, {"multi_point", "MultiPoint"}, {"multi_line_string", "MultiLineString"},
    {"multi_polygon", "MultiPolygon"}, {"geometry_collection", "GeometryCollection"}};

std::optional<long long> IntOption(const Value& options, std::string_view name) {
  const Value* v = options.Keyword(name);
  return v ? v->Integer() : std::nullopt;
}

}  // namespace

std::string ColumnType(std::string_view type, const Value& options, double version) {
  std::string sql;
  auto limit = IntOption(options, "limit");
  auto precision = IntOption(options, "precision");
  if (type == "integer") {
    sql = !limit || (*limit >= 3 && *limit <= 4) ? "integer" : (*limit <= 2 ? "smallint" : "bigint");
  } else if (type == "decimal" || type == "numeric") {
    auto scale = IntOption(options, "scale");
    sql = "decimal";
    if (precision && scale) sql += "(" + std::to_string(*precision) + "," + std::to_string(*scale) + ")";
    else if (precision) sql += "(" + std::to_string(*precision) + ")";
  } else if (type == "datetime" || type == "timestamp" || type == "time") {
    sql = type == "time" ? "time" : "timestamp";
    // Rails 7 migrations default :datetime (not :timestamp, not :time) to precision 6;
    // `precision: nil` asks for none.
    const Value* given = options.Keyword("precision");
    if (precision) sql += "(" + std::to_string(*precision) + ")";
    else if (!given && type == "datetime" && version >= 7.0) sql += "(6)";
  } else if (auto shape = kPostgisShapes.find(type); shape != kPostgisShapes.end()) {
    // activerecord-postgis-adapter: geometry(Polygon,4326); geographic: true -> geography.
    const Value* geographic = options.Keyword("geographic");
    bool geography = type == "geography" || (geographic && geographic->IsTrue());
    auto srid = IntOption(options, "srid");
    if (geography && !srid) srid = 4326;
    sql = geography ? "geography" : "geometry";
    if (!shape->second.empty() || (srid && *srid != 0)) {
      sql += "(" + (shape->second.empty() ? std::string("Geometry") : shape->second);
      if (srid && *srid != 0) sql += "," + std::to_string(*srid);
      sql += ")";
    }
  } else if (type == "enum") {
    // t.enum :status, enum_type: :order_status (Rails 7): a column of that PostgreSQL enum.
    const Value* enum_type = options.Keyword("enum_type");
    sql = enum_type && enum_type->IsString() ? enum_type->text : std::string(type);
  } else if (auto native = kNative.find(type); native != kNative.end()) {
    sql = native->second;
    if (limit && (type == "string" || type == "bit" || type == "bit_varying")) {
      sql += "(" + std::to_string(*limit) + ")";
    }
  } else {
    sql = std::string(type);  // a type ActiveRecord passes through (an enum, a domain)
  }
  if (const Value* array = options.Keyword("array"); array && array->IsTrue()) sql += "[]";
  return FormatSqlType(sql);
}

std::string ReferenceType(const Value& options, double version) {
  if (const Value* type = options.Keyword("type"); type && type->IsString()) {
    return ColumnType(type->text, options, version);
  }
  return version != 0 && version < 5.1 ? "integer" : "bigint";
}

ir::QualifiedName TableName(const std::string& name) {
  size_t dot = name.find('.');
  if (dot == std::string::npos) return {"", name};
  return {name.substr(0, dot), name.substr(dot + 1)};
}

}  // namespace ds::parsers::rails
