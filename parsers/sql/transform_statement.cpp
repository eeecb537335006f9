// Top-level statements: which ones change columns, which ones cannot, which ones we cannot tell.
#include "parsers/sql/transform.h"

namespace ds::parsers::sql {

bool CannotChangeColumns(PgQuery__Node__NodeCase kind) {
  switch (kind) {
    case PG_QUERY__NODE__NODE_INDEX_STMT:
    case PG_QUERY__NODE__NODE_REINDEX_STMT:
    case PG_QUERY__NODE__NODE_GRANT_STMT:
    case PG_QUERY__NODE__NODE_GRANT_ROLE_STMT:
    case PG_QUERY__NODE__NODE_ALTER_DEFAULT_PRIVILEGES_STMT:
    case PG_QUERY__NODE__NODE_COMMENT_STMT:
    case PG_QUERY__NODE__NODE_SEC_LABEL_STMT:
    case PG_QUERY__NODE__NODE_CREATE_FUNCTION_STMT:
    case PG_QUERY__NODE__NODE_ALTER_FUNCTION_STMT:
    case PG_QUERY__NODE__NODE_CREATE_TRIG_STMT:
    case PG_QUERY__NODE__NODE_CREATE_EVENT_TRIG_STMT:
    case PG_QUERY__NODE__NODE_ALTER_EVENT_TRIG_STMT:
    case PG_QUERY__NODE__NODE_CREATE_SEQ_STMT:
    case PG_QUERY__NODE__NODE_ALTER_SEQ_STMT:
    case PG_QUERY__NODE__NODE_CREATE_EXTENSION_STMT:
    case PG_QUERY__NODE__NODE_ALTER_EXTENSION_STMT:
    case PG_QUERY__NODE__NODE_ALTER_EXTENSION_CONTENTS_STMT:
    case PG_QUERY__NODE__NODE_TRANSACTION_STMT:
    case PG_QUERY__NODE__NODE_VARIABLE_SHOW_STMT:
    case PG_QUERY__NODE__NODE_INSERT_STMT:
    case PG_QUERY__NODE__NODE_DELETE_STMT:
    case PG_QUERY__NODE__NODE_MERGE_STMT:
    case PG_QUERY__NODE__NODE_COPY_STMT:
    case PG_QUERY__NODE__NODE_TRUNCATE_STMT:
    case PG_QUERY__NODE__NODE_CREATE_ROLE_STMT:
    case PG_QUERY__NODE__NODE_ALTER_ROLE_STMT:
    case PG_QUERY__NODE__NODE_ALTER_ROLE_SET_STMT:
    case PG_QUERY__NODE__NODE_DROP_ROLE_STMT:
    case PG_QUERY__NODE__NODE_REASSIGN_OWNED_STMT:
    case PG_QUERY__NODE__NODE_CREATE_POLICY_STMT:
    case PG_QUERY__NODE__NODE_ALTER_POLICY_STMT:
    case PG_QUERY__NODE__NODE_ALTER_OWNER_STMT:
    case PG_QUERY__NODE__NODE_VACUUM_STMT:
    case PG_QUERY__NODE__NODE_CLUSTER_STMT:
    case PG_QUERY__NODE__NODE_LOCK_STMT:
    case PG_QUERY__NODE__NODE_CREATE_STATS_STMT:
    case PG_QUERY__NODE__NODE_ALTER_STATS_STMT:
    case PG_QUERY__NODE__NODE_EXPLAIN_STMT:
    case PG_QUERY__NODE__NODE_REFRESH_MAT_VIEW_STMT:
    case PG_QUERY__NODE__NODE_NOTIFY_STMT:
    case PG_QUERY__NODE__NODE_LISTEN_STMT:
    case PG_QUERY__NODE__NODE_UNLISTEN_STMT:
    case PG_QUERY__NODE__NODE_CHECK_POINT_STMT:
    case PG_QUERY__NODE__NODE_DISCARD_STMT:
    case PG_QUERY__NODE__NODE_PREPARE_STMT:
    case PG_QUERY__NODE__NODE_DEALLOCATE_STMT:
    case PG_QUERY__NODE__NODE_DECLARE_CURSOR_STMT:
    case PG_QUERY__NODE__NODE_FETCH_STMT:
    case PG_QUERY__NODE__NODE_CLOSE_PORTAL_STMT:
    case PG_QUERY__NODE__NODE_LOAD_STMT:
    case PG_QUERY__NODE__NODE_CONSTRAINTS_SET_STMT:
    case PG_QUERY__NODE__NODE_REPLICA_IDENTITY_STMT:
    case PG_QUERY__NODE__NODE_CREATE_CAST_STMT:
    case PG_QUERY__NODE__NODE_CREATE_CONVERSION_STMT:
    case PG_QUERY__NODE__NODE_CREATE_OP_CLASS_STMT:
    case PG_QUERY__NODE__NODE_CREATE_OP_FAMILY_STMT:
    case PG_QUERY__NODE__NODE_ALTER_OP_FAMILY_STMT:
    case PG_QUERY__NODE__NODE_ALTER_OPERATOR_STMT:
    case PG_QUERY__NODE__NODE_CREATE_PLANG_STMT:
    case PG_QUERY__NODE__NODE_CREATE_TRANSFORM_STMT:
    case PG_QUERY__NODE__NODE_CREATE_AM_STMT:
    case PG_QUERY__NODE__NODE_DEFINE_STMT:  // aggregates, operators, base types, collations
    case PG_QUERY__NODE__NODE_COMPOSITE_TYPE_STMT:
    case PG_QUERY__NODE__NODE_CREATE_RANGE_STMT:
    case PG_QUERY__NODE__NODE_CREATE_DOMAIN_STMT:
    case PG_QUERY__NODE__NODE_ALTER_DOMAIN_STMT:
    case PG_QUERY__NODE__NODE_ALTER_TYPE_STMT:
    case PG_QUERY__NODE__NODE_ALTER_COLLATION_STMT:
    case PG_QUERY__NODE__NODE_ALTER_TSDICTIONARY_STMT:
    case PG_QUERY__NODE__NODE_ALTER_TSCONFIGURATION_STMT:
    case PG_QUERY__NODE__NODE_CREATE_TABLE_SPACE_STMT:
    case PG_QUERY__NODE__NODE_DROP_TABLE_SPACE_STMT:
    case PG_QUERY__NODE__NODE_ALTER_TABLE_SPACE_OPTIONS_STMT:
    case PG_QUERY__NODE__NODE_ALTER_TABLE_MOVE_ALL_STMT:
    case PG_QUERY__NODE__NODE_ALTER_OBJECT_DEPENDS_STMT:
    case PG_QUERY__NODE__NODE_CREATEDB_STMT:
    case PG_QUERY__NODE__NODE_DROPDB_STMT:
    case PG_QUERY__NODE__NODE_ALTER_DATABASE_STMT:
    case PG_QUERY__NODE__NODE_ALTER_DATABASE_SET_STMT:
    case PG_QUERY__NODE__NODE_ALTER_DATABASE_REFRESH_COLL_STMT:
    case PG_QUERY__NODE__NODE_ALTER_SYSTEM_STMT:
    case PG_QUERY__NODE__NODE_CREATE_FDW_STMT:
    case PG_QUERY__NODE__NODE_ALTER_FDW_STMT:
    case PG_QUERY__NODE__NODE_CREATE_FOREIGN_SERVER_STMT:
    case PG_QUERY__NODE__NODE_ALTER_FOREIGN_SERVER_STMT:
    case PG_QUERY__NODE__NODE_CREATE_USER_MAPPING_STMT:
    case PG_QUERY__NODE__NODE_ALTER_USER_MAPPING_STMT:
    case PG_QUERY__NODE__NODE_DROP_USER_MAPPING_STMT:
    case PG_QUERY__NODE__NODE_CREATE_PUBLICATION_STMT:
    case PG_QUERY__NODE__NODE_ALTER_PUBLICATION_STMT:
    case PG_QUERY__NODE__NODE_CREATE_SUBSCRIPTION_STMT:
    case PG_QUERY__NODE__NODE_ALTER_SUBSCRIPTION_STMT:
    case PG_QUERY__NODE__NODE_DROP_SUBSCRIPTION_STMT:
      return true;
    default:
      return false;
  }
}

void StatementContext::NotUnderstood(const std::string& what) {
  Emit(ir::Unknown{what});
  out.diagnostics.push_back(ir::Diagnostic{ir::Severity::kWarning, span,
                                           "not understood: " + what + " may change the schema",
                                           ir::DiagCode::kUnsupported});
}

void TransformStatement(const PgQuery__Node* stmt, StatementContext& context) {
  switch (stmt->node_case) {
    case PG_QUERY__NODE__NODE_CREATE_STMT:
      return TransformCreateTable(stmt->create_stmt, context);
    case PG_QUERY__NODE__NODE_CREATE_FOREIGN_TABLE_STMT:
      return TransformCreateTable(stmt->create_foreign_table_stmt->base_stmt, context);
    case PG_QUERY__NODE__NODE_ALTER_TABLE_STMT:
      return TransformAlterTable(stmt->alter_table_stmt, context);
    case PG_QUERY__NODE__NODE_CREATE_TABLE_AS_STMT:
      return TransformCreateTableAs(stmt->create_table_as_stmt, context);
    case PG_QUERY__NODE__NODE_VIEW_STMT:
      return TransformView(stmt->view_stmt, context);
    case PG_QUERY__NODE__NODE_DROP_STMT:
      return TransformDrop(stmt->drop_stmt, context);
    case PG_QUERY__NODE__NODE_RENAME_STMT:
      return TransformRename(stmt->rename_stmt, context);
    case PG_QUERY__NODE__NODE_ALTER_OBJECT_SCHEMA_STMT:
      return TransformSetSchema(stmt->alter_object_schema_stmt, context);
    case PG_QUERY__NODE__NODE_CREATE_ENUM_STMT:
      return TransformCreateEnum(stmt->create_enum_stmt, context);
    case PG_QUERY__NODE__NODE_ALTER_ENUM_STMT:
      return TransformAlterEnum(stmt->alter_enum_stmt, context);
    case PG_QUERY__NODE__NODE_UPDATE_STMT:
      return TransformUpdate(stmt->update_stmt, context);
    case PG_QUERY__NODE__NODE_CREATE_SCHEMA_STMT:
      return TransformCreateSchema(stmt->create_schema_stmt, context);
    case PG_QUERY__NODE__NODE_VARIABLE_SET_STMT:
      return TransformVariableSet(stmt->variable_set_stmt, context);
    case PG_QUERY__NODE__NODE_SELECT_STMT:
      if (stmt->select_stmt->into_clause != nullptr) {
        return TransformSelectInto(stmt->select_stmt, context);
      }
      TransformSetConfig(stmt->select_stmt, context);
      return;  // otherwise a data query
    case PG_QUERY__NODE__NODE_DO_STMT:
      return TransformDo(stmt->do_stmt, context);
    case PG_QUERY__NODE__NODE_EXECUTE_STMT:
      return context.NotUnderstood("EXECUTE");
    case PG_QUERY__NODE__NODE_RULE_STMT:
      return context.NotUnderstood("CREATE RULE");
    case PG_QUERY__NODE__NODE_CALL_STMT:
      return context.NotUnderstood("CALL");
    case PG_QUERY__NODE__NODE_DROP_OWNED_STMT:
      return context.NotUnderstood("DROP OWNED");
    case PG_QUERY__NODE__NODE_IMPORT_FOREIGN_SCHEMA_STMT:
      return context.NotUnderstood("IMPORT FOREIGN SCHEMA");
    default:
      if (CannotChangeColumns(stmt->node_case)) return;
      return context.NotUnderstood(pg::NodeTypeName(stmt));
  }
}

}  // namespace ds::parsers::sql
