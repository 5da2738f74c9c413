#include "ingest/byte_stream.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include <algorithm>
#include <cerrno>
#include <climits>
#include <cstring>
#include <vector>

namespace sitrep::ingest {
namespace {

constexpr size_t kChunkBytes = size_t{64} << 10;

std::string errno_text(int err) { return std::strerror(err); }

class FileStream final : public ByteStream {
 public:
  FileStream(std::string path, int fd) : path_(std::move(path)), fd_(fd) {}
  ~FileStream() override { ::close(fd_); }
  FileStream(const FileStream&) = delete;
  FileStream& operator=(const FileStream&) = delete;

  size_t read(char* buf, size_t n) override {
    if (n == 0 || eof_ || !status_.is_ok()) return 0;
    for (;;) {
      ssize_t got = ::read(fd_, buf, std::min(n, kChunkBytes * 16));
      if (got > 0) {
        position_ += static_cast<uint64_t>(got);
        return static_cast<size_t>(got);
      }
      if (got == 0) {
        eof_ = true;
        return 0;
      }
      if (errno == EINTR) continue;
      status_ = io_error(path_ + ": " + errno_text(errno));
      return 0;
    }
  }
  const Status& status() const override { return status_; }
  uint64_t position() const override { return position_; }

 private:
  std::string path_;
  int fd_;
  bool eof_ = false;
  Status status_;
  uint64_t position_ = 0;
};

class MemoryStream final : public ByteStream {
 public:
  explicit MemoryStream(std::string_view bytes) : bytes_(bytes) {}

  size_t read(char* buf, size_t n) override {
    size_t k = std::min(n, bytes_.size() - pos_);
    if (k > 0) std::memcpy(buf, bytes_.data() + pos_, k);
    pos_ += k;
    return k;
  }
  const Status& status() const override { return status_; }
  uint64_t position() const override { return pos_; }

 private:
  std::string_view bytes_;
  size_t pos_ = 0;
  Status status_;
};

class GzipStream final : public ByteStream {
 public:
  explicit GzipStream(std::unique_ptr<ByteStream> inner)
      : inner_(std::move(inner)), in_(kChunkBytes) {
    // 16 + MAX_WBITS: gzip framing only; a WARC.gz is never a raw zlib stream.
    if (inflateInit2(&zs_, 16 + MAX_WBITS) != Z_OK) {
      status_ = internal_error("cannot initialise zlib");
    } else {
      initialised_ = true;
    }
  }
  ~GzipStream() override {
    if (initialised_) inflateEnd(&zs_);
  }
  GzipStream(const GzipStream&) = delete;
  GzipStream& operator=(const GzipStream&) = delete;

  size_t read(char* buf, size_t n) override {
    if (n == 0 || done_ || !status_.is_ok()) return 0;
    const uInt want = static_cast<uInt>(std::min<size_t>(n, UINT_MAX));
    zs_.next_out = reinterpret_cast<Bytef*>(buf);
    zs_.avail_out = want;
    while (zs_.avail_out == want) {
      if (zs_.avail_in == 0 && !inner_eof_) {
        size_t got = inner_->read(in_.data(), in_.size());
        if (got == 0) {
          inner_eof_ = true;
          if (!inner_->status().is_ok()) {
            status_ = inner_->status();
            break;
          }
        }
        zs_.next_in = reinterpret_cast<Bytef*>(in_.data());
        zs_.avail_in = static_cast<uInt>(got);
      }
      if (zs_.avail_in == 0 && inner_eof_) {
        if (in_member_) {
          uint64_t total = position_ + (want - zs_.avail_out);
          status_ =
              invalid_input("truncated gzip stream after " + std::to_string(total) + " bytes");
        } else {
          done_ = true;
        }
        break;
      }
      in_member_ = true;
      int ret = inflate(&zs_, Z_NO_FLUSH);
      if (ret == Z_STREAM_END) {
        // Another member may follow (one per WARC record); found out on the next round.
        in_member_ = false;
        inflateReset(&zs_);
        continue;
      }
      if (ret == Z_OK || ret == Z_BUF_ERROR) continue;
      std::string why = zs_.msg != nullptr ? zs_.msg : "zlib error " + std::to_string(ret);
      status_ =
          invalid_input("corrupt gzip stream after " +
                        std::to_string(position_ + (want - zs_.avail_out)) + " bytes: " + why);
      break;
    }
    size_t produced = want - zs_.avail_out;
    position_ += produced;
    return produced;
  }
  const Status& status() const override { return status_; }
  uint64_t position() const override { return position_; }

 private:
  std::unique_ptr<ByteStream> inner_;
  std::vector<char> in_;
  z_stream zs_{};
  bool initialised_ = false;
  bool inner_eof_ = false;
  bool in_member_ = false;
  bool done_ = false;
  Status status_;
  uint64_t position_ = 0;
};

}  // namespace

Result<std::unique_ptr<ByteStream>> open_file_stream(const std::string& path) {
  int fd;
  do {
    fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  } while (fd < 0 && errno == EINTR);
  if (fd < 0) return io_error(path + ": " + errno_text(errno));
  struct stat st {};
  if (::fstat(fd, &st) != 0) {
    int err = errno;
    ::close(fd);
    return io_error(path + ": " + errno_text(err));
  }
  if (S_ISDIR(st.st_mode)) {
    ::close(fd);
    return io_error(path + ": " + errno_text(EISDIR));
  }
  return std::unique_ptr<ByteStream>(std::make_unique<FileStream>(path, fd));
}

std::unique_ptr<ByteStream> open_memory_stream(std::string_view bytes) {
  return std::make_unique<MemoryStream>(bytes);
}

std::unique_ptr<ByteStream> open_gzip_stream(std::unique_ptr<ByteStream> inner) {
  return std::make_unique<GzipStream>(std::move(inner));
}

PeekableStream::PeekableStream(std::unique_ptr<ByteStream> inner) : inner_(std::move(inner)) {}

std::string_view PeekableStream::peek(size_t n) {
  while (head_.size() < n) {
    size_t old = head_.size();
    head_.resize(n);
    size_t got = inner_->read(head_.data() + old, n - old);
    head_.resize(old + got);
    if (got == 0) break;
  }
  return std::string_view(head_).substr(0, std::min(n, head_.size()));
}

size_t PeekableStream::read(char* buf, size_t n) {
  size_t got = 0;
  if (head_pos_ < head_.size()) {
    got = std::min(n, head_.size() - head_pos_);
    std::memcpy(buf, head_.data() + head_pos_, got);
    head_pos_ += got;
    if (head_pos_ == head_.size()) {
      head_.clear();
      head_.shrink_to_fit();
      head_pos_ = 0;
    }
  } else {
    got = inner_->read(buf, n);
  }
  position_ += got;
  return got;
}

LineReader::LineReader(ByteStream& stream, size_t max_line_bytes)
    : stream_(stream), max_line_bytes_(max_line_bytes) {}

bool LineReader::fill() {
  if (eof_) return false;
  if (pos_ > 0) {
    buf_.erase(0, pos_);
    consumed_ += pos_;
    pos_ = 0;
  }
  size_t old = buf_.size();
  buf_.resize(old + kChunkBytes);
  size_t got = stream_.read(buf_.data() + old, kChunkBytes);
  buf_.resize(old + got);
  if (got == 0) eof_ = true;
  return got > 0;
}

LineReader::Outcome LineReader::next(std::string& line) {
  line.clear();
  line_offset_ = consumed_ + pos_;
  size_t scanned = 0;  // bytes after pos_ known to hold no newline
  bool too_long = false;
  for (;;) {
    size_t nl = buf_.find('\n', pos_ + scanned);
    if (nl != std::string::npos) {
      size_t len = nl - pos_;
      if (len > 0 && buf_[nl - 1] == '\r') --len;
      ++line_number_;
      if (too_long || len > max_line_bytes_) {
        pos_ = nl + 1;
        return Outcome::kTooLong;
      }
      line.assign(buf_, pos_, len);
      pos_ = nl + 1;
      return Outcome::kLine;
    }
    scanned = buf_.size() - pos_;
    // One extra byte: the line may still end with "\r\n".
    if (scanned > max_line_bytes_ + 1) {
      too_long = true;
      // Drop what is known to be the over-long line, keeping the memory bounded.
      consumed_ += buf_.size();
      buf_.clear();
      pos_ = 0;
      scanned = 0;
    }
    if (!fill()) {
      if (!stream_.status().is_ok()) return Outcome::kError;
      if (buf_.size() == pos_ && !too_long) return Outcome::kEnd;
      // A final line without a newline is still a line.
      ++line_number_;
      size_t len = buf_.size() - pos_;
      if (too_long || len > max_line_bytes_) {
        consumed_ += buf_.size();
        buf_.clear();
        pos_ = 0;
        return Outcome::kTooLong;
      }
      line.assign(buf_, pos_, len);
      pos_ = buf_.size();
      return Outcome::kLine;
    }
  }
}

Result<std::unique_ptr<ByteStream>> open_lines_stream(const std::string& path) {
  auto in = open_file_stream(path == "-" ? "/dev/stdin" : path);
  if (!in.is_ok()) return in.status();
  auto peek = std::make_unique<PeekableStream>(std::move(in).value());
  if (peek->peek(2).starts_with("\x1f\x8b")) return open_gzip_stream(std::move(peek));
  return std::unique_ptr<ByteStream>(std::move(peek));
}

}  // namespace sitrep::ingest
