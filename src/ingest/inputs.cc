// for_each_document: paths, directories and stdin -> RawDocuments.
#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <string_view>

#include "ingest/byte_stream.h"
#include "ingest/jsonl_reader.h"
#include "ingest/warc_reader.h"
#include "sitrep/ingest.h"

namespace sitrep {
namespace {

namespace fs = std::filesystem;
using ingest::ByteStream;
using ingest::PeekableStream;

enum class Format { kText, kHtml, kJsonl, kWarc };

bool ends_with_ci(std::string_view s, std::string_view suffix) {
  if (s.size() < suffix.size()) return false;
  for (size_t i = 0; i < suffix.size(); ++i) {
    char c = s[s.size() - suffix.size() + i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != suffix[i]) return false;
  }
  return true;
}

bool contains_ci(std::string_view hay, std::string_view needle) {
  if (needle.size() > hay.size()) return false;
  for (size_t i = 0; i + needle.size() <= hay.size(); ++i) {
    size_t k = 0;
    for (; k < needle.size(); ++k) {
      char c = hay[i + k];
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
      if (c != needle[k]) break;
    }
    if (k == needle.size()) return true;
  }
  return false;
}

// Content first, then the extension: a .txt that holds HTML is HTML.
Format sniff(std::string_view head, std::string_view name) {
  if (head.starts_with("\xEF\xBB\xBF")) head.remove_prefix(3);
  const size_t first = head.find_first_not_of(" \t\r\n");
  const std::string_view body = first == std::string_view::npos ? "" : head.substr(first);
  if (body.starts_with("WARC/1.")) return Format::kWarc;
  if (body.starts_with("{")) return Format::kJsonl;
  if (body.starts_with("<")) {
    for (std::string_view tag : {"<!doctype html", "<html", "<head", "<body", "<meta", "<title",
                                 "<div", "<p>", "<p ", "<article", "<!--"})
      if (contains_ci(body.substr(0, 2048), tag)) return Format::kHtml;
  }
  if (ends_with_ci(name, ".html") || ends_with_ci(name, ".htm") || ends_with_ci(name, ".xhtml"))
    return Format::kHtml;
  return Format::kText;
}

// Binary data: NUL bytes, or many control characters, near the start.
std::optional<std::string> binary_reason(std::string_view head) {
  if (const size_t nul = head.find('\0'); nul != std::string_view::npos)
    return "binary file (NUL byte at offset " + std::to_string(nul) + ")";
  size_t control = 0;
  for (unsigned char c : head)
    if (c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f') ++control;
  if (head.size() >= 64 && control * 10 > head.size())
    return "binary file (" + std::to_string(control) + " control bytes in the first " +
           std::to_string(head.size()) + ")";
  return std::nullopt;
}

std::string mib(size_t bytes) { return std::to_string(bytes >> 20) + " MiB"; }

// Stops an input (after decompression) at --max-input-bytes: a gzip bomb or
// a runaway stdin ends with an error instead of filling the disk or memory.
class LimitedStream final : public ByteStream {
 public:
  LimitedStream(std::unique_ptr<ByteStream> inner, size_t limit)
      : inner_(std::move(inner)), limit_(limit) {}
  size_t read(char* buf, size_t n) override {
    if (!status_.is_ok()) return 0;
    if (position_ >= limit_) {
      // One byte more tells a stream of exactly `limit_` bytes from a longer one.
      char probe;
      if (inner_->read(&probe, 1) == 1) {
        status_ = too_large("input over the " + mib(limit_) + " input limit (--max-input-bytes)");
      } else if (!inner_->status().is_ok()) {
        status_ = inner_->status();
      }
      return 0;
    }
    const size_t got = inner_->read(buf, std::min(n, limit_ - position_));
    if (got == 0 && !inner_->status().is_ok()) status_ = inner_->status();
    position_ += got;
    return got;
  }
  const Status& status() const override { return status_; }
  uint64_t position() const override { return position_; }

 private:
  std::unique_ptr<ByteStream> inner_;
  size_t limit_;
  uint64_t position_ = 0;
  Status status_;
};

class Walker {
 public:
  Walker(const IngestLimits& limits, const std::function<void(RawDocument&&)>& on_document,
         const DiagnosticSink& diagnostics)
      : limits_(limits), on_document_(on_document), diagnostics_(diagnostics) {}

  size_t failed() const { return failed_; }

  void input(const std::string& arg) {
    if (arg == "-") {
      stream("-", ingest::open_file_stream("/dev/stdin"));
      return;
    }
    std::error_code ec;
    const fs::file_status st = fs::status(arg, ec);
    if (ec || !fs::exists(st)) {
      fail(arg, "",
           "cannot open: " + (ec ? ec.message() : std::string("No such file or directory")));
      return;
    }
    if (fs::is_directory(st)) {
      directory(arg);
    } else {
      stream(arg, ingest::open_file_stream(arg));
    }
  }

 private:
  void fail(const std::string& input, const std::string& where, std::string message) {
    ++failed_;
    if (diagnostics_)
      diagnostics_({Diagnostic::Severity::kError, input, where, std::move(message)});
  }

  void directory(const std::string& dir) {
    std::vector<std::string> files;
    std::error_code ec;
    fs::recursive_directory_iterator it(dir, fs::directory_options::skip_permission_denied, ec);
    if (ec) {
      fail(dir, "", "cannot read directory: " + ec.message());
      return;
    }
    for (; it != fs::recursive_directory_iterator(); it.increment(ec)) {
      if (ec) {
        fail(dir, "", "cannot read directory: " + ec.message());
        break;
      }
      const std::string name = it->path().filename().string();
      if (name.starts_with(".")) {
        if (it->is_directory()) it.disable_recursion_pending();
        continue;
      }
      if (it->is_regular_file(ec)) files.push_back(it->path().string());
    }
    std::sort(files.begin(), files.end());
    if (files.empty()) fail(dir, "", "directory holds no files");
    for (const std::string& f : files) stream(f, ingest::open_file_stream(f));
  }

  void stream(const std::string& input, Result<std::unique_ptr<ByteStream>> opened) {
    if (!opened.is_ok()) {
      fail(input, "", opened.status().message());
      return;
    }
    auto peek = std::make_unique<PeekableStream>(std::move(opened).value());
    std::string_view head = peek->peek(4096);
    if (!peek->status().is_ok()) {
      fail(input, "", peek->status().message());
      return;
    }
    if (head.empty()) {
      fail(input, "", "empty file");
      return;
    }
    std::unique_ptr<ByteStream> s = std::move(peek);
    if (head.starts_with("\x1f\x8b")) {
      auto gz = std::make_unique<PeekableStream>(ingest::open_gzip_stream(std::move(s)));
      head = gz->peek(4096);
      if (head.empty()) {
        fail(input, "", gz->status().is_ok() ? "empty gzip file" : gz->status().message());
        return;
      }
      s = std::move(gz);
    }
    auto limited = std::make_unique<PeekableStream>(
        std::make_unique<LimitedStream>(std::move(s), limits_.max_input_bytes));
    head = limited->peek(4096);
    s = std::move(limited);
    std::string_view name = input;
    if (ends_with_ci(name, ".gz")) name.remove_suffix(3);
    const Format format = sniff(head, name);
    if (format == Format::kWarc) {
      failed_ += ingest::read_warc(input, *s, limits_, on_document_, diagnostics_);
      return;
    }
    if (auto why = binary_reason(head)) {
      fail(input, "", *why + "; skipped");
      return;
    }
    if (format == Format::kJsonl) {
      failed_ += ingest::read_jsonl(input, *s, limits_, on_document_, diagnostics_);
      return;
    }
    whole_document(input, *s, format);
  }

  void whole_document(const std::string& input, ByteStream& s, Format format) {
    RawDocument doc;
    doc.input = input;
    doc.path = input;
    doc.is_html = format == Format::kHtml;
    doc.format = doc.is_html ? "html" : "text";
    char buf[1 << 16];
    for (;;) {
      const size_t n = s.read(buf, sizeof buf);
      if (n == 0) break;
      if (doc.body.size() + n > limits_.max_document_bytes) {
        fail(input, "",
             "larger than the " + mib(limits_.max_document_bytes) +
                 " document limit (--max-document-bytes); skipped");
        return;
      }
      doc.body.append(buf, n);
    }
    if (!s.status().is_ok()) {
      fail(input, "", s.status().message() + "; skipped");
      return;
    }
    if (!doc.is_html) {
      // One line longer than the limit is not prose a person wrote.
      size_t start = 0;
      size_t line = 1;
      while (start < doc.body.size()) {
        size_t nl = doc.body.find('\n', start);
        if (nl == std::string::npos) nl = doc.body.size();
        if (nl - start > limits_.max_line_bytes) {
          fail(input, "line " + std::to_string(line),
               "line of " + std::to_string(nl - start) + " bytes over the " +
                   mib(limits_.max_line_bytes) + " line limit (--max-line-bytes); skipped");
          return;
        }
        start = nl + 1;
        ++line;
      }
    }
    on_document_(std::move(doc));
  }

  const IngestLimits& limits_;
  const std::function<void(RawDocument&&)>& on_document_;
  const DiagnosticSink& diagnostics_;
  size_t failed_ = 0;
};

}  // namespace

size_t for_each_document(const std::vector<std::string>& inputs, const IngestLimits& limits,
                         const std::function<void(RawDocument&&)>& on_document,
                         const DiagnosticSink& diagnostics) {
  Walker w(limits, on_document, diagnostics);
  for (const std::string& in : inputs) w.input(in);
  return w.failed();
}

}  // namespace sitrep
