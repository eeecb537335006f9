#pragma once
/// The Django frontend: a migration file read statically (no Python runs). Its operations need
/// the model state of the migrations before it, so the file yields a DjangoRecord and
/// OrderHistory (parsers/migrations/framework_history.h) turns the history into schema ops.
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "parsers/treesitter/value.h"
#include "src/ir/parsed_file.h"

namespace ds::parsers {

/// A class a project module defines (`class ColorField(models.CharField)`), the parts that tell
/// what a model field of that class stores as.
struct DjangoClass {
  std::vector<std::string> bases;  ///< as written: "models.CharField", "BaseIPField"
  std::string db_type;             ///< `def db_type(...)`'s first literal return ("macaddr")
  std::string internal_type;       ///< `def get_internal_type(...)`'s first literal return
  /// What `__init__` sets in kwargs: `kwargs["max_length"] = 6` (forced) or
  /// `kwargs.setdefault("max_length", 6)` (a default), in order.
  struct Keyword {
    std::string name;
    Value value;
    bool forced = false;
  };
  std::vector<Keyword> keywords;
};

/// A Django migration as read: its app, its name and its operations, each a call Value
/// (`migrations.AddField(model_name="book", name="title", field=models.CharField(...))`).
/// A module outside migrations/ (fields.py, models.py) read for its classes has `module` set
/// instead, and no meta.id.
struct DjangoRecord : ir::FrameworkRecord {
  std::string app;   ///< the folder above migrations/
  std::string name;  ///< the file name without .py
  std::vector<Value> operations;
  std::string module;  ///< a module's dotted name ("netbox.utilities.fields")
  std::map<std::string, DjangoClass> classes;  ///< a module's top-level classes by name
  /// A module's `from X import Y as Z`: "Z" -> "X.Y" (relative imports made absolute).
  std::map<std::string, std::string> imports;
};

/// A file under a migrations/ folder: reads `class Migration`: meta.id = "app.name", parents =
/// dependencies ("app.name", "app.__first__", "app.__latest__"), replaces, and the operations
/// into a DjangoRecord.
/// Diagnostics: syntax errors, an operations list that is not a literal list, a file with no
/// Migration class. Any other file (a module the migrations' field classes come from) is read
/// for its classes, silently. Safe to call from several threads at once.
ir::ParsedFile ParseDjangoFile(std::string_view path, std::string_view text);

/// The app label of a migration path: the folder above `migrations/` ("shop/orders/migrations/
/// 0001_initial.py" -> "orders").
std::string DjangoAppLabel(std::string_view path);

}  // namespace ds::parsers
