#include "common/json_writer.h"

#include <array>
#include <cassert>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstring>

namespace sitrep {

namespace {
// Bytes append_json_string must look at: '"', '\\', controls, DEL, and 0xE2
// (the lead byte of U+2028/U+2029).
constexpr std::array<bool, 256> kSpecial = [] {
  std::array<bool, 256> t{};
  for (int c = 0; c < 0x20; ++c) t[c] = true;
  t['"'] = t['\\'] = t[0x7F] = t[0xE2] = true;
  return t;
}();

// Index of the first byte of s[i..] that kSpecial marks, or s.size(). Text is
// mostly plain, so eight bytes are tested at a time first (the "has a zero
// byte" and "has a byte below n" bit tricks: exact about whether there is one,
// not about where, so the byte loop then finds it).
size_t next_special(std::string_view s, size_t i) {
  constexpr uint64_t kOnes = 0x0101010101010101ULL, kHigh = 0x8080808080808080ULL;
  const auto has_zero = [](uint64_t v) { return (v - kOnes) & ~v & kHigh; };
  for (; i + 8 <= s.size(); i += 8) {
    uint64_t v;
    std::memcpy(&v, s.data() + i, 8);
    const uint64_t below_space = (v - kOnes * 0x20) & ~v & kHigh;
    if (below_space | has_zero(v ^ (kOnes * '"')) | has_zero(v ^ (kOnes * '\\')) |
        has_zero(v ^ (kOnes * 0x7F)) | has_zero(v ^ (kOnes * 0xE2)))
      break;
  }
  while (i < s.size() && !kSpecial[static_cast<unsigned char>(s[i])]) ++i;
  return i;
}

// Short strings (keys, ids, dates, most names) are most of what is written:
// each byte is tested while it is copied to a buffer on the stack, and the
// string goes out with its quotes, and a key its colon, in one append. False,
// writing nothing, when s is longer or needs escaping.
constexpr size_t kShortString = 32;
bool append_short_plain(std::string& out, std::string_view s, bool colon) {
  if (s.size() > kShortString) return false;
  char buf[kShortString + 3];
  buf[0] = '"';
  bool special = false;
  for (size_t k = 0; k < s.size(); ++k) {
    const auto c = static_cast<unsigned char>(s[k]);
    special |= kSpecial[c];
    buf[k + 1] = static_cast<char>(c);
  }
  if (special) return false;
  size_t n = s.size() + 1;
  buf[n++] = '"';
  if (colon) buf[n++] = ':';
  out.append(buf, n);
  return true;
}

}  // namespace

void append_json_string(std::string& out, std::string_view s) {
  static constexpr char kHex[] = "0123456789abcdef";
  if (append_short_plain(out, s, false)) return;
  size_t i = next_special(s, 0);
  if (i == s.size()) {  // nothing to escape (keys, ids, most values): one copy
    const size_t at = out.size();
    out.resize(at + s.size() + 2);
    out[at] = '"';
    if (!s.empty()) std::memcpy(&out[at + 1], s.data(), s.size());
    out[at + 1 + s.size()] = '"';
    return;
  }
  out.reserve(out.size() + s.size() + 2);
  out.push_back('"');
  size_t run = 0;  // start of bytes not yet copied
  for (; i < s.size(); i = next_special(s, i + 1)) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    const char* esc = nullptr;
    char buf[8];
    if (c == '"')
      esc = "\\\"";
    else if (c == '\\')
      esc = "\\\\";
    else if (c == '\n')
      esc = "\\n";
    else if (c == '\r')
      esc = "\\r";
    else if (c == '\t')
      esc = "\\t";
    else if (c < 0x20 || c == 0x7F) {
      buf[0] = '\\';
      buf[1] = 'u';
      buf[2] = '0';
      buf[3] = '0';
      buf[4] = kHex[c >> 4];
      buf[5] = kHex[c & 15];
      buf[6] = 0;
      esc = buf;
    } else if (c == 0xE2 && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0x80 &&
               (static_cast<unsigned char>(s[i + 2]) == 0xA8 ||
                static_cast<unsigned char>(s[i + 2]) == 0xA9)) {
      // U+2028/U+2029 are valid JSON but break JavaScript string literals.
      out.append(s.substr(run, i - run));
      out.append(static_cast<unsigned char>(s[i + 2]) == 0xA8 ? "\\u2028" : "\\u2029");
      i += 2;
      run = i + 1;
      continue;
    }
    if (esc) {
      out.append(s.substr(run, i - run));
      out.append(esc);
      run = i + 1;
    }
  }
  out.append(s.substr(run));
  out.push_back('"');
}

void JsonWriter::open(char bracket) {
  separate();
  out_.push_back(bracket);
  assert(depth_ < 64);
  empty_ |= uint64_t{1} << depth_;
  ++depth_;
}

void JsonWriter::close(char bracket) {
  out_.push_back(bracket);
  assert(depth_ > 0);
  --depth_;
}

JsonWriter& JsonWriter::begin_object() {
  open('{');
  return *this;
}

JsonWriter& JsonWriter::end_object() {
  close('}');
  return *this;
}

JsonWriter& JsonWriter::begin_array() {
  open('[');
  return *this;
}

JsonWriter& JsonWriter::end_array() {
  close(']');
  return *this;
}

JsonWriter& JsonWriter::dynamic_key(std::string_view k) {
  separate();
  if (!append_short_plain(out_, k, true)) {
    append_json_string(out_, k);
    out_.push_back(':');
  }
  after_key_ = true;
  return *this;
}

JsonWriter& JsonWriter::value(std::string_view s) {
  separate();
  append_json_string(out_, s);
  return *this;
}

JsonWriter& JsonWriter::value(int64_t n) {
  separate();
  char buf[24];
  const auto r = std::to_chars(buf, buf + sizeof buf, n);
  out_.append(buf, r.ptr);
  return *this;
}

JsonWriter& JsonWriter::value(double d) {
  separate();
  if (!std::isfinite(d)) {
    out_.append("null");
    return *this;
  }
  // As printf's "%.6g" (the standard defines to_chars so), without its cost.
  char buf[32];
  const auto r = std::to_chars(buf, buf + sizeof buf, d, std::chars_format::general, 6);
  out_.append(buf, r.ptr);
  return *this;
}

JsonWriter& JsonWriter::value(bool b) {
  separate();
  out_.append(b ? "true" : "false");
  return *this;
}

JsonWriter& JsonWriter::null() {
  separate();
  out_.append("null");
  return *this;
}

}  // namespace sitrep
