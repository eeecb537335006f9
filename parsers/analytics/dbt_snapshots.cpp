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

int LineAt(std::string_view text, size_t offset) {
  return 1 + static_cast<int>(std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(offset), '\n'));
}

}  // namespace

std::vector<SnapshotBlock> SnapshotBlocks(const std::string& file, std::string_view text,
                                          std::vector<ir::Diagnostic>& diagnostics) {
  std::vector<SnapshotBlock> out;
  std::vector<Tag> tags = Tags(text);
  // From a block without its end on, the file is not read (the Jinja parser would say it again
  // for every other block).
  size_t broken = text.size();
  for (size_t i = 0; i < tags.size() && broken == text.size(); ++i) {
    if (tags[i].keyword == "snapshot" && (i + 1 >= tags.size() || tags[i + 1].keyword != "endsnapshot")) {
      broken = tags[i].begin;
    }
  }
  for (size_t i = 0; i < tags.size(); ++i) {
    const Tag& open = tags[i];
    if (open.keyword != "snapshot") continue;
    auto warn = [&](std::string message) {
      diagnostics.push_back(ir::Diagnostic{ir::Severity::kWarning, ir::SourceSpan{file, LineAt(text, open.begin), 0},
                                           std::move(message), ir::DiagCode::kTemplateError});
    };
    if (open.begin >= broken) {
      if (open.begin == broken) warn("'snapshot' without 'endsnapshot': the rest of the file is not read");
      continue;
    }
    if (open.argument.empty()) {
      warn("a snapshot without a name is not read");
      continue;
    }
    const Tag& close = tags[i + 1];
    // The file as it is, but this block's tags: the other blocks are skipped when it renders.
    std::string body(text);
    for (size_t at = broken; at < body.size(); ++at) body[at] = body[at] == '\n' ? '\n' : ' ';
    std::string head(kHead);
    if (head.size() < open.end - open.begin) head.append(open.end - open.begin - head.size(), ' ');
    std::fill(body.begin() + static_cast<std::ptrdiff_t>(close.begin), body.begin() + static_cast<std::ptrdiff_t>(close.end), ' ');
    body.replace(open.begin, open.end - open.begin, head);
    out.push_back(SnapshotBlock{open.argument, std::move(body), LineAt(text, open.begin)});
  }
  return out;
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
