// JsonStream writes what nlohmann's dump(2, ' ', false, replace) writes for the same document:
// the lineage JSON switched from a tree to the stream without changing a byte.
#include <doctest/doctest.h>

#include <sstream>

#include "src/report/json_stream.h"

namespace ds::report {
namespace {

using Json = nlohmann::ordered_json;

std::string Dumped(const Json& value) { return value.dump(2, ' ', false, Json::error_handler_t::replace); }

TEST_CASE("nested objects and arrays, empty ones included, are laid out as nlohmann lays them out") {
  Json tree = {{"version", 1},
               {"empty_array", Json::array()},
               {"empty_object", Json::object()},
               {"views", Json::array({Json{{"name", "a"}, {"columns", Json::array({Json{{"name", "x"}, {"sources", Json::array()}}})}},
                                     Json{{"name", "b"}, {"flag", true}, {"table", nullptr}, {"line", -3}}})}};
  std::ostringstream out;
  {
    JsonStream json(out);
    json.BeginObject().Member("version", 1);
    json.Key("empty_array").BeginArray().EndArray();
    json.Key("empty_object").BeginObject().EndObject();
    json.Key("views").BeginArray();
    json.BeginObject().Member("name", "a").Key("columns").BeginArray();
    json.BeginObject().Member("name", "x").Key("sources").BeginArray().EndArray().EndObject();
    json.EndArray().EndObject();
    json.BeginObject().Member("name", "b").Member("flag", true).Key("table").Null().Member("line", -3).EndObject();
    json.EndArray().EndObject();
  }
  CHECK(out.str() == Dumped(tree));
}

TEST_CASE("strings are escaped as nlohmann escapes them, invalid UTF-8 replaced") {
  for (std::string text : {std::string("plain"), std::string("say \"hi\"\\"), std::string("tab\tnew\nline\x01\x7f"),
                           std::string("caf\xc3\xa9 \xe2\x82\xac"), std::string("bad \xff\xfe utf-8 \xc3"),
                           std::string("")}) {
    CAPTURE(text);
    std::ostringstream out;
    {
      JsonStream json(out);
      json.BeginArray().String(text).EndArray();
    }
    CHECK(out.str() == Dumped(Json::array({text})));
  }
}

TEST_CASE("a part built as a tree is indented to where it stands") {
  Json part = {{"severity", "warning"}, {"gaps", Json::array({Json{{"name", "m"}, {"diagnostics", Json::array({"x"})}}})}};
  Json tree = {{"views", Json::array({Json{{"inner", part}}})}, {"coverage", part}};
  std::ostringstream out;
  {
    JsonStream json(out);
    json.BeginObject().Key("views").BeginArray().BeginObject().Key("inner").Value(part).EndObject().EndArray();
    json.Key("coverage").Value(part).EndObject();
  }
  CHECK(out.str() == Dumped(tree));
}

TEST_CASE("a large document is flushed as it goes, not held whole") {
  std::ostringstream out;
  JsonStream json(out);
  json.BeginArray();
  for (int i = 0; i < 20000; ++i) json.String("a string of some length to fill the buffer");
  CHECK(out.str().size() > 500000);  // written before the end
  json.EndArray();
  json.Flush();
  CHECK(out.str().back() == ']');
}

}  // namespace
}  // namespace ds::report
