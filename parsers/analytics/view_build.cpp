// A model's rendered SELECT becomes `CREATE VIEW <relation> AS` + a newline + the SQL, parsed in
// the warehouse's dialect with the prefix on line 0, so every offset of the query maps to the
// model's own line and column. Whatever the model is materialized as, for lineage it is a view;
// its kind (model, snapshot, lea view) says what its tool calls it.
#include <algorithm>
#include <tuple>

#include "parsers/analytics/dbt_internal.h"
#include "parsers/analytics/jinja_value.h"
#include "parsers/dialect/parse_query.h"
#include "parsers/views/analytics_sql.h"

namespace ds::analytics {
namespace {

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

/// The SQL without its trailing `;` and white space (dbt models usually have neither).
std::string_view TrimEnd(std::string_view sql) {
  while (!sql.empty() && (IsSpace(sql.back()) || sql.back() == ';')) sql.remove_suffix(1);
  return sql;
}

/// Where the SQL starts: its first character that is not white space or a comment.
ir::SourceSpan FirstPosition(const std::string& file, std::string_view sql) {
  int line = 1, column = 1;
  auto advance = [&](size_t& i) {
    if (sql[i] == '\n') {
      ++line;
      column = 1;
    } else {
      ++column;
    }
    ++i;
  };
  for (size_t i = 0; i < sql.size();) {
    if (sql.substr(i, 2) == "--") {
      while (i < sql.size() && sql[i] != '\n') advance(i);
    } else if (sql.substr(i, 2) == "/*") {
      size_t end = sql.find("*/", i + 2);
      end = end == std::string_view::npos ? sql.size() : end + 2;
      while (i < end) advance(i);
    } else if (IsSpace(sql[i])) {
      advance(i);
    } else {
      return ir::SourceSpan{file, line, column};
    }
  }
  return ir::SourceSpan{file, 1, 1};
}

/// The model as a salvaged view (ir::Query::salvaged): the relations and names of `salvaged` (a
/// statement the SQL frontend read partly; null when there is none) and the relations the
/// template says it reads.
ir::SchemaOp SalvagedView(const ir::QualifiedName& relation, const ir::SourceSpan& start, ir::RelationKind kind,
                          const ir::Query* salvaged, const std::vector<ir::QualifiedName>& reads,
                          std::shared_ptr<const ir::SourceText> source = nullptr) {
  std::vector<std::pair<ir::QualifiedName, uint32_t>> relations;
  std::vector<std::pair<std::string, uint32_t>> names;
  uint32_t offset = 0;
  if (salvaged != nullptr) {
    offset = salvaged->offset;
    for (const ir::FromItem& item : salvaged->from) relations.emplace_back(item.relation, item.offset);
    for (const ir::Expr& name : salvaged->salvaged_names) names.emplace_back(name.names.front(), name.offset);
  }
  for (const ir::QualifiedName& read : reads) relations.emplace_back(read, offset);
  ir::CreateView view;
  view.view = relation;
  view.query = std::make_shared<const ir::Query>(dialect::SalvagedQuery(relations, names, offset));
  view.source = std::move(source);
  view.kind = kind;
  return ir::SchemaOp{start, std::move(view)};
}

}  // namespace

bool RebindsStar(const Model& model, const dialect::Dialect& dialect) {
  if (model.contract_enforced) return false;
  const std::string& m = model.materialized;
  if (m == "view") return dialect.ViewsRebindStar();
  if (m == "incremental") return model.on_schema_change == "append_new_columns" || model.on_schema_change == "sync_all_columns";
  // A snapshot keeps a vanished column, NULL from then on: its history silently stops, so it is
  // reported as broken. Custom materializations are taken as bound, like a view.
  return m == "table" || m == "ephemeral";
}

char IdentifierQuote(const dialect::Dialect& dialect) {
  return dialect.double_quoted_strings ? '`' : '"';
}

std::shared_ptr<const ir::ParsedFile> BuildView(const std::string& file, const ir::QualifiedName& relation,
                                                std::string_view sql, std::vector<ir::Diagnostic> extra,
                                                const dialect::Dialect& dialect, const ViewTraits& traits) {
  const ir::RelationKind kind = traits.kind;
  const std::vector<ir::QualifiedName>& reads = traits.reads;
  std::string_view body = TrimEnd(sql);
  ir::SourceSpan start = FirstPosition(file, body);
  auto parsed = std::make_shared<ir::ParsedFile>();
  std::vector<ir::SchemaOp> views;
  if (body.empty()) {
    extra.push_back(ir::Diagnostic{ir::Severity::kWarning, start, "the model renders to no SQL", ir::DiagCode::kNotAQuery});
  } else {
    char quote = IdentifierQuote(dialect);
    std::string name = relation.schema.empty() ? jinja::QuoteIdentifier(relation.name, quote)
                                               : jinja::QuoteIdentifier(relation.schema, quote) + "." +
                                                     jinja::QuoteIdentifier(relation.name, quote);
    std::string text = "CREATE VIEW " + name + " AS\n" + std::string(body);
    *parsed = views::ParseAnalyticsSql(file, text, dialect, 0, 1);
    for (ir::SchemaOp& op : parsed->ops) {
      if (!std::holds_alternative<ir::CreateView>(op.op)) continue;
      if (!views.empty()) {
        parsed->diagnostics.push_back(ir::Diagnostic{ir::Severity::kWarning, op.span,
                                                     "statements after the model's query are not read", ir::DiagCode::kUnsupported});
        continue;
      }
      op.span = start;
      auto& view = std::get<ir::CreateView>(op.op);
      view.kind = kind;
      // Read partly: what the template said it reads (ref, source) joins what the SQL names.
      if (view.query && view.query->salvaged && !reads.empty()) op = SalvagedView(relation, start, kind, view.query.get(), reads, view.source);
      std::get<ir::CreateView>(op.op).rebinds_star = traits.rebinds_star;
      std::get<ir::CreateView>(op.op).binds_types = false;  // built by dbt or lea in the warehouse
      views.push_back(std::move(op));
    }
    if (views.empty() && parsed->diagnostics.empty()) {
      parsed->diagnostics.push_back(ir::Diagnostic{ir::Severity::kWarning, start, "the model is not a query", ir::DiagCode::kNotAQuery});
    }
    for (ir::Diagnostic& d : parsed->diagnostics) {
      if (d.span.line < 1) d.span = start;  // an error in our own prefix: point at the model
    }
  }
  // Nothing drops out: a model whose SQL gave no view still reads what its template names.
  if (views.empty() && !reads.empty()) views.push_back(SalvagedView(relation, start, kind, nullptr, reads, parsed->source));
  parsed->ops = std::move(views);
  parsed->diagnostics.insert(parsed->diagnostics.end(), extra.begin(), extra.end());
  std::stable_sort(parsed->diagnostics.begin(), parsed->diagnostics.end(),
                   [](const ir::Diagnostic& a, const ir::Diagnostic& b) {
                     return std::tie(a.span.line, a.span.column) < std::tie(b.span.line, b.span.column);
                   });
  return parsed;
}

std::vector<ir::Diagnostic> AllDiagnostics(const AnalyticsProject& project) {
  std::vector<ir::Diagnostic> out = project.diagnostics;
  for (const Model& m : project.models) {
    if (m.parsed) out.insert(out.end(), m.parsed->diagnostics.begin(), m.parsed->diagnostics.end());
  }
  std::stable_sort(out.begin(), out.end(), [](const ir::Diagnostic& a, const ir::Diagnostic& b) {
    return std::tie(a.span.file, a.span.line, a.span.column) < std::tie(b.span.file, b.span.line, b.span.column);
  });
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

}  // namespace ds::analytics
