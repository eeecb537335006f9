// libFuzzer target: `downstream: ack` comments read from a migration's text in both comment
// syntaxes; each acknowledgement's consumers matched against a name.
#include "fuzz/fuzz_input.h"
#include "src/config/acknowledgement.h"
#include "src/config/config.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace ds;
  std::string_view text = fuzz::AsText(data, size);
  for (config::CommentSyntax syntax : {config::CommentSyntax::kSql, config::CommentSyntax::kHash}) {
    std::vector<ir::Diagnostic> diagnostics;
    for (const config::Acknowledgement& ack : config::ReadAckComments("m.sql", text, syntax, diagnostics)) {
      for (const std::string& pattern : ack.consumers) config::NameMatches(pattern, "analytics.customers");
    }
  }
  return 0;
}
