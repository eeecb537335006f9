#pragma once
/// Builders for hand-made schema ops and a readable dump of a catalog, for the catalog tests.
/// Header-only: only *_test.cpp / *_pgtest.cpp files of a test folder are built.
#include <memory>
#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "src/catalog/catalog.h"

namespace ds::test {

/// A migration file: its name and its ops (op i gets line i + 1, column 1).
struct OpFile {
  std::string name;
  std::vector<ir::OpKind> ops;
};

/// "users" or "app.users" (no folding: test names are written folded).
inline ir::QualifiedName Name(const std::string& dotted) {
  size_t dot = dotted.find('.');
  if (dot == std::string::npos) return {"", dotted};
  return {dotted.substr(0, dot), dotted.substr(dot + 1)};
}

/// A column written "name type[ not null]", e.g. "id integer not null".
inline ir::ColumnDef Column(const std::string& spec) {
  ir::ColumnDef column;
  size_t space = spec.find(' ');
  REQUIRE_MESSAGE(space != std::string::npos, "column spec needs a type: " << spec);
  column.name = spec.substr(0, space);
  column.type = spec.substr(space + 1);
  const std::string kNotNull = " not null";
  if (column.type.size() >= kNotNull.size() &&
      column.type.compare(column.type.size() - kNotNull.size(), kNotNull.size(), kNotNull) == 0) {
    column.type.resize(column.type.size() - kNotNull.size());
    column.not_null = true;
  }
  return column;
}

/// CREATE TABLE with columns written as for Column().
inline ir::CreateTable Create(const std::string& table,
                              const std::vector<std::string>& columns) {
  ir::CreateTable op;
  op.table = Name(table);
  for (const std::string& spec : columns) op.elements.push_back({Column(spec), std::nullopt});
  return op;
}

/// SELECT * FROM each relation (a cross join), as a view body.
inline std::shared_ptr<const ir::Query> SelectFrom(
    const std::vector<std::string>& relations) {
  auto query = std::make_shared<ir::Query>();
  ir::ResTarget star;
  star.expr.kind = ir::ExprKind::kStar;
  query->targets.push_back(std::move(star));
  for (const std::string& relation : relations) {
    ir::FromItem item;
    item.kind = ir::FromItem::Kind::kRelation;
    item.relation = Name(relation);
    query->from.push_back(std::move(item));
  }
  return query;
}

/// CREATE VIEW view AS SelectFrom(relations).
inline ir::CreateView View(const std::string& view,
                           const std::vector<std::string>& relations) {
  ir::CreateView op;
  op.view = Name(view);
  op.query = SelectFrom(relations);
  return op;
}

/// Replays the files in order (BeginFile before each); diagnostics go to `diagnostics`.
inline catalog::Catalog ReplayFiles(const std::vector<OpFile>& files,
                                    std::vector<ir::Diagnostic>* diagnostics = nullptr) {
  catalog::Catalog catalog;
  std::vector<ir::Diagnostic> sink;
  for (const OpFile& file : files) {
    catalog.BeginFile();
    for (size_t i = 0; i < file.ops.size(); ++i) {
      ir::SchemaOp op{ir::SourceSpan{file.name, static_cast<int>(i) + 1, 1}, file.ops[i]};
      catalog.Apply(op, sink);
    }
  }
  if (diagnostics != nullptr) *diagnostics = sink;
  return catalog;
}

/// One line per table ("public.users: id integer not null, email text"), view ("view
/// public.v") and enum ("enum public.mood: a, b"), sorted.
inline std::string Dump(const catalog::Catalog& catalog) {
  std::string out;
  for (const auto& [name, table] : catalog.tables()) {
    out += name.ToString() + (table.gone ? " (gone)" : "") + ":";
    for (size_t i = 0; i < table.columns.size(); ++i) {
      const catalog::Column& c = table.columns[i];
      out += (i == 0 ? " " : ", ") + c.name + " " + c.type + (c.not_null ? " not null" : "") +
             (c.gone ? " (gone)" : "");
    }
    out += "\n";
  }
  for (const auto& [name, view] : catalog.views()) {
    out += std::string(view.materialized ? "materialized view " : "view ") + name.ToString() +
           (view.gone ? " (gone)" : "") + "\n";
  }
  for (const auto& [name, type] : catalog.enums()) {
    out += "enum " + name.ToString() + ":";
    for (size_t i = 0; i < type.values.size(); ++i) out += (i == 0 ? " " : ", ") + type.values[i];
    out += "\n";
  }
  return out;
}

/// "file:line: message" lines.
inline std::string DumpDiagnostics(const std::vector<ir::Diagnostic>& diagnostics) {
  std::string out;
  for (const ir::Diagnostic& d : diagnostics) {
    out += d.span.file + ":" + std::to_string(d.span.line) + ": " + d.message + "\n";
  }
  return out;
}

/// "kind table[.column][ -> new][ old => new] @file:line" lines.
inline std::string DumpEvents(const catalog::Catalog& catalog) {
  static const char* kKinds[] = {"drop_table", "rename_table", "drop_column", "rename_column",
                                 "retype_column", "rename_type"};
  std::string out;
  for (const catalog::ChangeEvent& e : catalog.events()) {
    out += std::string(kKinds[static_cast<int>(e.kind)]) + " " + e.table.ToString();
    if (!e.column.empty()) out += "." + e.column;
    if (!e.new_name.empty()) out += " -> " + e.new_name;
    if (!e.old_type.empty()) out += " " + e.old_type + " => " + e.new_type;
    out += " @" + e.span.file + ":" + std::to_string(e.span.line) + "\n";
  }
  return out;
}

}  // namespace ds::test
