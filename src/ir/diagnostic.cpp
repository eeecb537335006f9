#include "src/ir/diagnostic.h"

namespace ds::ir {

const char* SeverityName(Severity s) {
  switch (s) {
    case Severity::kError: return "error";
    case Severity::kWarning: return "warning";
    case Severity::kOff: return "off";
  }
  return "off";
}

}  // namespace ds::ir
