#pragma once
/// Python and Ruby expressions read into Values (parsers/treesitter/value.h).
#include <map>
#include <string>
#include <vector>

#include "parsers/treesitter/syntax_tree.h"
#include "parsers/treesitter/value.h"

namespace ds::parsers::ts {

/// Names bound to literals (module-level `TABLE = "users"`, Ruby constants, simple locals).
using Constants = std::map<std::string, Value, std::less<>>;

/// Reads one Python expression; names found in `constants` are replaced by their value.
Value ReadPython(const SyntaxTree& tree, TSNode node, const Constants& constants);

/// The Ruby reader needs the file's heredoc bodies, which the grammar keeps apart from the
/// `<<~SQL` that starts them: they pair up in file order.
class RubyReader {
 public:
  explicit RubyReader(const SyntaxTree& tree);
  /// Reads one Ruby expression; symbols read as strings, a heredoc as its body.
  Value Read(TSNode node, const Constants& constants) const;
  /// The arguments of a Ruby call (`add_column :t, :c, :string, null: false`) as a kCall Value
  /// named `callee`; a trailing hash becomes keyword arguments.
  Value ReadCall(TSNode call, const std::string& callee, const Constants& constants) const;

 private:
  Value ReadString(TSNode node) const;
  Value ReadHeredoc(TSNode beginning, const Constants& constants, int depth) const;
  /// Read and ReadCall `depth` levels down (ir::kMaxNestingDepth bounds it).
  Value ReadAt(TSNode node, const Constants& constants, int depth) const;
  Value ReadCallAt(TSNode call, const std::string& callee, const Constants& constants, int depth) const;

  const SyntaxTree& tree_;
  std::vector<TSNode> beginnings_, bodies_;
};

/// Sets `line`/`column` of a value to where `node` starts.
void Place(Value& value, TSNode node);

}  // namespace ds::parsers::ts
