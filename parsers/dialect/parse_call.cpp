// Calls: arguments (DISTINCT, *, named, lambdas, ORDER BY inside), WITHIN GROUP, FILTER,
// IGNORE / RESPECT NULLS, OVER; date-part keywords as constants; IFF / DECODE as CASE.
#include <memory>
#include <utility>

#include "parsers/dialect/parser.h"

namespace ds::dialect::detail {
namespace {

// Replaces references to lambda parameters by constants: `x -> x + 1` reads no column x.
void BindLambda(ir::Expr& expr, const std::vector<std::string>& params) {
  if (expr.kind == ir::ExprKind::kColumnRef && expr.names.size() == 1) {
    for (const std::string& param : params) {
      if (expr.names[0] == param) {
        expr.kind = ir::ExprKind::kLiteral;
        return;
      }
    }
  }
  if (expr.kind == ir::ExprKind::kIndirection && !expr.args.empty()) {
    BindLambda(expr.args[0], params);
  }
  for (ir::Expr& arg : expr.args) BindLambda(arg, params);
}

}  // namespace

ir::Expr Parser::Call(std::vector<std::string> names, uint32_t offset) {
  Nest nest(*this);
  ir::Expr call = MakeExpr(ir::ExprKind::kFunc, offset, std::move(names));
  ExpectOp("(");
  CallArguments(call);
  ExpectOp(")");
  DatePartArguments(call);
  CallSuffixes(call);
  // The dialect's answer travels in the IR: lineage never asks which warehouse this is.
  call.aggregate = !call.names.empty() && dialect_.IsAggregate(call.names.back());
  return Conditional(std::move(call));
}

ir::Expr Parser::Conditional(ir::Expr call) const {
  // IFF(c, a, b) / IF(c, a, b) / NVL2(x, a, b) and DECODE(x, s1, r1, ..., default) are CASE: the condition and
  // the searched values only decide which result (conditional inputs, not values).
  if (dialect_.kind == DialectKind::kPostgres || call.names.size() != 1 || call.Extras().over) return call;
  const std::string& name = call.names[0];
  bool iff = (name == "iff" || name == "if" || name == "nvl2") && call.args.size() == 3;
  bool decode = name == "decode" && call.args.size() >= 3 && dialect_.kind != DialectKind::kBigQuery;
  if (!iff && !decode) return call;
  ir::Expr expr = MakeExpr(ir::ExprKind::kCase, call.offset);
  expr.case_operand = decode;
  expr.case_else = iff || (call.args.size() - 1) % 2 == 1;
  expr.args = std::move(call.args);
  return expr;
}

void Parser::CallArguments(ir::Expr& call) {
  if (AtOp(")")) return;
  if (AtOp("*") && AtOp(")", 1)) {
    Advance();
    call.agg_star = true;
    return;
  }
  if (Accept("DISTINCT")) {
    call.agg_distinct = true;
  } else if (AtKeyword("ALL") && !AtOp(")", 1) && !AtOp(",", 1)) {
    Advance();
  }
  const std::string function = call.names.empty() ? "" : call.names.back();
  do {
    if (AtOp(")")) break;  // a trailing comma
    call.args.push_back(Argument(function, call.args.size()));
  } while (AcceptOp(","));
  // Inside the parentheses: ORDER BY, IGNORE/RESPECT NULLS, LIMIT (BigQuery), SEPARATOR.
  while (true) {
    if (Accept("ORDER")) {
      Expect("BY");
      call.MutableExtras().agg_order = SortList();
    } else if (AtKeyword("IGNORE") || AtKeyword("RESPECT")) {
      Advance();
      Expect("NULLS");
    } else if (Accept("LIMIT") || Accept("SEPARATOR")) {
      Expr();
    } else if (!JsonFunctionClause(call)) {
      break;
    }
  }
}

bool Parser::JsonFunctionClause(ir::Expr& call) {
  // SQL/JSON (Trino, standard): json_query(j, 'lax $.a' PASSING x AS v WITH ARRAY WRAPPER OMIT
  // QUOTES NULL ON EMPTY DEFAULT y ON ERROR RETURNING varchar). PASSING and DEFAULT values are read.
  const std::string function = call.names.empty() ? "" : call.names.back();
  if (function != "json_query" && function != "json_value" && function != "json_exists") return false;
  if (Accept("PASSING")) {
    do {
      call.args.push_back(Expr());
      if (Accept("AS")) AliasName();
    } while (AcceptOp(","));
    return true;
  }
  if (Accept("DEFAULT")) {
    call.args.push_back(Expr());
    return true;
  }
  if (Accept("RETURNING")) {
    TypeName();
    if (Accept("FORMAT")) Advance();  // FORMAT JSON
    return true;
  }
  for (std::string_view word : {"WITHOUT", "WITH", "CONDITIONAL", "UNCONDITIONAL", "ARRAY", "WRAPPER", "KEEP",
                                "OMIT", "QUOTES", "ON", "SCALAR", "STRING", "ERROR", "NULL", "EMPTY", "OBJECT",
                                "TRUE", "FALSE", "UNKNOWN"}) {
    if (Accept(word)) return true;
  }
  return false;
}

ir::Expr Parser::Argument(const std::string& function, size_t index) {
  (void)function;
  (void)index;
  // Named arguments: name => value (Snowflake, PostgreSQL), name := value.
  if (AtIdentifier() && (AtOp("=>", 1) || AtOp(":=", 1))) {
    pos_ += 2;
    return Expr();
  }
  // Lambdas: x -> body, (x, y) -> body (not PostgreSQL, where -> is a JSON operator).
  if (dialect_.kind != DialectKind::kPostgres) {
    std::vector<std::string> params;
    size_t start = pos_;
    if (AtIdentifier() && AtOp("->", 1)) {
      params.push_back(Identifier());
    } else if (AtOp("(") && AtIdentifier(1)) {
      Advance();
      params.push_back(Identifier());
      while (AcceptOp(",") && AtIdentifier()) params.push_back(Identifier());
      if (!AcceptOp(")") || !AtOp("->")) {
        params.clear();
        Rewind(start);
      }
    }
    if (!params.empty() && AtOp("->") && Peek(1).kind != TokenKind::kString) {
      Advance();
      ir::Expr body = Expr();
      BindLambda(body, params);
      return body;
    }
    Rewind(start);
  }
  ir::Expr arg = Expr();
  // STRUCT(x AS a), named_struct-like forms: the alias names a field, not a column.
  if (dialect_.kind != DialectKind::kPostgres && Accept("AS")) AliasName();
  return arg;
}

void Parser::CallSuffixes(ir::Expr& call) {
  if ((AtKeyword("IGNORE") || AtKeyword("RESPECT")) && AtKeyword("NULLS", 1)) pos_ += 2;
  if (Accept("WITHIN")) {
    Expect("GROUP");
    ExpectOp("(");
    Expect("ORDER");
    Expect("BY");
    call.MutableExtras().agg_order = SortList();
    call.agg_within_group = call.names.empty() || dialect_.IsOrderedSetAggregate(call.names.back());
    ExpectOp(")");
  }
  if (AtKeyword("FILTER") && AtOp("(", 1)) {
    pos_ += 2;
    Expect("WHERE");
    call.MutableExtras().agg_filter = std::make_unique<ir::Expr>(Expr());
    ExpectOp(")");
  }
  if ((AtKeyword("IGNORE") || AtKeyword("RESPECT")) && AtKeyword("NULLS", 1)) pos_ += 2;
  if (Accept("OVER")) {
    if (AtOp("(")) {
      call.MutableExtras().over = std::make_unique<ir::WindowSpec>(WindowBody());
    } else {
      call.MutableExtras().over = std::make_unique<ir::WindowSpec>();
      call.MutableExtras().over->ref_name = Identifier();
    }
  }
}

void Parser::DatePartArguments(ir::Expr& call) const {
  if (call.names.empty()) return;
  const std::string& function = call.names.back();
  for (size_t i = 0; i < call.args.size(); ++i) {
    ir::Expr& arg = call.args[i];
    if (!dialect_.IsDatePartArgument(function, i, call.args.size())) continue;
    bool keyword = arg.kind == ir::ExprKind::kColumnRef && arg.names.size() == 1 &&
                   dialect_.IsDatePart(arg.names[0]);
    // BigQuery: WEEK(MONDAY)
    bool week = arg.kind == ir::ExprKind::kFunc && arg.names.size() == 1 && dialect_.IsDatePart(arg.names[0]);
    if (!keyword && !week) continue;
    std::string part = arg.names[0];
    arg = MakeExpr(ir::ExprKind::kLiteral, arg.offset, {part});
  }
}

ir::WindowSpec Parser::WindowBody() {
  Nest nest(*this);
  ir::WindowSpec window;
  ExpectOp("(");
  if (AtIdentifier() && !AtKeyword("PARTITION") && !AtKeyword("ORDER") && !AtKeyword("ROWS") &&
      !AtKeyword("RANGE") && !AtKeyword("GROUPS")) {
    window.ref_name = Identifier();
  }
  if (Accept("PARTITION")) {
    Expect("BY");
    window.partition_by.push_back(Expr());
    while (AcceptOp(",")) window.partition_by.push_back(Expr());
  }
  if (Accept("ORDER")) {
    Expect("BY");
    window.order_by = SortList();
  }
  if (Accept("ROWS") || Accept("RANGE") || Accept("GROUPS")) {
    auto bound = [&]() {
      if (Accept("UNBOUNDED")) {
        if (!Accept("PRECEDING")) Expect("FOLLOWING");
      } else if (Accept("CURRENT")) {
        Expect("ROW");
      } else {
        window.frame_bounds.push_back(Expr(kPrecedenceOtherOp));
        if (!Accept("PRECEDING")) Expect("FOLLOWING");
      }
    };
    if (Accept("BETWEEN")) {
      bound();
      Expect("AND");
    }
    bound();
    if (Accept("EXCLUDE")) {
      if (Accept("CURRENT")) {
        Expect("ROW");
      } else if (Accept("NO")) {
        Expect("OTHERS");
      } else if (!Accept("GROUP")) {
        Expect("TIES");
      }
    }
  }
  ExpectOp(")");
  return window;
}

std::vector<ir::SortItem> Parser::SortList() {
  std::vector<ir::SortItem> items;
  do {
    items.push_back(ir::SortItem{Expr()});
    if (!Accept("ASC") && !Accept("DESC") && Accept("USING")) Advance();
    if (Accept("NULLS")) {
      if (!Accept("FIRST")) Expect("LAST");
    }
  } while (AcceptOp(","));
  return items;
}

}  // namespace ds::dialect::detail
