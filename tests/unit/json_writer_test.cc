#include "common/json_writer.h"

#include <gtest/gtest.h>

namespace sitrep {
namespace {

TEST(JsonWriter, EscapesWhatJsonAndJavaScriptNeed) {
  std::string out;
  append_json_string(out, "a\"b\\c\nd\te\x01 \xE2\x80\xA8 \xC3\xA9");
  EXPECT_EQ(out, "\"a\\\"b\\\\c\\nd\\te\\u0001 \\u2028 \xC3\xA9\"");
}

TEST(JsonWriter, NestedObjectsAndArraysInOrder) {
  std::string out;
  JsonWriter w(out);
  w.begin_object();
  w.field("id", "x1").field("n", 3).field("ok", true);
  w.key("list").begin_array().value("a").null().value(int64_t{-2}).end_array();
  w.key("obj").begin_object().field("d", 1.5).end_object();
  w.field("missing", std::optional<std::string>{});
  w.end_object();
  EXPECT_EQ(out,
            R"({"id":"x1","n":3,"ok":true,"list":["a",null,-2],"obj":{"d":1.5},"missing":null})");
}

}  // namespace
}  // namespace sitrep
