// dbt snapshots: each `{% snapshot name %} ... {% endsnapshot %}` block of a file under the
// snapshot paths is a table `dbt snapshot` keeps: the block's query plus dbt's four columns
// (dbt_scd_id, dbt_updated_at, dbt_valid_from, dbt_valid_to; renamed by
// `snapshot_meta_column_names`, with dbt_is_deleted when `hard_deletes: new_record`). The block
// renders like a model; lineage reads it as
//   select * from (<the block's query>) as dbt_snapshot_query
//   cross join (select cast(null as ...) as dbt_scd_id, ...) as dbt_snapshot_columns
// with the head written over the opening tag, so every line and column of the query stays its own.
#include <algorithm>

#include "parsers/analytics/dbt_internal.h"
#include "src/ir/limits.h"

namespace ds::analytics {
namespace {

constexpr std::string_view kHead = "select * from (";

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

/// A `{% ... %}` tag: where it starts and ends, its keyword and the word after it.
struct Tag {
  size_t begin = 0, end = 0;
  std::string keyword, argument;
};

std::vector<std::string> Words(std::string_view inner) {
  std::vector<std::string> words;
  std::string word;
  for (char c : inner) {
    bool part = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
    if (part) {
      word += c;
    } else if (!word.empty()) {
      words.push_back(std::move(word));
      word.clear();
    }
    if (!part && !IsSpace(c) && c != '-' && c != '+') break;  // the words of interest come first
  }
  if (!word.empty()) words.push_back(std::move(word));
  return words;
}

/// The statement tags of `text`, comments and raw blocks skipped.
std::vector<Tag> Tags(std::string_view text) {
  std::vector<Tag> tags;
  bool raw = false;
  for (size_t at = text.find('{'); at != std::string_view::npos && at + 1 < text.size(); at = text.find('{', at + 1)) {
    char kind = text[at + 1];
    if (kind == '#') {
      size_t end = text.find("#}", at + 2);
      if (end == std::string_view::npos) break;
      at = end;
      continue;
    }
    if (kind != '%') continue;
    size_t end = text.find("%}", at + 2);
    if (end == std::string_view::npos) break;
    std::vector<std::string> words = Words(text.substr(at + 2, end - at - 2));
    Tag tag{at, end + 2, words.empty() ? "" : words[0], words.size() > 1 ? words[1] : ""};
    at = end + 1;
    if (raw) {
      raw = tag.keyword != "endraw";
      continue;
    }
    raw = tag.keyword == "raw";
    if (tag.keyword == "snapshot" || tag.keyword == "endsnapshot") tags.push_back(std::move(tag));
  }
  return tags;
}

}  // namespace

std::vector<SnapshotBlock> SnapshotBlocks(const std::string& file, std::string_view text,
                                          std::vector<ir::Diagnostic>& diagnostics) {
  std::vector<SnapshotBlock> out;
  std::vector<Tag> tags = Tags(text);
  size_t handed_out = 0;  // each block's text is the file up to its end: bounded all together
  int line = 1;
  size_t counted = 0;  // `line` is the line of offset `counted`
  for (size_t i = 0; i < tags.size(); ++i) {
    const Tag& open = tags[i];
    if (open.keyword != "snapshot") continue;
    line += static_cast<int>(std::count(text.begin() + static_cast<std::ptrdiff_t>(counted),
                                        text.begin() + static_cast<std::ptrdiff_t>(open.begin), '\n'));
    counted = open.begin;
    auto warn = [&](std::string message, ir::DiagCode code = ir::DiagCode::kTemplateError) {
      diagnostics.push_back(ir::Diagnostic{ir::Severity::kWarning, ir::SourceSpan{file, line, 0}, std::move(message), code});
    };
    if (i + 1 >= tags.size() || tags[i + 1].keyword != "endsnapshot") {
      warn("'snapshot' without 'endsnapshot': the rest of the file is not read");
      break;
    }
    const Tag& close = tags[++i];
    if (open.argument.empty()) {
      warn("a snapshot without a name is not read");
      continue;
    }
    if ((handed_out += close.end) > ir::kMaxFileBytes) {
      warn("the snapshot blocks of the file hold more than " + ir::LimitText(ir::kMaxFileBytes) +
               " of text before their ends: the rest of the file is not read",
           ir::DiagCode::kLimitExceeded);
      break;
    }
    // The file up to the block's end, this block's tags replaced: the blocks before it are
    // skipped when it renders.
    std::string body(text.substr(0, close.end));
    std::fill(body.begin() + static_cast<std::ptrdiff_t>(close.begin), body.end(), ' ');
    std::string head(kHead);
    if (head.size() < open.end - open.begin) head.append(open.end - open.begin - head.size(), ' ');
    body.replace(open.begin, open.end - open.begin, head);
    out.push_back(SnapshotBlock{open.argument, std::move(body), line});
  }
  return out;
}

std::string RelationSnapshotText(const std::string& relation, int line) {
  return std::string(static_cast<size_t>(std::max(line, 1) - 1), '\n') + std::string(kHead) + "select * from {{ " +
         relation + " }}";
}

std::string SnapshotSql(std::string rendered, const ConfigMap& config, char quote) {
  while (!rendered.empty() && (IsSpace(rendered.back()) || rendered.back() == ';')) rendered.pop_back();
  std::vector<std::pair<std::string, const char*>> columns = {{"dbt_scd_id", "text"},
                                                              {"dbt_updated_at", "timestamp"},
                                                              {"dbt_valid_from", "timestamp"},
                                                              {"dbt_valid_to", "timestamp"}};
  if (ConfigText(config, "hard_deletes") == "new_record") columns.push_back({"dbt_is_deleted", "text"});
  auto names = config.find("snapshot_meta_column_names");
  std::string extra;
  for (const auto& [column, type] : columns) {
    std::string name = column;
    if (names != config.end()) {
      if (const jinja::Value* renamed = names->second.Get(column); renamed && renamed->kind == jinja::Kind::kString) {
        name = renamed->text;
      }
    }
    extra += std::string(extra.empty() ? "" : ", ") + "cast(null as " + type + ") as " + jinja::QuoteIdentifier(name, quote);
  }
  return rendered + "\n) as dbt_snapshot_query cross join (select " + extra + ") as dbt_snapshot_columns\n";
}

}  // namespace ds::analytics
