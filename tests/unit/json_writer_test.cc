#include "common/json_writer.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

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
  // Every byte value at every offset of strings of each length the fast paths
  // treat apart (under 8 bytes, 8 to 15, blocks of 16 and an overlapping
  // last one; JsonWriter's short strings up to 32), and U+2028 astride blocks.
  for (const size_t size : {5, 12, 16, 20, 45})
    for (int c = 0; c < 256; ++c)
      for (size_t at = 0; at < size; ++at) {
        std::string s(size, 'x');
        s[at] = static_cast<char>(c);
        std::string out = "prefix";
        append_json_string(out, s);
        EXPECT_EQ(out, "prefix" + naive_json_string(s)) << "byte " << c << " at " << at;
        out = "prefix";
        RawJsonWriter(out, 0).string(s);
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

TEST(JsonWriter, DoublesAsPrintfG6) {
  // Coordinates, halves that printf rounds to even, the edges of fixed
  // notation (exponents -4 and 5) and of rounding up a digit, and a spread.
  std::vector<double> values = {0, -0.0, 34.7324, -36.71355, 1.5, 2.5, 0.5, 123456.5, 999999.5, 999999.4,
                                9.9999949, 9.9999951, 1e-4, 9.99999e-5, 0.000123456789, 1e15, -1e-300,
                                5e-324, 1.7976931348623157e308, 42, 0.1, 0.3, 1e5, 99999.95};
  uint64_t state = 88172645463325252ULL;
  for (int i = 0; i < 200000; ++i) {
    state ^= state << 13, state ^= state >> 7, state ^= state << 17;
    const double unit = static_cast<double>(state >> 11) / 9007199254740992.0;  // [0, 1)
    const int exponent = static_cast<int>(state % 13) - 6;
    values.push_back((unit - 0.5) * std::pow(10.0, exponent));
    values.push_back(std::round(unit * 3600000) / 10000 - 180);  // four decimals, as coordinates
  }
  for (const double d : values) {
    char want[64];
    std::snprintf(want, sizeof want, "%.6g", d);
    std::string out;
    JsonWriter(out).value(d);
    ASSERT_EQ(out, want) << d;
    out.clear();
    RawJsonWriter(out, 0).number(d);
    ASSERT_EQ(out, want) << d;
  }
  std::string out;
  JsonWriter(out).value(std::nan(""));
  EXPECT_EQ(out, "null");
}

TEST(RawJsonWriter, LiteralsAndValuesInOrderWithRegrowth) {
  std::string out = "x";
  {
    RawJsonWriter w(out, 4);  // too little room: every piece must make more
    w.raw("{\"a\":").string("b").raw(",\"n\":").number(int64_t{-12}).raw(",\"d\":").number(0.25);
    w.raw(",\"t\":").boolean(true).raw(",\"f\":").boolean(false).raw(",\"s\":").string(std::string(100, 'z'));
    w.raw("}");
  }
  EXPECT_EQ(out, "x{\"a\":\"b\",\"n\":-12,\"d\":0.25,\"t\":true,\"f\":false,\"s\":\"" + std::string(100, 'z') + "\"}");
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
