// Exposures at the end of the chain: a finding names the dashboards and applications that read
// what it breaks, with their owners, so the people to warn are in the report.
#include <algorithm>
#include <map>

#include "src/engine/analytics_side.h"

namespace ds::engine {

namespace {

// The name lineage knows a model or source by: the view its CREATE VIEW op creates (names as
// the SQL frontend folded them), else its relation as written.
std::map<std::string, ir::QualifiedName> RelationsById(const analytics::AnalyticsProject& project) {
  std::map<std::string, ir::QualifiedName> out;
  for (const analytics::Model& model : project.models) {
    ir::QualifiedName name = model.relation;
    if (model.parsed && !model.parsed->ops.empty()) {
      if (const auto* view = std::get_if<ir::CreateView>(&model.parsed->ops.front().op)) name = view->view;
    }
    out[model.unique_id] = name;
  }
  for (const analytics::Seed& seed : project.seeds) {
    out[seed.unique_id] = seed.parsed && !seed.parsed->ops.empty()
                              ? std::get<ir::CreateTable>(seed.parsed->ops.front().op).table
                              : seed.relation;
  }
  for (const analytics::Source& source : project.sources) out[source.unique_id] = source.relation;
  return out;
}

ir::Exposure ExposureOf(const analytics::Exposure& x) {
  ir::Exposure out;
  out.name = x.name;
  out.label = x.label;
  out.type = x.type;
  out.url = x.url;
  out.owner_name = x.owner_name;
  out.owner_email = x.owner_email;
  out.span = ir::SourceSpan{x.file, x.line, 0};
  return out;
}

struct Reader {
  ir::Exposure exposure;
  std::vector<ir::QualifiedName> reads;
};

// Every exposure with the relations it depends on; head's first, base's for those head lost.
std::vector<Reader> Readers(const AnalyticsRevision& head, const AnalyticsRevision& base) {
  std::vector<Reader> out;
  std::map<std::string, bool> seen;
  for (const AnalyticsRevision* revision : {&head, &base}) {
    for (const analytics::AnalyticsProject& project : revision->projects) {
      std::map<std::string, ir::QualifiedName> by_id = RelationsById(project);
      for (const analytics::Exposure& x : project.exposures) {
        if (seen[x.unique_id]) continue;
        seen[x.unique_id] = true;
        Reader reader{ExposureOf(x), {}};
        for (const std::string& id : x.depends_on_ids) {
          auto it = by_id.find(id);
          if (it != by_id.end()) reader.reads.push_back(it->second);
        }
        for (const ir::QualifiedName& relation : x.depends_on) reader.reads.push_back(relation);
        out.push_back(std::move(reader));
      }
    }
  }
  return out;
}

}  // namespace

void AssignExposures(std::vector<ir::Finding>& findings, const AnalyticsRevision& head,
                     const AnalyticsRevision& base) {
  std::vector<Reader> readers = Readers(head, base);
  if (readers.empty()) return;
  for (ir::Finding& finding : findings) {
    std::vector<ir::QualifiedName> broken{finding.change.table};
    for (const ir::Impact& impact : finding.impacts) broken.push_back(impact.view);
    for (const Reader& reader : readers) {
      auto via = std::find_if(broken.begin(), broken.end(), [&](const ir::QualifiedName& name) {
        return std::find(reader.reads.begin(), reader.reads.end(), name) != reader.reads.end();
      });
      if (via == broken.end()) continue;
      ir::Exposure exposure = reader.exposure;
      exposure.via = *via;
      finding.exposures.push_back(std::move(exposure));
    }
    std::sort(finding.exposures.begin(), finding.exposures.end(),
              [](const ir::Exposure& a, const ir::Exposure& b) { return a.name < b.name; });
  }
}

}  // namespace ds::engine
