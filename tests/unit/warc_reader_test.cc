#include "ingest/warc_reader.h"

#include <gtest/gtest.h>
#include <zlib.h>

#include <algorithm>
#include <cstring>
#include <string>
#include <vector>

namespace sitrep::ingest {
namespace {

const char kHtml[] =
    "<!DOCTYPE html><html><head><title>Flood</title></head><body><p>Rivers rose.</p></body></html>";

std::string compress(std::string_view data, int window_bits) {
  z_stream zs{};
  EXPECT_EQ(
      deflateInit2(&zs, Z_DEFAULT_COMPRESSION, Z_DEFLATED, window_bits, 8, Z_DEFAULT_STRATEGY),
      Z_OK);
  std::string out(deflateBound(&zs, data.size()) + 32, '\0');
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  zs.avail_in = static_cast<uInt>(data.size());
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = static_cast<uInt>(out.size());
  EXPECT_EQ(deflate(&zs, Z_FINISH), Z_STREAM_END);
  out.resize(zs.total_out);
  deflateEnd(&zs);
  return out;
}
std::string gzip(std::string_view data) { return compress(data, 16 + MAX_WBITS); }

// A WARC record; `length` overrides the Content-Length when not negative.
std::string record(std::string_view type, std::string_view headers, std::string_view block,
                   long long length = -1) {
  std::string r = "WARC/1.0\r\nWARC-Type: ";
  r += type;
  r += "\r\nWARC-Date: 2024-03-01T10:00:00Z\r\n";
  r += headers;
  r += "Content-Length: " +
       std::to_string(length < 0 ? static_cast<long long>(block.size()) : length) + "\r\n\r\n";
  r += block;
  r += "\r\n\r\n";
  return r;
}

std::string http(std::string_view status_and_headers, std::string_view body) {
  return "HTTP/1.1 " + std::string(status_and_headers) + "\r\n\r\n" + std::string(body);
}

std::string response(int n, std::string_view http_block) {
  return record("response",
                "WARC-Record-ID: <urn:uuid:0000-" + std::to_string(n) +
                    ">\r\nWARC-Target-URI: https://news.example/a" + std::to_string(n) +
                    "\r\nContent-Type: application/http; msgtype=response\r\n",
                http_block);
}

std::string html_response(int n, std::string_view body = kHtml) {
  return response(n, http("200 OK\r\nContent-Type: text/html; charset=utf-8", body));
}

struct ReadResult {
  std::vector<RawDocument> docs;
  std::vector<Diagnostic> diags;
  size_t failed = 0;
};

ReadResult run_warc(ByteStream& stream, IngestLimits limits = {}) {
  ReadResult r;
  r.failed = read_warc(
      "in.warc", stream, limits, [&](RawDocument&& d) { r.docs.push_back(std::move(d)); },
      [&](const Diagnostic& d) { r.diags.push_back(d); });
  return r;
}

ReadResult run_warc(const std::string& bytes, IngestLimits limits = {}) {
  auto s = open_memory_stream(bytes);
  return run_warc(*s, limits);
}

std::string diag_text(const ReadResult& r) {
  std::string out;
  for (const Diagnostic& d : r.diags) out += d.where + ": " + d.message + "\n";
  return out;
}

std::string where(int n, size_t offset) {
  return "record " + std::to_string(n) + " (offset " + std::to_string(offset) + ")";
}

TEST(WarcReader, KeepsHtmlResponsesAndResourcesOnly) {
  std::string warcinfo =
      record("warcinfo", "Content-Type: application/warc-fields\r\n", "software: test\r\n");
  std::string request = record("request", "Content-Type: application/http; msgtype=request\r\n",
                               "GET /a3 HTTP/1.1\r\nHost: news.example\r\n\r\n");
  std::string page = html_response(3);
  std::string image =
      response(4, http("200 OK\r\nContent-Type: image/jpeg", "\xff\xd8\xff\xe0 not html"));
  std::string resource =
      record("resource",
             "WARC-Record-ID: <urn:uuid:res-5>\r\nWARC-Target-URI: file:///r.html\r\n"
             "Content-Type: text/html\r\n",
             "<html><body>resource</body></html>");
  std::string warc = warcinfo + request + page + image + resource;
  ReadResult r = run_warc(warc);
  EXPECT_EQ(r.failed, 0u);
  EXPECT_TRUE(r.diags.empty()) << diag_text(r);
  ASSERT_EQ(r.docs.size(), 2u);

  const RawDocument& a = r.docs[0];
  EXPECT_EQ(a.input, "in.warc");
  EXPECT_EQ(a.path, "in.warc#urn:uuid:0000-3");
  EXPECT_EQ(a.where, where(3, warcinfo.size() + request.size()));
  EXPECT_EQ(a.format, "warc");
  EXPECT_TRUE(a.is_html);
  EXPECT_EQ(a.body, kHtml);
  EXPECT_EQ(a.url, "https://news.example/a3");
  EXPECT_FALSE(a.published.has_value());
  EXPECT_FALSE(a.title.has_value());

  const RawDocument& b = r.docs[1];
  EXPECT_EQ(b.path, "in.warc#urn:uuid:res-5");
  EXPECT_EQ(b.where, where(5, warc.size() - resource.size()));
  EXPECT_EQ(b.body, "<html><body>resource</body></html>");
  EXPECT_EQ(b.url, "file:///r.html");
}

TEST(WarcReader, HeaderNamesAreCaseInsensitiveAndVersion11Works) {
  std::string block = http("200 OK\r\ncontent-type: application/xhtml+xml", kHtml);
  std::string warc =
      "WARC/1.1\r\nwarc-type: Response\r\nCONTENT-TYPE: application/http\r\n"
      "warc-target-uri: <http://x.example/>\r\ncontent-length: " +
      std::to_string(block.size()) + "\r\n\r\n" + block + "\r\n\r\n";
  ReadResult r = run_warc(warc);
  EXPECT_TRUE(r.diags.empty()) << diag_text(r);
  ASSERT_EQ(r.docs.size(), 1u);
  EXPECT_EQ(r.docs[0].path, "in.warc#record-1");
  EXPECT_EQ(r.docs[0].url, "http://x.example/");
  EXPECT_EQ(r.docs[0].body, kHtml);
}

TEST(WarcReader, ChunkedAndGzippedPayloadIsDecoded) {
  std::string body = std::string(kHtml) + std::string(3000, ' ') + "<p>end</p>";
  std::string gz = gzip(body);
  std::string chunked;
  for (size_t i = 0; i < gz.size(); i += 100) {
    std::string piece = gz.substr(i, 100);
    char size[16];
    std::snprintf(size, sizeof size, "%zx", piece.size());
    chunked += std::string(size) + ";ext=1\r\n" + piece + "\r\n";
  }
  chunked += "0\r\nX-Trailer: y\r\n\r\n";
  std::string warc =
      response(1, http("200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n"
                       "Content-Encoding: gzip",
                       chunked));
  ReadResult r = run_warc(warc);
  EXPECT_TRUE(r.diags.empty()) << diag_text(r);
  ASSERT_EQ(r.docs.size(), 1u);
  EXPECT_EQ(r.docs[0].body, body);
}

TEST(WarcReader, DeflatePayloadZlibAndRaw) {
  std::string warc =
      response(1, http("200 OK\r\nContent-Type: text/html\r\nContent-Encoding: deflate",
                       compress(kHtml, MAX_WBITS))) +
      response(2, http("200 OK\r\nContent-Type: text/html\r\nContent-Encoding: deflate",
                       compress(kHtml, -MAX_WBITS)));
  ReadResult r = run_warc(warc);
  EXPECT_TRUE(r.diags.empty()) << diag_text(r);
  ASSERT_EQ(r.docs.size(), 2u);
  EXPECT_EQ(r.docs[0].body, kHtml);
  EXPECT_EQ(r.docs[1].body, kHtml);
}

TEST(WarcReader, UndecodablePayloadIsDiagnosedAndSkipped) {
  std::string first =
      response(1, http("200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip", "not gzip"));
  std::string second =
      response(2, http("200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked",
                       "zz\r\nbad\r\n0\r\n\r\n"));
  std::string third =
      response(3, http("200 OK\r\nContent-Type: text/html\r\nContent-Encoding: br", "x"));
  std::string warc = first + second + third + html_response(4);
  ReadResult r = run_warc(warc);
  ASSERT_EQ(r.diags.size(), 3u) << diag_text(r);
  EXPECT_EQ(r.failed, 3u);
  EXPECT_EQ(r.diags[0].where, where(1, 0));
  EXPECT_EQ(r.diags[0].severity, Diagnostic::Severity::kError);
  EXPECT_EQ(r.diags[0].input, "in.warc");
  EXPECT_NE(r.diags[0].message.find("Content-Encoding gzip"), std::string::npos)
      << r.diags[0].message;
  EXPECT_NE(r.diags[1].message.find("chunked"), std::string::npos) << r.diags[1].message;
  EXPECT_NE(r.diags[2].message.find("br"), std::string::npos) << r.diags[2].message;
  ASSERT_EQ(r.docs.size(), 1u);
  EXPECT_EQ(r.docs[0].path, "in.warc#urn:uuid:0000-4");
}

TEST(WarcReader, NonSuccessStatusesAreSkippedSilently) {
  std::string warc = response(1, http("404 Not Found\r\nContent-Type: text/html", kHtml)) +
                     response(2, http("301 Moved\r\nLocation: /b\r\nContent-Type: text/html", "")) +
                     html_response(3);
  ReadResult r = run_warc(warc);
  EXPECT_TRUE(r.diags.empty()) << diag_text(r);
  ASSERT_EQ(r.docs.size(), 1u);
  EXPECT_EQ(r.docs[0].where, where(3, warc.size() - html_response(3).size()));
}

TEST(WarcReader, MissingHttpContentTypeIsSniffed) {
  std::string warc = response(1, http("200 OK\r\nServer: x", "\n  <!doctype HTML><p>hi</p>")) +
                     response(2, http("200 OK\r\nServer: x", "just some text")) +
                     response(3, http("200 OK\r\nServer: x", "<HTML><body>x</body></HTML>"));
  ReadResult r = run_warc(warc);
  EXPECT_TRUE(r.diags.empty()) << diag_text(r);
  ASSERT_EQ(r.docs.size(), 2u);
  EXPECT_EQ(r.docs[0].path, "in.warc#urn:uuid:0000-1");
  EXPECT_EQ(r.docs[1].path, "in.warc#urn:uuid:0000-3");
}

TEST(WarcReader, TooShortContentLengthResyncsOnNextRecord) {
  std::string first = html_response(1);
  std::string block = http("200 OK\r\nContent-Type: text/html", kHtml);
  std::string second = record("response", "Content-Type: application/http\r\n", block,
                              static_cast<long long>(block.size()) - 10);
  std::string third = html_response(3);
  ReadResult r = run_warc(first + second + third);
  ASSERT_EQ(r.diags.size(), 1u) << diag_text(r);
  EXPECT_EQ(r.failed, 1u);
  EXPECT_EQ(r.diags[0].where, where(2, first.size()));
  EXPECT_EQ(r.diags[0].message, "block not followed by CRLF CRLF: wrong Content-Length?");
  ASSERT_EQ(r.docs.size(), 2u);
  EXPECT_EQ(r.docs[0].path, "in.warc#urn:uuid:0000-1");
  EXPECT_EQ(r.docs[1].path, "in.warc#urn:uuid:0000-3");
  EXPECT_EQ(r.docs[1].where, where(3, first.size() + second.size()));
  EXPECT_EQ(r.docs[1].body, kHtml);
}

TEST(WarcReader, TooLongContentLengthDoesNotSwallowTheNextRecord) {
  std::string first = html_response(1);
  std::string block = http("200 OK\r\nContent-Type: text/html", kHtml);
  std::string second = record("response", "Content-Type: application/http\r\n", block,
                              static_cast<long long>(block.size()) + 30);
  std::string third = html_response(3);
  std::string fourth = html_response(4);
  ReadResult r = run_warc(first + second + third + fourth);
  ASSERT_EQ(r.diags.size(), 1u) << diag_text(r);
  EXPECT_EQ(r.diags[0].message, "block not followed by CRLF CRLF: wrong Content-Length?");
  ASSERT_EQ(r.docs.size(), 3u);
  EXPECT_EQ(r.docs[1].path, "in.warc#urn:uuid:0000-3");
  EXPECT_EQ(r.docs[1].where, where(3, first.size() + second.size()));
  EXPECT_EQ(r.docs[2].path, "in.warc#urn:uuid:0000-4");
}

TEST(WarcReader, ContentLengthPastTheEnd) {
  std::string first = html_response(1);
  std::string last =
      "WARC/1.0\r\nWARC-Type: resource\r\nContent-Type: text/html\r\n"
      "Content-Length: 5000\r\n\r\n<html>short</html>\r\n\r\n";
  ReadResult r = run_warc(first + last);
  ASSERT_EQ(r.diags.size(), 1u) << diag_text(r);
  EXPECT_EQ(r.diags[0].where, where(2, first.size()));
  EXPECT_EQ(r.diags[0].message, "Content-Length 5000 runs past the end of the input");
  EXPECT_EQ(r.docs.size(), 1u);
}

TEST(WarcReader, ContentLengthPastTheEndStillFindsLaterRecord) {
  std::string block = http("200 OK\r\nContent-Type: text/html", kHtml);
  std::string first = record("response", "Content-Type: application/http\r\n", block, 1000);
  std::string second = html_response(2);
  ReadResult r = run_warc(first + second);
  ASSERT_EQ(r.diags.size(), 1u) << diag_text(r);
  EXPECT_EQ(r.diags[0].message, "Content-Length 1000 runs past the end of the input");
  ASSERT_EQ(r.docs.size(), 1u);
  EXPECT_EQ(r.docs[0].path, "in.warc#urn:uuid:0000-2");
}

TEST(WarcReader, BadHeadersAreDiagnosed) {
  std::string no_length =
      "WARC/1.0\r\nWARC-Type: resource\r\nContent-Type: text/html\r\n\r\n<html></html>\r\n\r\n";
  std::string bad_length =
      "WARC/1.0\r\nWARC-Type: resource\r\nContent-Length: 12x\r\n\r\n<html></html>\r\n\r\n";
  std::string bad_line = "WARC/1.0\r\nthis is not a header\r\nContent-Length: 0\r\n\r\n\r\n\r\n";
  std::string bad_version = "WARC/1.9\r\nWARC-Type: resource\r\nContent-Length: 0\r\n\r\n\r\n\r\n";
  std::string good = html_response(5);
  std::string warc = no_length + bad_length + bad_line + bad_version + good;
  ReadResult r = run_warc(warc);
  ASSERT_EQ(r.diags.size(), 4u) << diag_text(r);
  EXPECT_EQ(r.failed, 4u);
  EXPECT_EQ(r.diags[0].message, "missing Content-Length");
  EXPECT_EQ(r.diags[0].where, where(1, 0));
  EXPECT_EQ(r.diags[1].message, "bad Content-Length \"12x\"");
  EXPECT_EQ(r.diags[1].where, where(2, no_length.size()));
  EXPECT_NE(r.diags[2].message.find("malformed header"), std::string::npos);
  EXPECT_NE(r.diags[3].message.find("WARC/1.9"), std::string::npos);
  ASSERT_EQ(r.docs.size(), 1u);
  EXPECT_EQ(r.docs[0].where, where(5, warc.size() - good.size()));
}

TEST(WarcReader, RecordOverTheLimitIsSkippedWithOneDiagnostic) {
  IngestLimits limits;
  limits.max_document_bytes = 1024;
  std::string big_body = "<html><body>" + std::string(3000, 'x') + "</body></html>";
  std::string big = html_response(1, big_body);
  std::string big_image =
      response(2, http("200 OK\r\nContent-Type: image/png", std::string(5000, 'p')));
  std::string small = html_response(3);
  ReadResult r = run_warc(big + big_image + small, limits);
  ASSERT_EQ(r.diags.size(), 1u) << diag_text(r);
  size_t block_size = http("200 OK\r\nContent-Type: text/html; charset=utf-8", big_body).size();
  EXPECT_EQ(r.diags[0].message,
            "record of " + std::to_string(block_size) + " bytes over the 1 KiB document limit");
  EXPECT_EQ(r.diags[0].where, where(1, 0));
  ASSERT_EQ(r.docs.size(), 1u);
  EXPECT_EQ(r.docs[0].path, "in.warc#urn:uuid:0000-3");
}

TEST(WarcReader, DefaultLimitMessageSaysMiB) {
  IngestLimits limits;
  limits.max_document_bytes = size_t{8} << 20;
  std::string big =
      record("resource", "Content-Type: text/html\r\n", std::string((size_t{8} << 20) + 1, 'a'));
  ReadResult r = run_warc(big + html_response(2), limits);
  ASSERT_EQ(r.diags.size(), 1u);
  EXPECT_EQ(r.diags[0].message, "record of 8388609 bytes over the 8 MiB document limit");
  EXPECT_EQ(r.docs.size(), 1u);
}

TEST(WarcReader, GzipBombPayloadHitsTheLimit) {
  IngestLimits limits;
  limits.max_document_bytes = 4096;
  std::string warc = response(1, http("200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip",
                                      gzip("<html>" + std::string(100000, ' '))));
  ReadResult r = run_warc(warc, limits);
  ASSERT_EQ(r.diags.size(), 1u) << diag_text(r);
  EXPECT_NE(r.diags[0].message.find("over the 4 KiB document limit"), std::string::npos)
      << r.diags[0].message;
  EXPECT_TRUE(r.docs.empty());
}

TEST(WarcReader, GarbageGivesOneDiagnosticAndNoDocument) {
  std::string garbage = "<html><body>not a warc</body></html>\nline two\n";
  garbage += std::string("\0\x01\xff\r\n", 5) + std::string(200000, 'z');
  ReadResult r = run_warc(garbage);
  ASSERT_EQ(r.diags.size(), 1u) << diag_text(r);
  EXPECT_EQ(r.failed, 1u);
  EXPECT_EQ(r.diags[0].where, "offset 0");
  EXPECT_NE(r.diags[0].message.find("WARC/1.0"), std::string::npos);
  EXPECT_TRUE(r.docs.empty());
}

TEST(WarcReader, GarbageBeforeRecordsIsSkipped) {
  std::string junk = "junk\r\nmore junk\r\n";
  ReadResult r = run_warc(junk + html_response(1) + html_response(2));
  ASSERT_EQ(r.diags.size(), 1u) << diag_text(r);
  EXPECT_EQ(r.diags[0].where, "offset 0");
  ASSERT_EQ(r.docs.size(), 2u);
  EXPECT_EQ(r.docs[0].where, where(1, junk.size()));
}

// The block must be followed by the next header: garbage after it makes its
// Content-Length suspect, so that record is reported rather than trusted.
TEST(WarcReader, GarbageAfterRecordMakesItSuspect) {
  std::string first = html_response(1);
  ReadResult r = run_warc(first + "junk\r\nmore junk\r\n" + html_response(2));
  ASSERT_EQ(r.diags.size(), 1u) << diag_text(r);
  EXPECT_EQ(r.diags[0].where, where(1, 0));
  EXPECT_EQ(r.diags[0].message, "block not followed by CRLF CRLF: wrong Content-Length?");
  ASSERT_EQ(r.docs.size(), 1u);
  EXPECT_EQ(r.docs[0].path, "in.warc#urn:uuid:0000-2");
}

TEST(WarcReader, EmptyInputIsNothing) {
  ReadResult r = run_warc(std::string());
  EXPECT_TRUE(r.docs.empty());
  EXPECT_TRUE(r.diags.empty());
  EXPECT_EQ(r.failed, 0u);
}

TEST(WarcReader, GzipMultiMemberWarc) {
  std::string warc;
  for (int i = 1; i <= 4; ++i) warc += gzip(html_response(i));
  auto s = open_gzip_stream(open_memory_stream(warc));
  ReadResult r = run_warc(*s);
  EXPECT_TRUE(r.diags.empty()) << diag_text(r);
  ASSERT_EQ(r.docs.size(), 4u);
  EXPECT_EQ(r.docs[3].where, where(4, 3 * html_response(1).size()));
}

TEST(WarcReader, TruncatedGzipKeepsEarlierRecordsWithOneDiagnostic) {
  std::string warc;
  for (int i = 1; i <= 3; ++i) warc += gzip(html_response(i));
  std::string last = gzip(html_response(4));
  warc += last.substr(0, last.size() / 2);
  auto s = open_gzip_stream(open_memory_stream(warc));
  ReadResult r = run_warc(*s);
  ASSERT_EQ(r.diags.size(), 1u) << diag_text(r);
  EXPECT_EQ(r.failed, 1u);
  EXPECT_EQ(r.diags[0].message.rfind("truncated gzip stream after ", 0), 0u) << r.diags[0].message;
  ASSERT_EQ(r.docs.size(), 3u);
  EXPECT_EQ(r.docs[2].path, "in.warc#urn:uuid:0000-3");
}

// Hands out `data`, then fails as a truncated gzip stream would.
class FailingStream final : public ByteStream {
 public:
  explicit FailingStream(std::string data) : data_(std::move(data)) {}
  size_t read(char* buf, size_t n) override {
    size_t k = std::min(n, data_.size() - pos_);
    std::memcpy(buf, data_.data() + pos_, k);
    pos_ += k;
    if (k == 0)
      status_ = invalid_input("truncated gzip stream after " + std::to_string(pos_) + " bytes");
    return k;
  }
  const Status& status() const override { return status_; }
  uint64_t position() const override { return pos_; }

 private:
  std::string data_;
  size_t pos_ = 0;
  Status status_;
};

TEST(WarcReader, StreamErrorAnywhereGivesExactlyOneDiagnostic) {
  std::string warc = html_response(1) + html_response(2);
  for (size_t cut = 0; cut <= warc.size(); ++cut) {
    FailingStream s(warc.substr(0, cut));
    ReadResult r = run_warc(s);
    ASSERT_EQ(r.diags.size(), 1u) << "cut at " << cut << "\n" << diag_text(r);
    EXPECT_EQ(r.diags[0].message, "truncated gzip stream after " + std::to_string(cut) + " bytes");
    size_t complete = cut >= warc.size() ? 2 : cut >= html_response(1).size() ? 1 : 0;
    EXPECT_EQ(r.docs.size(), complete) << "cut at " << cut;
  }
}

}  // namespace
}  // namespace sitrep::ingest
