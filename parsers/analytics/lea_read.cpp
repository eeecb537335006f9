// lea's layout: <root>/<schema>/<table>.sql is the table `schema.table`, and a deeper file
// <root>/<schema>/<sub>/<table>.sql is `schema.sub__table` (lea joins the folders below the
// schema with "__"). Queries name other tables as schema.table in plain SQL; `.sql.jinja` files
// are rendered like dbt models (lea gives them `env`, unknown here). A top-level `tests/` folder
// holds lea's singular tests, which are not tables; files named `_*` are not read.
//
// BigQuery has no schema inside a dataset: lea writes every table to one dataset (its
// LEA_BQ_DATASET_NAME) as `<dataset>.<schema>__<table>` (`<schema>__<sub>__<table>`), and the
// scripts name each other so (`kaya.core__orders`); lea rewrites the dataset they name to the
// one it writes to (a developer's `kaya_max`), which the dataset taken here stands for: the
// entry's `dataset:`, else the .env file's where lea runs, else the one the scripts name.
//
// DuckDB reads files in place (FROM 'seeds/x.csv', read_csv('x.csv'), read_parquet(...)), from
// the folder lea runs in: the one holding the scripts folder. A CSV file of the repository is a
// table with its header's columns (a seed, as dbt's are read); any other file is read partly.
#include <algorithm>
#include <cctype>
#include <map>
#include <optional>
#include <set>
#include <tuple>

#include "parsers/analytics/dbt_internal.h"
#include "parsers/analytics/jinja_render.h"
#include "parsers/analytics/query_relations.h"
#include "src/ir/query_walk.h"

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

// One lea script, before it is named.
struct Script {
  std::string path;
  std::vector<std::string> folders;  ///< below the root: the schema, then sub-schemas
  std::string table;                 ///< the file name without its extensions
  std::string sql;
  std::vector<ir::Diagnostic> diagnostics;  ///< the template's
};

// lea's name of a script's table: DuckDB's `schema.sub__table`, BigQuery's
// `<dataset>.schema__sub__table`.
ir::QualifiedName TableName(const Script& script, bool bigquery, const std::string& dataset) {
  std::string flat = script.table;
  for (size_t i = script.folders.size(); i-- > (bigquery ? 0 : 1);) flat = script.folders[i] + "__" + flat;
  return {bigquery ? dataset : script.folders[0], flat};
}

// `base` joined with a relative `path`, "." and ".." resolved; nullopt when ".." leaves the
// repository. A base outside it (a second checkout: absolute, or "../x") may climb further.
std::optional<std::string> Join(const std::string& base, const std::string& path) {
  std::vector<std::string> kept;
  bool absolute = base.starts_with("/"), outside = absolute || base == ".." || base.starts_with("../");
  for (const std::string& part : Split(base + "/" + path)) {
    if (part.empty() || part == ".") continue;
    if (part != "..") {
      kept.push_back(part);
    } else if (!kept.empty() && kept.back() != "..") {
      kept.pop_back();
    } else if (outside && !absolute) {
      kept.push_back(part);
    } else if (!absolute) {
      return std::nullopt;
    }
  }
  std::string out = absolute ? "/" : "";
  for (const std::string& part : kept) out += (out.empty() || out == "/" ? "" : "/") + part;
  return out;
}

// The folder lea runs in: the one holding its scripts folder (`lea run` finds `scripts/` there).
std::string RunFolder(const std::string& root) {
  std::string folder = root.ends_with("/") ? root.substr(0, root.size() - 1) : root;
  size_t slash = folder.find_last_of('/');
  return folder.empty() || folder == "." || slash == std::string::npos ? "" : folder.substr(0, slash);
}

// A variable of the .env file lea reads where it runs (python-dotenv's KEY=value lines, `export`
// and quotes allowed); "" when absent.
std::string DotEnv(const std::string& text, const std::string& key) {
  size_t at = 0;
  while (at < text.size()) {
    size_t end = text.find('\n', at);
    if (end == std::string::npos) end = text.size();
    std::string line = text.substr(at, end - at);
    at = end + 1;
    if (line.find_first_not_of(" \t") == std::string::npos) continue;
    line = line.substr(line.find_first_not_of(" \t"));
    if (line.starts_with("export ")) line = line.substr(7);
    if (line.find_first_not_of(" \t") == std::string::npos) continue;
    line = line.substr(line.find_first_not_of(" \t"));
    if (!line.starts_with(key)) continue;
    size_t equals = line.find_first_not_of(" \t", key.size());
    if (equals == std::string::npos || line[equals] != '=') continue;
    std::string value = line.substr(equals + 1);
    size_t begin = value.find_first_not_of(" \t");
    if (begin == std::string::npos) return "";
    value = value.substr(begin);
    if (value[0] == '"' || value[0] == '\'') {
      size_t close = value.find(value[0], 1);
      return close == std::string::npos ? "" : value.substr(1, close - 1);
    }
    size_t stop = value.find_first_of(" \t#\r");
    return stop == std::string::npos ? value : value.substr(0, stop);
  }
  return "";
}

// The folders .gitmodules names: their files are another repository's, not this one's.
std::vector<std::string> GitSubmodules(const FileReader& read) {
  std::vector<std::string> out;
  std::optional<std::string> text = read(".gitmodules");
  if (!text) return out;
  size_t at = 0;
  while (at < text->size()) {
    size_t end = text->find('\n', at);
    if (end == std::string::npos) end = text->size();
    std::string line = text->substr(at, end - at);
    at = end + 1;
    size_t start = line.find_first_not_of(" \t");
    if (start == std::string::npos || line.compare(start, 4, "path") != 0) continue;
    size_t equals = line.find('=', start + 4);
    if (equals == std::string::npos || line.find_first_not_of(" \t", start + 4) != equals) continue;
    size_t first = line.find_first_not_of(" \t", equals + 1), last = line.find_last_not_of(" \t\r");
    if (first != std::string::npos && last >= first) out.push_back(line.substr(first, last - first + 1));
  }
  return out;
}

// Where a file DuckDB reads in place is, and what it defines.
class FileReads {
 public:
  FileReads(const std::string& root, const FileReader& read, const dialect::Dialect& dialect, AnalyticsProject& out)
      : read_(read), dialect_(dialect), out_(out) {
    base_ = RunFolder(root);
  }

  // Each file `parsed` (a model's view) reads: a seed when it is a CSV file of the repository,
  // else an OutsideRead with the model's diagnostic saying why its columns are not checked.
  void Add(std::shared_ptr<const ir::ParsedFile>& parsed) {
    std::vector<ir::Diagnostic> said;
    for (const ir::SchemaOp& op : parsed->ops) {
      const auto* view = std::get_if<ir::CreateView>(&op.op);
      if (view == nullptr || !view->query) continue;
      std::vector<const ir::FromItem*> files;
      ir::QueryHooks hooks;
      hooks.relation = [&](const ir::FromItem& item, bool cte) {
        if (item.file && !cte) files.push_back(&item);
      };
      ir::WalkQuery(*view->query, hooks);
      for (const ir::FromItem* item : files) {
        ir::SourceSpan span = parsed->source ? parsed->source->SpanAt(item->offset) : op.span;
        std::string why = Resolve(item->relation);
        if (why.empty()) continue;
        out_.outside_reads.push_back({item->relation, span});
        said.push_back(ir::Diagnostic{ir::Severity::kWarning, span,
                                      "file '" + item->relation.name + "' " + why + ": its columns are not checked",
                                      ir::DiagCode::kUnmappedSource});
      }
    }
    if (said.empty()) return;
    auto copy = std::make_shared<ir::ParsedFile>(*parsed);
    copy->diagnostics.insert(copy->diagnostics.end(), said.begin(), said.end());
    std::stable_sort(copy->diagnostics.begin(), copy->diagnostics.end(), [](const ir::Diagnostic& a, const ir::Diagnostic& b) {
      return std::tie(a.span.line, a.span.column) < std::tie(b.span.line, b.span.column);
    });
    parsed = std::move(copy);
  }

 private:
  // "" when the file is a CSV file of the repository (its seed made once), else why its columns
  // cannot be seen.
  std::string Resolve(const ir::QualifiedName& relation) {
    auto known = resolved_.find(relation.name);
    if (known != resolved_.end()) return known->second;
    std::string& why = resolved_[relation.name];
    const std::string& written = relation.name;
    if (written.find("://") != std::string::npos || written.starts_with("/") || written.starts_with("~")) {
      return why = "is read from outside the repository";
    }
    if (written.find_first_of("*?[{") != std::string::npos) return why = "is a pattern of files, not read";
    std::optional<std::string> path = Join(base_, written);
    if (!path) return why = "is outside the repository";
    std::string lower = *path;
    std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    std::optional<std::string> text = lower.ends_with(".csv") ? read_(*path) : std::nullopt;
    if (!text) {
      for (const std::string& submodule : Submodules()) {
        if (path->starts_with(submodule + "/")) return why = "is in the git submodule " + submodule + ", not read";
      }
      if (!lower.ends_with(".csv")) return why = "(" + *path + ") is no CSV file";
      return why = "(" + *path + ") is not in the repository";
    }
    Seed seed;
    seed.unique_id = "file." + written;  // two spellings of one path are two tables, as in DuckDB
    seed.name = Split(*path).back().substr(0, Split(*path).back().find('.'));
    seed.relation = relation;
    seed.file = *path;
    std::vector<ir::Diagnostic> header;
    seed.columns = SeedColumns(*path, *text, ConfigMap{}, header);
    if (seed.columns.size() == 1 && seed.columns[0].name.find_first_of(";\t|") != std::string::npos) {
      return why = "(" + *path + ") is not separated by commas";  // DuckDB sniffs; we do not
    }
    out_.diagnostics.insert(out_.diagnostics.end(), header.begin(), header.end());
    // The table is named as the SQL names it, case kept: DuckDB reads the path as written.
    auto table = std::make_shared<ir::ParsedFile>(*SeedTable(seed, /*quote_columns=*/false, dialect_));
    std::get<ir::CreateTable>(table->ops.front().op).table = relation;
    seed.parsed = std::move(table);
    out_.seeds.push_back(std::move(seed));
    return why;
  }

  const std::vector<std::string>& Submodules() {
    if (!submodules_) submodules_ = GitSubmodules(read_);
    return *submodules_;
  }

  const FileReader& read_;
  const dialect::Dialect& dialect_;
  AnalyticsProject& out_;
  std::string base_;
  std::map<std::string, std::string> resolved_;  ///< path as written -> why not read ("" = a seed)
  std::optional<std::vector<std::string>> submodules_;
};

// The dataset lea's BigQuery scripts name each other in: the one most of their references to
// another script name (ties: the first in name order); "" when none does.
std::string DatasetNamed(const std::vector<Model>& models) {
  std::set<std::string> tables;
  for (const Model& m : models) tables.insert(m.relation.name);
  std::map<std::string, size_t> counts;
  for (const Model& m : models) {
    for (const ir::QualifiedName& read : m.depends_on) {
      if (!read.schema.empty() && tables.count(read.name)) ++counts[read.schema];
    }
  }
  std::string best;
  for (const auto& [dataset, count] : counts) {
    if (best.empty() || count > counts[best]) best = dataset;
  }
  return best;
}

}  // namespace

AnalyticsProject ReadLeaViews(const std::string& root, const std::vector<std::string>& paths, const FileReader& read,
                              const LeaOptions& options) {
  AnalyticsProject out;
  out.dialect = options.dialect;
  const bool bigquery = options.dialect->kind == dialect::DialectKind::kBigQuery;
  std::string prefix = root.empty() || root == "." ? "" : (root.ends_with("/") ? root : root + "/");
  std::vector<std::string> sorted = paths;
  std::sort(sorted.begin(), sorted.end());
  std::vector<Script> scripts;
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
    if (file_name.starts_with("_")) continue;  // lea leaves them out
    Script script;
    script.path = path;
    script.folders.assign(parts.begin(), parts.end() - 1);
    script.table = file_name.substr(0, file_name.find('.'));
    std::optional<std::string> text = read(path);
    if (!text) {
      out.diagnostics.push_back(ir::Diagnostic{ir::Severity::kWarning, ir::SourceSpan{path, 0, 0}, "could not read the file", ir::DiagCode::kUnreadableFile});
      continue;
    }
    if (jinja) {
      jinja::RenderContext context;
      context.file = path;
      context.this_relation = TableName(script, bigquery, options.dataset);
      context.identifier_quote = IdentifierQuote(*options.dialect);
      jinja::RenderResult rendered = jinja::Render(*text, context);
      script.sql = std::move(rendered.sql);
      script.diagnostics = std::move(rendered.diagnostics);
    } else {
      script.sql = std::move(*text);
    }
    scripts.push_back(std::move(script));
  }

  // Each script as its table, in `dataset` (BigQuery).
  auto build = [&](const std::string& dataset) {
    std::vector<Model> models;
    for (const Script& script : scripts) {
      Model m;
      m.relation = TableName(script, bigquery, dataset);
      m.name = m.relation.name;
      m.unique_id = m.relation.ToString();
      m.materialized = "table";
      m.file = script.path;
      m.sql = script.sql;
      // lea materializes every script as a table, rebuilt from its `*` at each run.
      m.parsed = BuildView(m.file, m.relation, m.sql, script.diagnostics, *options.dialect,
                           {ir::RelationKind::kView, {}, /*rebinds_star=*/true});
      for (const ir::SchemaOp& op : m.parsed->ops) {
        if (const auto* view = std::get_if<ir::CreateView>(&op.op); view && view->query) {
          m.depends_on = RelationsRead(*view->query);
        }
      }
      for (const ir::QualifiedName& r : m.depends_on) m.depends_on_ids.push_back(r.ToString());
      models.push_back(std::move(m));
    }
    return models;
  };
  std::string dataset = options.dataset;
  if (bigquery && dataset.empty()) {
    // What lea reads: the .env file where it runs, when the repository holds one.
    std::string folder = RunFolder(root);
    if (std::optional<std::string> env = read(folder.empty() ? ".env" : folder + "/.env")) {
      dataset = DotEnv(*env, "LEA_BQ_DATASET_NAME");
    }
  }
  if (bigquery && dataset.empty()) {
    // The folder's name stands for it until the scripts' references say which it is.
    std::vector<std::string> folders = Split(prefix.empty() ? std::string(".") : prefix.substr(0, prefix.size() - 1));
    std::string folder = folders.back() == "." ? "scripts" : folders.back();
    out.models = build(folder);
    std::string named = DatasetNamed(out.models);
    dataset = named.empty() ? folder : named;
    if (named.empty()) {
      out.diagnostics.push_back(ir::Diagnostic{
          ir::Severity::kWarning, ir::SourceSpan{root, 0, 0},
          "lea's BigQuery dataset (its LEA_BQ_DATASET_NAME) is not configured and no script names another: "
          "the tables are named " + folder + ".<schema>__<table> (set `dataset:` on the views entry)",
          ir::DiagCode::kConfiguration});
    }
    if (dataset != folder) out.models = build(dataset);
  } else {
    out.models = build(dataset);
  }
  FileReads files(root, read, *options.dialect, out);
  for (Model& m : out.models) files.Add(m.parsed);
  std::sort(out.models.begin(), out.models.end(), [](const Model& a, const Model& b) { return a.unique_id < b.unique_id; });
  std::sort(out.seeds.begin(), out.seeds.end(), [](const Seed& a, const Seed& b) { return a.unique_id < b.unique_id; });
  return out;
}

}  // namespace ds::analytics
