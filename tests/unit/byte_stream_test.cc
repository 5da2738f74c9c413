#include "ingest/byte_stream.h"

#include <gtest/gtest.h>
#include <zlib.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

namespace sitrep::ingest {
namespace {

// One gzip member holding `data`.
std::string gzip_member(std::string_view data) {
  z_stream zs{};
  EXPECT_EQ(
      deflateInit2(&zs, Z_BEST_COMPRESSION, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY),
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

std::string read_all(ByteStream& s, size_t chunk = 4096) {
  std::string out;
  std::vector<char> buf(chunk);
  while (size_t n = s.read(buf.data(), buf.size())) out.append(buf.data(), n);
  return out;
}

// Pseudo-random text that does not compress to nothing.
std::string sample_text(size_t n, unsigned seed = 1) {
  std::string s;
  s.reserve(n);
  uint32_t x = seed;
  for (size_t i = 0; i < n; ++i) {
    x = x * 1103515245u + 12345u;
    s += static_cast<char>('a' + (x >> 16) % 26);
    if ((x >> 8) % 13 == 0) s += '\n';
  }
  return s;
}

// Hands out at most `max_chunk` bytes per read, to exercise buffer boundaries.
class ChunkyStream final : public ByteStream {
 public:
  ChunkyStream(std::string data, size_t max_chunk)
      : data_(std::move(data)), max_chunk_(max_chunk) {}
  size_t read(char* buf, size_t n) override {
    size_t k = std::min({n, max_chunk_, data_.size() - pos_});
    std::memcpy(buf, data_.data() + pos_, k);
    pos_ += k;
    return k;
  }
  const Status& status() const override { return status_; }
  uint64_t position() const override { return pos_; }

 private:
  std::string data_;
  size_t max_chunk_;
  size_t pos_ = 0;
  Status status_;
};

// `n` bytes of 'x' then "\nafter\n", generated on the fly.
class LongLineStream final : public ByteStream {
 public:
  explicit LongLineStream(size_t n) : n_(n) {}
  size_t read(char* buf, size_t want) override {
    static constexpr std::string_view kTail = "\nafter\n";
    size_t k = 0;
    while (k < want && pos_ < n_ + kTail.size()) {
      buf[k++] = pos_ < n_ ? 'x' : kTail[pos_ - n_];
      ++pos_;
    }
    return k;
  }
  const Status& status() const override { return status_; }
  uint64_t position() const override { return pos_; }

 private:
  size_t n_;
  size_t pos_ = 0;
  Status status_;
};

std::string temp_path(const std::string& name) {
  return (std::filesystem::path(::testing::TempDir()) / ("sitrep_byte_stream_" + name)).string();
}

TEST(MemoryStream, ReadsAllBytesAndCountsPosition) {
  std::string data = sample_text(10000);
  auto s = open_memory_stream(data);
  EXPECT_EQ(read_all(*s, 7), data);
  EXPECT_EQ(s->position(), data.size());
  EXPECT_TRUE(s->status().is_ok());
  char c;
  EXPECT_EQ(s->read(&c, 1), 0u);
}

TEST(FileStream, ReadsFile) {
  std::string path = temp_path("plain.txt");
  std::string data = sample_text(200000);
  std::ofstream(path, std::ios::binary) << data;
  auto s = open_file_stream(path);
  ASSERT_TRUE(s.is_ok()) << s.status().message();
  EXPECT_EQ(read_all(*s.value()), data);
  EXPECT_EQ(s.value()->position(), data.size());
  EXPECT_TRUE(s.value()->status().is_ok());
  std::filesystem::remove(path);
}

TEST(FileStream, MissingFileIsIoErrorNamingErrno) {
  auto s = open_file_stream(temp_path("does-not-exist"));
  ASSERT_FALSE(s.is_ok());
  EXPECT_EQ(s.status().code(), StatusCode::kIoError);
  EXPECT_NE(s.status().message().find(std::strerror(ENOENT)), std::string::npos)
      << s.status().message();
  EXPECT_NE(s.status().message().find("does-not-exist"), std::string::npos);
}

TEST(FileStream, DirectoryIsIoError) {
  auto s = open_file_stream(::testing::TempDir());
  ASSERT_FALSE(s.is_ok());
  EXPECT_EQ(s.status().code(), StatusCode::kIoError);
}

TEST(GzipStream, SingleMember) {
  std::string data = sample_text(100000);
  std::string gz = gzip_member(data);
  auto s = open_gzip_stream(open_memory_stream(gz));
  EXPECT_EQ(read_all(*s), data);
  EXPECT_TRUE(s->status().is_ok()) << s->status().message();
  EXPECT_EQ(s->position(), data.size());
}

TEST(GzipStream, MultiMemberAcrossOddChunks) {
  std::string a = sample_text(5000, 1), b = sample_text(70000, 2), c = "short\n";
  std::string gz = gzip_member(a) + gzip_member(b) + gzip_member("") + gzip_member(c);
  for (size_t inner_chunk : {size_t{1}, size_t{3}, size_t{4096}, size_t{1} << 20}) {
    for (size_t out_chunk : {size_t{1}, size_t{17}, size_t{65536}}) {
      auto s = open_gzip_stream(std::make_unique<ChunkyStream>(gz, inner_chunk));
      EXPECT_EQ(read_all(*s, out_chunk), a + b + c) << inner_chunk << " " << out_chunk;
      EXPECT_TRUE(s->status().is_ok()) << s->status().message();
    }
  }
}

TEST(GzipStream, EmptyInputIsEmptyOutput) {
  auto s = open_gzip_stream(open_memory_stream(""));
  EXPECT_EQ(read_all(*s), "");
  EXPECT_TRUE(s->status().is_ok());
}

TEST(GzipStream, TruncatedMemberKeepsEarlierBytesAndSaysHowMany) {
  std::string a = sample_text(3000, 3), b = sample_text(50000, 4);
  std::string gz_b = gzip_member(b);
  std::string gz = gzip_member(a) + gz_b.substr(0, gz_b.size() / 2);
  auto s = open_gzip_stream(open_memory_stream(gz));
  std::string got = read_all(*s, 1000);
  ASSERT_FALSE(s->status().is_ok());
  EXPECT_EQ(s->status().code(), StatusCode::kInvalidInput);
  EXPECT_EQ(s->status().message(),
            "truncated gzip stream after " + std::to_string(got.size()) + " bytes");
  EXPECT_GE(got.size(), a.size());
  EXPECT_EQ(got, (a + b).substr(0, got.size()));
  char c;
  EXPECT_EQ(s->read(&c, 1), 0u);
}

TEST(GzipStream, TruncatedInsideHeader) {
  std::string gz = gzip_member("hello").substr(0, 5);
  auto s = open_gzip_stream(open_memory_stream(gz));
  EXPECT_EQ(read_all(*s), "");
  EXPECT_EQ(s->status().message(), "truncated gzip stream after 0 bytes");
}

TEST(GzipStream, CorruptDataNamesZlibMessage) {
  std::string gz = gzip_member(sample_text(20000, 5));
  for (size_t i = 20; i < 60; ++i) gz[i] = static_cast<char>(gz[i] ^ 0x5a);
  auto s = open_gzip_stream(open_memory_stream(gz));
  read_all(*s);
  EXPECT_EQ(s->status().code(), StatusCode::kInvalidInput);
  EXPECT_EQ(s->status().message().rfind("corrupt gzip stream", 0), 0u) << s->status().message();
}

TEST(GzipStream, NotGzipAtAll) {
  auto s = open_gzip_stream(open_memory_stream("plain text, not gzip"));
  EXPECT_EQ(read_all(*s), "");
  EXPECT_EQ(s->status().code(), StatusCode::kInvalidInput);
  EXPECT_NE(s->status().message().find("incorrect header check"), std::string::npos)
      << s->status().message();
}

TEST(GzipStream, GzwriteFileThroughFileStream) {
  std::string path = temp_path("data.gz");
  std::string data = sample_text(300000, 6);
  gzFile f = gzopen(path.c_str(), "wb");
  ASSERT_NE(f, nullptr);
  ASSERT_EQ(gzwrite(f, data.data(), static_cast<unsigned>(data.size())),
            static_cast<int>(data.size()));
  ASSERT_EQ(gzclose(f), Z_OK);
  auto file = open_file_stream(path);
  ASSERT_TRUE(file.is_ok());
  auto s = open_gzip_stream(std::move(file).value());
  EXPECT_EQ(read_all(*s), data);
  EXPECT_TRUE(s->status().is_ok());
  std::filesystem::remove(path);
}

TEST(PeekableStream, PeekDoesNotConsume) {
  std::string data = sample_text(1000);
  PeekableStream s(std::make_unique<ChunkyStream>(data, 3));
  EXPECT_EQ(s.peek(10), data.substr(0, 10));
  EXPECT_EQ(s.peek(4), data.substr(0, 4));
  EXPECT_EQ(s.position(), 0u);
  EXPECT_EQ(read_all(s, 6), data);
  EXPECT_EQ(s.position(), data.size());
}

TEST(PeekableStream, PeekPastTheEnd) {
  PeekableStream s(open_memory_stream("\x1f\x8b"));
  EXPECT_EQ(s.peek(4), "\x1f\x8b");
  EXPECT_EQ(read_all(s), "\x1f\x8b");
}

TEST(LineReader, LfCrlfEmptyAndFinalLineWithoutNewline) {
  std::string data = "one\r\ntwo\n\nthree\r\n\r\nlast";
  for (size_t chunk : {size_t{1}, size_t{2}, size_t{100}}) {
    ChunkyStream s(data, chunk);
    LineReader r(s, 100);
    std::string line;
    std::vector<std::pair<std::string, uint64_t>> got;
    while (r.next(line) == LineReader::Outcome::kLine) got.emplace_back(line, r.line_offset());
    std::vector<std::pair<std::string, uint64_t>> want = {{"one", 0},    {"two", 5}, {"", 9},
                                                          {"three", 10}, {"", 17},   {"last", 19}};
    EXPECT_EQ(got, want) << chunk;
    EXPECT_EQ(r.line_number(), 6u);
    EXPECT_EQ(r.next(line), LineReader::Outcome::kEnd);
  }
}

TEST(LineReader, LimitCountsContentNotTheNewline) {
  auto s = open_memory_stream("12345\r\n123456\n12345\n");
  LineReader r(*s, 5);
  std::string line;
  EXPECT_EQ(r.next(line), LineReader::Outcome::kLine);
  EXPECT_EQ(line, "12345");
  EXPECT_EQ(r.next(line), LineReader::Outcome::kTooLong);
  EXPECT_EQ(line, "");
  EXPECT_EQ(r.line_number(), 2u);
  EXPECT_EQ(r.line_offset(), 7u);
  EXPECT_EQ(r.next(line), LineReader::Outcome::kLine);
  EXPECT_EQ(line, "12345");
  EXPECT_EQ(r.line_number(), 3u);
  EXPECT_EQ(r.next(line), LineReader::Outcome::kEnd);
}

TEST(LineReader, VeryLongLineIsSkippedToItsNewline) {
  const size_t n = size_t{3} << 20;  // much more than the reader's chunk
  LongLineStream s(n);
  LineReader r(s, 1000);
  std::string line;
  EXPECT_EQ(r.next(line), LineReader::Outcome::kTooLong);
  EXPECT_TRUE(line.empty());
  EXPECT_EQ(r.next(line), LineReader::Outcome::kLine);
  EXPECT_EQ(line, "after");
  EXPECT_EQ(r.line_number(), 2u);
  EXPECT_EQ(r.line_offset(), n + 1);
  EXPECT_EQ(r.next(line), LineReader::Outcome::kEnd);
}

TEST(LineReader, TooLongFinalLineWithoutNewline) {
  std::string data = "ok\n" + std::string(100, 'y');
  ChunkyStream s(data, 7);
  LineReader r(s, 10);
  std::string line;
  EXPECT_EQ(r.next(line), LineReader::Outcome::kLine);
  EXPECT_EQ(r.next(line), LineReader::Outcome::kTooLong);
  EXPECT_EQ(r.next(line), LineReader::Outcome::kEnd);
}

TEST(LineReader, GzipErrorIsKError) {
  std::string text = "alpha\nbeta\n" + sample_text(40000, 7);
  std::string gz = gzip_member(text);
  auto s = open_gzip_stream(open_memory_stream(std::string_view(gz).substr(0, gz.size() - 10)));
  LineReader r(*s, 1 << 20);
  std::string line;
  ASSERT_EQ(r.next(line), LineReader::Outcome::kLine);
  EXPECT_EQ(line, "alpha");
  LineReader::Outcome o;
  while ((o = r.next(line)) == LineReader::Outcome::kLine) {
  }
  EXPECT_EQ(o, LineReader::Outcome::kError);
  EXPECT_EQ(s->status().message().rfind("truncated gzip stream after", 0), 0u);
}

}  // namespace
}  // namespace sitrep::ingest
