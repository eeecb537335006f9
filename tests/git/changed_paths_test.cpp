#include "src/git/changed_paths.h"

#include <doctest/doctest.h>

namespace ds::git {
namespace {

Snapshot Make(std::vector<FileEntry> files) { return Snapshot{"test", std::move(files)}; }

TEST_CASE("ChangedPaths") {
  struct Row {
    const char* name;
    Snapshot base, head;
    std::vector<std::string> expected;
  };
  const Row rows[] = {
      {"both empty", Make({}), Make({}), {}},
      {"identical", Make({{"a", "1"}, {"b", "2"}}), Make({{"a", "1"}, {"b", "2"}}), {}},
      {"added", Make({{"b", "2"}}), Make({{"a", "1"}, {"b", "2"}, {"c", "3"}}), {"a", "c"}},
      {"removed", Make({{"a", "1"}, {"b", "2"}, {"c", "3"}}), Make({{"b", "2"}}), {"a", "c"}},
      {"modified", Make({{"a", "1"}, {"b", "2"}}), Make({{"a", "1"}, {"b", "9"}}), {"b"}},
      {"renamed is removed plus added", Make({{"old", "1"}}), Make({{"new", "1"}}),
       {"new", "old"}},
      {"everything from nothing", Make({}), Make({{"a", "1"}, {"b/c", "2"}}), {"a", "b/c"}},
      {"everything to nothing", Make({{"a", "1"}, {"b/c", "2"}}), Make({}), {"a", "b/c"}},
      {"interleaved, sorted output",
       Make({{"a", "1"}, {"c", "3"}, {"d/x", "4"}, {"e", "5"}}),
       Make({{"b", "2"}, {"c", "3"}, {"d/x", "44"}, {"f", "6"}}),
       {"a", "b", "d/x", "e", "f"}},
  };
  for (const Row& row : rows) {
    SUBCASE(row.name) { CHECK(ChangedPaths(row.base, row.head) == row.expected); }
  }
}

}  // namespace
}  // namespace ds::git
