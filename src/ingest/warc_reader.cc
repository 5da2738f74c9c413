#include "ingest/warc_reader.h"

#include <zlib.h>

#include <algorithm>
#include <charconv>
#include <climits>
#include <cstring>
#include <optional>
#include <string_view>
#include <utility>
#include <vector>

#include "common/ascii.h"

namespace sitrep::ingest {
namespace {

constexpr size_t kChunkBytes = size_t{64} << 10;
constexpr size_t kMaxVersionLine = 64;  // "WARC/1.1" plus slack
constexpr size_t kMaxHeaderLine = size_t{64} << 10;
constexpr size_t kMaxHeaderBytes = size_t{1} << 20;
constexpr size_t kSniffBytes = 1024;
// How much of an over-limit block is kept to tell whether it would have been
// a document worth a diagnostic (HTTP headers fit well within this).
constexpr size_t kOverLimitHead = size_t{64} << 10;

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
    s.remove_suffix(1);
  return s;
}

bool starts_with_nocase(std::string_view s, std::string_view prefix) {
  if (s.size() < prefix.size()) return false;
  for (size_t i = 0; i < prefix.size(); ++i)
    if (ascii_lower(s[i]) != ascii_lower(prefix[i])) return false;
  return true;
}

// "text/HTML; charset=utf-8" -> "text/html".
std::string media_type(std::string_view content_type) {
  return ascii_lower(trim(content_type.substr(0, content_type.find(';'))));
}

bool is_html_media(std::string_view media) {
  return media == "text/html" || media == "application/xhtml+xml";
}

bool sniff_html(std::string_view payload) {
  std::string head = ascii_lower(payload.substr(0, kSniffBytes));
  return head.find("<html") != std::string::npos ||
         head.find("<!doctype html") != std::string::npos;
}

std::string format_limit(size_t bytes) {
  constexpr size_t kKiB = 1024;
  constexpr size_t kMiB = kKiB * kKiB;
  if (bytes >= kMiB && bytes % kMiB == 0) return std::to_string(bytes / kMiB) + " MiB";
  if (bytes >= kKiB && bytes % kKiB == 0) return std::to_string(bytes / kKiB) + " KiB";
  return std::to_string(bytes) + " bytes";
}

std::optional<uint64_t> parse_decimal(std::string_view s) {
  s = trim(s);
  uint64_t v = 0;
  if (s.empty()) return std::nullopt;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || end != s.data() + s.size()) return std::nullopt;
  return v;
}

// Buffered reading over a ByteStream with lines, exact reads, peeking and
// push-back, so that a record with a wrong length can be re-scanned from its
// block start.
class Input {
 public:
  explicit Input(ByteStream& stream) : stream_(stream) {}

  enum class Line { kLine, kTooLong, kEnd, kError };

  // A line without its "\n" or "\r\n"; an over-long one is skipped to its
  // newline without being kept.
  Line read_line(std::string& line, size_t max) {
    line.clear();
    size_t scanned = 0;
    bool too_long = false;
    for (;;) {
      size_t nl = buf_.find('\n', pos_ + scanned);
      if (nl != std::string::npos) {
        size_t len = nl - pos_;
        if (len > 0 && buf_[nl - 1] == '\r') --len;
        if (too_long || len > max) {
          pos_ = nl + 1;
          return Line::kTooLong;
        }
        line.assign(buf_, pos_, len);
        pos_ = nl + 1;
        return Line::kLine;
      }
      scanned = buf_.size() - pos_;
      if (scanned > max + 1) {
        too_long = true;
        drop_buffer();
        scanned = 0;
      }
      if (!fill()) {
        if (failed()) return Line::kError;
        if (pos_ == buf_.size() && !too_long) return Line::kEnd;
        size_t len = buf_.size() - pos_;
        bool over = too_long || len > max;
        if (!over) line.assign(buf_, pos_, len);
        drop_buffer();
        return over ? Line::kTooLong : Line::kLine;
      }
    }
  }

  // Appends up to `n` bytes to `out`; fewer only at the end or on an error.
  size_t read(std::string& out, size_t n) {
    size_t done = take_buffered(&out, n);
    while (done < n) {
      size_t old = out.size();
      size_t want = std::min(n - done, kChunkBytes * 16);
      out.resize(old + want);
      size_t got = stream_.read(out.data() + old, want);
      out.resize(old + got);
      consumed_ += got;
      done += got;
      if (got == 0) break;
    }
    return done;
  }

  // Discards up to `n` bytes; fewer only at the end or on an error.
  uint64_t skip(uint64_t n) {
    uint64_t done = take_buffered(nullptr, static_cast<size_t>(std::min<uint64_t>(n, SIZE_MAX)));
    std::vector<char> scratch;
    while (done < n) {
      if (scratch.empty()) scratch.resize(kChunkBytes);
      size_t got = stream_.read(scratch.data(),
                                static_cast<size_t>(std::min<uint64_t>(n - done, scratch.size())));
      consumed_ += got;
      done += got;
      if (got == 0) break;
    }
    return done;
  }

  // Up to `n` bytes ahead, without consuming them; fewer at the end.
  std::string_view peek(size_t n) {
    while (buf_.size() - pos_ < n && fill()) {
    }
    return std::string_view(buf_).substr(pos_, std::min(n, buf_.size() - pos_));
  }

  // Puts back bytes just read, so that they are read again.
  void unread(std::string_view bytes) {
    buf_.erase(0, pos_);
    consumed_ += pos_;
    pos_ = 0;
    buf_.insert(0, bytes);
    consumed_ -= bytes.size();
  }

  uint64_t offset() const { return consumed_ + pos_; }
  bool failed() const { return !stream_.status().is_ok(); }
  const Status& status() const { return stream_.status(); }

 private:
  bool fill() {
    if (eof_) return false;
    if (pos_ > 0 && pos_ >= buf_.size() / 2) {
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

  void drop_buffer() {
    consumed_ += buf_.size();
    buf_.clear();
    pos_ = 0;
  }

  size_t take_buffered(std::string* out, size_t n) {
    size_t k = std::min(n, buf_.size() - pos_);
    if (out != nullptr) out->append(buf_, pos_, k);
    pos_ += k;
    if (pos_ == buf_.size()) drop_buffer();
    return k;
  }

  ByteStream& stream_;
  std::string buf_;
  size_t pos_ = 0;
  bool eof_ = false;
  uint64_t consumed_ = 0;  // bytes before buf_[0]
};

struct Header {
  std::string name;  // lower case
  std::string value;
};

const std::string* find_header(const std::vector<Header>& headers, std::string_view lower_name) {
  for (const Header& h : headers)
    if (h.name == lower_name) return &h.value;
  return nullptr;
}

// Splits an HTTP message head ("HTTP/1.1 200 OK\r\nName: value\r\n\r\n").
struct HttpHead {
  int status = 0;
  std::vector<Header> headers;
  size_t payload_offset = 0;
};

// nullopt with `error` set when the head is malformed or not complete in `block`.
std::optional<HttpHead> parse_http_head(std::string_view block, std::string& error) {
  HttpHead head;
  size_t pos = 0;
  bool first = true;
  for (;;) {
    size_t nl = block.find('\n', pos);
    if (nl == std::string_view::npos) {
      error = "HTTP headers not terminated by an empty line";
      return std::nullopt;
    }
    std::string_view line = block.substr(pos, nl - pos);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    pos = nl + 1;
    if (first) {
      first = false;
      if (!starts_with_nocase(line, "HTTP/")) {
        error = "bad HTTP status line";
        return std::nullopt;
      }
      size_t sp = line.find(' ');
      std::string_view code =
          sp == std::string_view::npos ? std::string_view() : trim(line.substr(sp + 1));
      code = code.substr(0, code.find(' '));
      auto value = parse_decimal(code);
      if (code.size() != 3 || !value) {
        error = "bad HTTP status line";
        return std::nullopt;
      }
      head.status = static_cast<int>(*value);
      continue;
    }
    if (line.empty()) break;
    if ((line.front() == ' ' || line.front() == '\t') && !head.headers.empty()) {
      head.headers.back().value += ' ';
      head.headers.back().value += trim(line);
      continue;
    }
    size_t colon = line.find(':');
    if (colon == std::string_view::npos || colon == 0) continue;  // tolerated, as browsers do
    head.headers.push_back(
        {ascii_lower(trim(line.substr(0, colon))), std::string(trim(line.substr(colon + 1)))});
  }
  head.payload_offset = pos;
  return head;
}

bool parse_hex(std::string_view s, uint64_t& value) {
  s = trim(s.substr(0, s.find(';')));
  if (s.empty()) return false;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value, 16);
  return ec == std::errc() && end == s.data() + s.size();
}

Status dechunk(std::string_view in, size_t limit, std::string& out) {
  out.clear();
  size_t pos = 0;
  while (pos < in.size()) {
    size_t nl = in.find('\n', pos);
    if (nl == std::string_view::npos)
      return invalid_input("bad chunked encoding: unterminated chunk size");
    uint64_t size = 0;
    if (!parse_hex(in.substr(pos, nl - pos), size))
      return invalid_input("bad chunked encoding: bad chunk size");
    pos = nl + 1;
    if (size == 0) return Status::ok();  // trailers, if any, are ignored
    if (size > in.size() - pos)
      return invalid_input("bad chunked encoding: chunk runs past the end of the payload");
    if (out.size() + size > limit)
      return too_large("de-chunked payload over the " + format_limit(limit) + " document limit");
    out.append(in.substr(pos, static_cast<size_t>(size)));
    pos += static_cast<size_t>(size);
    if (in.substr(pos, 2) == "\r\n") {
      pos += 2;
    } else if (in.substr(pos, 1) == "\n") {
      pos += 1;
    } else if (pos < in.size()) {
      return invalid_input("bad chunked encoding: chunk not followed by CRLF");
    }
  }
  // Ending on a chunk boundary without the final zero chunk: lenient, as browsers are.
  return Status::ok();
}

Status inflate_payload(std::string_view in, int window_bits, size_t limit, std::string_view what,
                       std::string& out) {
  out.clear();
  z_stream zs{};
  if (inflateInit2(&zs, window_bits) != Z_OK) return internal_error("cannot initialise zlib");
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
  zs.avail_in = static_cast<uInt>(std::min<size_t>(in.size(), UINT_MAX));
  std::vector<char> chunk(kChunkBytes);
  Status status;
  for (;;) {
    zs.next_out = reinterpret_cast<Bytef*>(chunk.data());
    zs.avail_out = static_cast<uInt>(chunk.size());
    int ret = inflate(&zs, Z_NO_FLUSH);
    size_t produced = chunk.size() - zs.avail_out;
    if (out.size() + produced > limit) {
      status = too_large("decoded payload over the " + format_limit(limit) + " document limit");
      break;
    }
    out.append(chunk.data(), produced);
    if (ret == Z_STREAM_END) break;  // trailing bytes after the stream are ignored
    if (ret == Z_BUF_ERROR || (ret == Z_OK && zs.avail_in == 0 && produced == 0)) {
      status = invalid_input("Content-Encoding " + std::string(what) + ": truncated data");
      break;
    }
    if (ret != Z_OK) {
      status = invalid_input("Content-Encoding " + std::string(what) + ": " +
                             (zs.msg != nullptr ? zs.msg : "zlib error " + std::to_string(ret)));
      break;
    }
  }
  inflateEnd(&zs);
  return status;
}

// What one record's block amounts to.
struct Outcome {
  enum Kind { kSkip, kDocument, kError } kind = kSkip;
  std::string message;  // kError
  std::string body;     // kDocument
};

Outcome skip() { return {}; }
Outcome fail(std::string message) { return {Outcome::kError, std::move(message), {}}; }

// RFC 1950: compression method 8 and a header checksum divisible by 31.
bool has_zlib_header(std::string_view data) {
  if (data.size() < 2) return false;
  unsigned cmf = static_cast<unsigned char>(data[0]);
  unsigned flg = static_cast<unsigned char>(data[1]);
  return (cmf & 0x0f) == 8 && (cmf * 256 + flg) % 31 == 0;
}

// Decodes an HTTP response block into its HTML payload.
Outcome http_payload(std::string_view block, size_t limit) {
  std::string error;
  auto head = parse_http_head(block, error);
  if (!head) return fail(error);
  if (head->status < 200 || head->status > 299) return skip();
  const std::string* content_type = find_header(head->headers, "content-type");
  if (content_type != nullptr && !is_html_media(media_type(*content_type))) return skip();

  std::string_view payload = block.substr(head->payload_offset);
  std::string decoded;  // once `is_decoded`, `payload` views it
  bool is_decoded = false;
  std::string scratch;
  const std::string* transfer = find_header(head->headers, "transfer-encoding");
  if (transfer != nullptr && ascii_lower(*transfer).find("chunked") != std::string::npos) {
    Status s = dechunk(payload, limit, scratch);
    if (!s.is_ok()) return fail(s.message());
    decoded = std::move(scratch);
    payload = decoded;
    is_decoded = true;
  }
  const std::string* encoding = find_header(head->headers, "content-encoding");
  std::string coding = encoding != nullptr ? ascii_lower(trim(*encoding)) : std::string();
  if (coding == "gzip" || coding == "x-gzip") {
    Status s = inflate_payload(payload, 32 + MAX_WBITS, limit, coding, scratch);
    if (!s.is_ok()) return fail(s.message());
    decoded = std::move(scratch);
    payload = decoded;
    is_decoded = true;
  } else if (coding == "deflate") {
    // Many servers send raw deflate instead of the zlib format the RFC asks for.
    int window_bits = has_zlib_header(payload) ? MAX_WBITS : -MAX_WBITS;
    Status s = inflate_payload(payload, window_bits, limit, coding, scratch);
    if (!s.is_ok()) return fail(s.message());
    decoded = std::move(scratch);
    payload = decoded;
    is_decoded = true;
  } else if (!coding.empty() && coding != "identity") {
    return fail("unsupported Content-Encoding \"" + coding + "\"");
  }

  if (content_type == nullptr && !sniff_html(payload)) return skip();
  Outcome out;
  out.kind = Outcome::kDocument;
  out.body = is_decoded ? std::move(decoded) : std::string(payload);
  return out;
}

bool is_http_block(const std::string* warc_content_type, std::string_view block) {
  if (warc_content_type == nullptr) return starts_with_nocase(block, "HTTP/");
  return media_type(*warc_content_type) == "application/http";
}

// For a block over the size limit, of which only `head` was kept: whether it
// would have been a document, so that skipping it deserves a diagnostic.
bool would_be_document(const std::string& type, const std::string* warc_content_type,
                       std::string_view head) {
  if (type == "resource")
    return warc_content_type != nullptr && is_html_media(media_type(*warc_content_type));
  if (type != "response" || !is_http_block(warc_content_type, head)) return false;
  std::string error;
  auto http = parse_http_head(head, error);
  if (!http) return true;  // cannot tell: say so rather than drop it silently
  if (http->status < 200 || http->status > 299) return false;
  const std::string* content_type = find_header(http->headers, "content-type");
  return content_type == nullptr || is_html_media(media_type(*content_type));
}

std::string strip_angle_brackets(std::string_view s) {
  if (s.size() >= 2 && s.front() == '<' && s.back() == '>') s = s.substr(1, s.size() - 2);
  return std::string(s);
}

class WarcReader {
 public:
  WarcReader(const std::string& input, ByteStream& stream, const IngestLimits& limits,
             const std::function<void(RawDocument&&)>& on_document,
             const DiagnosticSink& diagnostics)
      : input_name_(input),
        in_(stream),
        limits_(limits),
        on_document_(on_document),
        diagnostics_(diagnostics) {}

  size_t run() {
    std::string line;
    for (;;) {
      uint64_t line_start = in_.offset();
      Input::Line r = in_.read_line(line, kMaxVersionLine);
      if (r == Input::Line::kError) {
        report("offset " + std::to_string(in_.offset()), in_.status().message());
        break;
      }
      if (r == Input::Line::kEnd) break;
      if (r == Input::Line::kLine && line.rfind("WARC/1.", 0) == 0) {
        resyncing_ = false;
        ++record_;
        if (!read_record(line_start, line)) break;
        continue;
      }
      // Blank lines between records are tolerated; anything else is garbage
      // reported once, up to the next record header.
      if (r == Input::Line::kLine && trim(line).empty()) continue;
      if (!resyncing_) {
        report("offset " + std::to_string(line_start),
               "expected a WARC record header (\"WARC/1.0\" or \"WARC/1.1\")");
        resyncing_ = true;
      }
    }
    return failures_;
  }

 private:
  void report(std::string where, std::string message) {
    ++failures_;
    if (diagnostics_)
      diagnostics_(Diagnostic{Diagnostic::Severity::kError, input_name_, std::move(where),
                              std::move(message)});
  }

  // Reports a bad record and scans for the next header from the current position.
  void reject(const std::string& where, std::string message) {
    report(where, std::move(message));
    resyncing_ = true;
  }

  // Reads one record after its version line. Returns false when the input
  // cannot go on (end of input inside the record, stream error).
  bool read_record(uint64_t offset, const std::string& version_line) {
    const std::string where =
        "record " + std::to_string(record_) + " (offset " + std::to_string(offset) + ")";
    std::string_view version = trim(version_line);
    if (version != "WARC/1.0" && version != "WARC/1.1") {
      reject(where, "unsupported WARC version \"" + std::string(version) + "\"");
      return true;
    }

    std::vector<Header> headers;
    size_t header_bytes = 0;
    std::string line;
    for (;;) {
      Input::Line r = in_.read_line(line, kMaxHeaderLine);
      if (r == Input::Line::kError) {
        report(where, in_.status().message());
        return false;
      }
      if (r == Input::Line::kEnd) {
        report(where, "record header cut short by the end of the input");
        return false;
      }
      if (r == Input::Line::kTooLong) {
        reject(where, "header line over " + format_limit(kMaxHeaderLine));
        return true;
      }
      if (line.empty()) break;
      header_bytes += line.size() + 2;
      if (header_bytes > kMaxHeaderBytes) {
        reject(where, "record header over " + format_limit(kMaxHeaderBytes));
        return true;
      }
      if ((line.front() == ' ' || line.front() == '\t') && !headers.empty()) {
        headers.back().value += ' ';
        headers.back().value += trim(line);
        continue;
      }
      size_t colon = line.find(':');
      if (colon == std::string::npos || colon == 0) {
        reject(where, "malformed header line (no \"Name: value\")");
        return true;
      }
      headers.push_back({ascii_lower(trim(std::string_view(line).substr(0, colon))),
                         std::string(trim(std::string_view(line).substr(colon + 1)))});
    }

    const std::string* length_text = find_header(headers, "content-length");
    if (length_text == nullptr) {
      reject(where, "missing Content-Length");
      return true;
    }
    std::optional<uint64_t> length = parse_decimal(*length_text);
    if (!length) {
      reject(where, "bad Content-Length \"" + *length_text + "\"");
      return true;
    }
    const std::string* type_header = find_header(headers, "warc-type");
    const std::string type = type_header != nullptr ? ascii_lower(*type_header) : std::string();
    const std::string* content_type = find_header(headers, "content-type");

    std::string block;
    if (*length > limits_.max_document_bytes) {
      size_t head_len = static_cast<size_t>(std::min<uint64_t>(*length, kOverLimitHead));
      uint64_t got = in_.read(block, head_len);
      if (got == head_len) got += in_.skip(*length - head_len);
      if (got < *length) {
        report(where, in_.failed() ? in_.status().message()
                                   : "Content-Length " + std::to_string(*length) +
                                         " runs past the end of the input");
        return false;
      }
      bool aligned = trailer_ok();
      if (!aligned && in_.failed()) {
        report(where, in_.status().message());
        return false;
      }
      if (would_be_document(type, content_type, block)) {
        report(where, "record of " + std::to_string(*length) + " bytes over the " +
                          format_limit(limits_.max_document_bytes) + " document limit");
        if (!aligned) resyncing_ = true;
      } else if (!aligned) {
        reject(where, "block not followed by CRLF CRLF: wrong Content-Length?");
      }
      return true;
    }

    size_t len = static_cast<size_t>(*length);
    const uint64_t block_start = in_.offset();
    if (in_.read(block, len) < len) {
      if (in_.failed()) {
        report(where, in_.status().message());
        return false;
      }
      // The length may be wrong rather than the input short: look for a later record.
      reject(where,
             "Content-Length " + std::to_string(*length) + " runs past the end of the input");
      rescan(offset, block_start, block);
      return true;
    }
    if (!trailer_ok()) {
      if (in_.failed()) {
        report(where, in_.status().message());
        return false;
      }
      reject(where, "block not followed by CRLF CRLF: wrong Content-Length?");
      // A too-long Content-Length may have swallowed the next record's header.
      rescan(offset, block_start, block);
      return true;
    }

    if (type_header == nullptr) {
      report(where, "missing WARC-Type");
      return true;
    }
    Outcome outcome;
    if (type == "response") {
      if (is_http_block(content_type, block))
        outcome = http_payload(block, limits_.max_document_bytes);
    } else if (type == "resource") {
      if (content_type != nullptr && is_html_media(media_type(*content_type))) {
        outcome.kind = Outcome::kDocument;
        outcome.body = std::move(block);
      }
    }
    if (outcome.kind == Outcome::kError) {
      report(where, outcome.message + "; record skipped");
      return true;
    }
    if (outcome.kind == Outcome::kSkip) return true;

    RawDocument doc;
    doc.input = input_name_;
    const std::string* record_id = find_header(headers, "warc-record-id");
    std::string id = record_id != nullptr ? strip_angle_brackets(trim(*record_id)) : std::string();
    doc.path = input_name_ + "#" + (id.empty() ? "record-" + std::to_string(record_) : id);
    doc.where = where;
    doc.format = "warc";
    doc.is_html = true;
    doc.body = std::move(outcome.body);
    if (const std::string* uri = find_header(headers, "warc-target-uri");
        uri != nullptr && !uri->empty())
      doc.url = strip_angle_brackets(trim(*uri));
    on_document_(std::move(doc));
    return true;
  }

  // Puts a bad record's block back to be scanned for record headers. A record
  // found by such a scan does not do it again, so each byte is scanned at most
  // twice, however many nested bad records.
  void rescan(uint64_t record_offset, uint64_t block_start, const std::string& block) {
    if (record_offset < rescan_end_) return;
    in_.unread(block);
    rescan_end_ = block_start + block.size();
  }

  // Consumes the CRLF CRLF after a block if it is there and followed by the
  // next record or the end of the input.
  bool trailer_ok() {
    std::string_view next = in_.peek(9);
    if (next.substr(0, 4) != "\r\n\r\n") return false;
    // Fewer than 9 bytes means the input ended: a cut inside the next "WARC/"
    // is that record's problem, not this one's.
    if (!std::string_view("WARC/").starts_with(next.substr(4))) return false;
    in_.skip(4);
    return true;
  }

  const std::string& input_name_;
  Input in_;
  const IngestLimits& limits_;
  const std::function<void(RawDocument&&)>& on_document_;
  const DiagnosticSink& diagnostics_;
  size_t record_ = 0;
  size_t failures_ = 0;
  bool resyncing_ = false;
  uint64_t rescan_end_ = 0;  // end of the last block put back by rescan()
};

}  // namespace

size_t read_warc(const std::string& input, ByteStream& stream, const IngestLimits& limits,
                 const std::function<void(RawDocument&&)>& on_document,
                 const DiagnosticSink& diagnostics) {
  return WarcReader(input, stream, limits, on_document, diagnostics).run();
}

}  // namespace sitrep::ingest
