// A small streaming JSON writer for output lines. Keys are written in the
// order the caller writes them, so output is deterministic.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>

namespace sitrep {

// Appends `s` as a JSON string literal (quotes included) to `out`. Control
// characters, '"', '\\' and U+2028/U+2029 are escaped; other UTF-8 is kept.
void append_json_string(std::string& out, std::string_view s);

// An object key the code spells as a string literal, made when compiled:
// checked to need no escaping (a key that would is a compile error) and kept
// with its quotes and colon, so that JsonWriter writes it in one append. Keys
// are two thirds of the strings of a report line.
class JsonKey {
 public:
  template <size_t N>
  consteval JsonKey(const char (&s)[N]) {  // NOLINT(google-explicit-constructor): literals are keys
    if (N - 1 + 3 > sizeof quoted_) throw "a JsonKey is at most 45 bytes";
    quoted_[0] = '"';
    for (size_t i = 0; i + 1 < N; ++i) {
      const auto b = static_cast<unsigned char>(s[i]);
      if (b < 0x20 || b >= 0x7F || s[i] == '"' || s[i] == '\\') throw "a JsonKey must need no escaping";
      quoted_[i + 1] = s[i];
    }
    quoted_[N] = '"';
    quoted_[N + 1] = ':';
    size_ = N + 2;
  }
  // The key as it is written: "key":
  std::string_view quoted() const { return {quoted_, size_}; }

 private:
  char quoted_[48] = {};
  size_t size_ = 0;
};

// Writes JSON text whose shape the caller spells out, for the lines written
// most (report lines): keys, brackets, commas and nulls as literal pieces,
// each copied in one fixed-size move, and values escaped or formatted straight
// into `out`, whose room is made once up front (a guess: too little only costs
// a regrowth) instead of per append. The destructor trims `out` to the bytes
// written. No comma bookkeeping: the literals carry their commas.
class RawJsonWriter {
 public:
  RawJsonWriter(std::string& out, size_t room) : out_(out) {
    const size_t at = out.size();
    out.resize(at + room);
    p_ = out.data() + at;
    end_ = out.data() + out.size();
  }
  RawJsonWriter(const RawJsonWriter&) = delete;
  RawJsonWriter& operator=(const RawJsonWriter&) = delete;
  ~RawJsonWriter() { out_.resize(static_cast<size_t>(p_ - out_.data())); }

  // A literal written as it is: the caller makes it valid JSON.
  template <size_t N>
  RawJsonWriter& raw(const char (&s)[N]) {
    need(N - 1);
    std::memcpy(p_, s, N - 1);
    p_ += N - 1;
    return *this;
  }
  RawJsonWriter& raw(std::string_view s) {
    need(s.size());
    std::memcpy(p_, s.data(), s.size());
    p_ += s.size();
    return *this;
  }
  // A string value, quoted and escaped as append_json_string does.
  RawJsonWriter& string(std::string_view s);
  RawJsonWriter& number(int64_t n);
  RawJsonWriter& number(double d);  // as JsonWriter::value(double)
  RawJsonWriter& boolean(bool b) { return b ? raw("true") : raw("false"); }

 private:
  void need(size_t n) {
    if (static_cast<size_t>(end_ - p_) < n) grow(n);
  }
  void grow(size_t n);
  std::string& out_;
  char* p_;
  char* end_;
};

// Containers nest at most 64 deep (report and incident lines use 4).
class JsonWriter {
 public:
  explicit JsonWriter(std::string& out) : out_(out) {}

  JsonWriter& begin_object();
  JsonWriter& end_object();
  JsonWriter& begin_array();
  JsonWriter& end_array();
  JsonWriter& key(const JsonKey& k) {
    separate();
    out_.append(k.quoted());
    after_key_ = true;
    return *this;
  }
  // A key known only when running (a figure's name, a list's): escaped as a value is.
  JsonWriter& dynamic_key(std::string_view k);
  JsonWriter& value(std::string_view s);
  JsonWriter& value(const char* s) { return value(std::string_view(s)); }
  JsonWriter& value(const std::string& s) { return value(std::string_view(s)); }
  JsonWriter& value(int64_t n);
  JsonWriter& value(int n) { return value(static_cast<int64_t>(n)); }
  JsonWriter& value(uint32_t n) { return value(static_cast<int64_t>(n)); }
  JsonWriter& value(double d);
  JsonWriter& value(bool b);
  JsonWriter& null();
  JsonWriter& value(const std::optional<std::string>& s) { return s ? value(*s) : null(); }

  template <typename T>
  JsonWriter& field(const JsonKey& k, const T& v) {
    key(k);
    return value(v);
  }

 private:
  // Before an element: a comma unless it is the container's first or a key's value.
  void separate() {
    if (after_key_) {
      after_key_ = false;
      return;
    }
    if (depth_ > 0) {
      const uint64_t bit = uint64_t{1} << (depth_ - 1);
      if (!(empty_ & bit)) out_.push_back(',');
      empty_ &= ~bit;
    }
  }
  void open(char bracket);
  void close(char bracket);
  std::string& out_;
  // Bit d: the container open at depth d has no element yet. A bit stack, not a
  // std::vector<bool>: a writer is made per line, and this spares its allocation.
  uint64_t empty_ = 0;
  int depth_ = 0;
  bool after_key_ = false;
};

}  // namespace sitrep
