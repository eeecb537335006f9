// libFuzzer target: the Jinja engine alone (parse and render one model with a few vars; its own
// {% macro %} and {% call %} blocks run, so macro recursion and output growth are fuzzed), with a
// structure-aware mutator (fuzz/nesting_mutator.h) that repeats or nests a slice of the input, the
// shapes that once overflowed the stack or ran away (`(((`, `{% if %}` in `{% if %}`, loops in loops).
#include "fuzz/fuzz_input.h"
#include "fuzz/nesting_mutator.h"
#include "parsers/analytics/jinja_render.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace ds::analytics::jinja;
  RenderContext context;
  context.file = "models/m.sql";
  context.vars["n"] = Value::Int(3);
  context.vars["names"] = Value::MakeList({Value::String("a"), Value::String("b")});
  context.resolve = [](const RelationUse& use) { return ds::ir::QualifiedName{"analytics", use.name}; };
  context.this_relation = {"analytics", "m"};
  Render(ds::fuzz::AsText(data, size), context);
  return 0;
}
