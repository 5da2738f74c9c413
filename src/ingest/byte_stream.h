// ByteStream: sequential reading of an input, plain or gzip-compressed, and
// a line reader with a length limit on top of it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "sitrep/status.h"

namespace sitrep::ingest {

class ByteStream {
 public:
  virtual ~ByteStream() = default;
  // Reads up to `n` bytes into `buf`; returns the number read, 0 at the end or
  // on an error (then status() is not ok: a read error, a truncated or corrupt
  // gzip stream).
  virtual size_t read(char* buf, size_t n) = 0;
  virtual const Status& status() const = 0;
  // Bytes returned by read() so far (decompressed bytes for gzip).
  virtual uint64_t position() const = 0;
};

// Reads a file (not a directory); an io_error Status when it cannot be opened.
Result<std::unique_ptr<ByteStream>> open_file_stream(const std::string& path);
// Reads bytes held by the caller, who keeps them alive while the stream lives.
std::unique_ptr<ByteStream> open_memory_stream(std::string_view bytes);
// Decompresses gzip data from `inner`, including multi-member files (a WARC.gz
// holds one gzip member per record). A stream that ends inside a member sets
// an invalid_input status "truncated gzip stream after N bytes".
std::unique_ptr<ByteStream> open_gzip_stream(std::unique_ptr<ByteStream> inner);

// Wraps a stream so that its first bytes can be looked at before reading.
class PeekableStream final : public ByteStream {
 public:
  explicit PeekableStream(std::unique_ptr<ByteStream> inner);
  // Returns up to `n` bytes from the start without consuming them; only valid
  // before the first read().
  std::string_view peek(size_t n);
  size_t read(char* buf, size_t n) override;
  const Status& status() const override { return inner_->status(); }
  uint64_t position() const override { return position_; }

 private:
  std::unique_ptr<ByteStream> inner_;
  std::string head_;
  size_t head_pos_ = 0;
  uint64_t position_ = 0;
};

// A line-oriented input: the file at `path`, or stdin for "-", decompressed
// when it starts with the gzip magic. For readers of JSON Lines that are not
// documents (report and article lines, a stdin stream of records).
Result<std::unique_ptr<ByteStream>> open_lines_stream(const std::string& path);

// Reads lines (without the trailing "\n" or "\r\n") with a length limit.
class LineReader {
 public:
  LineReader(ByteStream& stream, size_t max_line_bytes);
  enum class Outcome { kLine, kTooLong, kEnd, kError };
  // kLine: `line` holds the next line. kTooLong: the line was longer than the
  // limit; it was skipped up to its newline and `line` is empty. kEnd: no more
  // input. kError: the stream failed (see stream.status()).
  Outcome next(std::string& line);
  uint64_t line_number() const { return line_number_; }  // 1-based, of the last line
  uint64_t line_offset() const { return line_offset_; }  // byte offset where it starts

 private:
  bool fill();
  ByteStream& stream_;
  size_t max_line_bytes_;
  std::string buf_;
  size_t pos_ = 0;
  bool eof_ = false;
  uint64_t consumed_ = 0;  // bytes before buf_[0]
  uint64_t line_number_ = 0;
  uint64_t line_offset_ = 0;
};

}  // namespace sitrep::ingest
