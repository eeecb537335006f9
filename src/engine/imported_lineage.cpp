#include "src/engine/imported_lineage.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <set>

namespace ds::engine {

namespace {

using Json = nlohmann::json;

// "schema.name" as `lineage --format json` writes it (ToString: no quoting): split at the first dot.
ir::QualifiedName Relation(const Json& table) {
  if (!table.is_string()) return {};
  std::string text = table.get<std::string>();
  size_t dot = text.find('.');
  if (dot == std::string::npos) return {"", text};
  return {text.substr(0, dot), text.substr(dot + 1)};
}

std::string Text(const Json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : "";
}

lineage::Transform TransformOf(const std::string& name) {
  if (name == "identity") return lineage::Transform::kIdentity;
  if (name == "aggregation") return lineage::Transform::kAggregation;
  return lineage::Transform::kTransformation;
}

lineage::Indirect IndirectOf(const std::string& name) {
  if (name == "filter") return lineage::Indirect::kFilter;
  if (name == "sort") return lineage::Indirect::kSort;
  if (name == "window") return lineage::Indirect::kWindow;
  return lineage::Indirect::kConditional;
}

uint8_t UsagesOf(const Json& usages) {
  static const std::pair<const char*, uint8_t> kBits[] = {
      {"select", lineage::kSelect}, {"filter", lineage::kFilter}, {"join", lineage::kJoin},
      {"group", lineage::kGroup},   {"order", lineage::kOrder},   {"window", lineage::kWindow}};
  uint8_t bits = 0;
  if (!usages.is_array()) return lineage::kSelect;
  for (const Json& usage : usages) {
    for (const auto& [name, bit] : kBits) {
      if (usage.is_string() && usage.get<std::string>() == name) bits |= bit;
    }
  }
  return bits == 0 ? lineage::kSelect : bits;
}

lineage::ColumnSource SourceOf(const Json& j, bool indirect) {
  lineage::ColumnSource source;
  source.relation = Relation(j.value("table", Json()));
  source.column = Text(j, "column");
  if (indirect) {
    source.indirect = IndirectOf(Text(j, "kind"));
  } else {
    source.transform = TransformOf(Text(j, "transform"));
  }
  source.unresolved = j.value("unresolved", false);
  return source;
}

// A view traced where a relation was unknown reads it as `t.*` and its columns without a table
// (a CTE over `SELECT *` of it): with one such relation, those columns are its columns.
void AttributeUnknownReads(lineage::ViewLineage& view) {
  std::set<ir::QualifiedName> opaque;
  for (const lineage::Reference& ref : view.references) {
    if (ref.unresolved && ref.column == "*" && ref.relation.Qualified()) opaque.insert(ref.relation);
  }
  if (opaque.size() != 1) return;
  const ir::QualifiedName& relation = *opaque.begin();
  for (lineage::OutputColumn& column : view.columns) {
    for (auto* inputs : {&column.sources, &column.indirect}) {
      for (lineage::ColumnSource& source : *inputs) {
        if (source.unresolved && source.relation.name.empty()) source.relation = relation;
      }
    }
  }
  for (lineage::Reference& ref : view.references) {
    if (ref.unresolved && ref.relation.name.empty()) ref.relation = relation;
  }
}

lineage::ViewLineage ViewOf(const Json& j) {
  lineage::ViewLineage view;
  view.view = Relation(j.value("name", Json()));
  view.span = ir::SourceSpan{Text(j, "file"), j.value("line", 0), 0};
  view.materialized = j.value("materialized", false);
  view.partial = j.value("confidence", Json()) == Json("partial");
  for (const Json& c : j.value("columns", Json::array())) {
    lineage::OutputColumn column{Text(c, "name"), {}, {}};
    for (const Json& s : c.value("sources", Json::array())) column.sources.push_back(SourceOf(s, false));
    for (const Json& s : c.value("indirect", Json::array())) column.indirect.push_back(SourceOf(s, true));
    view.columns.push_back(std::move(column));
  }
  for (const Json& r : j.value("references", Json::array())) {
    view.references.push_back({Relation(r.value("table", Json())), Text(r, "column"), UsagesOf(r.value("usages", Json())),
                               r.value("unresolved", false)});
  }
  AttributeUnknownReads(view);
  std::set<ir::QualifiedName> relations;
  for (const lineage::Reference& ref : view.references) {
    if (ref.relation.Qualified()) relations.insert(ref.relation);
  }
  view.relations.assign(relations.begin(), relations.end());
  return view;
}

ir::Diagnostic Warn(const std::string& file, std::string message,
                    ir::DiagCode code = ir::DiagCode::kUnreadableFile) {
  return ir::Diagnostic{ir::Severity::kWarning, ir::SourceSpan{file, 0, 0}, std::move(message), code};
}

// The columns `*` stands for: a table's, or through a mirror, its production table's.
std::vector<std::string> StarColumns(const ir::QualifiedName& relation, const catalog::Catalog& catalog,
                                     const std::vector<analytics::Mirror>& mirrors) {
  const catalog::Table* table = catalog.FindTable(relation);
  if (table == nullptr) {
    if (std::optional<ir::QualifiedName> production = analytics::ToProduction(relation, mirrors)) {
      table = catalog.FindTable(*production);
    }
  }
  std::vector<std::string> columns;
  if (table != nullptr) {
    for (const catalog::Column& column : table->columns) columns.push_back(column.name);
  }
  return columns;
}

void ExpandStars(lineage::ViewLineage& view, const catalog::Catalog& catalog,
                 const std::vector<analytics::Mirror>& mirrors) {
  std::vector<lineage::Reference> expanded;
  for (const lineage::Reference& ref : view.references) {
    std::vector<std::string> columns = ref.column == "*" ? StarColumns(ref.relation, catalog, mirrors)
                                                         : std::vector<std::string>{};
    if (columns.empty()) {
      expanded.push_back(ref);
      continue;
    }
    for (const std::string& column : columns) expanded.push_back({ref.relation, column, ref.usages, false});
  }
  view.references = std::move(expanded);
}

}  // namespace

ImportedViews ParseLineageJson(const std::string& file, const std::string& text) {
  ImportedViews out;
  Json root = Json::parse(text, nullptr, false);
  if (root.is_discarded() || !root.is_object() || !root.contains("views") || !root["views"].is_array()) {
    out.diagnostics.push_back(
        Warn(file, "could not read " + file + ": not the JSON of `downstream lineage --format json`"));
    return out;
  }
  if (root.value("version", 0) != 1) {
    out.diagnostics.push_back(Warn(file, file + " has an unknown version: reading it as version 1", ir::DiagCode::kUnsupported));
  }
  for (const Json& j : root["views"]) {
    if (!j.is_object()) continue;
    lineage::ViewLineage view = ViewOf(j);
    if (!view.view.Qualified()) {
      out.diagnostics.push_back(Warn(file, "a view of " + file + " has no schema-qualified name: left out", ir::DiagCode::kUnsupported));
      continue;
    }
    out.views.push_back(std::move(view));
  }
  std::sort(out.views.begin(), out.views.end(), [](const auto& a, const auto& b) { return a.view < b.view; });
  return out;
}

ImportedViews ReadImportedViews(const git::Repository& repo, const git::Snapshot& snapshot,
                                const config::Config& config, BlobTexts& texts) {
  ImportedViews out;
  for (const config::ViewSource& source : config.views) {
    if (source.lineage.empty()) continue;
    std::optional<std::string> text;
    const git::FileEntry* entry = source.outside ? nullptr : snapshot.Find(source.lineage);
    if (entry != nullptr) text = texts.Read(entry->blob_id);
    if (!text) {
      DiskFile read = ReadFromDisk(repo, source.lineage);
      text = std::move(read.text);
      if (!text) {
        out.diagnostics.push_back(Warn(source.lineage, "could not read the lineage file " + source.lineage + " (" +
                                                           read.problem + "): its views are left out"));
        out.diagnostics.back().code = read.code;
        continue;
      }
    }
    try {
      ImportedViews one = ParseLineageJson(source.lineage, *text);
      out.diagnostics.insert(out.diagnostics.end(), one.diagnostics.begin(), one.diagnostics.end());
      for (lineage::ViewLineage& view : one.views) out.views.push_back(std::move(view));
    } catch (const Json::exception& e) {  // a value of an unexpected JSON type
      out.diagnostics.push_back(Warn(source.lineage, "could not read " + source.lineage + ": " + e.what()));
    }
  }
  std::stable_sort(out.views.begin(), out.views.end(), [](const auto& a, const auto& b) { return a.view < b.view; });
  return out;
}

void AddImportedBridges(const ImportedViews& imported, const config::Config& config, const std::string& tag,
                        RevisionInputs& inputs, ParsedFiles& parsed) {
  if (imported.views.empty()) return;
  std::vector<analytics::Mirror> mirrors = MirrorsOf(config);
  std::set<ir::QualifiedName> names, read;
  for (const lineage::ViewLineage& view : imported.views) names.insert(view.view);
  for (const lineage::ViewLineage& view : imported.views) {
    for (const ir::QualifiedName& relation : view.relations) {
      if (!names.count(relation) && analytics::ToProduction(relation, mirrors)) read.insert(relation);
    }
  }
  std::string file;  // the bridges are spanned at the (first) lineage file
  for (const config::ViewSource& source : config.views) {
    if (file.empty()) file = source.lineage;
  }
  analytics::AnalyticsProject project;  // the warehouse copies read, as sources
  for (const ir::QualifiedName& relation : read) {
    analytics::Source source;
    source.relation = relation;
    source.file = file;
    source.line = 1;
    project.sources.push_back(source);
  }
  AnalyticsRevision bridges;
  bridges.projects.push_back(std::move(project));
  AddAnalyticsViews(bridges, config, tag + ":imported", inputs, parsed);
}

void AddImportedViews(const ImportedViews& imported, const config::Config& config, catalog::Catalog& catalog,
                      lineage::LineageEngine& engine) {
  std::vector<analytics::Mirror> mirrors = MirrorsOf(config);
  for (const lineage::ViewLineage& given : imported.views) {
    if (catalog.FindView(given.view) != nullptr || catalog.FindTable(given.view) != nullptr) continue;
    catalog::View view;
    view.name = given.view;
    view.span = given.span;
    view.materialized = given.materialized;
    view.id = "imported:" + given.view.ToString();
    catalog.PutView(std::move(view));
    lineage::ViewLineage lineage = given;
    ExpandStars(lineage, catalog, mirrors);
    engine.Provide(std::move(lineage));
  }
}

}  // namespace ds::engine
