// Template structure: the text is cut into segments (text, {{ }}, {% %}, {# #}), whitespace control
// trims the text beside `-` markers, then statements are nested into if/for/set blocks.
#include <set>
#include <utility>

#include "parsers/analytics/jinja_expr_parse.h"
#include "parsers/analytics/jinja_syntax.h"
#include "src/ir/limits.h"

namespace ds::analytics::jinja {
namespace {

struct Segment {
  enum Kind { kText, kOutput, kStatement, kComment } kind = kText;
  uint32_t begin = 0, end = 0;          ///< the content (text run, or inside the delimiters)
  uint32_t tag_begin = 0, tag_end = 0;  ///< the whole tag
  bool trim_before = false, trim_after = false;
};

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

/// The end of a tag opened at `from` (just past `{{`/`{%`), skipping quoted strings.
size_t FindClose(std::string_view text, size_t from, char close) {
  char quote = 0;
  for (size_t i = from; i + 1 < text.size(); ++i) {
    char c = text[i];
    if (quote) {
      if (c == '\\') ++i;
      else if (c == quote) quote = 0;
    } else if (c == '\'' || c == '"') {
      quote = c;
    } else if (c == close && text[i + 1] == '}') {
      return i;
    }
  }
  return std::string_view::npos;
}

/// `{% raw %}` ... `{% endraw %}`: the end of the raw text and of the closing tag.
bool FindEndRaw(std::string_view text, size_t from, size_t& raw_end, size_t& tag_end) {
  for (size_t at = text.find("{%", from); at != std::string_view::npos; at = text.find("{%", at + 2)) {
    size_t i = at + 2;
    if (i < text.size() && (text[i] == '-' || text[i] == '+')) ++i;
    while (i < text.size() && IsSpace(text[i])) ++i;
    if (text.substr(i, 6) != "endraw") continue;
    size_t close = text.find("%}", i);
    if (close == std::string_view::npos) return false;
    raw_end = at;
    tag_end = close + 2;
    return true;
  }
  return false;
}

class Splitter {
 public:
  Splitter(std::string_view text, std::vector<ParseError>& errors) : text_(text), errors_(errors) {}

  std::vector<Segment> Split() {
    size_t pos = 0;
    while (pos < text_.size()) {
      size_t open = NextOpen(pos);
      if (open == std::string_view::npos) {
        AddText(pos, text_.size());
        break;
      }
      AddText(pos, open);
      pos = Tag(open);
    }
    ApplyTrim();
    return std::move(segments_);
  }

 private:
  size_t NextOpen(size_t from) const {
    for (size_t i = text_.find('{', from); i != std::string_view::npos; i = text_.find('{', i + 1)) {
      if (i + 1 < text_.size() && (text_[i + 1] == '{' || text_[i + 1] == '%' || text_[i + 1] == '#')) {
        return i;
      }
    }
    return std::string_view::npos;
  }

  void AddText(size_t begin, size_t end) {
    if (end > begin) segments_.push_back(Segment{Segment::kText, U(begin), U(end), U(begin), U(end)});
  }

  static uint32_t U(size_t v) { return static_cast<uint32_t>(v); }

  /// Reads the tag at `open`; returns where the text after it starts.
  size_t Tag(size_t open) {
    char kind = text_[open + 1];
    Segment s;
    s.tag_begin = U(open);
    size_t inner = open + 2;
    if (inner < text_.size() && (text_[inner] == '-' || text_[inner] == '+')) {
      s.trim_before = text_[inner] == '-';
      ++inner;
    }
    size_t close = kind == '#' ? text_.find("#}", inner) : FindClose(text_, inner, kind == '{' ? '}' : '%');
    if (close == std::string_view::npos) {
      errors_.push_back(ParseError{U(open), std::string("unclosed '{") + kind + "'"});
      AddText(open, text_.size());
      return text_.size();
    }
    size_t content_end = close;
    if (close > inner && (text_[close - 1] == '-' || text_[close - 1] == '+')) {
      s.trim_after = text_[close - 1] == '-';
      --content_end;
    }
    s.kind = kind == '{' ? Segment::kOutput : kind == '%' ? Segment::kStatement : Segment::kComment;
    s.begin = U(inner);
    s.end = U(content_end);
    s.tag_end = U(close + 2);
    segments_.push_back(s);
    if (s.kind == Segment::kStatement && IsRaw(s)) return Raw(s);
    return close + 2;
  }

  bool IsRaw(const Segment& s) const {
    std::string_view content = text_.substr(s.begin, s.end - s.begin);
    while (!content.empty() && IsSpace(content.front())) content.remove_prefix(1);
    while (!content.empty() && IsSpace(content.back())) content.remove_suffix(1);
    return content == "raw";
  }

  size_t Raw(const Segment& open) {
    size_t raw_end = 0, tag_end = 0;
    if (!FindEndRaw(text_, open.tag_end, raw_end, tag_end)) {
      errors_.push_back(ParseError{open.tag_begin, "'raw' without 'endraw'"});
      return text_.size();
    }
    segments_.push_back(Segment{Segment::kText, open.tag_end, U(raw_end), open.tag_end, U(raw_end)});
    raw_text_indexes_.insert(segments_.size() - 1);
    return tag_end;
  }

  void ApplyTrim() {
    for (size_t i = 0; i < segments_.size(); ++i) {
      Segment& s = segments_[i];
      if (s.kind != Segment::kText || raw_text_indexes_.count(i)) continue;
      if (i > 0 && segments_[i - 1].kind != Segment::kText && segments_[i - 1].trim_after) {
        while (s.begin < s.end && IsSpace(text_[s.begin])) ++s.begin;
      }
      if (i + 1 < segments_.size() && segments_[i + 1].kind != Segment::kText && segments_[i + 1].trim_before) {
        while (s.end > s.begin && IsSpace(text_[s.end - 1])) --s.end;
      }
    }
  }

  std::string_view text_;
  std::vector<ParseError>& errors_;
  std::vector<Segment> segments_;
  std::set<size_t> raw_text_indexes_;

 public:
  const std::set<size_t>& raw_text_indexes() const { return raw_text_indexes_; }
};

/// Statements whose bodies are not rendered (generic tests, docs, materializations).
const std::set<std::string> kSkippedBlocks = {"materialization", "test", "docs", "snapshot", "block"};

class TreeBuilder {
 public:
  TreeBuilder(std::string_view text, std::vector<Segment> segments, std::set<size_t> raw_texts,
              std::vector<ParseError>& errors)
      : text_(text), segments_(std::move(segments)), raw_texts_(std::move(raw_texts)), errors_(errors) {}

  std::vector<Node> Build() {
    std::string stop;
    std::vector<Node> body = Body({}, stop);
    if (!stop.empty()) Error(segments_[pos_ - 1].tag_begin, "unexpected '" + stop + "'");
    return body;
  }

 private:
  /// Parses nodes until a statement whose keyword is in `ends` (returned in `stop`, its
  /// expression parser left in `stop_parser_`), or the end of the template.
  std::vector<Node> Body(const std::set<std::string>& ends, std::string& stop) {
    std::vector<Node> body;
    stop.clear();
    while (pos_ < segments_.size()) {
      size_t index = pos_++;
      const Segment& s = segments_[index];
      if (s.kind == Segment::kComment) continue;
      if (s.kind == Segment::kText) {
        Node n;
        n.kind = raw_texts_.count(index) ? Node::Kind::kRaw : Node::Kind::kText;
        n.begin = s.begin;
        n.end = s.end;
        if (n.end > n.begin) body.push_back(std::move(n));
        continue;
      }
      if (s.kind == Segment::kOutput) {
        ExprParser parser(text_.substr(s.begin, s.end - s.begin), s.begin, errors_);
        Node n;
        n.kind = Node::Kind::kOutput;
        n.begin = s.tag_begin;
        n.end = s.tag_end;
        n.expr = parser.ParseAll();
        if (!parser.failed()) body.push_back(std::move(n));
        continue;
      }
      parser_ = std::make_unique<ExprParser>(text_.substr(s.begin, s.end - s.begin), s.begin, errors_);
      std::string keyword = parser_->TakeName();
      if (ends.count(keyword)) {
        stop = keyword;
        return body;
      }
      Statement(keyword, s, body);
    }
    return body;
  }

  void Statement(const std::string& keyword, const Segment& s, std::vector<Node>& body) {
    static const std::set<std::string> kBlocks = {"if", "for", "set", "macro", "call", "filter"};
    if ((kBlocks.count(keyword) || kSkippedBlocks.count(keyword)) && depth_ >= ir::kMaxNestingDepth) {
      // Deeper blocks are not descended into: the rest of the template is left out, said once.
      errors_.push_back(ParseError{s.tag_begin, "statements nested more than " +
                                                    std::to_string(ir::kMaxNestingDepth) +
                                                    " deep: the rest of the template is not read",
                                   true});
      pos_ = segments_.size();
      abandoned_ = true;
      return;
    }
    ++depth_;
    StatementAt(keyword, s, body);
    --depth_;
  }

  void StatementAt(const std::string& keyword, const Segment& s, std::vector<Node>& body) {
    Node n;
    n.begin = s.tag_begin;
    n.end = s.tag_end;
    if (keyword == "if") {
      If(n);
    } else if (keyword == "for") {
      if (!For(n)) return;
    } else if (keyword == "set") {
      if (!Set(n)) return;
    } else if (keyword == "do") {
      n.kind = Node::Kind::kDo;
      n.expr = parser_->ParseAll();
      if (parser_->failed()) return;
    } else if (keyword == "break" || keyword == "continue") {
      if (loops_ == 0) {
        Error(s.tag_begin, "'" + keyword + "' outside a loop");
        return;
      }
      n.kind = keyword == "break" ? Node::Kind::kBreak : Node::Kind::kContinue;
    } else if (keyword == "raw") {
      return;  // its text follows as a kRaw node
    } else if (keyword == "macro") {
      if (!Macro(n)) return;
    } else if (keyword == "call") {
      if (!CallBlock(n)) return;
    } else if (keyword == "filter") {
      if (!FilterBlock(n)) return;
    } else if (kSkippedBlocks.count(keyword)) {
      n.kind = Node::Kind::kSkipped;
      n.what = keyword;
      std::string stop;
      Body({"end" + keyword}, stop);
      if (stop.empty()) Error(s.tag_begin, "'" + keyword + "' without 'end" + keyword + "'");
    } else {
      Error(s.tag_begin, keyword.empty() ? "empty statement" : "unknown statement '" + keyword + "'");
      return;
    }
    body.push_back(std::move(n));
  }

  void If(Node& n) {
    n.kind = Node::Kind::kIf;
    Node::Branch branch;
    branch.has_condition = true;
    branch.offset = n.begin;
    branch.condition = parser_->ParseAll();
    while (true) {
      std::string stop;
      branch.body = Body({"elif", "else", "endif"}, stop);
      n.branches.push_back(std::move(branch));
      if (stop.empty()) {
        Error(n.begin, "'if' without 'endif'");
        return;
      }
      if (stop == "endif") return;
      branch = Node::Branch{};
      branch.offset = segments_[pos_ - 1].tag_begin;
      branch.has_condition = stop == "elif";
      if (branch.has_condition) branch.condition = parser_->ParseAll();
    }
  }

  bool For(Node& n) {
    n.kind = Node::Kind::kFor;
    do {
      std::string name = parser_->TakeName();
      if (name.empty()) {
        parser_->ErrorHere("expected a loop variable");
        return false;
      }
      n.targets.push_back(name);
    } while (parser_->Accept(","));
    if (!parser_->IsWord("in")) {
      parser_->ErrorHere("expected 'in'");
      return false;
    }
    parser_->SkipWord();
    n.expr = parser_->ParseTuple(false);
    Node::Branch body;
    if (parser_->IsWord("if")) {  // the loop's filter: `for x in xs if x.enabled`
      parser_->SkipWord();
      body.has_condition = true;
      body.condition = parser_->ParseCond();
    }
    if (parser_->IsWord("recursive")) parser_->SkipWord();  // loop(...) then calls an unknown macro
    if (!parser_->AtEnd()) parser_->ErrorHere("unexpected token after the loop's iterable");
    std::string stop;
    ++loops_;
    body.body = Body({"else", "endfor"}, stop);
    --loops_;
    n.branches.push_back(std::move(body));
    if (stop == "else") {
      Node::Branch otherwise;
      otherwise.body = Body({"endfor"}, stop);
      n.branches.push_back(std::move(otherwise));
    }
    if (stop != "endfor") Error(n.begin, "'for' without 'endfor'");
    return true;
  }

  bool Set(Node& n) {
    do {
      std::string name = parser_->TakeName();
      while (!name.empty() && parser_->Accept(".")) name += "." + parser_->TakeName();  // ns.x
      if (name.empty()) {
        parser_->ErrorHere("expected a name after 'set'");
        return false;
      }
      n.targets.push_back(name);
    } while (parser_->Accept(","));
    if (parser_->Accept("=")) {
      n.kind = Node::Kind::kSet;
      n.expr = parser_->ParseAll();
      return !parser_->failed();
    }
    n.kind = Node::Kind::kSetBlock;
    std::string stop;
    Node::Branch body;
    body.body = Body({"endset"}, stop);
    n.branches.push_back(std::move(body));
    if (stop != "endset") Error(n.begin, "'set' block without 'endset'");
    return true;
  }

  /// `(a, b=1, c='x')`: the parameters after a macro's name or after `call`.
  bool Params(std::vector<Param>& params) {
    if (!parser_->Accept("(")) {
      parser_->ErrorHere("expected '('");
      return false;
    }
    while (!parser_->Accept(")")) {
      Param p;
      p.name = parser_->TakeName();
      if (p.name.empty()) {
        parser_->ErrorHere("expected a parameter name");
        return false;
      }
      if (parser_->Accept("=")) {
        p.has_default = true;
        p.default_value = parser_->ParseCond();
        if (parser_->failed()) return false;
      }
      params.push_back(std::move(p));
      if (!parser_->Accept(",") && !parser_->IsOp(")")) {
        parser_->ErrorHere("expected ',' or ')'");
        return false;
      }
    }
    return true;
  }

  /// The body of a macro or call block, up to its end tag.
  void BlockBody(Node& n, const std::string& keyword) {
    std::string stop;
    Node::Branch body;
    int loops = std::exchange(loops_, 0);  // a macro's body is no part of the loop around it
    body.body = Body({"end" + keyword}, stop);
    loops_ = loops;
    n.branches.push_back(std::move(body));
    if (stop.empty()) Error(n.begin, "'" + keyword + "' without 'end" + keyword + "'");
  }

  bool Macro(Node& n) {
    n.kind = Node::Kind::kMacro;
    n.what = parser_->TakeName();
    bool ok = !n.what.empty() && Params(n.params);
    if (n.what.empty()) parser_->ErrorHere("expected the macro's name");
    BlockBody(n, "macro");  // read even when the signature is broken: its end tag must be found
    return ok;
  }

  bool CallBlock(Node& n) {
    n.kind = Node::Kind::kCallBlock;
    bool ok = !parser_->IsOp("(") || Params(n.params);
    if (ok) {
      n.expr = parser_->ParseAll();
      ok = !parser_->failed() && n.expr.kind == Expr::Kind::kCall;
      if (!parser_->failed() && !ok) parser_->ErrorAt(n.begin, "'call' needs a macro call");
    }
    BlockBody(n, "call");
    return ok;
  }

  /// `{% filter upper %}` / `{% filter replace('a', 'b') | trim %}`: the filters, applied to the
  /// body's text at render.
  bool FilterBlock(Node& n) {
    n.kind = Node::Kind::kFilterBlock;
    Expr text;
    text.offset = n.begin;
    // Parsed as `_ | f(args)`: the same filter syntax as in an expression.
    n.expr = parser_->ParseFilters(std::move(text));
    bool ok = !parser_->failed() && n.expr.kind == Expr::Kind::kFilter;
    if (!parser_->failed() && !ok) parser_->ErrorAt(n.begin, "'filter' needs a filter name");
    if (ok && !parser_->AtEnd()) {
      parser_->ErrorHere("unexpected token after the filter");
      ok = false;
    }
    BlockBody(n, "filter");
    n.branches[0].offset = segments_[pos_ - 1].tag_end;  // what follows the block is after this
    return ok;
  }

  void Error(uint32_t offset, std::string message) {
    if (!abandoned_) errors_.push_back(ParseError{offset, std::move(message)});  // no echo of each open block
  }

  std::string_view text_;
  std::vector<Segment> segments_;
  std::set<size_t> raw_texts_;
  std::vector<ParseError>& errors_;
  size_t pos_ = 0;
  int depth_ = 0;  ///< blocks open around the statement being read
  int loops_ = 0;  ///< {% for %} bodies open around it (in the same macro)
  bool abandoned_ = false;  ///< past the depth bound: the rest is not read
  std::unique_ptr<ExprParser> parser_;
};

}  // namespace

Template ParseTemplate(std::string_view text) {
  Template out;
  Splitter splitter(text, out.errors);
  std::vector<Segment> segments = splitter.Split();
  TreeBuilder builder(text, std::move(segments), splitter.raw_text_indexes(), out.errors);
  out.body = builder.Build();
  return out;
}

}  // namespace ds::analytics::jinja
