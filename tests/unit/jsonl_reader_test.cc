#include "ingest/jsonl_reader.h"

#include <gtest/gtest.h>

namespace sitrep::ingest {
namespace {

struct Collected {
  std::vector<RawDocument> docs;
  std::vector<Diagnostic> diags;
  size_t failed = 0;
};

Collected read(const std::string& bytes, IngestLimits limits = {}) {
  Collected c;
  auto s = open_memory_stream(bytes);
  c.failed = read_jsonl(
      "in.jsonl", *s, limits, [&](RawDocument&& d) { c.docs.push_back(std::move(d)); },
      [&](const Diagnostic& d) { c.diags.push_back(d); });
  return c;
}

TEST(Jsonl, FieldsAndUnknownsIgnored) {
  auto c = read(
      R"({"id": "a1", "url": "http://x.org/1", "outlet": "X", "title": "T", "text": "Body", "published": "2017-06-07", "extra": [1,2]})"
      "\n"
      R"({"id": 42, "html": "<p>Hi</p>"})"
      "\n\n"
      R"({"text": "no id"})");
  ASSERT_EQ(c.docs.size(), 3u);
  EXPECT_EQ(c.failed, 0u);
  EXPECT_EQ(c.docs[0].path, "a1");
  EXPECT_EQ(c.docs[0].url.value_or(""), "http://x.org/1");
  EXPECT_EQ(c.docs[0].published.value_or(""), "2017-06-07");
  EXPECT_FALSE(c.docs[0].is_html);
  EXPECT_EQ(c.docs[1].path, "42");
  EXPECT_TRUE(c.docs[1].is_html);
  EXPECT_EQ(c.docs[2].path, "in.jsonl:4");
}

TEST(Jsonl, BadLinesAreNamedAndSkipped) {
  auto c = read(
      "{\"id\":\"ok1\",\"text\":\"a\"}\n{\"id\": \"broken\", \"text\": \"unterminated\n[1,2]\n"
      "{\"id\":\"x\"}\n{\"id\":\"ok2\",\"text\":\"b\"}\n");
  ASSERT_EQ(c.docs.size(), 2u);
  EXPECT_EQ(c.failed, 3u);
  ASSERT_EQ(c.diags.size(), 3u);
  EXPECT_EQ(c.diags[0].to_string().substr(0, 32), "error: in.jsonl: line 2: malform");
  EXPECT_NE(c.diags[1].message.find("not a JSON object"), std::string::npos);
  EXPECT_NE(c.diags[2].message.find("no \"text\""), std::string::npos);
}

TEST(Jsonl, InvalidUtf8RepairedWithWarning) {
  auto c = read("{\"id\":\"u\",\"text\":\"bad \xff byte\"}\n");
  ASSERT_EQ(c.docs.size(), 1u);
  EXPECT_EQ(c.failed, 0u);
  ASSERT_EQ(c.diags.size(), 1u);
  EXPECT_EQ(c.diags[0].severity, Diagnostic::Severity::kWarning);
  EXPECT_EQ(c.docs[0].body, "bad \xEF\xBF\xBD byte");
}

TEST(Jsonl, OversizedRecordSkipped) {
  IngestLimits limits;
  limits.max_document_bytes = 64;
  auto c = read("{\"id\":\"big\",\"text\":\"" + std::string(200, 'a') +
                    "\"}\n{\"id\":\"s\",\"text\":\"b\"}\n",
                limits);
  ASSERT_EQ(c.docs.size(), 1u);
  EXPECT_EQ(c.failed, 1u);
  EXPECT_NE(c.diags[0].message.find("document limit"), std::string::npos);
}

TEST(Jsonl, WrongFieldType) {
  auto c = read("{\"id\":\"a\",\"text\":[\"x\"]}\n");
  EXPECT_EQ(c.failed, 1u);
  EXPECT_NE(c.diags[0].message.find("\"text\" is not a string"), std::string::npos);
}

}  // namespace
}  // namespace sitrep::ingest
