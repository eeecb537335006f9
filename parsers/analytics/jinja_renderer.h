#pragma once
/// The renderer's state, shared by its statement half (jinja_render.cpp) and its expression
/// half (jinja_eval.cpp). Internal to parsers/analytics.
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "parsers/analytics/jinja_render.h"
#include "parsers/analytics/jinja_syntax.h"
#include "parsers/analytics/sql_writer.h"

namespace ds::analytics::jinja {

class Renderer {
 public:
  Renderer(std::string_view text, const RenderContext& context, int first_line = 1);

  void RenderBody(const std::vector<Node>& body);
  /// Evaluates `e` within the render's work budget: past it, or for a value over the size
  /// bounds (src/ir/limits.h), the result is unknown and a kLimitExceeded diagnostic says so.
  Value Eval(const Expr& e);
  void Report(uint32_t offset, std::string message, ir::DiagCode code = ir::DiagCode::kTemplateError);
  /// A template parse error: a limit one as kLimitExceeded, else "could not parse Jinja".
  void ReportParseError(const ParseError& error);
  /// A bound was reached at `offset`: said once per place and message.
  void ReportLimit(uint32_t offset, const std::string& message) { Report(offset, message, ir::DiagCode::kLimitExceeded); }
  RenderResult Finish(std::string sql);
  SqlWriter& writer() { return *writer_; }

 private:
  using Scope = std::map<std::string, Value>;

  void RenderNode(const Node& n);
  void RenderIf(const Node& n);
  void RenderFor(const Node& n);
  void RenderSet(const Node& n);
  void RenderOutput(const Node& n);
  /// Renders `body` into a scratch writer: its references count as other-branch ones.
  void Shadow(const std::vector<Node>& body);
  /// Renders `body` into a string (a {% set %} block).
  std::string Capture(const std::vector<Node>& body);
  void Assign(const std::string& name, Value value);
  const Value* Lookup(const std::string& name) const;

  /// The budget is spent: the render stops here (said once).
  void Exhaust(uint32_t offset, const std::string& why);
  /// Whether `value` may go into `container` without making a cycle (or a walk past the budget).
  bool MayHold(const Value& container, const Value& value, uint32_t offset);

  // jinja_eval.cpp
  Value EvalNode(const Expr& e);
  Value EvalName(const Expr& e);
  Value EvalAttr(const Expr& e);
  Value EvalItem(const Expr& e);
  Value EvalCall(const Expr& e);
  Value EvalMethod(const Value& receiver, const std::string& method, const std::vector<Value>& args);
  Value EvalBinary(const Expr& e);
  Value EvalFilter(const Expr& e);
  Value EvalTest(const Expr& e);
  Value CallFunction(const std::string& name, const Expr& e, const std::vector<Value>& args,
                     const std::vector<std::pair<std::string, Value>>& kwargs);
  Value Ref(const Expr& e, const std::vector<Value>& args, const std::vector<std::pair<std::string, Value>>& kwargs);
  Value Source(const Expr& e, const std::vector<Value>& args);
  Value Var(const Expr& e, const std::vector<Value>& args);
  /// Fills line/column/other_branch, resolves, records; returns the relation value.
  Value Use(RelationUse use, uint32_t offset);

 public:
  std::pair<int, int> Position(uint32_t offset) const;  ///< 1-based line, column in the file

 private:
  std::string_view text_;
  const RenderContext& context_;
  int first_line_;
  std::vector<uint32_t> line_starts_;
  SqlWriter main_writer_;
  SqlWriter* writer_ = &main_writer_;
  std::vector<Scope> scopes_;
  int shadow_depth_ = 0;
  bool incremental_seen_ = false;  ///< is_incremental() called since the flag was cleared
  size_t steps_ = 0;       ///< expressions evaluated (ir::kMaxJinjaSteps)
  size_t iterations_ = 0;  ///< loop iterations, all loops together (ir::kMaxLoopIterations)
  bool exhausted_ = false;  ///< a work bound was reached: nothing more is rendered
  static constexpr size_t kMaxReports = 10000;
  std::set<std::pair<uint32_t, std::string>> reported_;  ///< diagnostics already made
  RenderResult result_;
};

/// The dotted name of a callee (`dbt_utils.star`), or "" when it is not a plain name chain.
std::string DottedName(const Expr& e);

}  // namespace ds::analytics::jinja
