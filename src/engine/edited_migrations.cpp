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
  size_t i = 0;
  for (; i < before.size() && i < after.size() && before[i] == after[i]; ++i) {
    if (after[i] == '\n' && i + 1 < after.size()) ++line;
  }
  return line;
}

std::string Lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  return out;
}

}  // namespace

std::vector<rules::EditedMigration> FindEditedMigrations(const RevisionInputs& base, const RevisionInputs& head,
                                                         BlobTexts& texts) {
  std::map<std::string, const InputFile*> at_head;
  for (const InputFile& file : head.migrations) at_head[file.path] = &file;
  std::vector<rules::EditedMigration> out;
  for (const InputFile& file : base.migrations) {
    auto it = at_head.find(file.path);
    if (it != at_head.end() && it->second->blob_id == file.blob_id) continue;
    rules::EditedMigration edited;
    edited.path = file.path;
    edited.deleted = it == at_head.end();
    int line = 1;
    if (!edited.deleted) {
      const std::optional<std::string>& before = texts.Read(file.blob_id);
      const std::optional<std::string>& after = texts.Read(it->second->blob_id);
      if (before && after) line = FirstChangedLine(*before, *after);
    }
    edited.span = ir::SourceSpan{file.path, line, 1};
    out.push_back(std::move(edited));
  }
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.path < b.path; });
  return out;
}

void AttributeToEdits(std::vector<catalog::SchemaChange>& changes, std::vector<rules::EditedMigration>& edited,
                      const RevisionInputs& head, BlobTexts& texts) {
  if (edited.empty()) return;
  std::map<std::string, std::string> lowered;  // edited file at head -> its text, lower case
  for (const InputFile& file : head.migrations) {
    for (const rules::EditedMigration& e : edited) {
      if (e.path != file.path) continue;
      if (const std::optional<std::string>& text = texts.Read(file.blob_id)) lowered[file.path] = Lower(*text);
    }
  }
  for (catalog::SchemaChange& change : changes) {
    if (change.span.line != 0) continue;
    rules::EditedMigration* home = &edited.front();
    std::string table = Lower(change.change.table.name);
    for (rules::EditedMigration& e : edited) {
      auto it = lowered.find(e.path);
      if (it != lowered.end() && !table.empty() && it->second.find(table) != std::string::npos) {
        home = &e;
        break;
      }
    }
    change.span = home->span;
    home->hidden.push_back(change.change);
  }
  std::stable_sort(changes.begin(), changes.end(), [](const catalog::SchemaChange& a, const catalog::SchemaChange& b) {
    return std::tie(a.span.file, a.span.line, a.span.column) < std::tie(b.span.file, b.span.line, b.span.column);
  });
}

}  // namespace ds::engine
