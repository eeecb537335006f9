// DO blocks: PL/pgSQL read with libpg_query's own PL/pgSQL parser. Most DO blocks in migrations
// move data (loops of INSERTs, a guard that RAISEs); those change no column and are skipped
// without a word. A block that runs DDL, dynamic SQL (EXECUTE) or a procedure (CALL) may change
// the schema in ways we cannot follow (under conditions, in loops): one "not understood" on the
// line of the first such statement.
#include <nlohmann/json.hpp>

#include <cctype>
#include <vector>

#include "parsers/sql/transform.h"

namespace ds::parsers::sql {
namespace {

// Bodies past this are not read: the PL/pgSQL parser runs on the caller's stack, which the SQL
// parser trusts up to the same size (pg_tree.cpp's kOwnStackAbove).
constexpr size_t kMaxBodyBytes = 32 << 10;

struct DoBlock {
  std::string body;
  std::string language = "plpgsql";
  int32_t location = -1;  ///< of the body's string, in the parsed text
};

DoBlock ReadDoBlock(const PgQuery__DoStmt* stmt) {
  DoBlock out;
  for (size_t i = 0; i < stmt->n_args; ++i) {
    const PgQuery__Node* arg = stmt->args[i];
    if (arg == nullptr || arg->node_case != PG_QUERY__NODE__NODE_DEF_ELEM) continue;
    const PgQuery__DefElem* item = arg->def_elem;
    std::string name = item->defname != nullptr ? item->defname : "";
    if (name == "as") {
      out.body = std::string(pg::StringOf(item->arg));
      out.location = item->location;
    } else if (name == "language") {
      out.language.clear();
      for (char c : pg::StringOf(item->arg)) out.language += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
  }
  return out;
}

// What an embedded SQL statement is when it may change a column ("AlterTableStmt"); "" when it
// cannot: data, or what a top-level statement would turn into no schema operation (an index, ALTER
// TABLE ... ADD CONSTRAINT), as the statement's own transform says in a scratch file.
std::string MayChangeColumns(const std::string& query, const StatementContext& outer) {
  pg::ParseTree tree(query);
  if (!tree.ok()) return "a statement that does not parse";
  for (size_t i = 0; i < tree.tree().n_stmts; ++i) {
    const PgQuery__Node* node = tree.tree().stmts[i]->stmt;
    if (node == nullptr) continue;
    switch (node->node_case) {
      case PG_QUERY__NODE__NODE_SELECT_STMT:
        if (node->select_stmt->into_clause != nullptr) return "SELECT INTO";
        continue;
      case PG_QUERY__NODE__NODE_INSERT_STMT:
      case PG_QUERY__NODE__NODE_UPDATE_STMT:
      case PG_QUERY__NODE__NODE_DELETE_STMT:
      case PG_QUERY__NODE__NODE_VARIABLE_SET_STMT:
        continue;
      default: {
        if (CannotChangeColumns(node->node_case)) continue;
        ir::ParsedFile scratch;
        scratch.source = outer.out.source;
        StatementContext context{scratch, outer.span, 0, 0};
        TransformStatement(node, context);
        if (!scratch.ops.empty() || !scratch.diagnostics.empty()) return pg::NodeTypeName(node);
      }
    }
  }
  return "";
}

struct Changer {
  std::string what;  ///< empty: the block leaves every column alone
  int line = 1;      ///< in the body, 1-based
};

// Walks the PL/pgSQL tree (libpg_query's JSON) without recursion, in statement order.
Changer FirstChanger(const nlohmann::json& functions, const StatementContext& outer) {
  std::vector<const nlohmann::json*> stack = {&functions};
  while (!stack.empty()) {
    const nlohmann::json* node = stack.back();
    stack.pop_back();
    if (node->is_array()) {
      for (auto it = node->rbegin(); it != node->rend(); ++it) stack.push_back(&*it);
      continue;
    }
    if (!node->is_object()) continue;
    std::vector<const nlohmann::json*> children;
    for (auto it = node->begin(); it != node->end(); ++it) {
      const nlohmann::json& value = it.value();
      int line = value.is_object() ? value.value("lineno", 1) : 1;
      if (it.key() == "PLpgSQL_stmt_dynexecute") return {"EXECUTE", line};
      // PL/pgSQL keeps a DO within the block as a call (is_call false): read as the SQL it is.
      bool is_do = it.key() == "PLpgSQL_stmt_call" && value.is_object() && !value.value("is_call", false);
      if (it.key() == "PLpgSQL_stmt_call" && !is_do) return {"CALL", line};
      if (it.key() == "PLpgSQL_stmt_execsql" || is_do) {
        const nlohmann::json* query = &value;
        for (const char* key : {is_do ? "expr" : "sqlstmt", "PLpgSQL_expr", "query"}) {
          query = query->is_object() && query->contains(key) ? &(*query)[key] : nullptr;
          if (query == nullptr) break;
        }
        if (query == nullptr || !query->is_string()) return {"a statement", line};
        if (std::string what = MayChangeColumns(query->get<std::string>(), outer); !what.empty()) return {what, line};
        continue;
      }
      if (value.is_structured()) children.push_back(&value);
    }
    for (auto it = children.rbegin(); it != children.rend(); ++it) stack.push_back(*it);
  }
  return {};
}

}  // namespace

void TransformDo(const PgQuery__DoStmt* stmt, StatementContext& context) {
  // A DO block may hold a DO block (as SQL it runs): read a few levels, no more.
  thread_local int depth = 0;
  struct Nested {
    Nested() { ++depth; }
    ~Nested() { --depth; }
  } nested;
  DoBlock block = ReadDoBlock(stmt);
  const std::string tag = "$ds_do_body$";
  if (block.language != "plpgsql" || block.body.empty() || block.body.size() > kMaxBodyBytes ||
      block.body.find(tag) != std::string::npos || depth > 4) {
    return context.NotUnderstood("DO block");
  }
  std::string function = "CREATE FUNCTION ds_do() RETURNS void LANGUAGE plpgsql AS " + tag + block.body + tag + ";";
  PgQueryPlpgsqlParseResult parsed = pg_query_parse_plpgsql(function.c_str());
  Changer changer{"DO block", 1};
  if (parsed.error == nullptr && parsed.plpgsql_funcs != nullptr) {
    nlohmann::json functions = nlohmann::json::parse(parsed.plpgsql_funcs, nullptr, false);
    if (!functions.is_discarded()) changer = FirstChanger(functions, context);
  }
  pg_query_free_plpgsql_parse_result(parsed);
  if (changer.what.empty()) return;  // data only: nothing a column notices
  ir::SourceSpan whole = context.span;
  if (block.location >= 0 && changer.line > 1) {
    // The body starts on its opening quote's line; PL/pgSQL counts lines from there.
    context.span = context.out.source->SpanAt(context.base_offset + static_cast<uint32_t>(block.location));
    context.span.line += changer.line - 1;
    context.span.column = 1;
  }
  context.NotUnderstood(changer.what == "DO block" ? changer.what : changer.what + " in a DO block");
  context.span = whole;
}

}  // namespace ds::parsers::sql
