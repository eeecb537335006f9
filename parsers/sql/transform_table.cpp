// Tables: CREATE TABLE (columns, LIKE, INHERITS, PARTITION OF, AS), SELECT INTO, ALTER TABLE.
#include <algorithm>
#include <string_view>

#include "parsers/sql/transform.h"
#include "parsers/sql/type_name.h"

namespace ds::parsers::sql {
namespace {

bool IsTemporary(const PgQuery__RangeVar* relation) {
  return relation != nullptr && relation->relpersistence != nullptr &&
         std::string_view(relation->relpersistence) == "t";
}

// A temporary table is no op; its name is kept so that the file's later DROP of it is none either.
bool SkipTemporary(const PgQuery__RangeVar* relation, StatementContext& context) {
  if (!IsTemporary(relation)) return false;
  context.out.temporary_tables.insert(pg::NameOf(relation).name);
  return true;
}

bool MakesNotNull(const PgQuery__Node* node) {
  if (node == nullptr || node->node_case != PG_QUERY__NODE__NODE_CONSTRAINT) return false;
  PgQuery__ConstrType type = node->constraint->contype;
  // Identity and primary-key columns are NOT NULL whether or not the user says so.
  return type == PG_QUERY__CONSTR_TYPE__CONSTR_NOTNULL ||
         type == PG_QUERY__CONSTR_TYPE__CONSTR_PRIMARY ||
         type == PG_QUERY__CONSTR_TYPE__CONSTR_IDENTITY;
}

ir::ColumnDef ConvertColumn(const PgQuery__ColumnDef* def) {
  ir::ColumnDef column{def->colname != nullptr ? def->colname : "",
                       FormatTypeName(def->type_name), def->is_not_null != 0};
  if (IsSerialType(def->type_name)) column.not_null = true;
  for (size_t i = 0; i < def->n_constraints; ++i) {
    if (MakesNotNull(def->constraints[i])) column.not_null = true;
  }
  return column;
}

/// Columns named by a PRIMARY KEY (a, b) constraint: they become NOT NULL.
std::vector<std::string> PrimaryKeyColumns(const PgQuery__Node* node) {
  if (node == nullptr || node->node_case != PG_QUERY__NODE__NODE_CONSTRAINT) return {};
  const PgQuery__Constraint* constraint = node->constraint;
  if (constraint->contype != PG_QUERY__CONSTR_TYPE__CONSTR_PRIMARY) return {};
  return pg::StringsOf(constraint->keys, constraint->n_keys);
}

std::string AlterTableTypeName(PgQuery__AlterTableType type) {
  std::string name = pg::EnumValueName(pg_query__alter_table_type__descriptor, type);
  if (name.rfind("AT_", 0) == 0) name = name.substr(3);
  return "ALTER TABLE " + name;
}

/// Subcommands that change no column's existence, name, type or nullability.
bool LeavesColumnsAlone(PgQuery__AlterTableType type) {
  switch (type) {
    case PG_QUERY__ALTER_TABLE_TYPE__AT_AddColumnToView:  // only from CREATE OR REPLACE VIEW
    case PG_QUERY__ALTER_TABLE_TYPE__AT_ColumnDefault:
    case PG_QUERY__ALTER_TABLE_TYPE__AT_CookedColumnDefault:
    case PG_QUERY__ALTER_TABLE_TYPE__AT_DropExpression:
    case PG_QUERY__ALTER_TABLE_TYPE__AT_SetStatistics:
    case PG_QUERY__ALTER_TABLE_TYPE__AT_SetOptions:
    case PG_QUERY__ALTER_TABLE_TYPE__AT_ResetOptions:
    case PG_QUERY__ALTER_TABLE_TYPE__AT_SetStorage:
    case PG_QUERY__ALTER_TABLE_TYPE__AT_SetCompression:
    case PG_QUERY__ALTER_TABLE_TYPE__AT_AddIndex:
    case PG_QUERY__ALTER_TABLE_TYPE__AT_ReAddIndex:
    case PG_QUERY__ALTER_TABLE_TYPE__AT_AddConstraint:
    case PG_QUERY__ALTER_TABLE_TYPE__AT_AddConstraintRecurse:
    case PG_QUERY__ALTER_TABLE_TYPE__AT_ReAddConstraint:
    case PG_QUERY__ALTER_TABLE_TYPE__AT_ReAddDomainConstraint:
    case PG_QUERY__ALTER_TABLE_TYPE__AT_AlterConstraint:
    case PG_QUERY__ALTER_TABLE_TYPE__AT_ValidateConstraint:
    case PG_QUERY__ALTER_TABLE_TYPE__AT_ValidateConstraintRecurse:
    case PG_QUERY__ALTER_TABLE_TYPE__AT_AddIndexConstraint:
    case PG_QUERY__ALTER_TABLE_TYPE__AT_DropConstraint:
    case PG_QUERY__ALTER_TABLE_TYPE__AT_DropConstraintRecurse:
    case PG_QUERY__ALTER_TABLE_TYPE__AT_ReAddComment:
    case PG_QUERY__ALTER_TABLE_TYPE__AT_AlterColumnGenericOptions:
    case PG_QUERY__ALTER_TABLE_TYPE__AT_ChangeOwner:
    case PG_QUERY__ALTER_TABLE_TYPE__AT_ClusterOn:
    case PG_QUERY__ALTER_TABLE_TYPE__AT_DropCluster:
    case PG_QUERY__ALTER_TABLE_TYPE__AT_SetLogged:
    case PG_QUERY__ALTER_TABLE_TYPE__AT_SetUnLogged:
    case PG_QUERY__ALTER_TABLE_TYPE__AT_DropOids:
    case PG_QUERY__ALTER_TABLE_TYPE__AT_SetAccessMethod:
    case PG_QUERY__ALTER_TABLE_TYPE__AT_SetTableSpace:
    case PG_QUERY__ALTER_TABLE_TYPE__AT_SetRelOptions:
    case PG_QUERY__ALTER_TABLE_TYPE__AT_ResetRelOptions:
    case PG_QUERY__ALTER_TABLE_TYPE__AT_ReplaceRelOptions:
    case PG_QUERY__ALTER_TABLE_TYPE__AT_EnableTrig:
    case PG_QUERY__ALTER_TABLE_TYPE__AT_EnableAlwaysTrig:
    case PG_QUERY__ALTER_TABLE_TYPE__AT_EnableReplicaTrig:
    case PG_QUERY__ALTER_TABLE_TYPE__AT_DisableTrig:
    case PG_QUERY__ALTER_TABLE_TYPE__AT_EnableTrigAll:
    case PG_QUERY__ALTER_TABLE_TYPE__AT_DisableTrigAll:
    case PG_QUERY__ALTER_TABLE_TYPE__AT_EnableTrigUser:
    case PG_QUERY__ALTER_TABLE_TYPE__AT_DisableTrigUser:
    case PG_QUERY__ALTER_TABLE_TYPE__AT_EnableRule:
    case PG_QUERY__ALTER_TABLE_TYPE__AT_EnableAlwaysRule:
    case PG_QUERY__ALTER_TABLE_TYPE__AT_EnableReplicaRule:
    case PG_QUERY__ALTER_TABLE_TYPE__AT_DisableRule:
    case PG_QUERY__ALTER_TABLE_TYPE__AT_AddInherit:   // the child must have the columns already
    case PG_QUERY__ALTER_TABLE_TYPE__AT_DropInherit:  // the child keeps them
    case PG_QUERY__ALTER_TABLE_TYPE__AT_AddOf:
    case PG_QUERY__ALTER_TABLE_TYPE__AT_DropOf:
    case PG_QUERY__ALTER_TABLE_TYPE__AT_ReplicaIdentity:
    case PG_QUERY__ALTER_TABLE_TYPE__AT_EnableRowSecurity:
    case PG_QUERY__ALTER_TABLE_TYPE__AT_DisableRowSecurity:
    case PG_QUERY__ALTER_TABLE_TYPE__AT_ForceRowSecurity:
    case PG_QUERY__ALTER_TABLE_TYPE__AT_NoForceRowSecurity:
    case PG_QUERY__ALTER_TABLE_TYPE__AT_GenericOptions:
    case PG_QUERY__ALTER_TABLE_TYPE__AT_AttachPartition:
    case PG_QUERY__ALTER_TABLE_TYPE__AT_DetachPartition:
    case PG_QUERY__ALTER_TABLE_TYPE__AT_DetachPartitionFinalize:
    case PG_QUERY__ALTER_TABLE_TYPE__AT_AddIdentity:  // only on columns already NOT NULL
    case PG_QUERY__ALTER_TABLE_TYPE__AT_SetIdentity:
    case PG_QUERY__ALTER_TABLE_TYPE__AT_DropIdentity:
    case PG_QUERY__ALTER_TABLE_TYPE__AT_ReAddStatistics:
      return true;
    default:
      return false;
  }
}

void TransformAlterCommand(const ir::QualifiedName& table, const PgQuery__AlterTableCmd* cmd,
                           StatementContext& context) {
  std::string column = cmd->name != nullptr ? cmd->name : "";
  const PgQuery__Node* def = cmd->def;
  switch (cmd->subtype) {
    case PG_QUERY__ALTER_TABLE_TYPE__AT_AddColumn:
    case PG_QUERY__ALTER_TABLE_TYPE__AT_AddColumnRecurse:
      if (def != nullptr && def->node_case == PG_QUERY__NODE__NODE_COLUMN_DEF) {
        return context.Emit(ir::AddColumn{table, ConvertColumn(def->column_def), cmd->missing_ok != 0});
      }
      break;
    case PG_QUERY__ALTER_TABLE_TYPE__AT_DropColumn:
    case PG_QUERY__ALTER_TABLE_TYPE__AT_DropColumnRecurse:
      return context.Emit(ir::DropColumn{table, column, cmd->missing_ok != 0,
                                         cmd->behavior == PG_QUERY__DROP_BEHAVIOR__DROP_CASCADE});
    case PG_QUERY__ALTER_TABLE_TYPE__AT_AlterColumnType:
      if (def != nullptr && def->node_case == PG_QUERY__NODE__NODE_COLUMN_DEF) {
        return context.Emit(
            ir::AlterColumnType{table, column, FormatTypeName(def->column_def->type_name)});
      }
      break;
    case PG_QUERY__ALTER_TABLE_TYPE__AT_SetNotNull:
      return context.Emit(ir::SetNotNull{table, column});
    case PG_QUERY__ALTER_TABLE_TYPE__AT_DropNotNull:
      return context.Emit(ir::DropNotNull{table, column});
    case PG_QUERY__ALTER_TABLE_TYPE__AT_AddConstraint:
    case PG_QUERY__ALTER_TABLE_TYPE__AT_AddConstraintRecurse:
      // ADD PRIMARY KEY (a, b) makes its columns NOT NULL; other constraints change no column.
      for (const std::string& key : PrimaryKeyColumns(def)) {
        context.Emit(ir::SetNotNull{table, key});
      }
      return;
    default:
      if (LeavesColumnsAlone(cmd->subtype)) return;
      break;
  }
  context.NotUnderstood(AlterTableTypeName(cmd->subtype));
}

}  // namespace

void TransformCreateTable(const PgQuery__CreateStmt* stmt, StatementContext& context,
                          const std::string& default_schema) {
  if (stmt == nullptr || SkipTemporary(stmt->relation, context)) return;
  ir::CreateTable create;
  create.table = pg::NameOf(stmt->relation);
  if (create.table.schema.empty()) create.table.schema = default_schema;
  create.if_not_exists = stmt->if_not_exists;
  std::vector<std::string> primary_key;
  std::vector<std::string> inherited_not_null;  // PARTITION OF t (c NOT NULL): a parent's column
  for (size_t i = 0; i < stmt->n_table_elts; ++i) {
    const PgQuery__Node* element = stmt->table_elts[i];
    if (element->node_case == PG_QUERY__NODE__NODE_COLUMN_DEF) {
      if (element->column_def->type_name == nullptr) {
        ir::ColumnDef options = ConvertColumn(element->column_def);
        if (options.not_null) inherited_not_null.push_back(options.name);
        continue;
      }
      create.elements.push_back(ir::TableElement{ConvertColumn(element->column_def), {}});
    } else if (element->node_case == PG_QUERY__NODE__NODE_TABLE_LIKE_CLAUSE) {
      create.elements.push_back(
          ir::TableElement{{}, pg::NameOf(element->table_like_clause->relation)});
    } else {
      for (std::string& key : PrimaryKeyColumns(element)) primary_key.push_back(std::move(key));
    }
  }
  for (const std::string& key : primary_key) {
    bool declared = false;
    for (ir::TableElement& element : create.elements) {
      if (!element.like && element.column.name == key) element.column.not_null = declared = true;
    }
    if (!declared) inherited_not_null.push_back(key);  // from LIKE, INHERITS or PARTITION OF
  }
  for (size_t i = 0; i < stmt->n_inh_relations; ++i) {
    const PgQuery__Node* parent = stmt->inh_relations[i];
    if (parent->node_case != PG_QUERY__NODE__NODE_RANGE_VAR) continue;
    if (stmt->partbound != nullptr) {
      create.partition_of = pg::NameOf(parent->range_var);
    } else {
      create.inherits.push_back(pg::NameOf(parent->range_var));
    }
  }
  ir::QualifiedName table = create.table;
  context.Emit(std::move(create));
  for (size_t i = 0; i < inherited_not_null.size(); ++i) {
    const std::string& column = inherited_not_null[i];
    if (std::find(inherited_not_null.begin(), inherited_not_null.begin() + i, column) ==
        inherited_not_null.begin() + i) {
      context.Emit(ir::SetNotNull{table, column});
    }
  }
  if (stmt->of_typename != nullptr) {
    context.NotUnderstood("CREATE TABLE OF " + FormatTypeName(stmt->of_typename));
  }
}

void TransformAlterTable(const PgQuery__AlterTableStmt* stmt, StatementContext& context) {
  switch (stmt->objtype) {
    case PG_QUERY__OBJECT_TYPE__OBJECT_TABLE:
    case PG_QUERY__OBJECT_TYPE__OBJECT_FOREIGN_TABLE:
    case PG_QUERY__OBJECT_TYPE__OBJECT_VIEW:
    case PG_QUERY__OBJECT_TYPE__OBJECT_MATVIEW:
      break;
    default:
      return;  // ALTER INDEX / SEQUENCE / TYPE (composite attributes): no table column changes
  }
  ir::QualifiedName table = pg::NameOf(stmt->relation);
  for (size_t i = 0; i < stmt->n_cmds; ++i) {
    const PgQuery__Node* cmd = stmt->cmds[i];
    if (cmd->node_case == PG_QUERY__NODE__NODE_ALTER_TABLE_CMD) {
      TransformAlterCommand(table, cmd->alter_table_cmd, context);
    }
  }
}

void TransformCreateTableAs(const PgQuery__CreateTableAsStmt* stmt, StatementContext& context) {
  const PgQuery__IntoClause* into = stmt->into;
  if (into == nullptr || SkipTemporary(into->rel, context)) return;
  auto query = ConvertQuery(stmt->query, context.base_offset, context.stmt_offset);
  std::vector<std::string> names = pg::StringsOf(into->col_names, into->n_col_names);
  if (stmt->objtype == PG_QUERY__OBJECT_TYPE__OBJECT_MATVIEW) {
    ir::CreateView view;
    view.view = pg::NameOf(into->rel);
    view.column_names = std::move(names);
    view.query = std::move(query);
    view.source = context.out.source;
    view.materialized = true;
    view.if_not_exists = stmt->if_not_exists;
    return context.Emit(std::move(view));
  }
  ir::CreateTable create;
  create.table = pg::NameOf(into->rel);
  create.as_query = std::move(query);
  create.as_column_names = std::move(names);
  create.source = context.out.source;
  create.if_not_exists = stmt->if_not_exists;
  context.Emit(std::move(create));
}

void TransformSelectInto(const PgQuery__SelectStmt* stmt, StatementContext& context) {
  const PgQuery__IntoClause* into = stmt->into_clause;
  if (SkipTemporary(into->rel, context)) return;
  PgQuery__Node node = PG_QUERY__NODE__INIT;
  node.node_case = PG_QUERY__NODE__NODE_SELECT_STMT;
  node.select_stmt = const_cast<PgQuery__SelectStmt*>(stmt);  // read only; the converter skips INTO
  ir::CreateTable create;
  create.table = pg::NameOf(into->rel);
  create.as_query = ConvertQuery(&node, context.base_offset, context.stmt_offset);
  create.as_column_names = pg::StringsOf(into->col_names, into->n_col_names);
  create.source = context.out.source;
  context.Emit(std::move(create));
}

}  // namespace ds::parsers::sql
