// The statement half of the renderer: text, outputs, if/for/set. Conditions are three-valued:
// a branch whose condition is unknown is rendered as if true (and said so), the branches after
// it are rendered aside only to collect their ref()/source() calls; is_incremental() is false,
// and the branches it would select are collected the same way.
#include <algorithm>
#include <tuple>

#include "parsers/analytics/jinja_renderer.h"
#include "src/ir/limits.h"

namespace ds::analytics::jinja {
namespace {

/// A macro's output written on the line of its call: each run of white space that holds a newline
/// becomes one space (outside quotes), so the model's later lines stay its own. Output with a
/// `--` comment keeps its newlines, which end the comment.
std::string OneLine(const std::string& text) {
  if (text.find('\n') == std::string::npos || text.find("--") != std::string::npos) return text;
  std::string out;
  out.reserve(text.size());
  char quote = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (quote == 0 && (c == ' ' || c == '\t' || c == '\r' || c == '\n')) {
      size_t end = i;
      bool newline = false;
      while (end < text.size() && (text[end] == ' ' || text[end] == '\t' || text[end] == '\r' || text[end] == '\n')) {
        newline |= text[end] == '\n';
        ++end;
      }
      out.append(newline ? " " : text.substr(i, end - i));
      i = end - 1;
      continue;
    }
    if (quote != 0 && c == quote) quote = 0;
    else if (quote == 0 && (c == '\'' || c == '"')) quote = c;
    out += c;
  }
  return out;
}

}  // namespace

Renderer::Renderer(std::string_view text, const RenderContext& context, int first_line)
    : text_(text), context_(context), first_line_(first_line), model_text_(text) {
  line_starts_.push_back(0);
  for (uint32_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\n') line_starts_.push_back(i + 1);
  }
  scopes_.emplace_back(context.globals.begin(), context.globals.end());
}

std::pair<int, int> Renderer::Position(uint32_t offset) const {
  if (foreign_) offset = site_offset_;  // inside another file's macro: at the model's call
  auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
  size_t index = static_cast<size_t>(it - line_starts_.begin()) - 1;
  return {first_line_ + static_cast<int>(index), static_cast<int>(offset - line_starts_[index]) + 1};
}

void Renderer::Report(uint32_t offset, std::string message, ir::DiagCode code) {
  // A branch rendered aside only for its references (Shadow: is_incremental()'s, or the others
  // of a condition already said to be unknown) writes no SQL of the model: what it could not
  // render changes nothing read. Limits are still said (ReportLimit).
  if (shadow_depth_ > 0 && code != ir::DiagCode::kLimitExceeded) return;
  if (!frame_name_.empty()) message = InMacro(message);
  // A loop says the same thing at the same place each time round: once is enough.
  if (reported_.size() >= kMaxReports || !reported_.emplace(offset, message).second) return;
  auto [line, column] = Position(offset);
  result_.diagnostics.push_back(
      ir::Diagnostic{ir::Severity::kWarning, ir::SourceSpan{context_.file, line, column}, std::move(message), code});
}

void Renderer::ReportParseError(const ParseError& error) {
  if (error.limit) ReportLimit(error.offset, error.message);
  else Report(error.offset, "could not parse Jinja: " + error.message);
}

void Renderer::Exhaust(uint32_t offset, const std::string& why) {
  if (!exhausted_) ReportLimit(offset, "the template " + why + ": the rest of it is not rendered");
  exhausted_ = true;
}

bool Renderer::MayHold(const Value& container, const Value& value, uint32_t offset) {
  const void* target = container.list ? static_cast<const void*>(container.list.get()) : container.dict.get();
  // Walks what `value` holds (shared lists are a DAG, so a budget, not a visited set, bounds it).
  std::vector<const Value*> todo{&value};
  size_t budget = ir::kMaxListItems;
  while (!todo.empty()) {
    const Value* v = todo.back();
    todo.pop_back();
    if (budget-- == 0 || (v->kind == Kind::kList && v->list.get() == target) ||
        (v->kind == Kind::kDict && v->dict.get() == target)) {
      ReportLimit(offset, "a list or namespace put inside itself (or too large to check): left unchanged");
      return false;
    }
    if (v->kind == Kind::kList) for (const Value& item : *v->list) todo.push_back(&item);
    if (v->kind == Kind::kDict) for (const auto& entry : *v->dict) todo.push_back(&entry.second);
  }
  return true;
}

RenderResult Renderer::Finish(std::string sql) {
  result_.sql = std::move(sql);
  auto& d = result_.diagnostics;
  std::stable_sort(d.begin(), d.end(), [](const ir::Diagnostic& a, const ir::Diagnostic& b) {
    return std::tie(a.span.line, a.span.column) < std::tie(b.span.line, b.span.column);
  });
  d.erase(std::unique(d.begin(), d.end()), d.end());
  return std::move(result_);
}

void Renderer::RenderBody(const std::vector<Node>& body) {
  for (const Node& n : body) {
    if (Stopped()) return;
    if (writer_->text().size() > ir::kMaxJinjaOutputBytes) {
      Exhaust(n.begin, "writes more than " + ir::LimitText(ir::kMaxJinjaOutputBytes) + " of SQL");
      return;
    }
    if (rendered_bytes_ > ir::kMaxJinjaRenderedBytes) {
      Exhaust(n.begin, "renders more than " + ir::LimitText(ir::kMaxJinjaRenderedBytes) + " of text, macro outputs included");
      return;
    }
    RenderNode(n);
  }
}

void Renderer::RenderNode(const Node& n) {
  Deeper deeper(*this, n.begin);
  if (!deeper.Ok()) return;
  switch (n.kind) {
    case Node::Kind::kText:
    case Node::Kind::kRaw: {
      rendered_bytes_ += n.end - n.begin;
      auto [line, column] = Position(n.begin);
      writer_->Template(text_.substr(n.begin, n.end - n.begin), line, column);
      break;
    }
    case Node::Kind::kOutput: RenderOutput(n); break;
    case Node::Kind::kIf: RenderIf(n); break;
    case Node::Kind::kFor: RenderFor(n); break;
    case Node::Kind::kSet: RenderSet(n); break;
    case Node::Kind::kSetBlock: Assign(n.targets[0], Value::String(Capture(n.branches[0].body))); break;
    case Node::Kind::kDo: Eval(n.expr); break;
    case Node::Kind::kSkipped:
    case Node::Kind::kMacro: break;  // callable from the start (DefineLocalMacros)
    case Node::Kind::kCallBlock: RenderCallBlock(n); break;
    case Node::Kind::kFilterBlock: RenderFilterBlock(n); break;
    case Node::Kind::kBreak: loop_control_ = LoopControl::kBreak; break;
    case Node::Kind::kContinue: loop_control_ = LoopControl::kContinue; break;
  }
}

void Renderer::RenderOutput(const Node& n) { WriteValue(Eval(n.expr), n); }

void Renderer::WriteValue(const Value& v, const Node& n) { WriteValue(v, n.begin, n.end); }

void Renderer::WriteValue(const Value& v, uint32_t begin, uint32_t end) {
  auto [line, column] = Position(begin);
  if (v.IsUnknown()) {
    if (!v.from_macro) Report(begin, "'" + v.text + "' is not known statically: replaced by a placeholder");
    char next = end < text_.size() ? text_[end] : ' ';
    writer_->Placeholder(v.text, next, line, column);
    return;
  }
  std::string text = v.kind == Kind::kString && v.from_macro ? OneLine(v.text) : ToText(v);
  rendered_bytes_ += text.size();
  writer_->Value(text, line, column);
}

void Renderer::RenderIf(const Node& n) {
  bool chosen = false;
  bool collect_rest = false;  // the remaining branches are rendered aside
  for (const Node::Branch& branch : n.branches) {
    if (chosen) {
      if (collect_rest) Shadow(branch.body);
      continue;
    }
    if (!branch.has_condition) {
      chosen = true;
      RenderBody(branch.body);
      continue;
    }
    incremental_seen_ = false;
    Value condition = Eval(branch.condition);
    bool incremental = incremental_seen_;
    collect_rest |= incremental;
    Truth truth = TruthOf(condition);
    if (truth == Truth::kUnknown) {
      Report(branch.offset, "condition over '" + condition.text +
                                "' is not known statically: rendered as if true, the other branches only for their references");
      collect_rest = true;
    }
    if (truth == Truth::kFalse) {
      if (incremental) Shadow(branch.body);
      continue;
    }
    chosen = true;
    RenderBody(branch.body);
  }
}

void Renderer::RenderFor(const Node& n) {
  Value iterable = Eval(n.expr);
  List items;
  bool unknown = false;
  switch (iterable.kind) {
    case Kind::kList: items = *iterable.list; break;
    case Kind::kDict:
      for (const auto& entry : *iterable.dict) items.push_back(Value::String(entry.first));
      break;
    case Kind::kString:
      for (char c : iterable.text) items.push_back(Value::String(std::string(1, c)));
      break;
    case Kind::kUnknown: unknown = true; break;
    default: break;
  }
  if (unknown) {
    Report(n.begin, "loop over '" + iterable.text + "' is not known statically: its body is rendered once");
    items.push_back(Value::Unknown(iterable.text + " item", iterable.from_macro));
  }
  auto bind = [&](Scope& scope, const Value& item) {
    if (n.targets.size() == 1) {
      scope[n.targets[0]] = item;
      return;
    }
    for (size_t t = 0; t < n.targets.size(); ++t) {
      scope[n.targets[t]] = item.kind == Kind::kList && t < item.list->size() ? (*item.list)[t] : Value::Unknown(n.targets[t]);
    }
  };
  if (n.branches[0].has_condition) {  // `for x in xs if cond`: the items kept, before the loop counts them
    List kept;
    for (const Value& item : items) {
      if (Stopped()) return;
      if (++iterations_ > ir::kMaxLoopIterations) {
        Exhaust(n.begin, "runs more than " + std::to_string(ir::kMaxLoopIterations) + " loop iterations");
        return;
      }
      scopes_.emplace_back();
      bind(scopes_.back(), item);
      Value keep = Eval(n.branches[0].condition);
      scopes_.pop_back();
      Truth t = TruthOf(keep);
      if (t == Truth::kUnknown) {
        Report(n.begin, "loop filter over '" + keep.text + "' is not known statically: the item is kept");
      }
      if (t != Truth::kFalse) kept.push_back(item);
    }
    items = std::move(kept);
  }
  if (items.empty()) {
    if (n.branches.size() > 1) RenderBody(n.branches[1].body);
    return;
  }
  for (size_t i = 0; i < items.size() && !Stopped(); ++i) {
    if (++iterations_ > ir::kMaxLoopIterations) {
      Exhaust(n.begin, "runs more than " + std::to_string(ir::kMaxLoopIterations) + " loop iterations");
      break;
    }
    scopes_.emplace_back();
    const Value& item = items[i];
    bind(scopes_.back(), item);
    int64_t count = static_cast<int64_t>(items.size());
    int64_t index = static_cast<int64_t>(i);
    scopes_.back()["loop"] = Value::MakeDict(Dict{{"index", Value::Int(index + 1)},
                                                   {"index0", Value::Int(index)},
                                                   {"revindex", Value::Int(count - index)},
                                                   {"revindex0", Value::Int(count - index - 1)},
                                                   {"first", Value::Bool(i == 0)},
                                                   {"last", Value::Bool(index == count - 1)},
                                                   {"length", Value::Int(count)},
                                                   {"previtem", i > 0 ? items[i - 1] : Value{}},
                                                   {"nextitem", i + 1 < items.size() ? items[i + 1] : Value{}},
                                                   {"depth", Value::Int(1)},
                                                   {"depth0", Value::Int(0)}});
    RenderBody(n.branches[0].body);
    scopes_.pop_back();
    bool stop = loop_control_ == LoopControl::kBreak;
    loop_control_ = LoopControl::kNone;
    if (stop) break;
  }
}

void Renderer::RenderFilterBlock(const Node& n) {
  Expr applied = n.expr;
  Expr* subject = &applied;
  while (subject->kind == Expr::Kind::kFilter) subject = &subject->args[0];
  subject->value = Value::String(Capture(n.branches[0].body));
  WriteValue(Eval(applied), n.begin, n.branches[0].offset);
}

void Renderer::RenderSet(const Node& n) {
  Value v = Eval(n.expr);
  if (n.targets.size() == 1) {
    Assign(n.targets[0], std::move(v));
    return;
  }
  for (size_t t = 0; t < n.targets.size(); ++t) {
    Assign(n.targets[t], v.kind == Kind::kList && t < v.list->size() ? (*v.list)[t] : Value::Unknown(n.targets[t]));
  }
}

void Renderer::Assign(const std::string& name, Value value) {
  size_t dot = name.find('.');
  if (dot != std::string::npos) {  // {% set ns.total = ... %} on a namespace()
    const Value* ns = Lookup(name.substr(0, dot));
    if (ns != nullptr && ns->dict && MayHold(*ns, value, 0)) {
      std::string key = name.substr(dot + 1);
      for (auto& entry : *ns->dict) {
        if (entry.first == key) {
          entry.second = std::move(value);
          return;
        }
      }
      ns->dict->emplace_back(key, std::move(value));
    }
    return;
  }
  scopes_.back()[name] = std::move(value);
}

const Value* Renderer::Lookup(const std::string& name) const {
  for (auto it = scopes_.rbegin(); it != scopes_.rend(); ++it) {
    auto found = it->find(name);
    if (found != it->end()) return &found->second;
  }
  return nullptr;
}

void Renderer::Shadow(const std::vector<Node>& body) {
  SqlWriter scratch(false);
  SqlWriter* saved = writer_;
  std::vector<Scope> saved_scopes = scopes_;
  bool saved_returning = returning_;
  LoopControl saved_control = loop_control_;
  Value saved_return = return_value_;
  writer_ = &scratch;
  ++shadow_depth_;
  RenderBody(body);
  --shadow_depth_;
  writer_ = saved;
  scopes_ = std::move(saved_scopes);
  returning_ = saved_returning;  // a return() or break in a branch not taken does nothing
  loop_control_ = saved_control;
  return_value_ = std::move(saved_return);
}

std::string Renderer::Capture(const std::vector<Node>& body) {
  SqlWriter capture(false);
  SqlWriter* saved = writer_;
  writer_ = &capture;
  RenderBody(body);
  writer_ = saved;
  return capture.Take();
}

RenderResult Render(std::string_view text, const RenderContext& context) {
  Template parsed = ParseTemplate(text);
  Renderer renderer(text, context);
  for (const ParseError& error : parsed.errors) renderer.ReportParseError(error);
  renderer.DefineLocalMacros(parsed.body);
  renderer.RenderBody(parsed.body);
  return renderer.Finish(renderer.writer().Take());
}

Value EvaluateExpression(std::string_view text, const RenderContext& context, int line,
                         std::vector<RelationUse>& uses, std::vector<ir::Diagnostic>& diagnostics) {
  // Exposures write `ref('m')`, and sometimes `{{ ref('m') }}`.
  std::string_view inner = text;
  auto trim = [](std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
  };
  inner = trim(inner);
  if (inner.starts_with("{{") && inner.ends_with("}}")) inner = trim(inner.substr(2, inner.size() - 4));
  std::vector<ParseError> errors;
  Expr e = ParseExpression(inner, errors);
  Renderer renderer(inner, context, line);
  Value v = errors.empty() ? renderer.Eval(e) : Value::Unknown(std::string(inner));
  for (const ParseError& error : errors) renderer.ReportParseError(error);
  RenderResult result = renderer.Finish("");
  uses.insert(uses.end(), result.uses.begin(), result.uses.end());
  for (ir::Diagnostic& d : result.diagnostics) {
    d.span.column = 0;  // a position inside a YAML string is not the file's column
    diagnostics.push_back(std::move(d));
  }
  return v;
}

}  // namespace ds::analytics::jinja
