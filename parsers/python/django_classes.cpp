// A project's own field classes (`class ColorField(models.CharField)` in utilities/fields.py)
// followed to what they store, so migrations that name them get real column types.
#include <algorithm>

#include "parsers/python/django_history.h"
#include "src/ir/limits.h"

namespace ds::parsers::django {

namespace {

constexpr int kMaxBaseDepth = 16;  // a class's bases followed this far (and no cycle loops)

bool Django(const std::string& dotted) {
  return dotted.starts_with("models.") || dotted.starts_with("django.") || dotted.starts_with("migrations.");
}

}  // namespace

ProjectFields::ProjectFields(const std::vector<const DjangoRecord*>& modules) {
  for (const DjangoRecord* module : modules) {
    if (!module->classes.empty() || !module->imports.empty()) modules_[module->module] = module;
  }
}

// The class `dotted` names, as a migration writes it (`utilities.fields.ColorField`: a module
// whose dotted name ends with utilities.fields, else a module inside that package) or as a
// base is written in the module `from` (`BaseIPField`: that module's, else the project's only
// class of that name).
ProjectFields::Found ProjectFields::Find(const std::string& dotted, const std::string& from) const {
  size_t dot = dotted.rfind('.');
  std::string name = dot == std::string::npos ? dotted : dotted.substr(dot + 1);
  std::string module = dot == std::string::npos ? "" : dotted.substr(0, dot);
  auto in = [&](const std::string& key, const DjangoRecord* record) -> Found {
    auto found = record->classes.find(name);
    return found == record->classes.end() ? Found{} : Found{&found->second, key};
  };
  if (!module.empty()) {
    for (int pass = 0; pass < 2; ++pass) {
      for (const auto& [key, record] : modules_) {
        bool named = key == module || key.ends_with("." + module);
        bool inside = key.starts_with(module + ".") || key.find("." + module + ".") != std::string::npos;
        if (!(pass == 0 ? named : inside)) continue;
        if (Found f = in(key, record); f.definition) return f;
      }
    }
    return {};
  }
  if (auto own = modules_.find(from); own != modules_.end()) {
    if (Found f = in(own->first, own->second); f.definition) return f;
  }
  Found only;
  for (const auto& [key, record] : modules_) {
    if (Found f = in(key, record); f.definition) {
      if (only.definition) return {};  // two classes of that name: no guess
      only = f;
    }
  }
  return only;
}

std::optional<ProjectFields::Target> ProjectFields::Follow(const std::string& written, const std::string& from,
                                                           int depth) const {
  if (depth > kMaxBaseDepth) return std::nullopt;
  // A base named through the module's imports (`from phonenumber_field.modelfields import
  // PhoneNumberField`, `from . import fields`) is that name.
  std::string dotted = written;
  if (auto module = modules_.find(from); module != modules_.end()) {
    std::string head = written.substr(0, written.find('.'));
    if (auto imported = module->second->imports.find(head); imported != module->second->imports.end()) {
      dotted = imported->second + written.substr(head.size());
    }
  }
  Found found = Django(dotted) ? Found{} : Find(dotted, from);
  if (!found.definition) {
    Value probe;
    probe.kind = Value::Kind::kCall;
    probe.text = dotted;
    if (KnownFieldKind(FieldKind(probe))) return Target{dotted, "", {}};
    return std::nullopt;
  }
  const DjangoClass& c = *found.definition;
  std::optional<Target> target;
  if (!c.db_type.empty()) {
    target = Target{"", c.db_type, {}};
  } else if (KnownFieldKind(c.internal_type)) {
    target = Target{c.internal_type, "", {}};
  } else {
    for (const std::string& base : c.bases) {
      if ((target = Follow(base, found.module, depth + 1))) break;
    }
  }
  if (target) target->keywords.insert(target->keywords.end(), c.keywords.begin(), c.keywords.end());
  return target;
}

void ProjectFields::Rewrite(Value& value, int depth) const {
  if (depth > ir::kMaxNestingDepth) return;
  if (value.Is(Value::Kind::kCall) && value.text.find('.') != std::string::npos && !Django(value.text) &&
      !KnownFieldKind(FieldKind(value))) {
    auto cached = followed_.find(value.text);
    if (cached == followed_.end()) cached = followed_.emplace(value.text, Follow(value.text, "", 0)).first;
    if (const std::optional<Target>& target = cached->second) {
      value.text = target->db_type.empty() ? target->kind : "DbTypeField";
      if (!target->db_type.empty()) {
        Value type;
        type.kind = Value::Kind::kString;
        type.text = target->db_type;
        value.keywords.emplace_back("db_type", std::move(type));
      }
      // What __init__ sets (base classes first, so a subclass's own setting wins).
      for (const DjangoClass::Keyword& keyword : target->keywords) {
        auto set = std::find_if(value.keywords.begin(), value.keywords.end(),
                                [&](const auto& k) { return k.first == keyword.name; });
        if (set == value.keywords.end()) value.keywords.emplace_back(keyword.name, keyword.value);
        else if (keyword.forced) set->second = keyword.value;
      }
    }
  }
  for (Value& item : value.items) Rewrite(item, depth + 1);
  for (auto& keyword : value.keywords) Rewrite(keyword.second, depth + 1);
}

void ProjectFields::Resolve(Value& operation) const { Rewrite(operation, 0); }

}  // namespace ds::parsers::django
