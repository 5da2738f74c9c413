#include "common/json_writer.h"

#include <gtest/gtest.h>

#include <cstdio>

namespace sitrep {
namespace {

TEST(JsonWriter, EscapesWhatJsonAndJavaScriptNeed) {
  std::string out;
  append_json_string(out, "a\"b\\c\nd\te\x01 \xE2\x80\xA8 \xC3\xA9");
  EXPECT_EQ(out, "\"a\\\"b\\\\c\\nd\\te\\u0001 \\u2028 \xC3\xA9\"");
}

// The obviously correct twin of append_json_string: one byte at a time.
std::string naive_json_string(std::string_view s) {
  std::string out = "\"";
  for (size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    char buf[8];
    if (c == '"') out += "\\\"";
    else if (c == '\\') out += "\\\\";
    else if (c == '\n') out += "\\n";
    else if (c == '\r') out += "\\r";
    else if (c == '\t') out += "\\t";
    else if (c < 0x20 || c == 0x7F) {
      std::snprintf(buf, sizeof buf, "\\u%04x", c);
      out += buf;
    } else if (c == 0xE2 && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0x80 &&
               (static_cast<unsigned char>(s[i + 2]) == 0xA8 || static_cast<unsigned char>(s[i + 2]) == 0xA9)) {
      out += static_cast<unsigned char>(s[i + 2]) == 0xA8 ? "\\u2028" : "\\u2029";
      i += 2;
    } else {
      out += static_cast<char>(c);
    }
  }
  return out + "\"";
}

TEST(JsonWriter, EscapesAsTheByteByByteTwin) {
  // Every byte value at every offset of a short plain string (copied a byte at
  // a time) and of a long one (the fast path reads eight bytes at a time), and
  // U+2028 astride those blocks.
  for (const size_t size : {20, 45})
    for (int c = 0; c < 256; ++c)
      for (size_t at = 0; at < size; ++at) {
        std::string s(size, 'x');
        s[at] = static_cast<char>(c);
        std::string out = "prefix";
        append_json_string(out, s);
        EXPECT_EQ(out, "prefix" + naive_json_string(s)) << "byte " << c << " at " << at;
        std::string key_out;
        JsonWriter(key_out).dynamic_key(s);
        EXPECT_EQ(key_out, naive_json_string(s) + ":") << "byte " << c << " at " << at;
      }
  for (size_t at = 0; at < 40; ++at) {
    std::string s(42, 'y');
    s.replace(at, 3, "\xE2\x80\xA9");
    std::string out;
    append_json_string(out, s);
    EXPECT_EQ(out, naive_json_string(s));
    out.clear();
    append_json_string(out, s.substr(0, at + 2));  // cut inside the sequence
    EXPECT_EQ(out, naive_json_string(s.substr(0, at + 2)));
  }
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
