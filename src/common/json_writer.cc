#include "common/json_writer.h"

#include <array>
#include <bit>
#include <cassert>
#include <charconv>
#include <cmath>
#include <cstring>

#include <emmintrin.h>

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

// Bit k set when byte k of v is one kSpecial marks: '"', '\\', a control,
// DEL or 0xE2.
inline unsigned special_bits(__m128i v) {
  const __m128i marked = _mm_or_si128(
      _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('"')), _mm_cmpeq_epi8(v, _mm_set1_epi8('\\'))),
      _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8(0x7F)), _mm_cmpeq_epi8(v, _mm_set1_epi8(static_cast<char>(0xE2)))));
  const __m128i control = _mm_cmpeq_epi8(_mm_min_epu8(v, _mm_set1_epi8(0x1F)), v);
  return static_cast<unsigned>(_mm_movemask_epi8(_mm_or_si128(marked, control)));
}

// Copies the bytes of `s` before the first one kSpecial marks to `dst` (room
// for s.size() bytes) and returns how many (bytes after it may be copied too).
// Sixteen bytes are tested at a time (SSE2: every x86-64 has it, and the
// project is x86-64 only, as Hyperscan is); the last block of a string
// overlaps the one before; a string of 8 to 15 bytes is tested as its first
// and last eight; shorter ones a byte at a time.
[[gnu::always_inline]] inline size_t copy_plain(char* dst, std::string_view s) {
  const size_t n = s.size();
  const char* src = s.data();
  if (n >= 16) {
    size_t i = 0;
    for (; i + 16 <= n; i += 16) {
      const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(src + i));
      _mm_storeu_si128(reinterpret_cast<__m128i*>(dst + i), v);
      if (const unsigned bits = special_bits(v)) return i + static_cast<size_t>(std::countr_zero(bits));
    }
    if (i == n) return n;
    // Bytes before i are plain, so a marked one here is at i or after.
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(src + n - 16));
    _mm_storeu_si128(reinterpret_cast<__m128i*>(dst + n - 16), v);
    const unsigned bits = special_bits(v);
    return bits ? n - 16 + static_cast<size_t>(std::countr_zero(bits)) : n;
  }
  if (n >= 8) {
    const __m128i head = _mm_loadl_epi64(reinterpret_cast<const __m128i*>(src));
    const __m128i tail = _mm_loadl_epi64(reinterpret_cast<const __m128i*>(src + n - 8));
    _mm_storel_epi64(reinterpret_cast<__m128i*>(dst), head);
    _mm_storel_epi64(reinterpret_cast<__m128i*>(dst + n - 8), tail);
    const unsigned bits = special_bits(_mm_unpacklo_epi64(head, tail));
    if (!bits) return n;
    return (bits & 0xFF) ? static_cast<size_t>(std::countr_zero(bits))
                         : n - 16 + static_cast<size_t>(std::countr_zero(bits));
  }
  size_t i = 0;
  for (; i < n; ++i) {
    const auto c = static_cast<unsigned char>(src[i]);
    if (kSpecial[c]) break;
    dst[i] = static_cast<char>(c);
  }
  return i;
}

// Writes `s` escaped, without quotes, at `p` (room for 6 bytes a byte of s)
// and returns the end.
char* write_escaped(char* p, std::string_view s) {
  static constexpr char kHex[] = "0123456789abcdef";
  size_t i = 0;
  for (;;) {
    const size_t plain = copy_plain(p, s.substr(i));
    p += plain;
    i += plain;
    if (i == s.size()) return p;
    const auto c = static_cast<unsigned char>(s[i]);
    const auto put2 = [&p](char a, char b) {
      p[0] = a;
      p[1] = b;
      p += 2;
    };
    if (c == '"') {
      put2('\\', '"');
    } else if (c == '\\') {
      put2('\\', '\\');
    } else if (c == '\n') {
      put2('\\', 'n');
    } else if (c == '\r') {
      put2('\\', 'r');
    } else if (c == '\t') {
      put2('\\', 't');
    } else if (c < 0x20 || c == 0x7F) {
      std::memcpy(p, "\\u00", 4);
      p[4] = kHex[c >> 4];
      p[5] = kHex[c & 15];
      p += 6;
    } else if (c == 0xE2 && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0x80 &&
               (static_cast<unsigned char>(s[i + 2]) == 0xA8 ||
                static_cast<unsigned char>(s[i + 2]) == 0xA9)) {
      // U+2028/U+2029 are valid JSON but break JavaScript string literals.
      std::memcpy(p, static_cast<unsigned char>(s[i + 2]) == 0xA8 ? "\\u2028" : "\\u2029", 6);
      p += 6;
      i += 2;
    } else {
      *p++ = static_cast<char>(c);
    }
    ++i;
  }
}

// "%.6g" of a finite d that printf writes in fixed notation (decimal exponent
// X of -4..5), computed from r = round(|d| * 10^(5 - X)) in doubles, or
// nullptr when unsure. The product is rounded once, by less than 2^-33 below
// 10^6, which decides r only when the exact fraction is that close to one half:
// fractions within 1e-7 of it go to to_chars, which is exact.
char* write_g6_fixed(char* p, double d) {
  static constexpr double kPow10[] = {1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9};
  const double a = d < 0 ? -d : d;
  if (!(a >= 1e-4 && a < 1e6)) return nullptr;
  int x = 5;  // the exponent, then checked by the rounded digits
  while (x > -4 && a < (x >= 0 ? kPow10[x] : 1 / kPow10[-x])) --x;
  double r = 0;
  for (int tries = 0;; ++tries) {
    if (tries == 2 || x < -4 || x > 5) return nullptr;
    const double scaled = a * kPow10[5 - x];
    const double fraction = scaled - std::floor(scaled);
    if (std::fabs(fraction - 0.5) < 1e-7) return nullptr;
    r = std::floor(scaled + 0.5);
    if (r < 1e5) {
      --x;
    } else if (r > 1e6) {
      ++x;
    } else if (r == 1e6) {  // 9.999996 -> 10: the exponent of the rounded value
      r = 1e5;
      if (++x > 5) return nullptr;
      break;
    } else {
      break;
    }
  }
  // Six used; sixteen so that the fixed-size copies below, up to six bytes from
  // the sixth digit, stay inside the array.
  char digits[16] = {};
  auto n = static_cast<uint32_t>(r);
  for (int k = 5; k >= 0; --k) {
    digits[k] = static_cast<char>('0' + n % 10);
    n /= 10;
  }
  int last = 5;  // printf's %g drops trailing zeros of the fraction
  const int int_digits = x >= 0 ? x + 1 : 0;
  while (last >= int_digits && digits[last] == '0') --last;
  if (d < 0) *p++ = '-';
  // Digits and point copied whole (p has room to spare), the end set after.
  if (x >= 0) {
    std::memcpy(p, digits, 8);
    if (last < int_digits) return p + int_digits;
    p[int_digits] = '.';
    std::memcpy(p + int_digits + 1, digits + int_digits, 6);
    return p + last + 2;
  }
  std::memcpy(p, "0.0000", 6);  // "0." and up to three zeros, then the digits
  p += 1 - x;
  std::memcpy(p, digits, 8);
  return p + last + 1;
}

// Room write_double needs: "-1.23457e-308" and less.
constexpr size_t kMaxDouble = 24;

// As printf's "%.6g" (the standard defines to_chars so), without its cost for
// the usual values (coordinates); null when not finite.
char* write_double(char* p, double d) {
  if (!std::isfinite(d)) {
    std::memcpy(p, "null", 4);
    return p + 4;
  }
  if (char* end = write_g6_fixed(p, d)) return end;
  return std::to_chars(p, p + kMaxDouble, d, std::chars_format::general, 6).ptr;
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
  if (append_short_plain(out, s, false)) return;
  RawJsonWriter(out, s.size() + 2).string(s);
}

RawJsonWriter& RawJsonWriter::string(std::string_view s) {
  need(s.size() + 2);
  *p_++ = '"';
  const size_t plain = copy_plain(p_, s);
  p_ += plain;
  if (plain < s.size()) {  // rare: room for the worst case of the rest
    const std::string_view rest = s.substr(plain);
    need(6 * rest.size() + 1);
    p_ = write_escaped(p_, rest);
  }
  *p_++ = '"';
  return *this;
}

RawJsonWriter& RawJsonWriter::number(int64_t n) {
  need(20);
  p_ = std::to_chars(p_, p_ + 20, n).ptr;
  return *this;
}

RawJsonWriter& RawJsonWriter::number(double d) {
  need(kMaxDouble);
  p_ = write_double(p_, d);
  return *this;
}

void RawJsonWriter::grow(size_t n) {
  // With room for the line's usual end too (resize reallocates geometrically).
  const size_t at = static_cast<size_t>(p_ - out_.data());
  out_.resize(at + n + 256);
  p_ = out_.data() + at;
  end_ = out_.data() + out_.size();
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
  char buf[kMaxDouble];
  out_.append(buf, write_double(buf, d));
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
