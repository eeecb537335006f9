#pragma once
/// What ref() and source() name: the project's models (versions included) and sources, by the
/// relation each was given. Shared by the project and manifest readers. Internal.
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "parsers/analytics/dbt_internal.h"
#include "parsers/analytics/jinja_render.h"

namespace ds::analytics {

struct Resolved {
  ir::QualifiedName relation;
  std::string unique_id;  ///< "" when nothing of the project has that name
};

class Resolver {
 public:
  void Init(std::string project, std::string default_schema);
  void AddModel(const Model& model);
  void AddSource(const Source& source);
  void AddSeed(const Seed& seed);
  /// ref('m') is the latest version of a versioned model; a name the project does not have
  /// resolves to `<default schema>.<name>` (a source: `<source>.<table>`) with no unique id.
  Resolved Resolve(const jinja::RelationUse& use) const;
  /// Adds the relations and ids `uses` resolve to; names the project lacks are diagnostics.
  void Depend(const std::vector<jinja::RelationUse>& uses, const std::string& file,
              std::vector<ir::QualifiedName>& relations, std::vector<std::string>& ids,
              std::vector<ir::Diagnostic>& diagnostics) const;
  /// An exposure with its depends_on expressions evaluated.
  Exposure ResolveExposure(const ExposureProps& props, jinja::RenderContext context,
                           std::vector<ir::Diagnostic>& diagnostics) const;

 private:
  struct Entry {
    std::string version;
    std::string latest_version;
    Resolved resolved;
  };
  std::string project_;
  std::string default_schema_;
  std::map<std::string, std::vector<Entry>> models_;
  std::map<std::pair<std::string, std::string>, Resolved> sources_;
};

}  // namespace ds::analytics
