// lea's layout: <root>/<schema>/<table>.sql is the table `schema.table`, and a deeper file
// <root>/<schema>/<sub>/<table>.sql is `schema.sub__table` (lea joins the folders below the
// schema with "__"). Queries name other tables as schema.table in plain SQL; `.sql.jinja` files
// are rendered like dbt models (lea gives them `env`, unknown here). A top-level `tests/` folder
// holds lea's singular tests, which are not tables.
#include <algorithm>

#include "parsers/analytics/dbt_internal.h"
#include "parsers/analytics/jinja_render.h"
#include "parsers/analytics/query_relations.h"

namespace ds::analytics {
namespace {

std::vector<std::string> Split(const std::string& path) {
  std::vector<std::string> parts;
  size_t start = 0;
  for (size_t slash = path.find('/'); slash != std::string::npos; slash = path.find('/', start)) {
    parts.push_back(path.substr(start, slash - start));
    start = slash + 1;
  }
  parts.push_back(path.substr(start));
  return parts;
}

}  // namespace

AnalyticsProject ReadLeaViews(const std::string& root, const std::vector<std::string>& paths, const FileReader& read,
                              const LeaOptions& options) {
  AnalyticsProject out;
  out.dialect = options.dialect;
  std::string prefix = root.empty() || root == "." ? "" : (root.ends_with("/") ? root : root + "/");
  std::vector<std::string> sorted = paths;
  std::sort(sorted.begin(), sorted.end());
  for (const std::string& path : sorted) {
    if (!path.starts_with(prefix)) continue;
    std::vector<std::string> parts = Split(path.substr(prefix.size()));
    if (parts.size() < 2 || parts[0] == "tests") continue;
    std::string file_name = parts.back();
    bool jinja = file_name.ends_with(".sql.jinja");
    if (!jinja && !file_name.ends_with(".sql")) {
      if (file_name.ends_with(".py")) {
        out.diagnostics.push_back(ir::Diagnostic{ir::Severity::kWarning, ir::SourceSpan{path, 0, 0},
                                                 "lea Python scripts are not run: the columns of its table are unknown",
                                                 ir::DiagCode::kNotAQuery});
      }
      continue;
    }
    std::string table = file_name.substr(0, file_name.find('.'));
    for (size_t i = parts.size() - 2; i >= 1; --i) table = parts[i] + "__" + table;
    Model m;
    m.name = table;
    m.unique_id = parts[0] + "." + table;
    m.relation = ir::QualifiedName{parts[0], table};
    m.materialized = "table";
    m.file = path;
    std::optional<std::string> text = read(path);
    if (!text) {
      out.diagnostics.push_back(ir::Diagnostic{ir::Severity::kWarning, ir::SourceSpan{path, 0, 0}, "could not read the file", ir::DiagCode::kUnreadableFile});
      continue;
    }
    std::vector<ir::Diagnostic> diagnostics;
    if (jinja) {
      jinja::RenderContext context;
      context.file = path;
      context.this_relation = m.relation;
      context.identifier_quote = IdentifierQuote(*options.dialect);
      jinja::RenderResult rendered = jinja::Render(*text, context);
      m.sql = std::move(rendered.sql);
      diagnostics = std::move(rendered.diagnostics);
    } else {
      m.sql = std::move(*text);
    }
    // lea materializes every script as a table, rebuilt from its `*` at each run.
    m.parsed = BuildView(m.file, m.relation, m.sql, std::move(diagnostics), *options.dialect,
                         {ir::RelationKind::kView, {}, /*rebinds_star=*/true});
    for (const ir::SchemaOp& op : m.parsed->ops) {
      if (const auto* view = std::get_if<ir::CreateView>(&op.op); view && view->query) {
        m.depends_on = RelationsRead(*view->query);
      }
    }
    for (const ir::QualifiedName& r : m.depends_on) m.depends_on_ids.push_back(r.ToString());
    out.models.push_back(std::move(m));
  }
  std::sort(out.models.begin(), out.models.end(), [](const Model& a, const Model& b) { return a.unique_id < b.unique_id; });
  return out;
}

}  // namespace ds::analytics
