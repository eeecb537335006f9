#include "src/engine/edited_migrations.h"

#include <algorithm>
#include <map>
#include <string_view>
#include <tuple>

namespace ds::engine {

namespace {

// The 1-based line where `after` first differs from `before` (the last line of `after` when it
// is `before` cut short).
int FirstChangedLine(std::string_view before, std::string_view after) {
  int line = 1;
  for (size_t i = 0; i < before.size() && i < after.size() && before[i] == after[i]; ++i) {
    if (after[i] == '\n' && i + 1 < after.size()) ++line;
  }
  return line;
}

bool ContainsIgnoringCase(std::string_view text, std::string_view word) {
  auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
  return std::search(text.begin(), text.end(), word.begin(), word.end(),
                     [&](char a, char b) { return lower(a) == lower(b); }) != text.end();
}

}  // namespace

std::vector<rules::EditedMigration> EditedMigrations(const RevisionInputs& base, const RevisionInputs& head,
                                                     BlobTexts& texts, std::vector<catalog::SchemaChange>& changes) {
  std::map<std::string, const InputFile*> at_head;
  for (const InputFile& file : head.migrations) at_head[file.path] = &file;
  std::vector<rules::EditedMigration> edited;
  std::map<std::string, const std::string*> head_text;  // edited files still at head
  for (const InputFile& file : base.migrations) {
    auto it = at_head.find(file.path);
    if (it != at_head.end() && it->second->blob_id == file.blob_id) continue;
    // A schema dump is regenerated, not run once: a new version of it is no edit of history.
    if (file.snapshot || (it != at_head.end() && it->second->snapshot)) continue;
    rules::EditedMigration e;
    e.path = file.path;
    e.deleted = it == at_head.end();
    int line = 1;
    if (!e.deleted) {
      const std::optional<std::string>& before = texts.Read(file.blob_id);
      const std::optional<std::string>& after = texts.Read(it->second->blob_id);
      if (before && after) line = FirstChangedLine(*before, *after);
      if (after) head_text[file.path] = &*after;
    }
    e.span = ir::SourceSpan{file.path, line, 1};
    edited.push_back(std::move(e));
  }
  std::sort(edited.begin(), edited.end(), [](const auto& a, const auto& b) { return a.path < b.path; });
  if (edited.empty()) return edited;

  // A change no statement at head made: the edited migration that names its table, else the first.
  bool moved = false;
  for (catalog::SchemaChange& change : changes) {
    if (change.span.line != 0) continue;
    rules::EditedMigration* home = &edited.front();
    const std::string& table = change.change.table.name;
    for (rules::EditedMigration& e : edited) {
      auto text = head_text.find(e.path);
      if (!table.empty() && text != head_text.end() && ContainsIgnoringCase(*text->second, table)) {
        home = &e;
        break;
      }
    }
    change.span = home->span;
    home->hidden.push_back(change.change);
    moved = true;
  }
  if (moved) {
    std::stable_sort(changes.begin(), changes.end(), [](const catalog::SchemaChange& a, const catalog::SchemaChange& b) {
      return std::tie(a.span.file, a.span.line, a.span.column) < std::tie(b.span.file, b.span.line, b.span.column);
    });
  }
  return edited;
}

}  // namespace ds::engine
