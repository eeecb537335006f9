// Views, DROP, RENAME, SET SCHEMA, enums, schemas and the search_path.
#include <string_view>

#include "parsers/sql/transform.h"

namespace ds::parsers::sql {
namespace {

bool IsRelationKind(PgQuery__ObjectType type) {
  return type == PG_QUERY__OBJECT_TYPE__OBJECT_TABLE ||
         type == PG_QUERY__OBJECT_TYPE__OBJECT_FOREIGN_TABLE ||
         type == PG_QUERY__OBJECT_TYPE__OBJECT_VIEW ||
         type == PG_QUERY__OBJECT_TYPE__OBJECT_MATVIEW;
}

/// The name of a dropped object: a List of Strings (relations), a TypeName, or a String.
ir::QualifiedName ObjectName(const PgQuery__Node* node) {
  if (node == nullptr) return {};
  switch (node->node_case) {
    case PG_QUERY__NODE__NODE_TYPE_NAME:
      return pg::NameOf(pg::StringsOf(node->type_name->names, node->type_name->n_names));
    case PG_QUERY__NODE__NODE_LIST:
      return pg::NameOf(pg::StringsOf(node->list->items, node->list->n_items));
    default:
      return ir::QualifiedName{"", std::string(pg::StringOf(node))};
  }
}

/// The A_Const string arguments of SET (`SET search_path = a, "B"`), empty strings left out.
std::vector<std::string> StringConstants(PgQuery__Node* const* items, size_t n) {
  std::vector<std::string> out;
  for (size_t i = 0; i < n; ++i) {
    const PgQuery__Node* item = items[i];
    if (item->node_case != PG_QUERY__NODE__NODE_A_CONST ||
        item->a_const->val_case != PG_QUERY__A__CONST__VAL_SVAL) {
      continue;
    }
    const PgQuery__String* text = item->a_const->sval;
    std::string value = text != nullptr && text->sval != nullptr ? text->sval : "";
    if (!value.empty()) out.push_back(std::move(value));
  }
  return out;
}

/// A search_path value as text ('"$user", public'): split on commas outside quotes, then folded.
std::vector<std::string> SplitSearchPath(std::string_view value) {
  std::vector<std::string> out;
  std::string current;
  bool quoted = false;
  auto flush = [&] {
    size_t begin = current.find_first_not_of(" \t\n");
    size_t end = current.find_last_not_of(" \t\n");
    if (begin != std::string::npos) {
      std::string folded = ir::FoldIdentifier(current.substr(begin, end - begin + 1));
      if (!folded.empty()) out.push_back(std::move(folded));
    }
    current.clear();
  };
  for (char c : value) {
    if (c == '"') quoted = !quoted;
    if (c == ',' && !quoted) {
      flush();
    } else {
      current += c;
    }
  }
  flush();
  return out;
}

std::string_view ConstString(const PgQuery__Node* node) {
  if (node == nullptr || node->node_case != PG_QUERY__NODE__NODE_A_CONST ||
      node->a_const->val_case != PG_QUERY__A__CONST__VAL_SVAL || node->a_const->sval == nullptr ||
      node->a_const->sval->sval == nullptr) {
    return {};
  }
  return node->a_const->sval->sval;
}

}  // namespace

void TransformView(const PgQuery__ViewStmt* stmt, StatementContext& context,
                   const std::string& default_schema) {
  const PgQuery__RangeVar* relation = stmt->view;
  if (relation != nullptr && relation->relpersistence != nullptr &&
      std::string_view(relation->relpersistence) == "t") {
    return;  // temporary views do not outlive the session
  }
  ir::CreateView view;
  view.view = pg::NameOf(relation);
  if (view.view.schema.empty()) view.view.schema = default_schema;
  view.column_names = pg::StringsOf(stmt->aliases, stmt->n_aliases);
  view.query = ConvertQuery(stmt->query, context.base_offset, context.stmt_offset);
  view.source = context.out.source;
  view.or_replace = stmt->replace;
  context.Emit(std::move(view));
}

void TransformDrop(const PgQuery__DropStmt* stmt, StatementContext& context) {
  bool cascade = stmt->behavior == PG_QUERY__DROP_BEHAVIOR__DROP_CASCADE;
  for (size_t i = 0; i < stmt->n_objects; ++i) {
    const PgQuery__Node* object = stmt->objects[i];
    switch (stmt->remove_type) {
      case PG_QUERY__OBJECT_TYPE__OBJECT_TABLE:
      case PG_QUERY__OBJECT_TYPE__OBJECT_FOREIGN_TABLE: {
        ir::QualifiedName name = ObjectName(object);
        if (name.schema.empty() && context.out.temporary_tables.count(name.name)) break;  // the file's own temporary table
        context.Emit(ir::DropTable{std::move(name), stmt->missing_ok != 0, cascade});
        break;
      }
      case PG_QUERY__OBJECT_TYPE__OBJECT_VIEW:
      case PG_QUERY__OBJECT_TYPE__OBJECT_MATVIEW:
        context.Emit(ir::DropView{ObjectName(object),
                                  stmt->remove_type == PG_QUERY__OBJECT_TYPE__OBJECT_MATVIEW,
                                  stmt->missing_ok != 0, cascade});
        break;
      case PG_QUERY__OBJECT_TYPE__OBJECT_TYPE:
        context.Emit(ir::DropType{ObjectName(object), stmt->missing_ok != 0});
        break;
      case PG_QUERY__OBJECT_TYPE__OBJECT_SCHEMA:
        context.Emit(ir::DropSchema{std::string(pg::StringOf(object)), cascade});
        break;
      default:
        return;  // indexes, sequences, functions, triggers, policies, roles, ...
    }
  }
}

void TransformRename(const PgQuery__RenameStmt* stmt, StatementContext& context) {
  std::string new_name = stmt->newname != nullptr ? stmt->newname : "";
  ir::QualifiedName relation = pg::NameOf(stmt->relation);
  if (IsRelationKind(stmt->rename_type)) {
    return context.Emit(
        ir::RenameTable{relation, ir::QualifiedName{relation.schema, new_name}, stmt->missing_ok != 0});
  }
  switch (stmt->rename_type) {
    case PG_QUERY__OBJECT_TYPE__OBJECT_COLUMN:
      if (!IsRelationKind(stmt->relation_type)) return;  // composite type attributes
      return context.Emit(
          ir::RenameColumn{relation, stmt->subname != nullptr ? stmt->subname : "", new_name});
    case PG_QUERY__OBJECT_TYPE__OBJECT_SCHEMA:
      return context.NotUnderstood("ALTER SCHEMA RENAME");
    case PG_QUERY__OBJECT_TYPE__OBJECT_TYPE:
    case PG_QUERY__OBJECT_TYPE__OBJECT_DOMAIN:
      return context.Emit(ir::RenameType{ObjectName(stmt->object), new_name});
    default:
      return;  // indexes, constraints, sequences, functions, triggers, roles, ...
  }
}

void TransformSetSchema(const PgQuery__AlterObjectSchemaStmt* stmt, StatementContext& context) {
  std::string schema = stmt->newschema != nullptr ? stmt->newschema : "";
  if (IsRelationKind(stmt->object_type)) {
    ir::QualifiedName relation = pg::NameOf(stmt->relation);
    return context.Emit(ir::RenameTable{relation, ir::QualifiedName{schema, relation.name},
                                        stmt->missing_ok != 0});
  }
  if (stmt->object_type == PG_QUERY__OBJECT_TYPE__OBJECT_TYPE) {
    context.NotUnderstood("ALTER TYPE SET SCHEMA");
  }
}

void TransformCreateEnum(const PgQuery__CreateEnumStmt* stmt, StatementContext& context) {
  context.Emit(ir::CreateEnum{pg::NameOf(pg::StringsOf(stmt->type_name, stmt->n_type_name)),
                              pg::StringsOf(stmt->vals, stmt->n_vals)});
}

void TransformAlterEnum(const PgQuery__AlterEnumStmt* stmt, StatementContext& context) {
  ir::QualifiedName type = pg::NameOf(pg::StringsOf(stmt->type_name, stmt->n_type_name));
  std::string new_value = stmt->new_val != nullptr ? stmt->new_val : "";
  if (stmt->old_val != nullptr && stmt->old_val[0] != '\0') {
    return context.Emit(ir::RenameEnumValue{type, stmt->old_val, new_value});
  }
  std::string neighbor = stmt->new_val_neighbor != nullptr ? stmt->new_val_neighbor : "";
  bool before = !neighbor.empty() && !stmt->new_val_is_after;
  context.Emit(ir::AddEnumValue{type, new_value, neighbor, before});
}

void TransformCreateSchema(const PgQuery__CreateSchemaStmt* stmt, StatementContext& context) {
  std::string schema = stmt->schemaname != nullptr ? stmt->schemaname : "";
  if (schema.empty() && stmt->authrole != nullptr && stmt->authrole->rolename != nullptr) {
    schema = stmt->authrole->rolename;  // CREATE SCHEMA AUTHORIZATION joe creates schema joe
  }
  context.Emit(ir::CreateSchema{schema});
  for (size_t i = 0; i < stmt->n_schema_elts; ++i) {
    const PgQuery__Node* element = stmt->schema_elts[i];
    // Unqualified names inside CREATE SCHEMA belong to the new schema.
    if (element->node_case == PG_QUERY__NODE__NODE_CREATE_STMT) {
      TransformCreateTable(element->create_stmt, context, schema);
    } else if (element->node_case == PG_QUERY__NODE__NODE_VIEW_STMT) {
      TransformView(element->view_stmt, context, schema);
    } else {
      TransformStatement(element, context);
    }
  }
}

void TransformVariableSet(const PgQuery__VariableSetStmt* stmt, StatementContext& context) {
  bool reset_all = stmt->kind == PG_QUERY__VARIABLE_SET_KIND__VAR_RESET_ALL;
  if (!reset_all && (stmt->name == nullptr || std::string_view(stmt->name) != "search_path")) {
    return;  // other settings change no schema
  }
  switch (stmt->kind) {
    case PG_QUERY__VARIABLE_SET_KIND__VAR_SET_VALUE:
      return context.Emit(ir::SetSearchPath{StringConstants(stmt->args, stmt->n_args)});
    case PG_QUERY__VARIABLE_SET_KIND__VAR_SET_DEFAULT:
    case PG_QUERY__VARIABLE_SET_KIND__VAR_RESET:
    case PG_QUERY__VARIABLE_SET_KIND__VAR_RESET_ALL:
      // The default is `"$user", public`; migrations run as a role without a schema of its own.
      return context.Emit(ir::SetSearchPath{{"public"}});
    default:
      return;  // SET search_path FROM CURRENT: unchanged
  }
}

bool TransformSetConfig(const PgQuery__SelectStmt* stmt, StatementContext& context) {
  if (stmt->n_target_list != 1 || stmt->n_from_clause != 0) return false;
  const PgQuery__Node* target = stmt->target_list[0];
  if (target->node_case != PG_QUERY__NODE__NODE_RES_TARGET) return false;
  const PgQuery__Node* value = target->res_target->val;
  if (value == nullptr || value->node_case != PG_QUERY__NODE__NODE_FUNC_CALL) return false;
  const PgQuery__FuncCall* call = value->func_call;
  std::vector<std::string> name = pg::StringsOf(call->funcname, call->n_funcname);
  if (name.empty() || name.back() != "set_config" || call->n_args < 2) return false;
  if (ConstString(call->args[0]) != "search_path") return false;
  context.Emit(ir::SetSearchPath{SplitSearchPath(ConstString(call->args[1]))});
  return true;
}

}  // namespace ds::parsers::sql
