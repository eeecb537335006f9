#pragma once
/// The renderer's state, shared by its statement half (jinja_render.cpp) and its expression
/// half (jinja_eval.cpp). Internal to parsers/analytics.
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "parsers/analytics/jinja_builtins.h"
#include "parsers/analytics/jinja_macros.h"
#include "parsers/analytics/jinja_render.h"
#include "parsers/analytics/jinja_syntax.h"
#include "parsers/analytics/sql_writer.h"
#include "src/ir/limits.h"

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
  /// Makes the template's own top-level `{% macro %}` blocks callable.
  void DefineLocalMacros(const std::vector<Node>& body);

 private:
  using Scope = std::map<std::string, Value>;

  void RenderNode(const Node& n);
  void RenderIf(const Node& n);
  void RenderFor(const Node& n);
  void RenderSet(const Node& n);
  void RenderOutput(const Node& n);
  void WriteValue(const Value& v, const Node& n);
  /// `v` written for the template text [begin, end) (what follows `end` decides a placeholder's form).
  void WriteValue(const Value& v, uint32_t begin, uint32_t end);
  void RenderCallBlock(const Node& n);
  /// {% filter f %}: the body's text through the filters.
  void RenderFilterBlock(const Node& n);
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
  Value EvalSlice(const Expr& e);
  /// What `x` is in `x.attr` / `x[k]`: a name nobody set is one of dbt's we do not hold (Jinja
  /// would fail on an undefined one), so unknown rather than undefined.
  Value EvalBase(const Expr& base);
  Value EvalCall(const Expr& e);
  using Args = std::vector<Value>;
  using Kwargs = std::vector<std::pair<std::string, Value>>;
  // jinja_methods.cpp: Python's methods on the values we hold.
  Value EvalMethod(const Value& receiver, const std::string& method, const Args& args, const Kwargs& kwargs,
                   uint32_t offset);
  Value EvalBinary(const Expr& e);
  // jinja_filters.cpp
  Value EvalFilter(const Expr& e);
  /// Jinja's filter `f` on `v` (also what map() and select() apply); nullopt: no such filter.
  std::optional<Value> ApplyFilter(const std::string& f, const Value& v, const Args& args, const Kwargs& kwargs);
  Value EvalTest(const Expr& e);
  /// Jinja's test `test` on `v` (also what select() applies); unknown for an unknown value or test.
  Truth ApplyTest(const std::string& test, const Value& v, const Args& args);

  // jinja_globals.cpp
  /// A name of dbt's context or Jinja's globals with a value we model (invocation_id,
  /// run_started_at); nullopt otherwise.
  std::optional<Value> GlobalValue(const std::string& name) const;
  /// A name dbt's context defines (target, adapter, graph...) or a macro namespace: unknown, never
  /// undefined, when we do not model it.
  bool IsContextName(const std::string& name) const;
  /// A call of Jinja's globals or dbt's modules (dict(d, k=v), zip(), modules.datetime...);
  /// nullopt: not one of them.
  std::optional<Value> CallGlobal(const std::string& name, const Args& args, const Kwargs& kwargs, uint32_t offset);
  Value CallFunction(const std::string& name, const Expr& e, const std::vector<Value>& args,
                     const std::vector<std::pair<std::string, Value>>& kwargs, int caller = -1);
  Value Ref(const Expr& e, const std::vector<Value>& args, const std::vector<std::pair<std::string, Value>>& kwargs);
  Value Source(const Expr& e, const std::vector<Value>& args);
  Value Var(const Expr& e, const std::vector<Value>& args);
  /// Fills line/column/other_branch, resolves, records; returns the relation value.
  Value Use(RelationUse use, uint32_t offset);

  // jinja_macro_call.cpp
  /// Something a macro value calls: a template macro, a built-in, a `{% call %}` block's body.
  struct Callable {
    enum class Kind : uint8_t { kMacro, kBuiltin, kCaller } kind = Kind::kMacro;
    std::string name;             ///< as written in diagnostics ("dbt_utils.star")
    const MacroDef* def = nullptr;  ///< kMacro
    BuiltinFn builtin = nullptr;    ///< kBuiltin
    size_t caller = 0;              ///< kCaller: index in callers_
  };
  /// A `{% call %}` block met: its body runs where it was written, with the scopes it saw.
  struct CallerBlock {
    const Node* node = nullptr;
    std::string_view text;
    std::vector<Scope> scopes;
    bool foreign = false;
    std::string package;
  };
  /// The macro `name` as called from the current frame ("m", "pkg.m", "dbt.m"); nullopt: none.
  std::optional<Callable> ResolveMacro(const std::string& name);
  /// adapter.dispatch(name, namespace): the first `<adapter>__name`, `default__name` in the search
  /// order, else the built-in; nullopt when none.
  std::optional<Callable> Dispatch(const std::string& name, const std::string& space);
  Value DispatchCall(const Expr& e, const Args& args, const Kwargs& kwargs);
  /// A macro value for `c` (kept in callables_).
  Value MacroValue(Callable c);
  Value Invoke(const Callable& c, const Args& args, const Kwargs& kwargs, uint32_t offset, int caller);
  Value InvokeTemplate(const Callable& c, const Args& args, const Kwargs& kwargs, uint32_t offset, int caller);
  Value InvokeBuiltin(const Callable& c, const Args& args, const Kwargs& kwargs, uint32_t offset);
  /// Binds a macro's or caller's parameters (defaults evaluated in the new scope, as Jinja does).
  void Bind(const std::vector<Param>& params, const Args& args, const Kwargs& kwargs);
  Value Return(const Args& args);
  /// Where a diagnostic raised inside a macro of another file is said: at the model's call.
  std::string InMacro(const std::string& message) const;
  bool Stopped() const { return exhausted_ || returning_ || loop_control_ != LoopControl::kNone; }

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
  size_t rendered_bytes_ = 0;  ///< text and values written, captures included (ir::kMaxJinjaRenderedBytes)

  // Macros: the frame being rendered (the model, a macro of the model file, a macro of another
  // file), and what a `return()` or `caller()` needs.
  std::string_view model_text_;
  std::map<std::string, MacroDef> local_macros_;  ///< the model file's own macros
  std::map<std::string, size_t> callable_index_;  ///< macros and built-ins already in callables_
  std::vector<Callable> callables_;
  std::vector<CallerBlock> callers_;
  int call_block_caller_ = -1;  ///< set by a {% call %} for the call it evaluates
  int macro_depth_ = 0;
  int render_depth_ = 0;  ///< statements and expressions open (ir::kMaxRenderDepth)
  /// One level of render_depth_ while in scope; Ok() is false past the bound (said once).
  class Deeper {
   public:
    Deeper(Renderer& r, uint32_t offset) : r_(r) {
      if (++r_.render_depth_ > ir::kMaxRenderDepth) {
        r_.Exhaust(offset, "nests statements and expressions more than " + std::to_string(ir::kMaxRenderDepth) +
                               " deep across macro calls");
      }
    }
    ~Deeper() { --r_.render_depth_; }
    Deeper(const Deeper&) = delete;
    Deeper& operator=(const Deeper&) = delete;
    bool Ok() const { return r_.render_depth_ <= ir::kMaxRenderDepth; }

   private:
    Renderer& r_;
  };
  bool foreign_ = false;       ///< the frame's text is another file's (a macro file)
  uint32_t site_offset_ = 0;   ///< foreign: the model offset of the call that entered it
  std::string frame_name_;     ///< the macro running, as diagnostics name it ("" at the model)
  std::string package_;        ///< the package whose macro runs ("" at the model: the root)
  bool returning_ = false;     ///< return() was called: the macro's body stops
  /// {% break %} / {% continue %} met: the loop's body stops, the loop acts on it.
  enum class LoopControl : uint8_t { kNone, kBreak, kContinue } loop_control_ = LoopControl::kNone;
  Value return_value_;
  static constexpr size_t kMaxReports = 10000;
  std::set<std::pair<uint32_t, std::string>> reported_;  ///< diagnostics already made
  RenderResult result_;
};

/// The dotted name of a callee (`dbt_utils.star`), or "" when it is not a plain name chain.
std::string DottedName(const Expr& e);

/// Python's operations on plain values, shared by the evaluator's files.
namespace py {
bool IsNumber(const Value& v);  ///< int, float, bool
double Number(const Value& v);
bool IsText(const Value& v);    ///< a string or a relation
std::string Lower(std::string s);
std::string Upper(std::string s);
/// str.strip(chars): both ends, `left`/`right` only for lstrip/rstrip.
std::string Strip(const std::string& s, const std::string& chars = " \t\r\n\f\v", bool left = true, bool right = true);
/// str.replace in one pass; unknown past kMaxStringBytes. `count` < 0: every occurrence.
Value Replaced(const std::string& s, const Value& from, const Value& to, int64_t count = -1);
/// Python's `a < b` for numbers, strings (`fold`: case-insensitive, as Jinja's sort and max),
/// lists; nullopt when they do not compare.
std::optional<bool> Less(const Value& a, const Value& b, bool fold = false);
/// Python's slice bounds over a sequence of `size`: the indices taken, nullopt for a bad step.
std::optional<std::vector<size_t>> SliceIndices(size_t size, const Value& start, const Value& stop, const Value& step);
}  // namespace py

/// dbt's `modules.datetime` (jinja_datetime.cpp). "Now" is a fixed instant, kRunStartedAt, not the
/// clock: a render is the same at every run and for both revisions, and the value only ever lands
/// in SQL literals.
namespace datetime {
constexpr int64_t kRunStartedAt = 946684800;  ///< 2000-01-01 00:00:00 UTC, in seconds
/// run_started_at: the fixed instant as a datetime aware of UTC.
Value RunStartedAt();
/// `modules.datetime.<name>(...)`: date.today(), datetime.now() / utcnow() / today(), date(y, m,
/// d), datetime(y, m, d, ...), timedelta(days=, ...), date.fromisoformat(); nullopt: not one.
std::optional<Value> Call(const std::string& name, const std::vector<Value>& args,
                          const std::vector<std::pair<std::string, Value>>& kwargs);
/// .year, .month, .day, .hour, ..., a timedelta's .days / .seconds; undefined otherwise.
Value Attribute(const Value& v, const std::string& name);
/// strftime(), isoformat(), date(), weekday(), total_seconds(); nullopt: not one.
std::optional<Value> Method(const Value& v, const std::string& method, const std::vector<Value>& args);
/// date/datetime +- timedelta, their differences, timedelta sums and multiples; unknown otherwise.
Value Arithmetic(const std::string& op, const Value& a, const Value& b);
}  // namespace datetime

}  // namespace ds::analytics::jinja
