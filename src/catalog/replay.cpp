// Replay helpers shared by every op family: names through the search_path, identities,
// refusals and change events.
#include <string_view>

#include "src/catalog/replay.h"

namespace ds::catalog {
namespace {

// PostgreSQL's quote_ident() for the names we print (keywords aside).
std::string QuoteIdentifier(const std::string& name) {
  bool plain = !name.empty() && !(name[0] >= '0' && name[0] <= '9');
  for (char c : name) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) plain = false;
  }
  if (plain) return name;
  std::string out = "\"";
  for (char c : name) {
    out += c;
    if (c == '"') out += '"';
  }
  return out + "\"";
}

// Splits "a.b" without folding (names that came out of libpg_query are folded already).
ir::QualifiedName SplitRaw(std::string_view dotted) {
  size_t dot = dotted.find('.');
  if (dot == std::string_view::npos) return {"", std::string(dotted)};
  return {std::string(dotted.substr(0, dot)), std::string(dotted.substr(dot + 1))};
}

}  // namespace

void Replay::Refuse(std::string message) {
  diagnostics_.push_back(ir::Diagnostic{ir::Severity::kWarning, span_, std::move(message), ir::DiagCode::kMigrationRefused});
}

void Replay::RefuseDependents(const std::string& action, const std::vector<std::string>& dependents,
                              const std::string& remedy) {
  std::string names;
  for (const std::string& id : dependents) {
    const ir::QualifiedName* name = NameOf(id);
    if (name == nullptr) continue;
    const char* kind = catalog_.tables_.count(*name) != 0 ? "table " : "view ";
    names += (names.empty() ? "" : ", ") + std::string(kind) + name->ToString();
  }
  diagnostics_.push_back(ir::Diagnostic{
      ir::Severity::kError, span_,
      "the migration will fail: PostgreSQL refuses to " + action +
          " because other objects depend on it (" + names + "); " + remedy,
      ir::DiagCode::kMigrationRefused});
}

std::string Replay::Identity() const {
  return span_.file + ":" + std::to_string(span_.line) + ":" + std::to_string(span_.column);
}

std::optional<ir::QualifiedName> Replay::CreationName(const ir::QualifiedName& name) {
  if (name.Qualified()) {
    if (catalog_.schemas_.count(name.schema) == 0) {
      Refuse("schema " + name.schema + " does not exist");
      return std::nullopt;
    }
    return name;
  }
  for (const std::string& schema : catalog_.search_path_) {
    if (catalog_.schemas_.count(schema) != 0) return ir::QualifiedName{schema, name.name};
  }
  Refuse("no schema has been selected to create " + name.name + " in");
  return std::nullopt;
}

bool Replay::RelationExists(const ir::QualifiedName& qualified) const {
  return catalog_.tables_.count(qualified) != 0 || catalog_.views_.count(qualified) != 0;
}

Table* Replay::LookupTable(const ir::QualifiedName& name) {
  auto it = catalog_.tables_.find(catalog_.Qualify(name, catalog_.search_path_));
  return it == catalog_.tables_.end() ? nullptr : &it->second;
}

Table* Replay::RequireTable(const ir::QualifiedName& name, bool if_exists) {
  Table* table = LookupTable(name);
  if (table != nullptr || if_exists) return table;
  if (LookupView(name) != nullptr) {
    Refuse(name.ToString() + " is not a table");
  } else {
    Refuse("table " + name.ToString() + " does not exist");
  }
  return nullptr;
}

View* Replay::LookupView(const ir::QualifiedName& name) {
  auto it = catalog_.views_.find(catalog_.Qualify(name, catalog_.search_path_));
  return it == catalog_.views_.end() ? nullptr : &it->second;
}

std::string Replay::NormalizeType(const std::string& type) const {
  std::string base = type;
  std::string suffix;
  while (base.size() > 2 && base.compare(base.size() - 2, 2, "[]") == 0) {
    base.resize(base.size() - 2);
    suffix += "[]";
  }
  if (base.find_first_of(" (") != std::string::npos) return type;  // a built-in type
  for (const ir::QualifiedName& written : {SplitRaw(base), ir::ParseQualifiedName(base)}) {
    const Enum* found = nullptr;
    if (written.Qualified()) {
      found = catalog_.FindEnum(written);
    } else {
      for (const std::string& schema : catalog_.search_path_) {
        found = catalog_.FindEnum({schema, written.name});
        if (found != nullptr) break;
      }
    }
    if (found == nullptr) continue;
    return ShownTypeName(found->name) + suffix;
  }
  // A type we do not track (a domain, a composite): as format_type() shows it to the default
  // search_path, so that `public.year` and `year` are one type.
  constexpr std::string_view kPublic = "public.";
  if (base.starts_with(kPublic) && base.find('.', kPublic.size()) == std::string::npos) {
    return base.substr(kPublic.size()) + suffix;
  }
  return type;
}

std::string Replay::ShownTypeName(const ir::QualifiedName& type) {
  // format_type() qualifies a type that the default search_path ("public") does not see.
  std::string shown = QuoteIdentifier(type.name);
  if (!type.schema.empty() && type.schema != "public") {
    shown = QuoteIdentifier(type.schema) + "." + shown;
  }
  return shown;
}

ChangeEvent& Replay::Event(ChangeEvent::Kind kind, const std::string& object_id,
                           const std::string& table_id, const ir::QualifiedName& table) {
  ChangeEvent& event = catalog_.events_.emplace_back();
  event.kind = kind;
  event.object_id = object_id;
  event.table_id = table_id;
  event.table = table;
  event.span = span_;
  event.generation = catalog_.generation_;
  return event;
}

void Replay::operator()(const ir::SetSearchPath& op) { catalog_.search_path_ = op.schemas; }

void Replay::operator()(const ir::Unknown&) {
  // The frontend already reported what it could not read; replay has nothing to apply.
}

}  // namespace ds::catalog
