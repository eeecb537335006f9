#pragma once
/// The Django frontend: a migration file read statically (no Python runs). Its operations need
/// the model state of the migrations before it, so the file yields a DjangoRecord and
/// OrderHistory (parsers/migrations/framework_history.h) turns the history into schema ops.
#include <string>
#include <string_view>
#include <vector>

#include "parsers/treesitter/value.h"
#include "src/ir/parsed_file.h"

namespace ds::parsers {

/// A Django migration as read: its app, its name and its operations, each a call Value
/// (`migrations.AddField(model_name="book", name="title", field=models.CharField(...))`).
struct DjangoRecord : ir::FrameworkRecord {
  std::string app;   ///< the folder above migrations/
  std::string name;  ///< the file name without .py
  std::vector<Value> operations;
};

/// Reads `class Migration`: meta.id = "app.name", parents = dependencies ("app.name",
/// "app.__first__", "app.__latest__"), replaces, and the operations into a DjangoRecord.
/// Diagnostics: syntax errors, an operations list that is not a literal list, a file with no
/// Migration class. Safe to call from several threads at once.
ir::ParsedFile ParseDjangoFile(std::string_view path, std::string_view text);

/// The app label of a migration path: the folder above `migrations/` ("shop/orders/migrations/
/// 0001_initial.py" -> "orders").
std::string DjangoAppLabel(std::string_view path);

}  // namespace ds::parsers
