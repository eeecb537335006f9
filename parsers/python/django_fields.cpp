// Django model fields as PostgreSQL columns, as Django 3.2's PostgreSQL backend creates them
// (DatabaseWrapper.data_types). Checked against PostgreSQL by tests/frameworks/django_pgtest.cpp.
#include <map>

#include "parsers/python/django_history.h"
#include "parsers/treesitter/sql_type.h"

namespace ds::parsers::django {

namespace {

// Field class -> its DDL; %L is max_length (default in the second column), %D the decimals.
struct FieldType {
  const char* sql;
  int default_length = 0;
};

const std::map<std::string, FieldType, std::less<>> kFieldTypes = {
    {"AutoField", {"serial"}}, {"BigAutoField", {"bigserial"}}, {"SmallAutoField", {"smallserial"}},
    {"BinaryField", {"bytea"}}, {"BooleanField", {"boolean"}}, {"NullBooleanField", {"boolean"}},
    {"CharField", {"varchar(%L)"}}, {"EmailField", {"varchar(%L)", 254}},
    {"URLField", {"varchar(%L)", 200}}, {"SlugField", {"varchar(%L)", 50}},
    {"FileField", {"varchar(%L)", 100}}, {"ImageField", {"varchar(%L)", 100}},
    {"FilePathField", {"varchar(%L)", 100}}, {"CommaSeparatedIntegerField", {"varchar(%L)"}},
    {"DateField", {"date"}}, {"DateTimeField", {"timestamp with time zone"}},
    {"TimeField", {"time"}}, {"DurationField", {"interval"}}, {"DecimalField", {"numeric(%D)"}},
    {"FloatField", {"double precision"}}, {"IntegerField", {"integer"}},
    {"BigIntegerField", {"bigint"}}, {"SmallIntegerField", {"smallint"}},
    {"PositiveIntegerField", {"integer"}}, {"PositiveBigIntegerField", {"bigint"}},
    {"PositiveSmallIntegerField", {"smallint"}}, {"IPAddressField", {"inet"}},
    {"GenericIPAddressField", {"inet"}}, {"JSONField", {"jsonb"}}, {"TextField", {"text"}},
    {"UUIDField", {"uuid"}}, {"HStoreField", {"hstore"}}, {"CICharField", {"citext"}},
    {"CIEmailField", {"citext"}}, {"CITextField", {"citext"}},
    {"IntegerRangeField", {"int4range"}}, {"BigIntegerRangeField", {"int8range"}},
    {"DecimalRangeField", {"numrange"}}, {"DateTimeRangeField", {"tstzrange"}},
    {"DateRangeField", {"daterange"}}, {"SearchVectorField", {"tsvector"}},
};

// Fields of well-known packages as the Django field each stores as (its db_type), found by the
// package (the callee's first part, as migrations write it) and the class. A length is the
// class's default max_length where it differs from the Django class's.
struct ThirdPartyField {
  const char* package;
  const char* name;
  const char* as;
  int default_length = 0;
};

const ThirdPartyField kThirdParty[] = {
    {"mptt", "TreeForeignKey", "ForeignKey"},
    {"mptt", "TreeOneToOneField", "OneToOneField"},
    {"mptt", "TreeManyToManyField", "ManyToManyField"},
    {"taggit", "TaggableManager", "ManyToManyField"},  // through taggit's (or the given) model
    {"django_countries", "CountryField", "CharField", 2},
    {"phonenumber_field", "PhoneNumberField", "CharField", 128},
    {"djmoney", "MoneyField", "DecimalField"},
    {"djmoney", "CurrencyField", "CharField", 3},  // the <name>_currency field beside it
    {"django_extensions", "AutoSlugField", "SlugField"},
    {"django_extensions", "CreationDateTimeField", "DateTimeField"},
    {"django_extensions", "ModificationDateTimeField", "DateTimeField"},
    {"django_extensions", "RandomCharField", "CharField"},
    {"django_extensions", "ShortUUIDField", "CharField", 22},
    {"versatileimagefield", "VersatileImageField", "ImageField"},
    {"versatileimagefield", "PPOIField", "CharField", 20},
    {"timezone_field", "TimeZoneField", "CharField", 63},
    {"django_measurement", "MeasurementField", "FloatField"},
    {"colorfield", "ColorField", "CharField", 18},
    {"model_utils", "StatusField", "CharField", 100},
    {"model_utils", "MonitorField", "DateTimeField"},
    {"model_utils", "AutoCreatedField", "DateTimeField"},
    {"model_utils", "AutoLastModifiedField", "DateTimeField"},
    {"model_utils", "UUIDField", "UUIDField"},
    {"autoslug", "AutoSlugField", "SlugField"},
    {"django_fsm", "FSMField", "CharField", 50},
    {"django_fsm", "FSMIntegerField", "IntegerField"},
    {"django_fsm", "FSMKeyField", "ForeignKey"},
    {"ckeditor", "RichTextField", "TextField"},
    {"ckeditor_uploader", "RichTextUploadingField", "TextField"},
    {"tinymce", "HTMLField", "TextField"},
    {"markdownx", "MarkdownxField", "TextField"},
    {"enumfields", "EnumField", "CharField", 10},
    {"enumfields", "EnumIntegerField", "IntegerField"},
    {"django_enumfield", "EnumField", "IntegerField"},
};

const ThirdPartyField* ThirdParty(const Value& field) {
  size_t dot = field.text.find('.');
  if (dot == std::string::npos) return nullptr;
  std::string_view package = std::string_view(field.text).substr(0, dot);
  std::string_view name = field.LastName();
  for (const ThirdPartyField& known : kThirdParty) {
    if (package == known.package && name == known.name) return &known;
  }
  return nullptr;
}

bool IsRelation(std::string_view kind) { return kind == "ForeignKey" || kind == "OneToOneField"; }

std::string Lower(std::string_view text) {
  std::string out;
  for (char c : text) out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string ModelPart(const std::string& key) { return key.substr(key.find('.') + 1); }

// The DDL of a non-relational field, or "" with `problem` set.
std::string FieldSql(const Value& field, std::string& problem) {
  std::string_view kind = FieldKind(field);
  if (kind == "ArrayField") {
    const Value* base = field.Arg(0, "base_field");
    std::string inner = base ? FieldSql(*base, problem) : "";
    return inner.empty() ? "" : inner + "[]";
  }
  if (kind == "DbTypeField") {  // a project's field whose db_type() names the type
    const Value* db_type = field.Keyword("db_type");
    if (db_type && db_type->IsString()) return db_type->text;
  }
  auto found = kFieldTypes.find(kind);
  if (found == kFieldTypes.end()) {
    bool django = field.text.starts_with("models.") || field.text.starts_with("django.") ||
                  field.text.find('.') == std::string::npos;
    problem = django ? "the field " + field.text + " (not a Django field this version knows)"
                     : "the field class " + field.text +
                           " (defined by the project or a package, not one of the well-known fields "
                           "downstream knows): its column type is unknown";
    return "";
  }
  std::string sql = found->second.sql;
  if (size_t at = sql.find("%L"); at != std::string::npos) {
    const Value* length = field.Keyword("max_length");
    std::optional<long long> n = length ? length->Integer() : std::nullopt;
    int default_length = found->second.default_length;
    if (const ThirdPartyField* known = ThirdParty(field); known && known->default_length) {
      default_length = known->default_length;
    }
    // CountryField(multiple=True) sizes itself to the list of countries when max_length is left out.
    if (const Value* multiple = field.Keyword("multiple"); multiple && multiple->IsTrue()) default_length = 0;
    if (!n && default_length) n = default_length;
    sql = n ? sql.replace(at, 2, std::to_string(*n)) : "varchar";
  }
  if (size_t at = sql.find("%D"); at != std::string::npos) {
    const Value* digits = field.Keyword("max_digits");
    const Value* places = field.Keyword("decimal_places");
    if (digits && places && digits->Integer() && places->Integer()) {
      sql.replace(at, 2, std::to_string(*digits->Integer()) + ", " + std::to_string(*places->Integer()));
    } else {
      sql = "numeric";
    }
  }
  return sql;
}

const Value* PrimaryKey(const Model& model) {
  for (const auto& [name, field] : model.fields) {
    if (const Value* pk = field.Keyword("primary_key"); pk && pk->IsTrue()) return &field;
  }
  for (const auto& [name, field] : model.fields) {
    if (name == "id") return &field;
  }
  return nullptr;
}

}  // namespace

bool KnownFieldKind(std::string_view kind) {
  return kFieldTypes.count(kind) || IsRelation(kind) || kind == "ManyToManyField" || kind == "ArrayField" ||
         kind == "DbTypeField";
}

std::string_view FieldKind(const Value& field) {
  const ThirdPartyField* known = ThirdParty(field);
  return known ? std::string_view(known->as) : field.LastName();
}

std::string ModelKey(const Value& to, const std::string& app) {
  if (to.Is(Value::Kind::kName) && to.LastName() == "AUTH_USER_MODEL") return "auth.user";
  if (!to.IsString()) return "";
  size_t dot = to.text.find('.');
  if (dot == std::string::npos) return app + "." + Lower(to.text);
  return to.text.substr(0, dot) + "." + Lower(to.text.substr(dot + 1));
}

std::string KeyType(const State& state, const std::string& target) {
  auto found = state.find(target);
  const Value* pk = found == state.end() ? nullptr : PrimaryKey(found->second);
  if (!pk) return "integer";  // Django's own models (auth.User) and unknown targets: AutoField
  std::string_view kind = FieldKind(*pk);
  if (kind == "AutoField") return "integer";
  if (kind == "BigAutoField") return "bigint";
  if (kind == "SmallAutoField") return "smallint";
  return FieldColumn(state, found->second, "", *pk).type;
}

Column FieldColumn(const State& state, const Model& model, const std::string& field_name,
                   const Value& field) {
  Column column;
  std::string_view kind = FieldKind(field);
  const Value* db_column = field.Keyword("db_column");
  column.name = db_column && db_column->IsString() ? db_column->text : field_name;
  const Value* null = field.Keyword("null");
  const Value* primary_key = field.Keyword("primary_key");
  column.not_null = !(null && null->IsTrue()) && kind != "NullBooleanField";
  if (primary_key && primary_key->IsTrue()) column.not_null = true;
  std::string self_key = model.app + "." + Lower(model.name);
  if (IsRelation(kind) || kind == "ManyToManyField") {
    const Value* to = field.Arg(0, "to");
    column.target = to && to->IsString() && to->text == "self" ? self_key : (to ? ModelKey(*to, model.app) : "");
    if (column.target.empty()) {
      column.problem = "a relation to a model named at run time";
      column.type = "integer";
    }
  }
  if (kind == "ManyToManyField") {
    column.m2m = true;
    return column;
  }
  if (IsRelation(kind)) {
    if (!db_column) column.name += "_id";
    if (column.type.empty()) {
      const Value* to_field = field.Keyword("to_field");
      auto target = state.find(column.target);
      column.type = KeyType(state, column.target);
      if (to_field && to_field->IsString() && target != state.end()) {
        for (const auto& [name, other] : target->second.fields) {
          if (name == to_field->text) column.type = FieldColumn(state, target->second, name, other).type;
        }
      }
    }
    return column;
  }
  std::string sql = FieldSql(field, column.problem);
  column.type = sql.empty() ? "unknown" : FormatSqlType(sql);
  return column;
}

std::optional<JoinTable> M2MTable(const State& state, const Model& model, const std::string& field_name,
                                  const Value& field) {
  if (field.Keyword("through")) return std::nullopt;  // the through model makes its own table
  if (const ThirdPartyField* known = ThirdParty(field); known && std::string_view(known->package) == "taggit") {
    return std::nullopt;  // TaggableManager's default through model is taggit's TaggedItem
  }
  Column relation = FieldColumn(state, model, field_name, field);
  JoinTable join;
  const Value* db_table = field.Keyword("db_table");
  join.table = db_table && db_table->IsString() ? db_table->text : model.table + "_" + field_name;
  std::string self_key = model.app + "." + Lower(model.name);
  // The auto-created through model's own key follows the app's default: guessed from the model's.
  const Value* pk = PrimaryKey(model);
  join.columns.push_back({"id", pk && FieldKind(*pk) == "BigAutoField" ? "bigint" : "integer", true});
  std::string from = Lower(model.name), to = ModelPart(relation.target);
  if (relation.target == self_key) {
    join.columns.push_back({"from_" + from + "_id", KeyType(state, self_key), true});
    join.columns.push_back({"to_" + to + "_id", KeyType(state, self_key), true});
  } else {
    join.columns.push_back({from + "_id", KeyType(state, self_key), true});
    join.columns.push_back({to + "_id", KeyType(state, relation.target), true});
  }
  return join;
}

}  // namespace ds::parsers::django
