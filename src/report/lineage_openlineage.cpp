// `lineage --format openlineage`: the views as OpenLineage output datasets, each with a
// ColumnLineageDatasetFacet 1-2-0. Direct inputs are DIRECT/IDENTITY|TRANSFORMATION|AGGREGATION;
// a column's own indirect inputs are INDIRECT/CONDITIONAL|FILTER|SORT|WINDOW in its inputFields;
// what the view reads to filter, join, group, sort or window its rows is INDIRECT in `dataset`.
#include <cctype>
#include <map>
#include <set>
#include <nlohmann/json.hpp>

#include "src/report/lineage_report.h"

namespace ds::report {

namespace {

using Json = nlohmann::ordered_json;

constexpr const char* kSchemaUrl =
    "https://openlineage.io/spec/facets/1-2-0/ColumnLineageDatasetFacet.json"
    "#/$defs/ColumnLineageDatasetFacet";

std::string Upper(std::string text) {
  for (char& c : text) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return text;
}

// OpenLineage's subtype for a usage of the dataset (select is direct, not listed there).
const char* DatasetSubtype(const std::string& usage) {
  if (usage == "filter") return "FILTER";
  if (usage == "join") return "JOIN";
  if (usage == "group") return "GROUP_BY";
  if (usage == "order") return "SORT";
  if (usage == "window") return "WINDOW";
  return nullptr;
}

Json Transformation(const char* type, const std::string& subtype) {
  Json j;
  j["type"] = type;
  j["subtype"] = subtype;
  j["description"] = "";
  j["masking"] = false;
  return j;
}

class Writer {
 public:
  explicit Writer(const OpenLineageNames& names) : names_(names) {}

  std::string DatasetName(const std::string& table) const { return names_.database + "." + table; }

  Json Dataset(const std::string& table) const {
    Json j;
    j["namespace"] = names_.dataset_namespace;
    j["name"] = DatasetName(table);
    return j;
  }

  // One inputField per (table, column), its transformations in the order met.
  Json Field(const std::string& table, const std::string& column, const Json& transformations) {
    Json j = Dataset(table);
    j["field"] = column;
    j["transformations"] = transformations;
    return j;
  }

  Json ColumnFields(const LineageColumn& column) {
    std::map<std::pair<std::string, std::string>, Json> inputs;
    for (const LineageInput& input : column.sources) {
      if (input.unresolved) continue;
      inputs[{input.table, input.column}].push_back(Transformation("DIRECT", Upper(input.kind)));
    }
    for (const LineageInput& input : column.indirect) {
      if (input.unresolved) continue;
      inputs[{input.table, input.column}].push_back(Transformation("INDIRECT", Upper(input.kind)));
    }
    Json fields = Json::array();
    for (const auto& [key, transformations] : inputs) {
      fields.push_back(Field(key.first, key.second, transformations));
      inputs_.insert(key.first);
    }
    return fields;
  }

  Json Output(const LineageView& view) {
    Json facet;
    facet["_producer"] = names_.producer;
    facet["_schemaURL"] = kSchemaUrl;
    facet["fields"] = Json::object();
    for (const LineageColumn& column : view.columns) {
      facet["fields"][column.name]["inputFields"] = ColumnFields(column);
    }
    facet["dataset"] = Json::array();
    for (const LineageReference& ref : view.references) {
      if (ref.unresolved) continue;
      Json transformations = Json::array();
      for (const std::string& usage : ref.usages) {
        if (const char* subtype = DatasetSubtype(usage)) {
          transformations.push_back(Transformation("INDIRECT", subtype));
        }
      }
      if (transformations.empty()) continue;
      facet["dataset"].push_back(Field(ref.table, ref.column, transformations));
      inputs_.insert(ref.table);
    }
    for (const std::string& relation : view.relations) inputs_.insert(relation);
    Json output = Dataset(view.name);
    output["facets"]["columnLineage"] = std::move(facet);
    return output;
  }

  const std::set<std::string>& inputs() const { return inputs_; }

 private:
  const OpenLineageNames& names_;
  std::set<std::string> inputs_;
};

}  // namespace

void WriteLineageOpenLineage(const LineageReport& report, const OpenLineageNames& names,
                             std::ostream& out) {
  Writer writer(names);
  Json outputs = Json::array();
  for (const LineageView& view : report.views) outputs.push_back(writer.Output(view));
  Json root;
  root["inputs"] = Json::array();
  for (const std::string& input : writer.inputs()) root["inputs"].push_back(writer.Dataset(input));
  root["outputs"] = std::move(outputs);
  out << root.dump(2, ' ', false, Json::error_handler_t::replace) << "\n";
}

}  // namespace ds::report
